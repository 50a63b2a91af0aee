package io.mlwb.app.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.tracking.RunDetails;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The run detail editor over a real trained run: every tab shows what was recorded; a note is saved and audited. */
@ExtendWith(ApplicationExtension.class)
class RunDetailViewTest {
    @TempDir
    static Path dir;
    private static RunDetailProject project;
    private RunDetailViewModel vm;

    @BeforeAll
    static void train() throws Exception {
        project = new RunDetailProject(dir.resolve("p")); // on the test thread, as the CLI trains
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        vm = new RunDetailViewModel(project.finished.runId(), new RunDetails(project.catalog), project.training,
                project.repo, project.root, new InlineJobs(), new RunDetailViewModel.Desktop() {
                    @Override
                    public void open(Path file) {
                        // not in a test
                    }

                    @Override
                    public void reveal(Path file) {
                        // not in a test
                    }
                }, null);
        stage.setScene(new Scene((Parent) RunDetailView.create(vm), 1180, 760));
        stage.sizeToScene(); // the stage may come from an earlier test class; within the 1280x800 headless screen
        stage.show();
        stage.toFront();
        vm.refresh();
    }

    @AfterAll
    static void close() {
        project.close();
    }

    @Test
    void everyTabShowsTheRunAndANoteIsSaved(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.overviewProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#runDetailTitle").queryAs(Label.class).getText().contains("spec"));
        assertEquals("finished", robot.lookup("#runDetailStatus").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#runDetailSpec").queryAs(TextArea.class).getText().contains("epochs: 4"));
        assertEquals(project.commit, robot.lookup("#runDetailCommit").queryTextInputControl().getText());
        assertFalse(robot.lookup("#runDetailCheckout").queryButton().isDisabled());
        assertEquals(1, robot.lookup("#runDetailDatasets").queryTableView().getItems().size());
        javafx.scene.layout.GridPane params = robot.lookup("#runDetailParams").queryAs(javafx.scene.layout.GridPane.class);
        assertTrue(params.getChildren().stream().anyMatch(n -> n instanceof Label l && l.getText().equals("epochs")));
        assertEquals(2 * project.finished.runId() > 0 ? 2 * new io.mlwb.catalog.run.RunRepository(project.catalog)
                .params(project.finished.runId()).size() : -1, params.getChildren().size(), "a key and a value each");

        TabPane tabs = robot.lookup("#runDetailTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        assertTrue(robot.lookup(".run-chart").queryAll().size() >= vm.metrics().stream().filter(s -> s.size() > 1)
                .count() + vm.system().size(), "a chart per metric and per system series");
        assertTrue(robot.lookup("#runDetailSystemCharts").tryQuery().isPresent());
        int charts = robot.lookup(".run-chart").queryAll().size();
        robot.interact(() -> vm.hidden().add("train/loss"));
        assertEquals(charts - 1, robot.lookup(".run-chart").queryAll().size(), "a metric left out of the charts");

        robot.interact(() -> tabs.getSelectionModel().select(2));
        TableView<?> artifacts = robot.lookup("#runDetailArtifacts").queryTableView();
        assertEquals(vm.artifacts().size(), artifacts.getItems().size());
        assertTrue(robot.lookup("#runDetailArtifactOpen").queryButton().isDisabled(), "nothing selected yet");
        robot.interact(() -> artifacts.getSelectionModel().select(0));
        assertFalse(robot.lookup("#runDetailArtifactOpen").queryButton().isDisabled());

        robot.interact(() -> tabs.getSelectionModel().select(3));
        TableView<?> checkpoints = robot.lookup("#runDetailCheckpoints").queryTableView();
        assertFalse(checkpoints.getItems().isEmpty());
        robot.interact(() -> checkpoints.getSelectionModel().select(0));
        Button resume = robot.lookup("#runDetailResume").queryButton();
        assertTrue(resume.isDisabled(), "a finished run does not resume");
        assertTrue(robot.lookup("#runDetailResumeWhy").queryAs(Label.class).getText().contains("finished"));
        // any kept checkpoint, not only the last, can be continued: as a new run, from the button or the row's menu
        int kept = -1;
        for (int i = 0; i < vm.checkpoints().size(); i++) {
            if (java.nio.file.Files.exists(project.root.resolve(vm.checkpoints().get(i).path()))) {
                kept = i;
                break;
            }
        }
        assertTrue(kept >= 0, "a checkpoint file is kept");
        int row = kept;
        robot.interact(() -> checkpoints.getSelectionModel().select(row));
        assertFalse(robot.lookup("#runDetailFork").queryButton().isDisabled(), "a kept checkpoint starts a new run");
        assertTrue(robot.lookup("#runDetailResumeWhy").queryAs(Label.class).getText().contains("New run from this"),
                robot.lookup("#runDetailResumeWhy").queryAs(Label.class).getText());
        javafx.scene.control.ContextMenu menu = checkpoints.getContextMenu();
        assertEquals(2, menu.getItems().size());
        assertTrue(menu.getItems().get(0).isDisable(), "Resume from here: disabled as the button is");
        assertFalse(menu.getItems().get(1).isDisable(), "New run from here: enabled as the button is");

        robot.interact(() -> tabs.getSelectionModel().select(4));
        assertTrue(robot.lookup("#runDetailNoteSave").queryButton().isDisabled());
        robot.interact(() -> robot.lookup("#runDetailNoteEditor").queryAs(TextArea.class)
                .setText("## Verdict\nKeep it, **strong** baseline."));
        assertTrue(robot.lookup(".md-h2").tryQuery().isPresent(), "the preview renders the heading");
        assertTrue(robot.lookup(".md-strong").queryAll().stream().anyMatch(n -> ((Text) n).getText()
                .equals("strong")));
        Button save = robot.lookup("#runDetailNoteSave").queryButton();
        robot.interact(save::fire); // clicked by hand under Xvfb; fired here, as clicks after other classes miss
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#runDetailNoteSave").queryButton().isDisabled(), "saved: " + vm.messageProperty().get()
                + " | " + vm.noteProperty().get() + " | " + vm.savedNoteProperty().get());

        robot.interact(() -> tabs.getSelectionModel().select(5));
        TableView<?> audit = robot.lookup("#runDetailAudit").queryTableView();
        assertEquals("run.note", ((io.mlwb.catalog.audit.AuditEntry) audit.getItems().get(0)).action());
        assertTrue(audit.getItems().stream().anyMatch(e -> ((io.mlwb.catalog.audit.AuditEntry) e).action()
                .equals("run.start")));
    }
}
