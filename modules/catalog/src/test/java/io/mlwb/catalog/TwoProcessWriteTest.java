package io.mlwb.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.audit.AuditVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real JVMs write the same catalog at once (as the GUI and the CLI do) while this one reads. */
class TwoProcessWriteTest {
    private static final int ROWS = 3_000;
    private static final int AUDIT_EVERY = 30;

    @TempDir
    Path dir;

    @Test
    void twoProcessesWritingAtOnceLoseNothingAndNeverSeeALock() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Catalog catalog = Catalog.open(file)) {
            List<Process> children = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (String label : List.of("a", "b")) {
                Path log = dir.resolve(label + ".log");
                logs.add(log);
                children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                        ConcurrentWriterMain.class.getName(), file.toString(), label, String.valueOf(ROWS),
                        String.valueOf(AUDIT_EVERY))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start());
            }
            // Read while they write: counts only grow, and reads never fail.
            long last = 0;
            int reads = 0;
            while (children.stream().anyMatch(Process::isAlive)) {
                long now = RawSqlite.queryLong(catalog, "SELECT count(*) FROM run");
                assertTrue(now >= last, "count went from " + last + " to " + now);
                last = now;
                reads++;
                Thread.sleep(20);
            }
            for (int k = 0; k < children.size(); k++) {
                Process p = children.get(k);
                assertTrue(p.waitFor(2, TimeUnit.MINUTES), "child did not finish");
                assertEquals(0, p.exitValue(), () -> "child failed:\n" + read(logs.get(0))
                        + read(logs.get(1)));
            }
            assertEquals(2L * ROWS, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run"));
            assertEquals(2L * ROWS, RawSqlite.queryLong(catalog, "SELECT count(DISTINCT name) FROM run"));
            assertEquals(ROWS, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run WHERE name LIKE 'a-%'"));
            assertEquals(ROWS, RawSqlite.queryLong(catalog, "SELECT count(*) FROM run WHERE name LIKE 'b-%'"));

            AuditLog audit = new AuditLog(catalog);
            assertEquals(2L * ROWS / AUDIT_EVERY, audit.count());
            AuditVerification v = audit.verify();
            assertTrue(v.ok(), v.toString());
            assertEquals(2L * ROWS / AUDIT_EVERY, v.entriesChecked());
            assertTrue(reads > 0);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
