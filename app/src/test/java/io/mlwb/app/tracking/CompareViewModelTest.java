package io.mlwb.app.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.tracking.CompareModel;
import io.mlwb.tracking.MetricAxis;
import io.mlwb.tracking.TrackingService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Compare pane's state over a real catalog, without a toolkit: ids as typed, loading 3 runs, the diff switch,
 * the axes chosen, chart lines with exact raw values by step and time, a refresh keeping choices, and every wrong set of runs as a
 * message in the pane (nothing reported as a failure).
 */
class CompareViewModelTest {
    @TempDir
    Path dir;

    static long[] threeRuns(Catalog catalog, int points) {
        RunRepository runs = new RunRepository(catalog);
        String[][] params = {{"0.1", "adam"}, {"0.01", "sgd"}, {"0.001", "adam"}};
        long[] ids = new long[3];
        for (int r = 0; r < 3; r++) {
            ids[r] = runs.create(NewRun.named("run-" + (char) ('a' + r))
                    .withStartedAt(java.time.Instant.ofEpochMilli(1_000_000L)).withDetails(Map.of("lr", params[r][0],
                    "optimizer", params[r][1], "epochs", "5"), Map.of(), List.of())).id();
        }
        try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
            for (int r = 0; r < 3; r++) {
                for (int s = 0; s < points; s++) {
                    w.log(ids[r], "train_loss", MetricKind.TRAIN, s, (r + 1) * 1.0 / (s + 1) + 0.001 * (s % 7),
                            1_000_000L + s * 10L);
                }
                w.log(ids[r], "val_auc", MetricKind.EVAL, points, 0.7 + 0.1 * r + 1e-9, 2_000_000L);
            }
        }
        return ids;
    }

    @Test
    void parsesIdsAsTypedAndSaysWhatIsWrong() {
        assertEquals(List.of(12L, 15L, 19L), CompareViewModel.parseIds("12, 15, 19").ids());
        assertEquals(List.of(3L, 4L), CompareViewModel.parseIds(" #3 4 ").ids());
        assertEquals(Messages.get("tracking.compare.ids.empty"), CompareViewModel.parseIds("  ").problem());
        assertEquals(Messages.format("tracking.compare.ids.notAnId", "x"), CompareViewModel.parseIds("1, x")
                .problem());
        assertEquals(Messages.format("tracking.compare.ids.notAnId", "-2"), CompareViewModel.parseIds("1, -2")
                .problem());
        assertEquals(Messages.format("tracking.compare.ids.count", 1), CompareViewModel.parseIds("7").problem());
        assertEquals(Messages.format("tracking.compare.ids.count", 11), CompareViewModel.parseIds(
                "1 2 3 4 5 6 7 8 9 10 11").problem());
        assertEquals(Messages.format("tracking.compare.ids.twice", "4"), CompareViewModel.parseIds("4, 5, 4")
                .problem());
        assertEquals("1,2,3", CompareViewModel.refId(List.of(1L, 2L, 3L)));

        CompareDialogViewModel dialog = new CompareDialogViewModel();
        assertFalse(dialog.canOpenProperty().get());
        assertEquals(Messages.get("tracking.compare.ids.empty"), dialog.problemProperty().get());
        dialog.textProperty().set("12, 15, 19");
        assertTrue(dialog.canOpenProperty().get());
        assertEquals("", dialog.problemProperty().get());
        assertEquals(List.of(12L, 15L, 19L), dialog.ids());
        dialog.textProperty().set("12");
        assertFalse(dialog.canOpenProperty().get());
        assertEquals(List.of(), dialog.ids());
    }

    @Test
    void loadsThreeRunsAndKeepsChoicesOnARefresh() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            long[] id = threeRuns(catalog, 50);
            InlineJobs jobs = new InlineJobs();
            CompareViewModel vm = new CompareViewModel(catalog, jobs, id[0] + "," + id[1] + "," + id[2], null);
            assertEquals(Messages.format("tracking.compare.title", 3), vm.title());
            assertNull(vm.modelProperty().get());
            vm.load();
            assertEquals(1, jobs.titles().size(), "read as one job");
            assertNotNull(vm.modelProperty().get());
            assertEquals("", vm.messageProperty().get());
            assertFalse(vm.loadingProperty().get());
            assertEquals(List.of("train_loss", "val_auc"), vm.metrics());
            assertNull(vm.chartsProblem());
            assertEquals(CompareViewModel.DEFAULT_SMOOTHING, vm.smoothingProperty().get());

            assertEquals(5, vm.rows().size(), "3 params, 2 metrics");
            vm.onlyDifferencesProperty().set(true);
            assertEquals(List.of("lr", "optimizer", "train_loss", "val_auc"), vm.rows().stream()
                    .map(CompareModel.Row::key).toList(), "epochs is the same in all three");
            assertEquals(Messages.format("tracking.compare.diff.count", 4, 5), vm.diffSummary());

            assertEquals(List.of("params.lr", "params.optimizer"), vm.parallelParams());
            assertEquals("metrics.val_auc", vm.parallelMetricProperty().get());
            assertEquals(3, vm.parallelProperty().get().axes().size());
            vm.chooseParallel("params.epochs", true);
            assertEquals(List.of("params.epochs", "params.lr", "params.optimizer"), vm.parallelParams(),
                    "in the order offered, not of the clicks");
            vm.chooseParallel("params.lr", false);
            vm.chooseParallel("params.optimizer", false);
            vm.chooseParallel("params.epochs", false);
            assertEquals(1, vm.parallelProperty().get().axes().size(), "the metric axis alone");
            vm.parallelMetricProperty().set(null);
            assertNull(vm.parallelProperty().get(), "nothing chosen: nothing to draw");
            vm.chooseParallel("params.optimizer", true);
            vm.parallelMetricProperty().set("metrics.train_loss");

            assertEquals("params.lr", vm.scatterXProperty().get());
            assertEquals("metrics.val_auc", vm.scatterYProperty().get());
            assertEquals(List.of(0, 1, 2), vm.scatterProperty().get().plotted());
            assertEquals("", vm.scatterNote());
            vm.scatterXProperty().set("params.optimizer");
            assertTrue(vm.scatterProperty().get().x().categorical());
            assertEquals(Messages.format("tracking.compare.hover.run", "run-b #" + id[1],
                    "optimizer = sgd, val_auc = 0.8"), vm.describe(1, List.of(vm.scatterProperty().get().x(),
                    vm.scatterProperty().get().y())));

            List<CompareViewModel.Line> lines = vm.lines("train_loss");
            assertEquals(List.of("run-a #" + id[0], "run-b #" + id[1], "run-c #" + id[2]), lines.stream()
                    .map(CompareViewModel.Line::label).toList(), "a line per run, in the order given");
            assertEquals(10.0, lines.get(1).x()[10], "by step");
            assertEquals(2.0 / 11 + 0.001 * 3, lines.get(1).y()[10], "the raw value, exactly");
            vm.xAxisProperty().set(MetricAxis.TIME);
            assertEquals(0.1, vm.lines("train_loss").get(1).x()[10], 1e-12, "seconds since the run started");
            assertEquals(List.of(), vm.lines("no_such_metric"));

            // a change to a compared run is a refresh that keeps what was chosen
            assertTrue(vm.concerns(List.of(new CatalogEvent.RunUpdated(id[1]))));
            assertTrue(vm.concerns(List.of(new CatalogEvent.MetricsAppended(id[2], Set.of("x")))));
            assertTrue(vm.concerns(List.of(new CatalogEvent.ChangesMissed(3))));
            assertFalse(vm.concerns(List.of(new CatalogEvent.RunUpdated(id[2] + 100))));
            new TrackingService(catalog).rename(id[1], "renamed", "me");
            try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                for (long r : id) {
                    w.log(r, "accuracy", MetricKind.EVAL, 1, 0.5, 3_000_000L);
                }
            }
            vm.load();
            assertEquals("renamed #" + id[1], vm.modelProperty().get().label(1));
            assertEquals(List.of("accuracy", "train_loss", "val_auc"), vm.metrics());
            assertEquals(List.of("params.optimizer"), vm.parallelParams());
            assertEquals("metrics.train_loss", vm.parallelMetricProperty().get());
            assertEquals("params.optimizer", vm.scatterXProperty().get());
            assertEquals(List.of(), jobs.reported());
        }
    }

    @Test
    void wrongRunsAreMessagesInThePane() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            long[] id = threeRuns(catalog, 5);
            InlineJobs jobs = new InlineJobs();

            CompareViewModel unknown = new CompareViewModel(catalog, jobs, id[0] + ",999", null);
            unknown.load();
            assertNull(unknown.modelProperty().get());
            assertEquals("there is no run 999", unknown.messageProperty().get());

            CompareViewModel one = new CompareViewModel(catalog, jobs, Long.toString(id[0]), null);
            assertEquals(Messages.format("tracking.compare.ids.count", 1), one.messageProperty().get());
            one.load();
            assertEquals(1, jobs.titles().size(), "nothing read for one id");

            CompareViewModel garbage = new CompareViewModel(catalog, jobs, "a,b", null);
            assertEquals(Messages.format("tracking.compare.ids.notAnId", "a"), garbage.messageProperty().get());
            assertEquals(Messages.format("tracking.compare.title", 0), garbage.title());

            CompareViewModel noCatalog = new CompareViewModel(null, jobs, id[0] + "," + id[1], "catalog is locked");
            noCatalog.load();
            assertEquals("catalog is locked", noCatalog.messageProperty().get());

            long lonely = new RunRepository(catalog).create(NewRun.named("lonely")).id();
            try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                w.log(lonely, "other", MetricKind.TRAIN, 1, 1, 1);
            }
            CompareViewModel disjoint = new CompareViewModel(catalog, jobs, id[0] + "," + lonely, null);
            disjoint.load();
            assertNotNull(disjoint.modelProperty().get(), "still compared: the diff is useful");
            assertEquals(List.of(), disjoint.metrics());
            assertEquals(Messages.get("tracking.compare.noCommonMetrics"), disjoint.chartsProblem());
            assertEquals(List.of(), jobs.reported(), "a wrong set of runs is no failure to report");
        }
    }

    @Test
    void theParallelLayoutFindsTheRunUnderTheMouse() {
        CompareModel.Axis a = new CompareModel.Axis("params.lr", false, List.of(), new double[] {0, 1}, 0, 1);
        CompareModel.Axis b = new CompareModel.Axis("metrics.auc", false, List.of(), new double[] {1, Double.NaN},
                0, 1);
        CompareModel.Parallel plot = new CompareModel.Parallel(List.of(a, b), new double[] {1, Double.NaN});
        CompareParallelLayout l = new CompareParallelLayout(400, 300);
        assertEquals(CompareParallelLayout.SIDE, l.axisX(0, 2));
        assertEquals(400 - CompareParallelLayout.SIDE - CompareParallelLayout.BAR, l.axisX(1, 2), "room for the colour bar");
        assertEquals(CompareParallelLayout.TOP, l.y(1));
        assertEquals(300 - CompareParallelLayout.BOTTOM, l.y(0));
        double midX = (l.axisX(0, 2) + l.axisX(1, 2)) / 2;
        double midY = (l.y(0) + l.y(1)) / 2;
        assertEquals(0, l.runAt(plot, midX, midY + 3, 6), "on run 0's line, from bottom left to top right");
        assertEquals(1, l.runAt(plot, l.axisX(0, 2) + 2, l.y(1), 6), "run 1's lone point (no metric value)");
        assertEquals(-1, l.runAt(plot, midX, l.y(1), 6), "nothing there");
    }
}
