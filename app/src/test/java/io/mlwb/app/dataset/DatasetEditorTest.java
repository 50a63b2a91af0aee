package io.mlwb.app.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.testing.TestContext;
import io.mlwb.app.ui.Messages;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;

/** The Dataset pane opened on a declared dataset: one row per column, a chart per selected column, a heatmap. */
@ExtendWith(ApplicationExtension.class)
class DatasetEditorTest {
    @TempDir
    static Path dir;
    private static OpenProject project;

    private Editor editor;
    private TestContext ctx;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        DatasetProjects.create(dir, 300);
        project = OpenProject.open(dir);
        this.stage = stage;
        ctx = new TestContext(project);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        ItemRef ref = new ItemRef("dataset", "loans");
        editor = Contributions.of(List.of(new DatasetFeature())).editorFor(ref).orElseThrow().factory()
                .apply(ctx, ref);
        stage.setScene(new Scene((Parent) editor.node(), 1200, 800));
        stage.show();
    }

    @AfterAll
    static void close() {
        if (project != null) {
            project.close();
        }
    }

    @Test
    void showsColumnsTheSelectedColumnsChartAndTheHeatmap(FxRobot robot) {
        Parent root = (Parent) editor.node();
        assertEquals("loans", editor.title());
        TableView<?> columns = robot.from(root).lookup("#columnsTable").queryAs(TableView.class);
        TabPane tabs = robot.from(root).lookup("#datasetTabs").queryAs(TabPane.class);
        select(robot, tabs, "columnsTab");
        assertEquals(SampleData.COLUMNS, columns.getItems().size());

        robot.clickOn(robot.from(columns).lookup(".table-cell").match(LabeledMatchers.hasText("income"))
                .<Node>query());
        Label title = robot.from(root).lookup("#detailTitle").queryAs(Label.class);
        assertEquals("income", title.getText());
        ChartViewer chart = robot.from(root).lookup("#columnChart").queryAs(ChartViewer.class);
        assertTrue(chart.isVisible());
        assertNotNull(chart.getChart());
        XYPlot plot = (XYPlot) chart.getChart().getPlot();
        assertEquals("income", plot.getDataset().getSeriesKey(0));

        select(robot, tabs, "correlationsTab");
        Canvas heatmap = robot.from(root).lookup("#heatmap").queryAs(Canvas.class);
        assertTrue(heatmap.isVisible());
        assertTrue(heatmap.getWidth() > 100 && heatmap.getHeight() > 100,
                () -> "heatmap " + heatmap.getWidth() + "x" + heatmap.getHeight());
        robot.clickOn("#cramersVToggle");
        assertTrue(heatmap.getWidth() > 0);
        Label cachedNote = robot.from(root).lookup("#overviewCached").queryAs(Label.class);
        assertFalse(cachedNote.isVisible(), "the first profile is computed");

        // a second pane on the same file version shows the stored profile and says so
        ItemRef ref = new ItemRef("dataset", "loans");
        Editor second = Contributions.of(List.of(new DatasetFeature())).editorFor(ref).orElseThrow().factory()
                .apply(ctx, ref);
        robot.interact(() -> stage.getScene().setRoot((Parent) second.node()));
        Label note = robot.from((Parent) second.node()).lookup("#overviewCached").queryAs(Label.class);
        assertTrue(note.isVisible());
        assertTrue(note.getText().contains(Messages.format("dataset.overview.cached", "").substring(0, 20)),
                note.getText());
        robot.clickOn("#profileButton");
        assertFalse(note.isVisible(), "Profile again recomputes");
        robot.interact(second::dispose);
    }

    private static void select(FxRobot robot, TabPane tabs, String id) {
        Tab tab = tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(tab));
    }
}
