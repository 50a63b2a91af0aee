package io.mlwb.app.jobs;

import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Job;
import io.mlwb.core.job.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs each job at once on the calling thread: for view-model tests and headless use. Records what ran. */
public final class InlineJobs implements UiJobs {
    private final List<String> titles = new ArrayList<>();
    private volatile boolean cancelNext;

    /** @return the titles of the jobs run so far, in order */
    public List<String> titles() {
        return List.copyOf(titles);
    }

    /** Makes the next job see {@code cancelled() == true} from its start. */
    public void cancelNext() {
        cancelNext = true;
    }

    @Override
    public <T> JobHandle run(String title, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
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
        try {
            if (cancelled) {
                throw new Cancelled();
            }
            T result = job.run(progress);
            onSuccess.accept(result);
        } catch (Exception e) {
            onFailure.accept(e);
        }
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
