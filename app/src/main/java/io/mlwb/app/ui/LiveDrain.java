package io.mlwb.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.util.Duration;

/**
 * The one way live data reaches the FX thread (STYLE rule 6): background threads {@link #offer} values into a
 * lock-free queue, and a {@link Timeline} on the FX thread hands everything queued since the last tick to the sink
 * as one list, at most ten times a second — never one {@code runLater} per event. Training's loss points, telemetry
 * samples, log lines and job progress all go through it.
 *
 * <p>A drain can also just tick ({@link #polling}): for a source that is read rather than pushed (a log ring
 * buffer, the latest progress fraction), the sink runs every period with an empty list.
 *
 * <p>The timer runs only while it is needed: {@link #start()}/{@link #stop()}, or {@link #whileShowing(Node)},
 * which runs it while the node is in a scene. The timeline is created on first start, so a drain can be built
 * where no FX toolkit runs (a view model's test) as long as it is never started there.
 *
 * @param <T> what is drained
 */
public final class LiveDrain<T> {
    /** The default period: ten updates a second, the most any pane needs. */
    public static final Duration DEFAULT_PERIOD = Duration.millis(100);

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final Consumer<List<T>> sink;
    private final Duration period;
    private final boolean tickWhenEmpty;
    private Timeline timeline;

    private LiveDrain(Consumer<List<T>> sink, Duration period, boolean tickWhenEmpty) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.period = Objects.requireNonNull(period, "period");
        if (period.lessThan(DEFAULT_PERIOD)) {
            throw new IllegalArgumentException("A drain ticks at most ten times a second, not every " + period);
        }
        this.tickWhenEmpty = tickWhenEmpty;
    }

    /**
     * @param sink gets what was offered since the last tick, in order, on the FX thread; never an empty list
     * @param <T>  what is drained
     * @return a drain ticking ten times a second
     */
    public static <T> LiveDrain<T> of(Consumer<List<T>> sink) {
        return new LiveDrain<>(sink, DEFAULT_PERIOD, false);
    }

    /**
     * @param sink   gets what was offered since the last tick, on the FX thread; never an empty list
     * @param period how often; at least {@link #DEFAULT_PERIOD}
     * @param <T>    what is drained
     * @return a drain ticking every {@code period}
     */
    public static <T> LiveDrain<T> of(Consumer<List<T>> sink, Duration period) {
        return new LiveDrain<>(sink, period, false);
    }

    /**
     * @param tick   runs every {@code period} on the FX thread (reads a source that is polled, not pushed)
     * @param period how often; at least {@link #DEFAULT_PERIOD}
     * @return a drain that ticks whether or not anything was offered
     */
    public static LiveDrain<Void> polling(Runnable tick, Duration period) {
        Objects.requireNonNull(tick, "tick");
        return new LiveDrain<>(values -> tick.run(), period, true);
    }

    /**
     * Queues a value for the next tick. Any thread; never blocks.
     *
     * @param value what to hand to the sink
     */
    public void offer(T value) {
        queue.add(Objects.requireNonNull(value, "value"));
    }

    /** @return how many values wait for the next tick; any thread */
    public int pending() {
        return queue.size();
    }

    /** Hands what is queued to the sink now (FX thread), e.g. once when a pane is first shown. */
    public void drainNow() {
        List<T> batch = new ArrayList<>();
        for (T v; (v = queue.poll()) != null; ) {
            batch.add(v);
        }
        if (!batch.isEmpty() || tickWhenEmpty) {
            sink.accept(batch);
        }
    }

    /** Starts ticking (FX thread); does nothing when already running. */
    public void start() {
        if (timeline == null) {
            timeline = new Timeline(new KeyFrame(period, e -> drainNow()));
            timeline.setCycleCount(Animation.INDEFINITE);
        }
        if (timeline.getStatus() != Animation.Status.RUNNING) {
            timeline.play();
        }
    }

    /** Stops ticking (FX thread); what is queued stays queued. */
    public void stop() {
        if (timeline != null) {
            timeline.stop();
        }
    }

    /** @return whether the timer runs */
    public boolean running() {
        return timeline != null && timeline.getStatus() == Animation.Status.RUNNING;
    }

    /**
     * Ticks while {@code node} is in a scene, and drains once as it enters one; a pane that is closed or hidden in a
     * tool window that was removed stops costing anything.
     *
     * @param node the pane that shows the drained data
     * @return this drain
     */
    public LiveDrain<T> whileShowing(Node node) {
        node.sceneProperty().addListener((o, before, scene) -> {
            if (scene == null) {
                stop();
            } else {
                drainNow();
                start();
            }
        });
        if (node.getScene() != null && Platform.isFxApplicationThread()) {
            start();
        }
        return this;
    }
}
