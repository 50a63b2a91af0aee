package io.mlwb.app.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.testing.TestContext;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import io.mlwb.tracking.registry.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Drift pane's Over time and Model tabs as the shell opens them, over a real project with a registered model: the
 * model picker offers the registry, Run fills the heatmap (significant and alarm cells), a click on a row charts that
 * column, and the Model tab shows performance and fairness side by side.
 */
@ExtendWith(ApplicationExtension.class)
class DriftOverTimeViewTest {
    private static final PseudoClass ALARM = PseudoClass.getPseudoClass("alarm");
    private static final PseudoClass SIGNIFICANT = PseudoClass.getPseudoClass("significant");

    @TempDir
    Path dir;

    private Stage stage;
    private OpenProject project;
    private Editor editor;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (editor != null) {
            WaitForAsyncUtils.asyncFx(editor::dispose);
        }
        if (project != null) {
            project.close();
        }
    }

    @Test
    void runShowsTheHeatmapTheControlChartAndTheModelSection(FxRobot robot) throws Exception {
        TimeProjects.create(dir);
        Files.createDirectories(dir.resolve(Project.STATE_DIR));
        project = OpenProject.open(dir);
        Project config = project.config().orElseThrow();
        var catalog = project.catalog().orElseThrow();
        long run = new TrainingService(config, null, catalog, new TrainingSettings(0.1, 2.5, 0, true),
                Clock.systemUTC()).train(TrainRequest.quick(new TrainRequest.Quick(Path.of("data/ref.csv"),
                "defaulted", "logistic", null)), null, null, Progress.NONE).runId();
        ModelRegistry.of(catalog, config).register(run, "risk", null, null, false, "tester");
        TestContext ctx = new TestContext(project);
        Contributions c = Contributions.of(List.of(new io.mlwb.app.project.ProjectFeature(), new DriftFeature())).check();
        ItemRef ref = DriftFeature.ref("dataset:ref", "dataset:cur");
        robot.interact(() -> {
            editor = c.editorFor(ref).orElseThrow().factory().apply(ctx, ref);
            stage.setScene(new Scene((javafx.scene.Parent) editor.node(), 1300, 900));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<String> models = robot.lookup("#modelBox").queryAs(ComboBox.class);
        assertEquals(List.of("risk@1"), models.getItems(), "the registered version");
        robot.interact(() -> models.setValue("risk@1"));
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), ctx.problems().problems(), "nothing reported");

        robot.clickOn(Messages.get("drift.tab.overTime"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Messages.format("drift.time.title", "month", "applied"), robot.lookup("#overTimeTitle")
                .queryAs(Label.class).getText());
        List<Node> cells = List.copyOf(robot.lookup("#driftHeatmap .drift-heat-cell").queryAll());
        assertEquals(4 * TimeProjects.CURRENT_MONTHS, cells.size(), "4 columns x 8 months");
        assertTrue(cells.stream().anyMatch(n -> n.getPseudoClassStates().contains(SIGNIFICANT)));
        assertTrue(cells.stream().anyMatch(n -> n.getPseudoClassStates().contains(ALARM)));
        assertEquals(Messages.format("drift.time.chart.title", "income"), robot.lookup("#controlTitle")
                .queryAs(Label.class).getText());
        ControlChart chart = robot.lookup("#controlChart").queryAs(ControlChart.class);
        assertTrue(chart.isVisible() && chart.getHeight() > 100 && chart.alarmsShown() > 0);

        robot.clickOn("plan");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Messages.format("drift.time.chart.title", "plan"), robot.lookup("#controlTitle")
                .queryAs(Label.class).getText());

        robot.clickOn(Messages.get("drift.tab.model"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Messages.format("drift.model.title", "risk@1", "classification", "defaulted"),
                robot.lookup("#modelTitle").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#modelMessage").queryAs(Label.class).isVisible(), "labels on both sides");
        assertTrue(robot.lookup("#modelPerformance").tryQuery().isPresent());
        assertTrue(robot.lookup("#modelFairness-sex").tryQuery().isPresent());
        TabPane tabs = robot.lookup("#driftTabs").queryAs(TabPane.class);
        assertEquals("modelTab", tabs.getSelectionModel().getSelectedItem().getId());
    }
}
