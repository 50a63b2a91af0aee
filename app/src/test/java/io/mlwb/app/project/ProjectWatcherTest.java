package io.mlwb.app.project;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectWatcherTest {
    private static final long TIMEOUT_NANOS = 20_000_000_000L;

    @TempDir
    Path dir;

    private final ConcurrentLinkedQueue<Set<String>> reports = new ConcurrentLinkedQueue<>();

    private boolean awaitReport(Predicate<Set<String>> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            if (reports.stream().anyMatch(wanted)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void reportsChangedFoldersIncludingNewOnesAndSkipsGit() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(dir.resolve(".git"));
        try (ProjectWatcher watcher = new ProjectWatcher(dir, Duration.ofMillis(100), reports::add)) {
            watcher.start();
            assertTrue(watcher.running());

            Files.writeString(dir.resolve(".git/index"), "x");
            Files.writeString(dir.resolve("src/a.py"), "a");
            assertTrue(awaitReport(s -> s.contains("src")), () -> "reports: " + reports);

            Files.createDirectories(dir.resolve("new/deeper"));
            assertTrue(awaitReport(s -> s.contains("")), () -> "reports: " + reports);
            // the new folder is watched too
            reports.clear();
            Files.writeString(dir.resolve("new/deeper/b.txt"), "b");
            assertTrue(awaitReport(s -> s.contains("new/deeper")), () -> "reports: " + reports);
            assertFalse(reports.stream().anyMatch(s -> s.stream().anyMatch(p -> p.startsWith(".git"))),
                    () -> "reports: " + reports);
        }
    }

    @Test
    void closeStopsItAndItCannotRestart() throws Exception {
        ProjectWatcher watcher = new ProjectWatcher(dir, Duration.ofMillis(50), reports::add);
        watcher.start();
        watcher.close();
        watcher.close();
        assertFalse(watcher.running());
        assertThrows(IllegalStateException.class, watcher::start);
    }
}
