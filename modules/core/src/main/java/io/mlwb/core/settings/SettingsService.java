package io.mlwb.core.settings;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link Settings} and saves them {@link #SAVE_DELAY} after the last change, so dragging a
 * divider writes the file once, not a hundred times. Call {@link #close()} on exit to save what is pending.
 * Thread-safe. A failed save is logged and passed to the error callback, never thrown from the background
 * thread; the settings stay dirty, so the next save tries again.
 *
 * <pre>{@code
 * LoadResult loaded = store.load();            // show loaded.warnings() in the Problems panel
 * var settings = new SettingsService(store, loaded.settings(), errors::show);
 * settings.update(s -> s.withProjectOpened(folder));
 * }</pre>
 */
public final class SettingsService implements AutoCloseable {
    /** How long after the last change the settings are saved. */
    public static final Duration SAVE_DELAY = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(SettingsService.class);

    /** Writes settings; {@link SettingsStore#save} in production, a counting fake in tests. */
    @FunctionalInterface
    interface Saver {
        void save(Settings settings) throws IOException;
    }

    /** Runs a task once after the save delay; a single daemon thread in production, manual in tests. */
    interface Scheduler {
        /** @return an action that cancels the task if it has not started */
        Runnable schedule(Runnable task);

        void shutdown();
    }

    private final Saver saver;
    private final Consumer<? super Exception> onSaveError;
    private final Scheduler scheduler;
    private final List<Consumer<Settings>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    /** Held while writing, so saves happen one at a time and a later snapshot is never overwritten by an older one. */
    private final Object saveLock = new Object();

    private Settings current;
    private boolean dirty;
    private boolean closed;
    private Runnable cancelPending;

    /**
     * @param store   where to save
     * @param initial the settings to start from, usually {@code store.load().settings()}
     */
    public SettingsService(SettingsStore store, Settings initial) {
        this(store, initial, e -> { });
    }

    /**
     * @param store       where to save
     * @param initial     the settings to start from, usually {@code store.load().settings()}
     * @param onSaveError told about each failed save (on the saving thread: the background thread, or the
     *                    caller of {@link #flush()} / {@link #close()}); the failure is logged either way
     */
    public SettingsService(SettingsStore store, Settings initial, Consumer<? super Exception> onSaveError) {
        this(store::save, initial, onSaveError, executorScheduler(SAVE_DELAY));
    }

    SettingsService(Saver saver, Settings initial, Consumer<? super Exception> onSaveError, Scheduler scheduler) {
        this.saver = Objects.requireNonNull(saver, "saver");
        this.current = Objects.requireNonNull(initial, "initial");
        this.onSaveError = Objects.requireNonNull(onSaveError, "onSaveError");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    static Scheduler executorScheduler(Duration delay) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mlwb-settings-save");
            t.setDaemon(true);
            return t;
        });
        return new Scheduler() {
            @Override
            public Runnable schedule(Runnable task) {
                ScheduledFuture<?> f = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            }

            @Override
            public void shutdown() {
                executor.shutdown();
            }
        };
    }

    /** @return the settings as of the latest update */
    public Settings current() {
        synchronized (lock) {
            return current;
        }
    }

    /**
     * Replaces the settings with {@code change.apply(current())}, atomically with respect to other updates,
     * then tells the listeners on this thread and schedules a save. Does nothing when the result equals the
     * current settings.
     *
     * @param change computes the new settings; must not return null, and should be quick and side-effect free
     * @throws IllegalStateException after {@link #close()}
     */
    public void update(UnaryOperator<Settings> change) {
        Settings next;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("settings service is closed");
            }
            next = Objects.requireNonNull(change.apply(current), "the settings update returned null");
            if (next.equals(current)) {
                return;
            }
            current = next;
            dirty = true;
            if (cancelPending != null) {
                cancelPending.run();
            }
            cancelPending = scheduler.schedule(this::saveIfDirty);
        }
        // outside the lock: a listener may take its time or update again; with concurrent updaters, a
        // listener may see them out of order, but current() is always the latest
        for (Consumer<Settings> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.error("Settings listener {} failed", l, e);
            }
        }
    }

    /** @param listener called with the new settings after each change, on the thread that made it */
    public void addListener(Consumer<Settings> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @param listener a listener added before; nothing happens when it is not there */
    public void removeListener(Consumer<Settings> listener) {
        listeners.remove(listener);
    }

    /**
     * Saves now, on this thread, if anything changed since the last successful save, and cancels the pending
     * delayed save. Does not throw on failure.
     *
     * @return true when the settings are on disk (saved now, or nothing was pending); false when the save failed
     */
    public boolean flush() {
        synchronized (lock) {
            if (cancelPending != null) {
                cancelPending.run();
                cancelPending = null;
            }
        }
        return saveIfDirty();
    }

    /** Saves pending changes as {@link #flush()} does, then stops the background thread. Later updates throw. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        flush();
        scheduler.shutdown();
    }

    private boolean saveIfDirty() {
        synchronized (saveLock) {
            Settings snapshot;
            synchronized (lock) {
                if (!dirty) {
                    return true;
                }
                snapshot = current;
                dirty = false;
            }
            try {
                saver.save(snapshot);
                return true;
            } catch (IOException | RuntimeException e) {
                synchronized (lock) {
                    dirty = true; // try again on the next change, flush or close
                }
                LOG.warn("Could not save settings", e);
                try {
                    onSaveError.accept(e);
                } catch (RuntimeException callbackFailure) {
                    LOG.error("Settings save error callback failed", callbackFailure);
                }
                return false;
            }
        }
    }
}
