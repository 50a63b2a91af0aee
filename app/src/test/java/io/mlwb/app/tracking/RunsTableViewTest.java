package io.mlwb.app.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.tracking.TrackingService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The runs table pane over a real catalog: rows, column picker with search, group by, filter error, open. */
@ExtendWith(ApplicationExtension.class)
class RunsTableViewTest {

    private Catalog catalog;
    private RunsTableViewModel vm;
    private final List<Long> opened = new ArrayList<>();
    private long sweep;

    @Start
    void start(Stage stage) throws Exception {
        Path state = Files.createTempDirectory("runs-view").resolve(".mlwb");
        Files.createDirectories(state);
        catalog = Catalog.open(state.resolve("catalog.db"));
        RunRepository runs = new RunRepository(catalog);
        sweep = runs.create(NewRun.named("sweep").withDetails(Map.of(), Map.of(), List.of())).id();
        try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
            for (int i = 0; i < 30; i++) {
                long id = runs.create(NewRun.named("trial " + i).withPlacement(null, i < 10 ? sweep : null)
                        .withDetails(Map.of("optimizer", i % 2 == 0 ? "adam" : "sgd", "lr", "0.0" + i),
                                Map.of("stage", "dev"), List.of())).id();
                w.log(id, "val/auc", MetricKind.EVAL, 1, i / 30.0, 1);
            }
        }
        vm = new RunsTableViewModel(new TrackingService(catalog), new InlineJobs(), null);
        stage.setScene(new Scene((javafx.scene.Parent) RunsTableView.create(vm, opened::add), 1200, 600));
        stage.show();
        vm.refresh();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @SuppressWarnings("unchecked")
    private TreeTableView<Integer> table(FxRobot robot) {
        return robot.lookup("#runsTable").queryAs(TreeTableView.class);
    }

    @Test
    void pickerSearchesKeysAndAddsAColumn(FxRobot robot) {
        TreeTableView<Integer> table = table(robot);
        assertEquals(21, table.getRoot().getChildren().size(), "20 runs and the sweep with its 10 trials");
        int before = table.getColumns().size();
        robot.clickOn("#runsColumns");
        robot.clickOn("#columnSearch").write("auc");
        robot.clickOn("metrics.val/auc  (30)");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("metrics.val/auc"), vm.chosen());
        assertEquals(before + 1, table.getColumns().size());
        assertEquals("metrics.val/auc", table.getColumns().get(before).getText());
        robot.type(KeyCode.ESCAPE);
        assertTrue(robot.lookup("0.966667").tryQuery().isPresent(), "the newest run's value is on screen");
    }

    @Test
    void groupsByAParamFromTheBox(FxRobot robot) {
        robot.interact(() -> robot.lookup("#runsGroupBy").queryAs(ComboBox.class).setValue("params.optimizer"));
        TreeTableView<Integer> table = table(robot);
        assertEquals(3, table.getRoot().getChildren().size(), "adam, sgd, and the sweep without the param");
        // the groups' labels, read from the tree (a reload keeps the first run shown in view, which may scroll the
        // group rows themselves out of the drawn cells)
        List<String> labels = new ArrayList<>();
        robot.interact(() -> table.getRoot().getChildren().forEach(g -> labels.add(vm.groupLabel(g.getValue()))));
        assertTrue(labels.stream().anyMatch(l -> l.contains("adam") && l.contains("15")), labels.toString());
    }

    @Test
    void aHeaderClickSortsThroughTheViewModel(FxRobot robot) {
        robot.clickOn("Duration");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("duration_ms", vm.sortColumnProperty().get());
        assertTrue(vm.sortAscendingProperty().get());
        robot.clickOn("ID");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("ID");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("id", vm.sortColumnProperty().get());
        assertTrue(!vm.sortAscendingProperty().get(), "a second click turns the direction");
        TreeTableView<Integer> table = table(robot);
        assertEquals(List.of(31L), vm.ids(List.of(table.getRoot().getChildren().get(0).getValue())),
                "the newest run first");
        robot.clickOn("ID");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", vm.sortColumnProperty().get(), "a third click: the table's own order");
    }

    @Test
    void aBadFilterShowsItsPositionAndDoubleClickOpens(FxRobot robot) {
        robot.clickOn("#runsFilter").write("metrics.x >").type(KeyCode.ENTER);
        Label error = robot.lookup("#runsFilterError").queryAs(Label.class);
        assertTrue(error.isVisible() && error.getText().contains("filter error at 12"), error.getText());
        robot.doubleClickOn("trial 29");
        assertEquals(1, opened.size());
        assertTrue(opened.get(0) > sweep);
        robot.clickOn("#runsShowDeleted");
        assertTrue(robot.lookup("#runsShowDeleted").queryAs(CheckBox.class).isSelected());
    }

    @Test
    void aReloadKeepsTheSelectedRunsSelected(FxRobot robot) {
        TreeTableView<Integer> table = table(robot);
        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(2);
            table.getSelectionModel().select(4);
        });
        List<Long> before = new ArrayList<>();
        robot.interact(() -> table.getSelectionModel().getSelectedItems().forEach(it -> before.addAll(
                vm.ids(List.of(it.getValue())))));
        assertEquals(2, before.size());
        // another run arrives (as from a CLI training): the rows are rebuilt and move down by one
        new RunRepository(catalog).create(NewRun.named("newcomer").withDetails(Map.of(), Map.of(), List.of()));
        robot.interact(vm::refresh);
        WaitForAsyncUtils.waitForFxEvents();
        List<Long> after = new ArrayList<>();
        robot.interact(() -> table.getSelectionModel().getSelectedItems().forEach(it -> after.addAll(
                vm.ids(List.of(it.getValue())))));
        assertEquals(before, after, "the same runs stay selected after the reload");
    }

    /** The run in the first row the table shows, by id (null when that row is a group or nothing is shown). */
    private Long firstVisibleRun(TreeTableView<Integer> table) {
        javafx.scene.control.skin.VirtualFlow<?> flow = (javafx.scene.control.skin.VirtualFlow<?>) table.lookup(
                ".virtual-flow");
        javafx.scene.control.IndexedCell<?> first = flow.getFirstVisibleCell();
        TreeItem<Integer> it = first == null ? null : table.getTreeItem(first.getIndex());
        return it == null || it.getValue() < 0 ? null : vm.ids(List.of(it.getValue())).get(0);
    }

    @Test
    void aReloadKeepsTheScrollPositionOnTheSameRuns(FxRobot robot) {
        RunRepository runs = new RunRepository(catalog);
        for (int i = 0; i < 40; i++) {
            runs.create(NewRun.named("more " + i).withDetails(Map.of(), Map.of(), List.of()));
        }
        robot.interact(vm::refresh);
        TreeTableView<Integer> table = table(robot);
        assertEquals(61, table.getRoot().getChildren().size());
        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(30);
            table.scrollTo(22);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Long top = firstVisibleRun(table);
        assertEquals(vm.ids(List.of(table.getTreeItem(22).getValue())).get(0), top);
        // two runs arrive at the top (newest first): every row moves down by two, the view must not jump
        runs.create(NewRun.named("newcomer 1").withDetails(Map.of(), Map.of(), List.of()));
        runs.create(NewRun.named("newcomer 2").withDetails(Map.of(), Map.of(), List.of()));
        robot.interact(vm::refresh);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(63, table.getRoot().getChildren().size());
        assertEquals(top, firstVisibleRun(table), "the same run is still the first row shown");
        assertEquals(32, table.getSelectionModel().getSelectedIndex(), "and the selected run moved with it");

        // nothing selected: the position is kept all the same
        robot.interact(() -> table.getSelectionModel().clearSelection());
        Long now = firstVisibleRun(table);
        runs.create(NewRun.named("newcomer 3").withDetails(Map.of(), Map.of(), List.of()));
        robot.interact(vm::refresh);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(now, firstVisibleRun(table), "no selection: the first row shown stays");
    }
}
