package io.mlwb.core.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Waiting for work split across a thread pool, the one way the engines do it: an interrupt becomes
 * {@link Cancelled}, a task's unchecked exception or error is rethrown as it was (so a {@code UserError} keeps its
 * message and exit code), and the first failure cancels the tasks still running.
 */
public final class Futures {
    private Futures() {
    }

    /**
     * Waits for {@code future}.
     *
     * @return its value
     * @throws Cancelled when the waiting thread is interrupted
     */
    public static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /**
     * Submits every task to {@code pool} and waits for all of them, in order. On the first failure the others are
     * cancelled and the failure is rethrown; afterwards {@code progress} is checked for cancellation.
     *
     * @return the tasks' results, in task order
     */
    public static <T> List<T> runAll(ExecutorService pool, List<? extends Callable<T>> tasks, Progress progress) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> t : tasks) {
            futures.add(pool.submit(t));
        }
        List<T> out = new ArrayList<>(futures.size());
        try {
            for (Future<T> f : futures) {
                out.add(await(f));
            }
        } catch (RuntimeException | Error e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        progress.checkCancelled();
        return out;
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }
}
