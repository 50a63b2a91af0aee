package io.mlwb.telemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the machine on a daemon thread ({@code mlwb-telemetry}) every interval while a run trains, and hands each
 * {@link TelemetrySample} to a consumer on that thread (names in {@link MetricNames}; keep the consumer short, e.g.
 * put the sample in a queue).
 *
 * <p>Guarantees: the sources' baselines are read when the sampler starts and the first sample comes one interval
 * later, so rates and CPU loads compare two real readings (no spike from "since boot"). Samples follow a fixed
 * rhythm; a tick that ran late is not made up with a burst of catch-up samples. A source that throws is logged once
 * and its values are left out of that sample; a consumer that throws is logged once; nothing is thrown into the
 * sampler's thread, so sampling goes on until {@link #close()}. No GPU is a normal state: the {@code gpu} names are
 * simply absent. After {@code close()} returns (on another thread) no more samples are delivered.
 */
public final class SystemSampler implements AutoCloseable {
    /** Once a second, as a run records its system metrics. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(SystemSampler.class);
    private static final long CLOSE_WAIT_MS = 2_000;

    private final long intervalNanos;
    private final List<Slot> slots = new ArrayList<>();
    private final Consumer<TelemetrySample> sink;
    private final Object sampling = new Object();
    private ScheduledExecutorService timer;
    private volatile Thread timerThread;
    private volatile boolean running;
    private boolean closed;
    private long nextDue;
    private boolean sinkFailed;

    /**
     * The machine's OSHI sources (CPU, process, memory, disks, network) plus the GPUs.
     *
     * @param intervalMs the interval in milliseconds (1000 for once a second), more than 0
     * @param gpus       what the GPUs report (e.g. {@code new NvidiaSmi()::query}), or null when the machine has none
     * @param sink       receives each sample on the sampler's thread
     */
    public SystemSampler(long intervalMs, Supplier<GpuStatus> gpus, Consumer<TelemetrySample> sink) {
        this(Duration.ofMillis(intervalMs), machine(gpus), sink);
    }

    /**
     * @param interval the time between samples, more than 0
     * @param sources  what to read, in the order their values appear in a sample
     * @param sink     receives each sample on the sampler's thread
     */
    public SystemSampler(Duration interval, List<? extends TelemetrySource> sources,
                         Consumer<TelemetrySample> sink) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("telemetry interval must be positive: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.sink = Objects.requireNonNull(sink, "sink");
        for (TelemetrySource s : sources) {
            slots.add(new Slot(Objects.requireNonNull(s, "source")));
        }
    }

    /**
     * The sampler for this machine: OSHI's sources, and the GPUs when {@code nvidia-smi} lists one now (asked once
     * here; without a GPU the tool is not started again each interval).
     *
     * @param interval the time between samples
     * @param gpus     the GPU tool
     * @param sink     receives each sample on the sampler's thread
     * @return a sampler, not started
     */
    public static SystemSampler forThisMachine(Duration interval, NvidiaSmi gpus, Consumer<TelemetrySample> sink) {
        GpuStatus now = gpus.query();
        if (!now.present()) {
            LOG.info("No GPU telemetry: {}", now.reason());
        }
        return new SystemSampler(interval, machine(now.present() ? gpus::query : null), sink);
    }

    private static List<TelemetrySource> machine(Supplier<GpuStatus> gpus) {
        List<TelemetrySource> sources = new ArrayList<>(OshiSources.all());
        if (gpus != null) {
            sources.add(TelemetrySource.gpus(gpus));
        }
        return sources;
    }

    /**
     * Reads the baselines on the sampler's thread and schedules a sample every interval from now.
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start() {
        if (timer != null || closed) {
            throw new IllegalStateException(closed ? "telemetry sampler is closed" : "telemetry sampler is running");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mlwb-telemetry");
            t.setDaemon(true);
            timerThread = t;
            return t;
        });
        running = true;
        nextDue = System.nanoTime();
        timer.execute(this::openAll);
        scheduleNext();
    }

    /** @return whether samples are being taken (started and not closed) */
    public boolean running() {
        return running;
    }

    /**
     * Takes one sample now on the calling thread and hands it to the consumer (the scheduled work; public for tests
     * that drive the sampler by hand). A source not yet opened is opened instead of read. Never throws.
     */
    public void tick() {
        synchronized (sampling) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (Slot slot : slots) {
                slot.sample(values);
            }
            if (values.isEmpty()) {
                return;
            }
            try {
                sink.accept(new TelemetrySample(System.currentTimeMillis(), values));
            } catch (RuntimeException e) {
                if (!sinkFailed) {
                    sinkFailed = true;
                    LOG.warn("A telemetry sample was refused by its consumer (logged once)", e);
                } else {
                    LOG.debug("A telemetry sample was refused by its consumer: {}", e.toString());
                }
            }
        }
    }

    private void openAll() {
        synchronized (sampling) {
            for (Slot slot : slots) {
                slot.open();
            }
        }
    }

    private synchronized void scheduleNext() {
        if (!running) {
            return;
        }
        long now = System.nanoTime();
        nextDue += intervalNanos;
        if (nextDue - now < 0) { // late (a long GC pause, a slow GPU tool): skip the missed ticks, keep the rhythm
            nextDue += ((now - nextDue) / intervalNanos + 1) * intervalNanos;
        }
        try {
            timer.schedule(this::scheduledTick, nextDue - now, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Telemetry sampler stopped while scheduling");
        }
    }

    private void scheduledTick() {
        if (!running) {
            return;
        }
        try {
            tick();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Telemetry sample failed", e);
        } finally {
            scheduleNext();
        }
    }

    /** Stops sampling and waits briefly for a sample in progress; idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            running = false;
            closed = true;
            t = timer;
        }
        if (t == null) {
            return;
        }
        t.shutdownNow();
        if (Thread.currentThread() == timerThread) {
            return; // closed from the consumer: the sample in progress is this one
        }
        try {
            if (!t.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Telemetry sampler did not stop within {} ms", CLOSE_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A source with its state: opened, left out, whether its failure was logged. */
    private static final class Slot {
        private final TelemetrySource source;
        private boolean opened;
        private boolean dead;
        private boolean failureLogged;

        Slot(TelemetrySource source) {
            this.source = source;
        }

        void open() {
            if (opened || dead) {
                return;
            }
            opened = true;
            try {
                source.open();
            } catch (RuntimeException | LinkageError e) {
                dead = true;
                LOG.warn("Telemetry source '{}' is not available on this machine and is left out: {}",
                        source.name(), e.toString());
            }
        }

        void sample(Map<String, Double> values) {
            if (dead) {
                return;
            }
            if (!opened) {
                open();
                return;
            }
            Map<String, Double> own = new LinkedHashMap<>();
            try {
                source.sample(own);
            } catch (RuntimeException | LinkageError e) {
                if (!failureLogged) {
                    failureLogged = true;
                    LOG.warn("Telemetry source '{}' failed; its values are left out while it fails (logged once)",
                            source.name(), e);
                } else {
                    LOG.debug("Telemetry source '{}' failed again: {}", source.name(), e.toString());
                }
                return;
            }
            own.forEach((name, value) -> {
                if (value != null && Double.isFinite(value)) {
                    values.put(name, value);
                }
            });
        }
    }
}
