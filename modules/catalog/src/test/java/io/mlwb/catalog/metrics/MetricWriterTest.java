package io.mlwb.catalog.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricWriterTest {
    private static final Duration LONG = Duration.ofHours(1);

    @TempDir
    Path dir;
    private Catalog catalog;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.db"));
        toClose.add(catalog);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (CatalogException expectedInFailureTests) {
                // a test that provoked a failure may leave it unreported
            }
        }
    }

    private MetricWriter writer(Catalog c, int batch, Duration delay, int capacity) {
        MetricWriter w = new MetricWriter(c, new MetricWriter.Options(batch, delay, capacity));
        toClose.add(w);
        return w;
    }

    static long newRun(Catalog c, String name) {
        return c.inTransaction("insert run", conn -> {
            try (var st = conn.prepareStatement("INSERT INTO run(name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                st.setString(1, name);
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    private long count(String sql) {
        return catalog.read("count", c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                return rs.getLong(1);
            }
        });
    }

    @Test
    void roundTripKeepsEveryBitAndNegativeSteps() {
        long run = newRun(catalog, "r");
        double[] values = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_1234L),
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE, 1.0 / 3};
        MetricWriter w = writer(catalog, 4, LONG, 100);
        for (int i = 0; i < values.length; i++) {
            w.log(run, "loss", MetricKind.TRAIN, i - 5L, values[i], 1_000L * i - 7);
        }
        w.close();
        MetricSeries s = new MetricSeriesReader(catalog).read(run, "loss", MetricKind.TRAIN);
        assertEquals(values.length, s.size());
        for (int i = 0; i < values.length; i++) {
            assertEquals(i - 5L, s.steps()[i]);
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(s.values()[i]), "value " + i);
            assertEquals(1_000L * i - 7, s.times()[i]);
        }
        assertEquals(0, new MetricSeriesReader(catalog).read(run, "loss", MetricKind.EVAL).size());
    }

    @Test
    void aTailReadReturnsExactlyThePointsLoggedSinceTheCursor() {
        long run = newRun(catalog, "r");
        MetricSeriesReader reader = new MetricSeriesReader(catalog);
        MetricSeriesReader.Tail none = reader.readTail(run, "loss", MetricKind.TRAIN,
                MetricSeriesReader.TailCursor.START);
        assertEquals(0, none.points().size());
        MetricWriter w = writer(catalog, 1_000_000, LONG, 1_000_000);
        List<Double> seen = new ArrayList<>();
        MetricSeriesReader.TailCursor cursor = none.next();
        int logged = 0;
        // flushes of 1, 3, 700 and 9,000 points: the last block grows in place, then new blocks follow (4,096 max)
        for (int batch : new int[] {1, 3, 700, 9_000, 2, 0, 5}) {
            for (int i = 0; i < batch; i++, logged++) {
                w.log(run, "loss", MetricKind.TRAIN, logged, logged * 0.5, 1000L + logged);
            }
            w.flush();
            MetricSeriesReader.Tail t = reader.readTail(run, "loss", MetricKind.TRAIN, cursor);
            assertEquals(batch, t.points().size(), "points since the cursor after a flush of " + batch);
            for (int i = 0; i < t.points().size(); i++) {
                assertEquals(seen.size(), t.points().steps()[i]);
                assertEquals(1000L + seen.size(), t.points().times()[i]);
                seen.add(t.points().values()[i]);
            }
            cursor = t.next();
        }
        assertEquals(logged, seen.size());
        MetricSeries whole = reader.read(run, "loss", MetricKind.TRAIN);
        for (int i = 0; i < logged; i++) {
            assertEquals(whole.values()[i], seen.get(i));
        }
        assertTrue(count("SELECT count(*) FROM metric_block") >= 3, "several blocks were read across");
    }

    @Test
    void outOfOrderStepsComeBackSortedWithDuplicatesInLogOrder() {
        long run = newRun(catalog, "r");
        MetricWriter w = writer(catalog, 1_000_000, LONG, 1_000_000);
        // batch 1: steps 10..19 reversed; batch 2: 0..14 (overlaps batch 1); batch 3: 5 again.
        for (int s = 19; s >= 10; s--) {
            w.log(run, "acc", MetricKind.EVAL, s, s, 1);
        }
        w.flush();
        for (int s = 0; s < 15; s++) {
            w.log(run, "acc", MetricKind.EVAL, s, s + 0.5, 2);
        }
        w.flush();
        w.log(run, "acc", MetricKind.EVAL, 5, 99, 3);
        w.close();
        MetricSeries series = new MetricSeriesReader(catalog).read(run, "acc", MetricKind.EVAL);
        assertEquals(26, series.size());
        for (int i = 1; i < series.size(); i++) {
            assertTrue(series.steps()[i - 1] <= series.steps()[i], "sorted at " + i);
        }
        // step 5: logged at time 2 then time 3; step 12: time 1 (batch 1) then time 2 (batch 2)
        List<Long> timesAt5 = new ArrayList<>();
        List<Long> timesAt12 = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            if (series.steps()[i] == 5) {
                timesAt5.add(series.times()[i]);
            }
            if (series.steps()[i] == 12) {
                timesAt12.add(series.times()[i]);
                assertEquals(series.times()[i] == 1 ? 12.0 : 12.5, series.values()[i]);
            }
        }
        assertEquals(List.of(2L, 3L), timesAt5);
        assertEquals(List.of(1L, 2L), timesAt12);
        MetricLatest latest = new MetricSeriesReader(catalog).latest(run).get(0);
        assertEquals(19, latest.step());
        assertEquals(19.0, latest.value());
    }

    @Test
    void batchIsWrittenWhenFullWithoutFlush() throws Exception {
        long run = newRun(catalog, "r");
        MetricWriter w = writer(catalog, 100, LONG, 1000);
        for (int i = 0; i < 100; i++) {
            w.log(run, "loss", MetricKind.TRAIN, i, i, i);
        }
        assertTrue(pollUntil(() -> count("SELECT coalesce(sum(n), 0) FROM metric_block") == 100));
        w.log(run, "loss", MetricKind.TRAIN, 100, 0, 0);
        Thread.sleep(200); // a single point below the size threshold and the hour-long delay stays queued
        assertEquals(100, count("SELECT coalesce(sum(n), 0) FROM metric_block"));
    }

    @Test
    void batchIsWrittenWhenOldestPointIsOld() throws Exception {
        long run = newRun(catalog, "r");
        MetricWriter w = writer(catalog, 1_000_000, Duration.ofMillis(50), 1_000_000);
        w.log(run, "cpu", MetricKind.SYSTEM, 1, 12.5, 1000);
        assertTrue(pollUntil(() -> count("SELECT count(*) FROM metric_latest") == 1));
    }

    @Test
    void closeWritesEverythingQueued() {
        long run = newRun(catalog, "r");
        MetricWriter w = writer(catalog, 1_000_000, LONG, 1_000_000);
        for (int i = 0; i < 10_000; i++) {
            w.log(run, "loss", MetricKind.TRAIN, i, i, i);
        }
        w.close();
        assertEquals(10_000, count("SELECT sum(n) FROM metric_block"));
        assertThrows(IllegalStateException.class, () -> w.log(run, "loss", MetricKind.TRAIN, 0, 0, 0));
    }

    @Test
    void smallFlushesAreMergedIntoBlocksAndBigOnesSplit() {
        long run = newRun(catalog, "r");
        MetricWriter w = writer(catalog, 1_000_000, LONG, 1_000_000);
        for (int i = 0; i < 3000; i++) { // telemetry: flushed one point at a time
            w.log(run, "gpu", MetricKind.SYSTEM, i, i % 100, i * 1000L);
            w.flush();
        }
        for (int i = 0; i < 10_000; i++) {
            w.log(run, "loss", MetricKind.TRAIN, i, i, i);
        }
        w.close();
        assertEquals(3, count("SELECT count(*) FROM metric_block b JOIN metric_key k ON k.id = b.key_id WHERE name = 'gpu'"));
        assertEquals(3, count("SELECT count(*) FROM metric_block b JOIN metric_key k ON k.id = b.key_id WHERE name = 'loss'"));
        MetricSeries gpu = new MetricSeriesReader(catalog).read(run, "gpu", MetricKind.SYSTEM);
        assertEquals(3000, gpu.size());
        for (int i = 0; i < 3000; i++) {
            assertEquals(i, gpu.steps()[i]);
            assertEquals(i % 100, gpu.values()[i]);
            assertEquals(i * 1000L, gpu.times()[i]);
        }
        assertEquals(0.0, catalog.read("min", c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT min(min_value) FROM metric_block")) {
                return rs.getDouble(1);
            }
        }));
    }

    @Test
    void latestValuesPerRunWithoutReadingSeries() {
        long a = newRun(catalog, "a");
        long b = newRun(catalog, "b");
        long empty = newRun(catalog, "empty");
        MetricWriter w = writer(catalog, 7, LONG, 100);
        for (int i = 0; i < 20; i++) {
            w.log(a, "loss", MetricKind.TRAIN, i, 1.0 / (i + 1), 100 + i);
            w.log(b, "loss", MetricKind.TRAIN, i, 2.0 / (i + 1), 200 + i);
        }
        w.log(a, "val_loss", MetricKind.EVAL, 19, Double.NaN, 500);
        w.log(a, "loss", MetricKind.TRAIN, 3, -1, 600); // a late, lower step does not replace the latest
        w.close();
        MetricSeriesReader reader = new MetricSeriesReader(catalog);
        Map<Long, List<MetricLatest>> latest = reader.latestForRuns(List.of(b, a, empty, 12345L));
        assertEquals(List.of(b, a, empty, 12345L), new ArrayList<>(latest.keySet()));
        assertEquals(List.of(new MetricLatest(a, "loss", MetricKind.TRAIN, 19, 1.0 / 20, 119),
                new MetricLatest(a, "val_loss", MetricKind.EVAL, 19, Double.NaN, 500)), latest.get(a));
        assertEquals(List.of(new MetricLatest(b, "loss", MetricKind.TRAIN, 19, 2.0 / 20, 219)), latest.get(b));
        assertEquals(List.of(), latest.get(empty));
        assertEquals(List.of("loss", "val_loss"), reader.names(a));
        assertEquals(latest.get(a), reader.latest(a));
    }

    @Test
    void failedBatchIsRolledBackAndReportedOnFlushThenWriterGoesOn() {
        long run = newRun(catalog, "r");
        MetricWriter w = writer(catalog, 1_000_000, LONG, 1_000_000);
        w.log(run, "loss", MetricKind.TRAIN, 1, 1, 1);
        w.log(999_999L, "loss", MetricKind.TRAIN, 1, 1, 1); // no such run: foreign key violation
        CatalogException e = assertThrows(CatalogException.class, w::flush);
        assertTrue(e.getMessage().contains("2 metric points"), e.getMessage());
        assertEquals(0, count("SELECT count(*) FROM metric_block"));
        assertEquals(0, count("SELECT count(*) FROM metric_key"));
        w.flush(); // reported once
        w.log(run, "loss", MetricKind.TRAIN, 2, 2, 2);
        w.close();
        assertEquals(1, count("SELECT sum(n) FROM metric_block"));
    }

    @Test
    void failureIsReportedByCloseAndByNextLog() {
        MetricWriter w = writer(catalog, 1, LONG, 10);
        w.log(424242L, "loss", MetricKind.TRAIN, 1, 1, 1);
        assertThrows(CatalogException.class, () -> {
            for (int i = 0; i < 1_000; i++) { // the failure arrives asynchronously; some log() reports it
                w.log(424242L, "loss", MetricKind.TRAIN, 1, 1, 1);
                Thread.sleep(5);
            }
        });
        MetricWriter w2 = writer(catalog, 1_000_000, LONG, 1_000_000);
        w2.log(424242L, "loss", MetricKind.TRAIN, 1, 1, 1);
        assertThrows(CatalogException.class, w2::close);
    }

    @Test
    void fullQueueBlocksLogUntilWriterCatchesUp() throws Exception {
        long run = newRun(catalog, "r");
        MetricWriter w = writer(catalog, 5, LONG, 5);
        CountDownLatch done = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 5_000; i++) {
                w.log(run, "loss", MetricKind.TRAIN, i, i, i);
            }
            done.countDown();
        });
        producer.start();
        assertTrue(done.await(60, TimeUnit.SECONDS));
        w.close();
        assertEquals(5_000, count("SELECT sum(n) FROM metric_block"));
    }

    @Test
    void twoWritersOnTwoConnectionsLandAllPoints() throws Exception {
        long run = newRun(catalog, "r");
        Catalog second = Catalog.open(dir.resolve("catalog.db"));
        toClose.add(second);
        MetricWriter w1 = writer(catalog, 500, Duration.ofMillis(20), 10_000);
        MetricWriter w2 = writer(second, 300, Duration.ofMillis(20), 10_000);
        int n = 20_000;
        Thread t1 = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                w1.log(run, "shared", MetricKind.TRAIN, 2L * i, 1, i);
                w1.log(run, "one", MetricKind.TRAIN, i, 1, i);
            }
        });
        Thread t2 = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                w2.log(run, "shared", MetricKind.TRAIN, 2L * i + 1, 2, i);
                w2.log(run, "two", MetricKind.TRAIN, i, 2, i);
            }
        });
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        w1.close();
        w2.close();
        MetricSeriesReader reader = new MetricSeriesReader(catalog);
        MetricSeries shared = reader.read(run, "shared", MetricKind.TRAIN);
        assertEquals(2 * n, shared.size());
        long[] expected = new long[2 * n];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i;
        }
        assertArrayEquals(expected, shared.steps());
        assertEquals(n, reader.read(run, "one", MetricKind.TRAIN).size());
        assertEquals(n, reader.read(run, "two", MetricKind.TRAIN).size());
        assertEquals(2 * n - 1, reader.latest(run).get(1).step()); // "shared" sorts after "one"
    }

    @Test
    void deletingRunDeletesItsSeries() {
        long run = newRun(catalog, "r");
        MetricWriter w = writer(catalog, 10, LONG, 100);
        w.log(run, "loss", MetricKind.TRAIN, 1, 1, 1);
        w.close();
        catalog.inTransaction("delete run", c -> {
            try (var st = c.createStatement()) {
                return st.executeUpdate("DELETE FROM run WHERE id = " + run);
            }
        });
        assertEquals(0, count("SELECT count(*) FROM metric_key") + count("SELECT count(*) FROM metric_block")
                + count("SELECT count(*) FROM metric_latest"));
    }

    private static boolean pollUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
