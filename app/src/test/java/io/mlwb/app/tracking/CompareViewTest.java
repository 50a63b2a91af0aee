package io.mlwb.app.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.testing.TestContext;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.Catalog;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.CompareModel;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Compare pane as the shell opens it, over a real project with 3 runs of 5,000 steps: one chart per common metric
 * with lines thinned by LTTB (first and last step kept) and smoothed over faint raw ones, hover with raw values, the
 * diff table and its switch, the parallel-coordinates plot with its axis boxes and hover, the scatter plot; a bad set
 * of runs shows its reason; the action asks for ids.
 */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {
    private static final int POINTS = 5000;

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
    void threeRunsInFourTabs(FxRobot robot) throws Exception {
        project = project(dir);
        Catalog catalog = project.catalog().orElseThrow();
        long[] id = CompareViewModelTest.threeRuns(catalog, POINTS);
        TestContext ctx = new TestContext(project);
        show(robot, ctx, CompareFeature.ref(List.of(id[0], id[1], id[2])));
        assertEquals(Messages.format("tracking.compare.title", 3), editor.title());
        String header = robot.lookup("#compareHeader").queryAs(Label.class).getText();
        assertTrue(header.contains("run-a #" + id[0]) && header.contains("run-c #" + id[2]), header);
        assertFalse(robot.lookup("#compareMessageBox").query().isVisible());

        CompareView view = CompareView.of(editor.node());
        assertEquals(List.of("train_loss", "val_auc"), view.charts().stream().map(CompareMetricChart::metric)
                .toList());
        CompareMetricChart loss = view.charts().get(0);
        XYDataset lines = loss.drawn();
        assertEquals(3, lines.getSeriesCount(), "a line per run");
        assertEquals("run-b #" + id[1], lines.getSeriesKey(1));
        for (int s = 0; s < 3; s++) {
            int n = lines.getItemCount(s);
            assertTrue(n <= CompareModel.DRAWN_POINTS, "drawn " + n + " of " + POINTS);
            assertEquals(0.0, lines.getXValue(s, 0), "first step kept");
            assertEquals(POINTS - 1.0, lines.getXValue(s, n - 1), "last step kept");
        }
        assertEquals(3, loss.drawnRaw().getSeriesCount(), "smoothing 0.6 by default: faint raw lines behind");

        robot.clickOn("#logScale");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(loss.chart().getXYPlot().getRangeAxis() instanceof org.jfree.chart.axis.LogAxis);
        robot.clickOn("#xTime");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Messages.get("tracking.compare.xAxis.time"), loss.chart().getXYPlot().getDomainAxis()
                .getLabel());
        assertEquals((POINTS - 1) * 0.01, loss.drawn().getXValue(0, loss.drawn().getItemCount(0) - 1), 1e-9,
                "seconds since the run's first point");
        robot.clickOn("#xStep");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> loss.showHover(10.2));
        String hover = loss.hoverLabel().getText();
        assertTrue(loss.hoverLabel().isVisible());
        assertTrue(hover.contains("run-a #" + id[0] + ": " + (1.0 / 11 + 0.003)), hover);

        robot.clickOn(Messages.get("tracking.compare.tab.diff"));
        TableView<?> table = robot.lookup("#diffTable").queryAs(TableView.class);
        assertEquals(5, table.getItems().size());
        assertEquals(4, table.getColumns().size(), "key and one column per run");
        robot.clickOn("#onlyDifferences");
        assertEquals(4, table.getItems().size());
        assertEquals(Messages.format("tracking.compare.diff.count", 4, 5),
                robot.lookup("#diffSummary").queryAs(Label.class).getText());

        robot.clickOn(Messages.get("tracking.compare.tab.parallel"));
        CompareParallelCanvas canvas = view.parallelCanvas();
        assertTrue(canvas.getWidth() > 200 && canvas.getHeight() > 200, canvas.getWidth() + "x" + canvas.getHeight());
        CheckBox epochs = robot.lookup("#axis-epochs").queryAs(CheckBox.class);
        assertFalse(epochs.isSelected(), "equal in every run: not drawn at first");
        robot.clickOn(epochs);
        assertEquals(List.of("epochs", "lr", "optimizer", "val_auc"), canvas.plot().axes().stream()
                .map(CompareModel.Axis::name).toList(), "params in the order offered, the metric last");
        CompareParallelLayout layout = new CompareParallelLayout(canvas.getWidth(), canvas.getHeight());
        double x = layout.axisX(1, 4);
        double y = layout.y(1.0); // run-a has the highest lr
        Point2D at = canvas.canvas().localToScreen(x, y);
        robot.moveTo(at);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> canvas.hovered() == 0);
        String described = robot.lookup("#parallelHover").queryAs(Label.class).getText();
        assertTrue(described.startsWith("run-a #" + id[0]) && described.contains("lr = 0.1"), described);

        robot.clickOn(Messages.get("tracking.compare.tab.scatter"));
        assertNotNull(view.scatterViewer().getChart());
        assertEquals(3, view.scatterViewer().getChart().getXYPlot().getDataset().getSeriesCount());
        robot.interact(() -> robot.lookup("#scatterX").queryComboBox().setValue("params.optimizer"));
        assertTrue(view.scatterViewer().getChart().getXYPlot().getDomainAxis()
                instanceof org.jfree.chart.axis.SymbolAxis, "a categorical param: its values at 0, 1, ...");
        assertEquals(List.of(), ctx.problems().problems(), "nothing reported");
        assertEquals(4, robot.lookup("#compareTabs").queryAs(TabPane.class).getSelectionModel().getSelectedIndex()
                + 1);
    }

    @Test
    void aRunRenamedByAnotherProcessIsShownWithoutARefresh(FxRobot robot) throws Exception {
        project = project(dir);
        long[] id = CompareViewModelTest.threeRuns(project.catalog().orElseThrow(), 3);
        show(robot, new TestContext(project), CompareFeature.ref(List.of(id[0], id[1])));
        Path db = dir.resolve(Project.STATE_DIR).resolve(Project.CATALOG_FILE);
        try (Catalog other = Catalog.open(db)) { // as the CLI would, on its own connection
            new io.mlwb.tracking.TrackingService(other).rename(id[1], "renamed elsewhere", "cli");
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#compareHeader").queryAs(Label.class)
                .getText().contains("renamed elsewhere #" + id[1]));
    }

    @Test
    void anUnknownRunIsSaidInThePane(FxRobot robot) throws Exception {
        project = project(dir);
        long[] id = CompareViewModelTest.threeRuns(project.catalog().orElseThrow(), 3);
        TestContext ctx = new TestContext(project);
        show(robot, ctx, CompareFeature.ref(List.of(id[0], 4242L)));
        assertTrue(robot.lookup("#compareMessageBox").query().isVisible());
        assertFalse(robot.lookup("#compareTabs").query().isVisible());
        assertEquals("there is no run 4242", robot.lookup("#compareMessage").queryAs(Label.class).getText());
        assertEquals(List.of(), ctx.problems().problems());
    }

    @Test
    void theActionIsOfferedWithAProjectAndOpenOpensThePane() throws Exception {
        project = project(dir);
        ActionSpec action = Contributions.of(List.of(new CompareFeature())).actions().stream()
                .filter(a -> a.id().equals(CompareFeature.ACTION)).findFirst().orElseThrow();
        TestContext ctx = new TestContext(project);
        assertTrue(action.enabled().test(ctx));
        assertFalse(action.enabled().test(new TestContext(null)));
        CompareFeature.open(ctx, List.of(12L, 15L, 19L));
        assertEquals(List.of(new ItemRef("runs.compare", "12,15,19")), ctx.opened());
    }

    private void show(FxRobot robot, TestContext ctx, ItemRef ref) {
        Contributions c = Contributions.of(List.of(new CompareFeature()));
        robot.interact(() -> {
            editor = c.editorFor(ref).orElseThrow().factory().apply(ctx, ref);
            stage.setScene(new Scene((javafx.scene.Parent) editor.node(), 1200, 800));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static OpenProject project(Path root) throws Exception {
        GitRepo.init(root).close();
        Files.writeString(root.resolve("mlwb.yaml"), "name: compared\n");
        Files.createDirectories(root.resolve(Project.STATE_DIR));
        return OpenProject.open(root);
    }
}
