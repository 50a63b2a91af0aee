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
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
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
import io.mlwb.app.charts.MetricChart;
import javafx.scene.Node;
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
 * with lines thinned by LTTB (first and last step kept) and smoothed over faint raw ones, hover with raw values, a
 * 1,000,000-point run drawn in at most 2,000 points with both ends kept, the
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
        XYDataset lines = drawn(loss, 0);
        assertEquals(3, lines.getSeriesCount(), "a line per run");
        assertEquals("run-b #" + id[1], lines.getSeriesKey(1));
        for (int s = 0; s < 3; s++) {
            int n = lines.getItemCount(s);
            assertTrue(n <= MetricChart.MAX_POINTS, "drawn " + n + " of " + POINTS);
            assertEquals(0.0, lines.getXValue(s, 0), "first step kept");
            assertEquals(POINTS - 1.0, lines.getXValue(s, n - 1), "last step kept");
        }
        assertEquals(3, drawn(loss, 1).getSeriesCount(), "smoothing 0.6 by default: faint raw lines behind");

        robot.clickOn("#metricLogScale");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(loss.chart().chart().getXYPlot().getRangeAxis() instanceof org.jfree.chart.axis.LogAxis);
        assertTrue(view.charts().get(1).chart().logScaleProperty().get(), "one switch for every chart");
        robot.clickOn("#xTime");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Messages.get("tracking.compare.xAxis.time"), loss.chart().chart().getXYPlot().getDomainAxis()
                .getLabel());
        assertEquals((POINTS - 1) * 0.01, drawn(loss, 0).getXValue(0, drawn(loss, 0).getItemCount(0) - 1), 1e-9,
                "seconds since the run started");
        robot.clickOn("#xStep");
        robot.clickOn("#metricLogScale");
        WaitForAsyncUtils.waitForFxEvents();
        Node plotArea = loss.chart().node();
        robot.moveTo(plotArea).moveBy(-40, 0).moveBy(2, 0);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !loss.chart().hoverProperty().get().isEmpty());
        String hover = loss.chart().hoverProperty().get();
        assertTrue(hover.contains("run-a #" + id[0] + " @ ") && hover.contains("run-c #" + id[2] + " @ "), hover);

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

    private static XYDataset drawn(CompareMetricChart chart, int dataset) {
        return chart.chart().chart().getXYPlot().getDataset(dataset);
    }

    @Test
    void aMillionPointSeriesIsDrawnThroughLttbWithItsEndpoints(FxRobot robot) throws Exception {
        project = project(dir);
        Catalog catalog = project.catalog().orElseThrow();
        RunRepository runs = new RunRepository(catalog);
        long big = runs.create(NewRun.named("long")).id();
        long small = runs.create(NewRun.named("short")).id();
        int n = 1_000_000;
        try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
            for (int s = 0; s < n; s++) {
                w.log(big, "loss", MetricKind.TRAIN, s, s == n - 1 ? 42 : Math.sin(s / 5000.0), 1_000L + s);
            }
            for (int s = 0; s < 10; s++) {
                w.log(small, "loss", MetricKind.TRAIN, s * 100_000L, 1.0 / (s + 1), 1_000L + s);
            }
        }
        show(robot, new TestContext(project), CompareFeature.ref(List.of(big, small)));
        CompareMetricChart chart = CompareView.of(editor.node()).charts().get(0);
        for (int dataset = 0; dataset < 2; dataset++) { // the smoothed lines and the faint raw ones
            XYDataset d = drawn(chart, dataset);
            int drawn = d.getItemCount(0);
            assertTrue(drawn <= 2000 && drawn > 1000, "drawn " + drawn + " of " + n);
            assertEquals(0.0, d.getXValue(0, 0), "the first point kept");
            assertEquals(n - 1.0, d.getXValue(0, drawn - 1), "the last point kept");
            assertEquals(10, d.getItemCount(1), "a short line is drawn whole");
        }
        assertEquals(42.0, drawn(chart, 1).getYValue(0, drawn(chart, 1).getItemCount(0) - 1), "the raw last value");
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
