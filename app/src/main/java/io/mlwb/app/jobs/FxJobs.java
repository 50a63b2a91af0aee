package io.mlwb.app.jobs;

import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.app.ui.LiveDrain;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Job;
import io.mlwb.core.job.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's {@link UiJobs}: each job runs on a small pool of daemon threads ({@code mlwb-job-N}) inside a
 * {@link Task}, whose callbacks run on the FX thread. Jobs are listed in {@link #jobs()} (running ones and the last
 * {@value #KEEP_FINISHED} finished) for the Jobs tool window. A job's progress is kept as its latest fraction and
 * message and read by a {@link LiveDrain} ten times a second while jobs run; the elapsed times by another once a
 * second — the work never posts to the FX thread itself.
 *
 * <p>Cancelling sets the flag the work sees through {@link Progress#cancelled()}; work that has not stopped
 * {@value #INTERRUPT_AFTER_MS} ms later is interrupted (it may be blocked in a wait). A job that ends after a cancel
 * request with any exception ends {@link JobState#CANCELLED} and gets {@link Cancelled} in {@code onFailure}; a
 * cancelled job is not an error and is never reported. Any other failure is reported here, once, to the
 * {@link ErrorReporter} with the job's title as source, then goes to {@code onFailure} (see {@link UiJobs}); the same
 * rule as {@link InlineJobs}, in one place ({@code JobFailures}).
 *
 * <p>Call {@link #run}, {@link #jobs()} and the other methods on the FX thread ({@code run} from another thread
 * is passed to it); {@link JobHandle#cancel()} works from any thread.
 */
public final class FxJobs implements UiJobs, AutoCloseable {
    /** How many finished jobs stay listed. */
    public static final int KEEP_FINISHED = 50;
    /** How long after a cancel request a job that has not stopped is interrupted. */
    public static final long INTERRUPT_AFTER_MS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(FxJobs.class);
    private static final AtomicInteger POOL_THREADS = new AtomicInteger();

    private final ErrorReporter errors;
    private final Clock clock;
    private final ExecutorService executor;
    private final ScheduledExecutorService interrupter;
    private final ObservableList<JobEntry> jobs = FXCollections.observableArrayList();
    private Duration hideQuickerThan = Duration.ZERO;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running", 0);
    /** The running jobs' rows and tasks, for the drains (FX thread). */
    private final Map<JobEntry, JobTask<?>> live = new LinkedHashMap<>();
    private final LiveDrain<Void> progress = LiveDrain.polling(this::showProgress, LiveDrain.DEFAULT_PERIOD);
    private final LiveDrain<Void> ticker = LiveDrain.polling(this::tick, javafx.util.Duration.seconds(1));

    /** @param errors where failed jobs are reported (the Problems model) */
    public FxJobs(ErrorReporter errors) {
        this(errors, defaultThreads(), Clock.systemUTC());
    }

    /**
     * @param errors  where failed jobs are reported
     * @param threads worker threads, clamped to 2..4
     * @param clock   the clock for start times and elapsed time
     */
    public FxJobs(ErrorReporter errors, int threads, Clock clock) {
        this.errors = Objects.requireNonNull(errors, "errors");
        this.clock = Objects.requireNonNull(clock, "clock");
        int size = Math.max(2, Math.min(4, threads));
        this.executor = Executors.newFixedThreadPool(size, daemon(() -> "mlwb-job-" + POOL_THREADS.incrementAndGet()));
        this.interrupter = Executors.newSingleThreadScheduledExecutor(daemon(() -> "mlwb-job-interrupter"));
    }

    private static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors() - 1;
    }

    private static ThreadFactory daemon(java.util.function.Supplier<String> names) {
        return r -> {
            Thread t = new Thread(r, names.get());
            t.setDaemon(true);
            return t;
        };
    }

    /** @return the running and recently finished jobs, newest first (FX thread) */
    public ObservableList<JobEntry> jobs() {
        return jobs;
    }

    /** @return how many jobs are running now, for the status bar */
    public ReadOnlyIntegerProperty runningCountProperty() {
        return running.getReadOnlyProperty();
    }

    /** Removes every finished job from {@link #jobs()}. */
    public void clearFinished() {
        jobs.removeIf(e -> e.state().finished());
    }

    @Override
    public <T> JobHandle run(String title, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(onSuccess, "onSuccess");
        Objects.requireNonNull(onFailure, "onFailure");
        JobTask<T> task = new JobTask<>(job);
        JobEntry entry = new JobEntry(title, clock.instant(), task::requestCancel);
        onFx(() -> start(entry, task, onSuccess, onFailure));
        return new JobHandle() {
            @Override
            public void cancel() {
                task.requestCancel();
            }

            @Override
            public boolean done() {
                return task.ended;
            }
        };
    }

    private <T> void start(JobEntry entry, JobTask<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        jobs.add(0, entry);
        running.set(running.get() + 1);
        live.put(entry, task);
        task.setOnSucceeded(e -> {
            finish(entry, task, JobState.SUCCEEDED);
            JobFailures.callback(errors, entry.title(), () -> onSuccess.accept(task.getValue()));
        });
        task.setOnFailed(e -> {
            Throwable error = task.getException();
            boolean cancelled = JobFailures.cancelled(error, task.cancelRequested) != null;
            finish(entry, task, cancelled ? JobState.CANCELLED : JobState.FAILED);
            JobFailures.end(errors, entry.title(), error, task.cancelRequested, onFailure);
        });
        progress.start();
        ticker.start();
        LOG.debug("Job '{}' started", entry.title());
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closed (the app is exiting): the job never runs
            task.requestCancel();
            finish(entry, task, JobState.CANCELLED);
            JobFailures.end(errors, entry.title(), new Cancelled(), true, onFailure);
        }
    }

    private void finish(JobEntry entry, JobTask<?> task, JobState state) {
        task.ended = true;
        show(entry, task);
        live.remove(entry);
        entry.setElapsed(Duration.between(entry.started(), clock.instant()));
        if (state == JobState.SUCCEEDED) {
            entry.setProgress(1);
        }
        entry.setState(state);
        running.set(running.get() - 1);
        if (live.isEmpty()) {
            progress.stop();
            ticker.stop();
        }
        if (state == JobState.SUCCEEDED && entry.elapsedProperty().get().compareTo(hideQuickerThan) < 0) {
            jobs.remove(entry);
        }
        trimFinished();
        LOG.debug("Job '{}' ended {} after {}", entry.title(), state, entry.elapsedProperty().get());
    }

    /**
     * Quick jobs that succeed (reading git status, listing a folder) are not worth a row in the Jobs tool window:
     * ones that succeed faster than {@code threshold} are removed when they finish. Failed and cancelled jobs
     * always stay. Default: zero (every job stays).
     *
     * @param threshold the duration under which a succeeded job is not kept
     */
    public void hideSucceededQuickerThan(Duration threshold) {
        this.hideQuickerThan = Objects.requireNonNull(threshold, "threshold");
    }

    private void trimFinished() {
        List<JobEntry> finished = jobs.stream().filter(e -> e.state().finished()).toList();
        if (finished.size() > KEEP_FINISHED) {
            jobs.removeAll(finished.subList(KEEP_FINISHED, finished.size()));
        }
    }

    /** The progress drain's tick: each running job's latest fraction and message onto its row. */
    private void showProgress() {
        live.forEach(FxJobs::show);
    }

    private static void show(JobEntry entry, JobTask<?> task) {
        entry.setProgress(task.fraction);
        String message = task.message;
        if (message != null) {
            entry.setMessage(message);
        }
    }

    /** The elapsed drain's tick, once a second. */
    private void tick() {
        Instant now = clock.instant();
        for (JobEntry e : live.keySet()) {
            e.setElapsed(Duration.between(e.started(), now));
        }
    }

    /** Cancels every running job and stops the worker threads. A job started later ends cancelled at once. */
    @Override
    public void close() {
        onFx(() -> {
            List.copyOf(jobs).forEach(JobEntry::cancel);
            progress.stop();
            ticker.stop();
        });
        executor.shutdownNow();
        interrupter.shutdownNow();
        LOG.debug("Job runner closed");
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /** A job inside a Task: our own cancel flag (so the work decides when it stopped), interrupt as a last resort. */
    private final class JobTask<T> extends Task<T> {
        private final Job<T> job;
        private final Object lock = new Object();
        private volatile boolean cancelRequested;
        private volatile boolean ended;
        /** The latest progress the work reported (any thread writes, the drain reads). */
        private volatile double fraction = -1;
        private volatile String message;
        private Thread worker;

        JobTask(Job<T> job) {
            this.job = job;
        }

        void requestCancel() {
            synchronized (lock) {
                if (cancelRequested || ended) {
                    return;
                }
                cancelRequested = true;
            }
            try {
                interrupter.schedule(this::interruptIfStillWorking, INTERRUPT_AFTER_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closing: shutdownNow interrupts the workers anyway
            }
        }

        private void interruptIfStillWorking() {
            synchronized (lock) {
                if (worker != null) {
                    worker.interrupt();
                }
            }
        }

        @Override
        protected T call() throws Exception {
            synchronized (lock) {
                if (cancelRequested) {
                    throw new Cancelled();
                }
                worker = Thread.currentThread();
            }
            try {
                return job.run(new Progress() {
                    @Override
                    public void report(double value, String text) {
                        fraction = value < 0 ? -1 : value;
                        if (text != null) {
                            message = text;
                        }
                    }

                    @Override
                    public boolean cancelled() {
                        return cancelRequested;
                    }
                });
            } finally {
                synchronized (lock) {
                    worker = null;
                    // a late interrupt must not reach the pool's next job
                    Thread.interrupted();
                }
            }
        }
    }
}
