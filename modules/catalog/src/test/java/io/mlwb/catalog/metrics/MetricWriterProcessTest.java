package io.mlwb.catalog.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes writing metrics: killed with SIGKILL at random moments (the catalog stays intact and every point
 * whose flush returned is there, bit for bit), and two writing one catalog at once (nothing locked, nothing lost).
 */
class MetricWriterProcessTest {
    @TempDir
    Path dir;

    private Process start(Path db, String label, long points, int flushEvery, Path log) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                MetricLogMain.class.getName(), db.toString(), label, Long.toString(points),
                Integer.toString(flushEvery))
                .redirectError(log.toFile()).start();
    }

    @Test
    void killNineTwentyTimesLosesNoFlushedPointAndNeverCorrupts() throws Exception {
        Path db = dir.resolve("catalog.db");
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            Path log = dir.resolve("child-" + round + ".log");
            Process p = start(db, "killed-" + round, 100_000_000L, 1 + random.nextInt(200), log);
            AtomicLong run = new AtomicLong(-1);
            AtomicLong durable = new AtomicLong(-1);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("run ")) {
                            run.set(Long.parseLong(line.substring(4)));
                        } else if (line.startsWith("durable ")) {
                            durable.set(Long.parseLong(line.substring(8)));
                        }
                    }
                } catch (Exception e) {
                    // the pipe breaks when the child is killed
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (durable.get() < 0 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(p.isAlive(), () -> "child ended early: " + read(log));
            Thread.sleep(random.nextInt(400)); // a random moment: mid-batch, mid-commit, mid-checkpoint
            long seen = durable.get(); // every flush that returned before the kill
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertEquals("ok", rs.getString(1), "round " + round);
            }
            try (Catalog catalog = Catalog.open(db)) {
                MetricSeries s = new MetricSeriesReader(catalog).read(run.get(), "loss", MetricKind.TRAIN);
                assertTrue(s.size() > seen, "round " + round + ": " + s.size() + " points, flushed up to " + seen);
                for (int i = 0; i < s.size(); i++) {
                    assertEquals(i, s.steps()[i], "round " + round);
                    assertEquals(Double.doubleToRawLongBits(MetricLogMain.value(i)),
                            Double.doubleToRawLongBits(s.values()[i]), "round " + round + " step " + i);
                }
            }
        }
    }

    @Test
    void twoProcessesWritingFiveThousandEachSeeNoLockAndLoseNothing() throws Exception {
        Path db = dir.resolve("catalog.db");
        try (Catalog catalog = Catalog.open(db)) {
            List<String> labels = List.of("gui", "cli");
            List<Process> ps = new java.util.ArrayList<>();
            for (String label : labels) {
                ps.add(start(db, label, 5_000, 1, dir.resolve(label + ".log"))); // every point its own commit
            }
            for (int k = 0; k < ps.size(); k++) {
                Process p = ps.get(k);
                p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                assertTrue(p.waitFor(3, TimeUnit.MINUTES), "writer did not finish");
                Path log = dir.resolve(labels.get(k) + ".log");
                assertEquals(0, p.exitValue(), () -> read(log));
                assertTrue(!read(log).contains("locked"), read(log));
            }
            long[] runs = catalog.read("runs", c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM run ORDER BY id")) {
                    long[] ids = new long[2];
                    for (int i = 0; i < 2 && rs.next(); i++) {
                        ids[i] = rs.getLong(1);
                    }
                    return ids;
                }
            });
            for (long run : runs) {
                MetricSeries s = new MetricSeriesReader(catalog).read(run, "loss", MetricKind.TRAIN);
                assertEquals(5_000, s.size(), "run " + run);
                assertEquals(MetricLogMain.value(4_999), s.values()[4_999]);
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
