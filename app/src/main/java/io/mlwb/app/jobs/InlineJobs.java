package io.mlwb.app.jobs;

import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Job;
import io.mlwb.core.job.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Runs each job at once on the calling thread: for view-model tests and headless use. It reports a failed job exactly
 * as {@link FxJobs} does (once, to the {@link ErrorReporter}, with the job's title as source; a cancelled job never),
 * so a test sees what the person would see in Problems. Records the titles it ran and what it reported.
 */
public final class InlineJobs implements UiJobs {
    /**
     * One failure this runner reported.
     *
     * @param source the job's title
     * @param error  the failure
     */
    public record Reported(String source, Throwable error) {
    }

    private final List<String> titles = new ArrayList<>();
    private final List<Reported> reported = new CopyOnWriteArrayList<>();
    private final ErrorReporter errors;
    private volatile boolean cancelNext;

    /** Reports failures only to {@link #reported()}. */
    public InlineJobs() {
        this(null);
    }

    /** @param errors where failed jobs are reported (as well as to {@link #reported()}); null for nowhere else */
    public InlineJobs(ErrorReporter errors) {
        ErrorReporter target = errors;
        this.errors = new ErrorReporter() {
            @Override
            public void error(String source, Throwable error) {
                reported.add(new Reported(source, error));
                if (target != null) {
                    target.error(source, error);
                }
            }

            @Override
            public void warning(String source, String message, String whatToDo) {
                if (target != null) {
                    target.warning(source, message, whatToDo);
                }
            }
        };
    }

    /** @return the titles of the jobs run so far, in order */
    public List<String> titles() {
        return List.copyOf(titles);
    }

    /** @return the failures reported so far (failed jobs and callbacks that threw), in order */
    public List<Reported> reported() {
        return List.copyOf(reported);
    }

    /** Makes the next job see {@code cancelled() == true} from its start. */
    public void cancelNext() {
        cancelNext = true;
    }

    @Override
    public <T> JobHandle run(String title, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(onSuccess, "onSuccess");
        Objects.requireNonNull(onFailure, "onFailure");
        titles.add(title);
        boolean cancelled = cancelNext;
        cancelNext = false;
        Progress progress = new Progress() {
            @Override
            public void report(double fraction, String message) {
                // inline: nobody watches
            }

            @Override
            public boolean cancelled() {
                return cancelled;
            }
        };
        T result;
        try {
            if (cancelled) {
                throw new Cancelled();
            }
            result = job.run(progress);
        } catch (Exception e) {
            JobFailures.end(errors, title, e, cancelled, onFailure);
            return finished();
        }
        JobFailures.callback(errors, title, () -> onSuccess.accept(result));
        return finished();
    }

    private static JobHandle finished() {
        return new JobHandle() {
            @Override
            public void cancel() {
                // already finished
            }

            @Override
            public boolean done() {
                return true;
            }
        };
    }
}
