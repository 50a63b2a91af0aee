package io.mlwb.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Compare pane's numbers over a real catalog: common metrics, diff rows, numeric and categorical axes, parallel
 * coordinates and scatter, chart points by step, epoch and time, and the messages for a wrong set of runs.
 */
class CompareModelTest {
    @TempDir
    Path dir;

    /** Three runs: lr numeric, optimizer categorical, seed equal; loss in all three, val_auc latest, acc in one. */
    private long[] threeRuns(Catalog catalog) {
        RunRepository runs = new RunRepository(catalog);
        long a = runs.create(NewRun.named("adam").withDetails(Map.of("lr", "0.1", "optimizer", "adam", "seed", "7"),
                Map.of(), List.of())).id();
        long b = runs.create(NewRun.named("sgd").withDetails(Map.of("lr", "0.01", "optimizer", "sgd", "seed", "7"),
                Map.of(), List.of())).id();
        long c = runs.create(NewRun.named("adamw").withDetails(Map.of("lr", "0.001", "optimizer", "adamw",
                "seed", "7", "extra", "yes"), Map.of(), List.of())).id();
        try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
            for (int s = 0; s < 10; s++) {
                w.log(a, "loss", MetricKind.TRAIN, s, 1.0 / (s + 1), 1_000 + s * 1_000L);
                w.log(b, "loss", MetricKind.TRAIN, s * 2, 2.0 / (s + 1), 50_000 + s * 500L);
                w.log(c, "loss", MetricKind.TRAIN, s, 3.0 - s * 0.1, 9_000 + s * 100L);
            }
            w.log(a, "val_auc", MetricKind.EVAL, 9, 0.9, 10_000);
            w.log(b, "val_auc", MetricKind.EVAL, 18, 0.7, 60_000);
            w.log(c, "val_auc", MetricKind.EVAL, 9, 0.8, 10_000);
            w.log(a, "acc", MetricKind.EVAL, 9, 0.5, 10_000);
        }
        return new long[] {a, b, c};
    }

    @Test
    void commonMetricsDiffRowsAndAxes() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            long[] id = threeRuns(catalog);
            List<Double> fractions = new ArrayList<>();
            CompareModel m = CompareModel.load(catalog, List.of(id[0], id[1], id[2]), recording(fractions));
            assertEquals(List.of(id[0], id[1], id[2]), m.ids());
            assertEquals(1.0, fractions.get(fractions.size() - 1), "progress ends at 1");
            assertEquals("adam #" + id[0], m.label(0));
            assertEquals(List.of("loss", "val_auc"), m.commonMetrics(), "acc is logged by one run only");
            assertNull(m.series(1, "acc"));

            List<CompareModel.Row> all = m.rows(false);
            List<String> keys = all.stream().map(r -> r.section() + ":" + r.key()).toList();
            assertEquals(List.of("PARAM:extra", "PARAM:lr", "PARAM:optimizer", "PARAM:seed", "METRIC:acc",
                    "METRIC:loss", "METRIC:val_auc"), keys, "params then metrics, each by name");
            CompareModel.Row seed = all.get(3);
            assertFalse(seed.differs());
            assertEquals(List.of("7", "7", "7"), seed.values());
            assertEquals(List.of("", "", "yes"), all.get(0).values(), "a missing param shows empty");
            assertTrue(all.get(0).differs(), "missing differs from present");
            assertEquals(List.of("0.1", "0.2", "2.1"), all.get(5).values(), "latest loss of each run");
            List<String> diffs = m.rows(true).stream().map(CompareModel.Row::key).toList();
            assertEquals(List.of("extra", "lr", "optimizer", "acc", "loss", "val_auc"), diffs);

            CompareModel.Axis lr = m.axis("params.lr");
            assertFalse(lr.categorical());
            assertEquals(0.001, lr.min());
            assertEquals(0.1, lr.max());
            assertEquals(1.0, lr.normalized(0));
            assertEquals(0.0, lr.normalized(2));
            assertEquals((0.01 - 0.001) / (0.1 - 0.001), lr.normalized(1), 1e-12);

            CompareModel.Axis opt = m.axis("params.optimizer");
            assertTrue(opt.categorical());
            assertEquals(List.of("adam", "adamw", "sgd"), opt.categories());
            assertArrayEquals(new double[] {0, 2, 1}, opt.values());
            assertEquals(0.5, opt.normalized(2), "the middle of three categories");
            assertEquals("sgd", opt.text(1));

            CompareModel.Axis seedAxis = m.axis("params.seed");
            assertEquals(0.5, seedAxis.normalized(0), "one value: the middle of the axis");
            CompareModel.Axis extra = m.axis("params.extra");
            assertTrue(extra.categorical());
            assertTrue(Double.isNaN(extra.normalized(0)), "a run without the param has no point on its axis");

            assertEquals(List.of("params.extra", "params.lr", "params.optimizer"), m.defaultParallelParams(8));
            assertEquals(List.of("params.lr"), m.defaultParallelParams(1), "a numeric param every run has first");
            assertEquals(List.of("params.lr", "params.optimizer"), m.defaultParallelParams(2),
                    "then a categorical one; a param some runs lack last");
            assertEquals("metrics.val_auc", m.defaultMetric(), "complete in every run, a validation metric");

            CompareModel.Parallel p = m.parallel(List.of("params.lr", "params.optimizer"), "metrics.val_auc");
            assertEquals(List.of("lr", "optimizer", "val_auc"), p.axes().stream().map(CompareModel.Axis::name)
                    .toList(), "the metric axis last");
            assertArrayEquals(new double[] {1.0, 0.0, 1.0}, p.polyline(0), 1e-12);
            assertEquals(0.5, p.colour()[2], 1e-12, "0.8 between 0.7 and 0.9");
            assertEquals(0.0, p.colour()[1], 1e-12);

            CompareModel.Scatter s = m.scatter("params.optimizer", "metrics.acc");
            assertEquals(List.of(0), s.plotted(), "only the run that logged acc");
            assertEquals(0.5, s.y().values()[0]);
            assertThrows(IllegalArgumentException.class, () -> m.axis("tags.x"));
        }
    }

    @Test
    void pointsByStepByTimeAndEpochsAlignedThroughStepsPerEpoch() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            RunRepository runs = new RunRepository(catalog);
            long a = runs.create(NewRun.named("a").withStartedAt(java.time.Instant.ofEpochMilli(500))
                    .withDetails(Map.of("steps_per_epoch", "100"), Map.of(), List.of())).id();
            long b = runs.create(NewRun.named("b").withStartedAt(java.time.Instant.ofEpochMilli(10_000))
                    .withDetails(Map.of("steps_per_epoch", "not a number"), Map.of(), List.of())).id();
            try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                for (int e = 1; e <= 3; e++) {
                    w.log(a, "epoch/val_loss", MetricKind.EVAL, e, 1.0 / e, 500 + e * 1_000L);
                    w.log(b, "epoch/val_loss", MetricKind.EVAL, e, 2.0 / e, 10_000 + e * 2_000L);
                }
            }
            CompareModel m = CompareModel.load(catalog, List.of(a, b), Progress.NONE);
            assertArrayEquals(new double[] {100, 200, 300}, m.points(0, "epoch/val_loss", MetricAxis.STEP)[0],
                    "epoch e ends at step e × steps_per_epoch");
            assertArrayEquals(new double[] {1, 2, 3}, m.points(1, "epoch/val_loss", MetricAxis.STEP)[0],
                    "no usable steps_per_epoch: the logged step");
            assertArrayEquals(new double[] {1, 2, 3}, m.points(0, "epoch/val_loss", MetricAxis.EPOCH)[0]);
            assertArrayEquals(new double[] {2, 4, 6}, m.points(1, "epoch/val_loss", MetricAxis.TIME)[0],
                    "seconds since the run started");
            assertArrayEquals(new double[] {2, 1, 2.0 / 3}, m.points(1, "epoch/val_loss", MetricAxis.TIME)[1],
                    "the raw values");
        }
    }

    @Test
    void formatsNumbersShortAndExactWhereTheyAreShort() {
        assertEquals("", CompareModel.format(null));
        assertEquals("3", CompareModel.format(3.0));
        assertEquals("0.123457", CompareModel.format(0.1234567));
        assertEquals("0.25", CompareModel.format(0.25));
        assertEquals("1.5e-07", CompareModel.format(1.5e-7));
        assertEquals("NaN", CompareModel.format(Double.NaN));
    }

    @Test
    void aWrongSetOfRunsIsAUserErrorWithWhatToDo() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            long[] id = threeRuns(catalog);
            assertEquals("compare takes 2 to 10 runs, got 1", assertThrows(UserError.class,
                    () -> CompareModel.load(catalog, List.of(id[0]), Progress.NONE)).getMessage());
            List<Long> eleven = new ArrayList<>();
            for (long i = 1; i <= 11; i++) {
                eleven.add(i);
            }
            assertEquals("compare takes 2 to 10 runs, got 11", assertThrows(UserError.class,
                    () -> CompareModel.load(catalog, eleven, Progress.NONE)).getMessage());
            assertEquals("there is no run 999", assertThrows(UserError.class,
                    () -> CompareModel.load(catalog, List.of(id[0], 999L), Progress.NONE)).getMessage());
            assertEquals("run " + id[1] + " is given twice", assertThrows(UserError.class,
                    () -> CompareModel.load(catalog, List.of(id[1], id[0], id[1]), Progress.NONE)).getMessage());
        }
    }

    private static Progress recording(List<Double> fractions) {
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
                fractions.add(fraction);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
    }
}
