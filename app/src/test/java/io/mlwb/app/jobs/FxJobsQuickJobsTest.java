package io.mlwb.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.problems.ProblemsModel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Quick succeeded jobs leave no row in the Jobs tool window; failed ones and slow ones stay. */
@ExtendWith(ApplicationExtension.class)
class FxJobsQuickJobsTest {
    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void quickSuccessesAreNotKeptButFailuresAndSlowJobsAre() throws Exception {
        ProblemsModel problems = new ProblemsModel();
        FxJobs jobs = new FxJobs(problems);
        try {
            jobs.hideSucceededQuickerThan(Duration.ofMillis(300));
            AtomicInteger done = new AtomicInteger();
            jobs.run("quick", p -> 1, r -> done.incrementAndGet(), e -> done.incrementAndGet());
            jobs.run("fails", p -> {
                throw new IllegalStateException("boom");
            }, r -> done.incrementAndGet(), e -> done.incrementAndGet());
            jobs.run("slow", p -> {
                Thread.sleep(600);
                return 2;
            }, r -> done.incrementAndGet(), e -> done.incrementAndGet());
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> done.get() == 3);
            WaitForAsyncUtils.waitForFxEvents();
            var titles = WaitForAsyncUtils.asyncFx(() -> jobs.jobs().stream().map(JobEntry::title).toList())
                    .get(5, TimeUnit.SECONDS);
            assertTrue(titles.contains("fails") && titles.contains("slow"), titles.toString());
            assertTrue(!titles.contains("quick"), titles.toString());
            assertEquals(2, titles.size());
        } finally {
            jobs.close();
        }
    }
}
