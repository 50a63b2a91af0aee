package io.mlwb.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.job.Cancelled;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** FxJobs: callbacks on the FX thread, cancel, errors to the reporter, a responsive UI, the finished-job cap. */
@ExtendWith(ApplicationExtension.class)
class FxJobsTest {
    private final RecordingErrors errors = new RecordingErrors();
    private FxJobs jobs;
    private final AtomicInteger clicks = new AtomicInteger();
    private TextField field;

    @Start
    void start(Stage stage) {
        jobs = new FxJobs(errors);
        Button button = new Button("Press me");
        button.setId("press");
        button.setOnAction(e -> clicks.incrementAndGet());
        field = new TextField();
        field.setId("field");
        stage.setScene(new Scene(new VBox(button, field), 300, 200));
        stage.show();
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    @Test
    void successArrivesOnTheFxThreadAndTheJobIsListedAsSucceeded() throws Exception {
        CompletableFuture<Boolean> onFx = new CompletableFuture<>();
        AtomicReference<Integer> result = new AtomicReference<>();
        AtomicBoolean workOnFx = new AtomicBoolean(true);
        JobHandle handle = fx(() -> jobs.run("Answer", p -> {
            workOnFx.set(Platform.isFxApplicationThread());
            p.report(0.5, "half way");
            return 42;
        }, r -> {
            result.set(r);
            onFx.complete(Platform.isFxApplicationThread());
        }, onFx::completeExceptionally));

        assertTrue(await(onFx), "onSuccess ran on the FX thread");
        assertFalse(workOnFx.get(), "the work ran off the FX thread");
        assertEquals(42, result.get());
        assertTrue(handle.done());
        JobEntry entry = fx(() -> jobs.jobs().get(0));
        assertEquals("Answer", entry.title());
        assertEquals(JobState.SUCCEEDED, fx(entry::state));
        assertEquals(0, (int) fx(() -> jobs.runningCountProperty().get()));
        assertTrue(errors.errors.isEmpty());
    }

    @Test
    void failureArrivesOnTheFxThreadAndIsReportedWithTheJobTitle() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        AtomicBoolean onFx = new AtomicBoolean();
        fx(() -> jobs.run("Exploding", p -> {
            throw boom;
        }, r -> failed.complete(null), e -> {
            onFx.set(Platform.isFxApplicationThread());
            failed.complete(e);
        }));

        assertSame(boom, await(failed));
        assertTrue(onFx.get(), "onFailure ran on the FX thread");
        assertEquals(1, errors.errors.size());
        assertEquals("Exploding", errors.errors.get(0).source());
        assertSame(boom, errors.errors.get(0).error());
        assertEquals(JobState.FAILED, fx(() -> jobs.jobs().get(0).state()));
    }

    @Test
    void cancellingALongJobEndsItCancelledWithoutAnError() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        JobHandle handle = fx(() -> jobs.run("Endless", p -> {
            working.countDown();
            while (!p.cancelled()) {
                p.report(-1, "looping");
                Thread.onSpinWait();
            }
            throw new Cancelled();
        }, r -> failed.complete(null), failed::complete));
        assertTrue(working.await(10, TimeUnit.SECONDS));
        assertEquals(1, (int) fx(() -> jobs.runningCountProperty().get()));

        handle.cancel();

        assertInstanceOf(Cancelled.class, await(failed));
        assertEquals(JobState.CANCELLED, fx(() -> jobs.jobs().get(0).state()));
        assertTrue(errors.errors.isEmpty(), "a cancelled job is not an error");
        assertEquals(0, (int) fx(() -> jobs.runningCountProperty().get()));
    }

    @Test
    void cancellingAJobBlockedInAWaitInterruptsIt() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        JobHandle handle = fx(() -> jobs.run("Sleeping", p -> {
            working.countDown();
            Thread.sleep(120_000); // ignores cancelled(): only an interrupt wakes it
            return "woke";
        }, r -> failed.complete(null), failed::complete));
        assertTrue(working.await(10, TimeUnit.SECONDS));

        fx(() -> {
            jobs.jobs().get(0).cancel();
            return null;
        });

        assertInstanceOf(Cancelled.class, await(failed));
        assertTrue(handle.done());
        assertTrue(errors.errors.isEmpty());
    }

    @Test
    void theUiKeepsAnsweringWhileAJobRuns(FxRobot robot) throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> done = new CompletableFuture<>();
        JobHandle handle = fx(() -> jobs.run("Busy for a while", p -> {
            working.countDown();
            // about 3 s of work, ended early once the test has seen the UI react
            release.await(3, TimeUnit.SECONDS);
            return "done";
        }, done::complete, done::completeExceptionally));
        assertTrue(working.await(10, TimeUnit.SECONDS));

        robot.clickOn("#press");
        robot.clickOn("#field").write("typed");

        assertFalse(handle.done(), "the job was still running when the UI reacted");
        assertEquals(1, clicks.get());
        assertEquals("typed", fx(field::getText));
        release.countDown();
        assertEquals("done", await(done));
    }

    @Test
    void onlyTheLastFiftyFinishedJobsStayListed() throws Exception {
        int n = FxJobs.KEEP_FINISHED + 5;
        CountDownLatch all = new CountDownLatch(n);
        fx(() -> {
            for (int i = 0; i < n; i++) {
                int id = i;
                jobs.run("Job " + id, p -> id, r -> all.countDown(), e -> all.countDown());
            }
            return null;
        });
        assertTrue(all.await(20, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(FxJobs.KEEP_FINISHED, (int) fx(() -> jobs.jobs().size()));
        assertEquals("Job " + (n - 1), fx(() -> jobs.jobs().get(0).title()), "newest first");
    }

    @Test
    void closeCancelsRunningJobsAndLaterJobsEndCancelled() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CompletableFuture<Throwable> first = new CompletableFuture<>();
        fx(() -> jobs.run("Until closed", p -> {
            working.countDown();
            while (!p.cancelled()) {
                Thread.onSpinWait();
            }
            throw new Cancelled();
        }, r -> first.complete(null), first::complete));
        assertTrue(working.await(10, TimeUnit.SECONDS));

        fx(() -> {
            jobs.close();
            return null;
        });
        assertInstanceOf(Cancelled.class, await(first));

        CompletableFuture<Throwable> late = new CompletableFuture<>();
        AtomicBoolean ran = new AtomicBoolean();
        JobHandle handle = fx(() -> jobs.run("After close", p -> {
            ran.set(true);
            return 1;
        }, r -> late.complete(null), late::complete));
        assertInstanceOf(Cancelled.class, await(late));
        assertFalse(ran.get(), "a job started after close never runs");
        assertTrue(handle.done());
        assertTrue(errors.errors.isEmpty());
    }

    @Test
    void reportsExactlyAsInlineJobsDoes() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException wrappedCancel = new IllegalStateException("stopped", new Cancelled());
        IllegalArgumentException callbackBug = new IllegalArgumentException("callback");
        RecordingErrors inlineErrors = new RecordingErrors();
        InlineJobs inline = new InlineJobs(inlineErrors);
        CountDownLatch ended = new CountDownLatch(4);
        for (UiJobs runner : List.<UiJobs>of(inline, jobs)) {
            CountDownLatch latch = runner == jobs ? ended : new CountDownLatch(4);
            fx(() -> {
                runner.run("Fails", p -> {
                    throw boom;
                }, r -> latch.countDown(), e -> latch.countDown());
                runner.run("Cancels", p -> {
                    throw wrappedCancel;
                }, r -> latch.countDown(), e -> latch.countDown());
                runner.run("Succeeds", p -> 1, r -> latch.countDown(), e -> latch.countDown());
                runner.run("Callback fails", p -> 2, r -> {
                    latch.countDown();
                    throw callbackBug;
                }, e -> latch.countDown());
                return null;
            });
        }
        assertTrue(ended.await(20, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();

        List<RecordingErrors.Reported> expected = List.of(new RecordingErrors.Reported("Fails", boom),
                new RecordingErrors.Reported("Callback fails", callbackBug));
        assertEquals(expected, inlineErrors.errors);
        assertEquals(Set.copyOf(expected), Set.copyOf(errors.errors), "the same reports (jobs end in any order)");
        assertEquals(expected.size(), errors.errors.size());
    }

    @Test
    void theLatestProgressReachesTheRowThroughTheDrain() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> done = new CompletableFuture<>();
        fx(() -> jobs.run("Stepping", p -> {
            for (int i = 1; i <= 1000; i++) {
                p.report(i / 4000.0, "step " + i); // many reports: only the latest needs to reach the row
            }
            reported.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "done";
        }, done::complete, done::completeExceptionally));
        assertTrue(reported.await(10, TimeUnit.SECONDS));
        JobEntry entry = fx(() -> jobs.jobs().get(0));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "step 1000".equals(entry.messageProperty().get()));
        assertEquals(0.25, fx(() -> entry.progressProperty().get()), 1e-9);
        release.countDown();
        assertEquals("done", await(done));
        assertEquals(1.0, fx(() -> entry.progressProperty().get()), 1e-9);
    }
}
