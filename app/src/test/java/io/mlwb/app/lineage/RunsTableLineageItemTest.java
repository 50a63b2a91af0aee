package io.mlwb.app.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.tracking.RunsTableView;
import io.mlwb.app.tracking.RunsTableViewModel;
import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.TrackingService;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The runs table's context menu item "Show lineage" (added by {@link RunsTableView#addRunItem}) for one run. */
@ExtendWith(ApplicationExtension.class)
class RunsTableLineageItemTest {
    private LineageFixture fx;
    private final List<Long> lineageOf = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        fx = new LineageFixture(Files.createTempDirectory("lineage-runs"));
        RunsTableViewModel runs = new RunsTableViewModel(new TrackingService(fx.catalog), new InlineJobs(), null);
        Node table = RunsTableView.create(runs, id -> { });
        RunsTableView.addRunItem(table, runs, Messages.get("lineage.runs.item"), lineageOf::add);
        stage.setScene(new Scene((Parent) table, 1000, 500));
        stage.show();
        runs.refresh();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRunsTableOffersShowLineageForOneRun(FxRobot robot) {
        TreeTableView<Integer> table = robot.lookup("#runsTable").queryAs(TreeTableView.class);
        javafx.scene.control.MenuItem item = table.getContextMenu().getItems().stream()
                .filter(i -> Messages.get("lineage.runs.item").equals(i.getText())).findFirst().orElseThrow();
        robot.interact(() -> table.getContextMenu().show(table, javafx.geometry.Side.BOTTOM, 0, 0));
        org.junit.jupiter.api.Assertions.assertTrue(item.isDisable(), "no run selected");
        robot.interact(() -> table.getContextMenu().hide());
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.interact(() -> table.getContextMenu().show(table, javafx.geometry.Side.BOTTOM, 0, 0));
        robot.clickOn(Messages.get("lineage.runs.item"));
        assertEquals(1, lineageOf.size());
        assertEquals(fx.run1, lineageOf.get(0));
    }
}
