package io.mlwb.app.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricSeries;
import io.mlwb.catalog.metrics.MetricSeriesReader;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Training pane's lines filled incrementally from a real catalog while a writer logs: after every read the lines
 * hold exactly what the catalog holds (no point twice, none lost), system series are in seconds since their first
 * point, and the learning rate stands in for utilization only in a settled run that recorded none.
 */
class LiveFeedTest {
    @TempDir
    Path dir;

    /** One read as the pane does it: tails of the per-step series from the feed's cursors, epoch series whole. */
    private static void read(Catalog catalog, long run, LiveFeed feed, RunStatus status) {
        MetricSeriesReader reader = new MetricSeriesReader(catalog);
        Map<String, MetricSeries> series = new LinkedHashMap<>();
        Map<String, MetricSeriesReader.TailCursor> next = new LinkedHashMap<>();
        for (String name : List.of("train/loss", "train/lr")) {
            tail(reader, run, name, MetricKind.TRAIN, feed, series, next);
        }
        tail(reader, run, "sys/cpu_percent", MetricKind.SYSTEM, feed, series, next);
        for (String name : List.of("epoch/train_loss", "epoch/val_loss", "epoch/val_rmse")) {
            MetricSeries s = reader.read(run, name, MetricKind.EVAL);
            if (s.size() > 0) {
                series.put(name, s);
            }
        }
        feed.accept(series, next, status);
    }

    private static void tail(MetricSeriesReader reader, long run, String name, MetricKind kind, LiveFeed feed,
                             Map<String, MetricSeries> series, Map<String, MetricSeriesReader.TailCursor> next) {
        MetricSeriesReader.Tail t = reader.readTail(run, name, kind,
                feed.cursors().getOrDefault(name, MetricSeriesReader.TailCursor.START));
        next.put(name, t.next());
        if (t.points().size() > 0) {
            series.put(name, t.points());
        }
    }

    private static LiveFeed.Line line(LiveFeed feed, String name) {
        return feed.lines().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void linesHoldExactlyWhatWasLoggedAfterEveryRead() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            long run = new RunRepository(catalog).create(NewRun.named("live")).id();
            LiveFeed feed = new LiveFeed(run);
            List<String> declared = new ArrayList<>();
            feed.onLine(l -> declared.add(l.chart() + ":" + l.name()));
            try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                int step = 0;
                for (int epoch = 1; epoch <= 6; epoch++) {
                    for (int b = 0; b < 1500; b++, step++) {
                        w.log(run, "train/loss", MetricKind.TRAIN, step, 1.0 / (1 + step), 1_000L + step);
                        w.log(run, "train/lr", MetricKind.TRAIN, step, 0.01, 1_000L + step);
                    }
                    w.log(run, "sys/cpu_percent", MetricKind.SYSTEM, epoch, 40 + epoch, 5_000L + 1000L * epoch);
                    w.log(run, "epoch/train_loss", MetricKind.EVAL, epoch, 0.5 / epoch, 1_000L + step);
                    w.log(run, "epoch/val_loss", MetricKind.EVAL, epoch, 0.6 / epoch, 1_000L + step);
                    w.log(run, "epoch/val_rmse", MetricKind.EVAL, epoch, 2.0 / epoch, 1_000L + step);
                    w.flush();
                    read(catalog, run, feed, RunStatus.RUNNING);
                    read(catalog, run, feed, RunStatus.RUNNING); // nothing new: nothing appended twice
                    MetricSeries whole = new MetricSeriesReader(catalog).read(run, "train/loss", MetricKind.TRAIN);
                    double[][] drawn = line(feed, "train/loss").data().snapshot();
                    assertEquals(whole.size(), drawn[0].length, "epoch " + epoch);
                    assertArrayEquals(whole.values(), drawn[1]);
                    assertEquals(epoch, line(feed, "epoch/val_loss").data().size());
                }
            }
            assertEquals(List.of("LOSS_STEP:train/loss", "LOSS_EPOCH:epoch/train_loss", "LOSS_EPOCH:epoch/val_loss",
                    "METRIC:epoch/val_rmse", "SYSTEM:sys/cpu_percent"), declared);
            double[][] cpu = line(feed, "sys/cpu_percent").data().snapshot();
            assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, cpu[0], "seconds since the first sample");
            assertFalse(feed.systemShowsLearningRate(), "a run with utilization shows it, not the learning rate");
        }
    }

    @Test
    void aSettledRunWithoutUtilizationShowsItsLearningRate() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            long run = new RunRepository(catalog).create(NewRun.named("old")).id();
            try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                for (int step = 0; step < 10; step++) {
                    w.log(run, "train/lr", MetricKind.TRAIN, step, 0.1 * (10 - step), step);
                }
            }
            LiveFeed running = new LiveFeed(run);
            read(catalog, run, running, RunStatus.RUNNING);
            assertTrue(running.lines().isEmpty(), "while it runs, utilization may still come");
            LiveFeed settled = new LiveFeed(run);
            read(catalog, run, settled, RunStatus.FINISHED);
            assertTrue(settled.systemShowsLearningRate());
            assertEquals(10, line(settled, "train/lr").data().size());
        }
    }
}
