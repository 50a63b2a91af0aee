package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.tracking.TrackedRun;
import io.mlwb.tracking.TrackingService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mlwb runs import` killed with SIGKILL half way: every run in the catalog is whole, and running the import again
 * brings the rest without duplicates.
 */
class ImportKillTest {
    private static final int RUNS = 120;
    private static final int POINTS = 3_000;

    @TempDir
    Path dir;

    @Test
    void anImportKilledHalfWayLeavesWholeRunsAndCompletesOnRerun() throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: imports\n");
        Path src = dir.resolve("outside");
        for (int r = 0; r < RUNS; r++) {
            Path m = Files.createDirectories(src.resolve(String.format("exp-%03d/dvclive/plots/metrics", r)));
            StringBuilder sb = new StringBuilder("timestamp\tstep\tloss\n");
            for (int s = 0; s < POINTS; s++) {
                sb.append(1_000_000 + s).append('\t').append(s).append('\t').append(r + s / 1000.0).append('\n');
            }
            Files.writeString(m.resolve("loss.tsv"), sb);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dmlwb.log.dir=" + dir.resolve("logs"), "io.mlwb.cli.Main", "--project", dir.toString(), "runs",
                "import", "dvclive", src.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        Path db = dir.resolve(".mlwb/catalog.db");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline && runs(db) < 3) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), () -> "the import ended before it could be killed: " + log());
        p.destroyForcibly(); // SIGKILL, mid-import
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
        long before;
        try (Catalog c = Catalog.open(db)) {
            TrackingService t = new TrackingService(c);
            List<TrackedRun> landed = t.list("", true);
            before = landed.size();
            assertTrue(before > 0 && before < RUNS, before + " runs landed before the kill");
            for (TrackedRun r : landed) {
                assertEquals(POINTS, t.show(r.id()).series().get("loss").size(), "run " + r.id() + " is whole");
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new String[] {"--project", dir.toString(), "runs", "import", "dvclive",
            src.toString()}, new PrintWriter(out, true), new PrintWriter(err, true)), err.toString());
        assertTrue(out.toString().contains("imported " + (RUNS - before) + " runs"), out.toString());
        try (Catalog c = Catalog.open(db)) {
            assertEquals(RUNS, new TrackingService(c).list("", true).size(), "no duplicates, nothing missing");
        }
    }

    private static long runs(Path db) {
        if (!Files.exists(db)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM run_source")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (Exception e) {
            return 0; // not created yet, or mid-migration
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
