package io.mlwb.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.core.job.Cancelled;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Smoke test: a running job shows as a row whose Cancel button cancels it; Clear finished removes it. */
@ExtendWith(ApplicationExtension.class)
class JobsViewTest {
    private final RecordingErrors errors = new RecordingErrors();
    private FxJobs jobs;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        jobs = new FxJobs(errors);
        JobsView view = new JobsView(new JobsViewModel(jobs));
        stage.setScene(new Scene((javafx.scene.Parent) view.node(), 900, 300));
        stage.show();
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    @Test
    void cancelButtonCancelsTheRunningRow(FxRobot robot) throws Exception {
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        robot.interact(() -> jobs.run("Training model", p -> {
            while (!p.cancelled()) {
                p.report(-1, "epoch 1");
                Thread.sleep(5);
            }
            throw new Cancelled();
        }, r -> failed.complete(null), failed::complete));

        TableView<?> table = robot.lookup("#jobsTable").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        assertTrue(robot.lookup("Training model").tryQuery().isPresent(), "the row shows the title");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".job-cancel").tryQuery().isPresent());

        robot.clickOn(".job-cancel");

        assertInstanceOf(Cancelled.class, failed.get(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(JobState.CANCELLED, jobs.jobs().get(0).state());
        assertTrue(robot.lookup(".job-cancel").tryQuery().isEmpty(), "no Cancel on a finished row");
        assertTrue(errors.errors.isEmpty());

        Button clear = robot.lookup("#clearFinishedButton").queryButton();
        robot.clickOn(clear);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, table.getItems().size());
    }
}
