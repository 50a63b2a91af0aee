package io.mlwb.app.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.testing.Snapshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Correlations tab on a 300-column table: capped to the columns of the strongest pairs, filtered by name, a pair
 * chosen from the table selected in the heatmap, every column on request. With {@code -Dmlwb.snapshotDir=DIR} it also
 * writes PNG snapshots of the tab at 30 and 3,000 columns, light and dark, for a person to look at.
 */
@ExtendWith(ApplicationExtension.class)
class CorrelationsTabTest {
    @TempDir
    static Path dir;
    private Stage stage;
    private DatasetEditor editor;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        editor = editor(wide(dir, "wide300.csv", 300, 120));
        stage.setScene(new Scene((Parent) editor.node(), 1200, 800));
        stage.show();
    }

    private static DatasetEditor editor(Path file) {
        DatasetViewModel vm = new DatasetViewModel(DatasetSource.ofFile(file), new InlineJobs(), new RecordingErrors());
        return new DatasetEditor(vm, null);
    }

    @Test
    void aWideTableShowsItsStrongestPairsFirstAndFiltersAndSelects(FxRobot robot) {
        Parent root = (Parent) editor.node();
        select(robot, robot.from(root).lookup("#datasetTabs").queryAs(TabPane.class), "correlationsTab");
        CorrelationHeatmap heatmap = robot.from(root).lookup(".correlation-heatmap").queryAs(CorrelationHeatmap.class);
        TableView<?> pairs = robot.from(root).lookup("#pairsTable").queryAs(TableView.class);
        ToggleButton showAll = robot.from(root).lookup("#showAllToggle").queryAs(ToggleButton.class);
        assertEquals(HeatmapModel.FOCUS, heatmap.columnCount(), "capped to the columns of the strongest pairs");
        assertEquals(HeatmapModel.PAIRS, pairs.getItems().size());
        assertTrue(showAll.isVisible());
        HeatmapModel.Pair strongest = (HeatmapModel.Pair) pairs.getItems().get(0);
        HeatmapModel.Pair next = (HeatmapModel.Pair) pairs.getItems().get(1);
        assertTrue(Math.abs(strongest.value()) >= Math.abs(next.value()));

        robot.clickOn("#heatmapFilter").write("c1");
        TextField filter = robot.from(root).lookup("#heatmapFilter").queryAs(TextField.class);
        assertEquals("c1", filter.getText());
        int matching = HeatmapModel.matching(
                editor.viewModel().matrixProperty().get().columns(), "c1").length; // c1, c10..c19, c100..c199
        assertEquals(matching, heatmap.columnCount(), "under the cap: every match is drawn");
        assertFalse(showAll.isVisible());
        for (Object o : pairs.getItems()) {
            HeatmapModel.Pair p = (HeatmapModel.Pair) o;
            assertTrue(p.a().contains("c1") && p.b().contains("c1"), p.toString());
        }

        Node firstRow = robot.from(pairs).lookup(".table-row-cell").nth(0).query();
        robot.clickOn(firstRow);
        assertNotNull(heatmap.selection(), "the chosen pair is selected in the heatmap");
        assertTrue(heatmap.cellSize() >= CorrelationHeatmap.LABEL_CELL, "zoomed in far enough to read names");

        robot.interact(() -> filter.setText(""));
        assertEquals(HeatmapModel.FOCUS, heatmap.columnCount());
        robot.clickOn("#showAllToggle");
        assertEquals(300, heatmap.columnCount());
        robot.clickOn("#clusteredToggle");
        assertEquals(300, heatmap.columnCount());
        double before = heatmap.cellSize();
        robot.clickOn("#zoomInButton");
        assertTrue(heatmap.cellSize() > before);
        Label info = robot.from(root).lookup("#heatmapInfo").queryAs(Label.class);
        assertTrue(info.getText().contains("300"), info.getText());
    }

    @Test
    void snapshotsForAPerson(FxRobot robot) throws Exception {
        Optional<Path> folder = Snapshots.folder();
        if (folder.isEmpty()) {
            return; // only on request: a person looks at these
        }
        Path target = folder.get();
        for (int columns : new int[] {30, 3000}) {
            DatasetEditor e = editor(wide(dir, "wide" + columns + ".csv", columns, columns > 1000 ? 60 : 200));
            for (boolean dark : new boolean[] {false, true}) {
                robot.interact(() -> {
                    Parent root = (Parent) e.node();
                    stage.getScene().setRoot(root);
                    Snapshots.theme(root, dark);
                });
                select(robot, robot.from((Parent) e.node()).lookup("#datasetTabs").queryAs(TabPane.class),
                        "correlationsTab");
                robot.interact(() -> { });
                Snapshots.write(robot, e.node(), target.resolve("correlations-" + columns + (dark ? "-dark" : "-light")
                        + ".png"));
                if (columns > HeatmapModel.CAP && !dark) {
                    TabPane tabs = robot.from((Parent) e.node()).lookup("#datasetTabs").queryAs(TabPane.class);
                    for (String tab : new String[] {"columnsTab", "previewTab", "correlationsTab"}) {
                        long t0 = System.nanoTime();
                        select(robot, tabs, tab);
                        robot.interact(() -> e.node().getScene().getRoot().layout());
                        LoggerFactory.getLogger(CorrelationsTabTest.class).info("{} at {} columns shown in {} ms",
                                tab, columns, (System.nanoTime() - t0) / 1_000_000);
                    }
                    robot.clickOn("#showAllToggle");
                    robot.clickOn("#clusteredToggle");
                    Snapshots.write(robot, e.node(), target.resolve("correlations-" + columns + "-all-clustered.png"));
                    robot.clickOn("#zoomInButton").clickOn("#zoomInButton").clickOn("#zoomInButton");
                    Snapshots.write(robot, e.node(), target.resolve("correlations-" + columns + "-all-zoomed.png"));
                    robot.clickOn("#showAllToggle");
                    robot.clickOn("#clusteredToggle");
                }
            }
        }
    }

    private static void select(FxRobot robot, TabPane tabs, String id) {
        Tab tab = tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(tab));
    }

    /**
     * A numeric table of {@code columns} columns c0.. driven by six hidden factors (so that it has blocks of strongly
     * correlated columns, some negatively) plus noise.
     */
    static Path wide(Path dir, String name, int columns, int rows) throws IOException {
        Random rnd = new Random(11);
        double[][] loading = new double[columns][];
        int[] factor = new int[columns];
        for (int c = 0; c < columns; c++) {
            factor[c] = rnd.nextInt(6);
            loading[c] = new double[] {(rnd.nextBoolean() ? 1 : -1) * (0.2 + rnd.nextDouble()), 0.3 + rnd.nextDouble()};
        }
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            b.append(c == 0 ? "" : ",").append('c').append(c);
        }
        b.append('\n');
        double[] f = new double[6];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < f.length; k++) {
                f[k] = rnd.nextGaussian();
            }
            for (int c = 0; c < columns; c++) {
                double v = loading[c][0] * f[factor[c]] + loading[c][1] * rnd.nextGaussian();
                b.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", v));
            }
            b.append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, b, StandardCharsets.UTF_8);
        return file;
    }
}
