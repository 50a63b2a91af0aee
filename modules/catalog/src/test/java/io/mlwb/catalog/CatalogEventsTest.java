package io.mlwb.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.events.CatalogEvent.AuditAppended;
import io.mlwb.catalog.events.CatalogEvent.CardChanged;
import io.mlwb.catalog.events.CatalogEvent.ChangesMissed;
import io.mlwb.catalog.events.CatalogEvent.DeploymentChanged;
import io.mlwb.catalog.events.CatalogEvent.MetricsAppended;
import io.mlwb.catalog.events.CatalogEvent.ProfileStored;
import io.mlwb.catalog.events.CatalogEvent.RunCreated;
import io.mlwb.catalog.events.CatalogEvent.RunDeleted;
import io.mlwb.catalog.events.CatalogEvent.RunUpdated;
import io.mlwb.catalog.events.CatalogListener;
import io.mlwb.catalog.events.Subscription;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.profile.ProfileRepository;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalog change events on real SQLite files: own writes, another instance's, another JVM's. */
class CatalogEventsTest {
    /** Generous: a loaded CI machine may take long; the design target is a quarter of a second. */
    private static final long AWAIT_MS = 20_000;

    @TempDir
    Path dir;

    /** Records every batch with the thread that delivered it. */
    static final class Recorder implements CatalogListener {
        final List<CatalogEvent> events = new ArrayList<>();
        final List<String> threads = new ArrayList<>();

        @Override
        public synchronized void onEvents(List<CatalogEvent> batch) {
            assertFalse(batch.isEmpty());
            events.addAll(batch);
            threads.add(Thread.currentThread().getName());
            notifyAll();
        }

        synchronized List<CatalogEvent> events() {
            return List.copyOf(events);
        }

        /** Waits until an event matches; returns it. */
        synchronized CatalogEvent await(Predicate<CatalogEvent> match, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MS);
            while (true) {
                for (CatalogEvent e : events) {
                    if (match.test(e)) {
                        return e;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("No " + what + " within " + AWAIT_MS + " ms; got " + events);
                }
                wait(left);
            }
        }

        synchronized void awaitEvent(CatalogEvent expected) throws InterruptedException {
            await(expected::equals, expected.toString());
        }
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(3 * ChangeWatcher.POLL_MS);   // room for a duplicate to show up, were there one
    }

    @Test
    void ownWritesArriveOnceEachInOrderOnTheWatcherThread() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            Recorder rec = new Recorder();
            try (Subscription sub = catalog.events().subscribe(rec)) {
                assertTrue(catalog.watching());
                DatasetRepository datasets = new DatasetRepository(catalog);
                long ds = datasets.register("credit", null).id();
                long version = datasets.addVersion(ds, new NewDatasetVersion("credit.csv", "aa", null, null, 10, 2L,
                        1L)).id();
                long profile = new ProfileRepository(catalog).insert(version, "{}", false).id();
                rec.awaitEvent(new ProfileStored(profile, "credit"));

                RunRepository runs = new RunRepository(catalog);
                long run = runs.create(NewRun.named("r1")).id();
                rec.awaitEvent(new RunCreated(run));
                runs.setStatus(run, RunStatus.RUNNING);
                rec.awaitEvent(new RunUpdated(run));

                try (MetricWriter writer = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                    writer.log(run, "loss", MetricKind.TRAIN, 0, 1.0, 1L);
                    writer.log(run, "acc", MetricKind.EVAL, 0, 0.5, 1L);
                    writer.flush();
                }
                rec.awaitEvent(new MetricsAppended(run, Set.of("acc", "loss")));

                long seq = new AuditLog(catalog).append("ada", "run.create", "run", String.valueOf(run), Map.of())
                        .seq();
                rec.awaitEvent(new AuditAppended(seq, "run.create"));
                settle();
                assertEquals(List.of(new ProfileStored(profile, "credit"), new RunCreated(run), new RunUpdated(run),
                        new MetricsAppended(run, Set.of("acc", "loss")), new AuditAppended(seq, "run.create")),
                        rec.events());
                assertTrue(rec.threads.stream().allMatch("mlwb-catalog-watch"::equals), rec.threads.toString());
            }
        }
    }

    @Test
    void cardAndDeploymentChangesAndRunDeletesAreEvents() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            Recorder rec = new Recorder();
            catalog.events().subscribe(rec);
            catalog.inTransaction("seed a model", c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO model(id, name) VALUES (1, 'm')");
                    st.executeUpdate("INSERT INTO model_version(id, model_id, version) VALUES (1, 1, 1)");
                    st.executeUpdate("INSERT INTO model_card(id, model_version_id) VALUES (7, 1)");
                    st.executeUpdate("INSERT INTO deployment(id, model_version_id, target) VALUES (9, 1, 'local')");
                    st.executeUpdate("UPDATE deployment SET status = 'deployed' WHERE id = 9");
                    st.executeUpdate("INSERT INTO run(id, name) VALUES (5, 'gone')");
                    st.executeUpdate("INSERT INTO run_tag(run_id, key, value) VALUES (5, 'k', 'v')");
                }
                return null;
            });
            RawSqlite.update(catalog, "delete run", "DELETE FROM run WHERE id = 5");
            rec.awaitEvent(new RunDeleted(5));
            settle();
            // The model and its version are one ModelChanged; the two deployment rows in a row fold into one; the
            // tag insert folds into the run's creation.
            assertEquals(List.of(new CatalogEvent.ModelChanged(1), new CardChanged(7), new DeploymentChanged(9), new RunCreated(5), new RunDeleted(5)),
                    rec.events());
        }
    }

    @Test
    void aSecondCatalogInstanceOnTheSameFileIsNoticed() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Catalog watched = Catalog.open(file); Catalog other = Catalog.open(file)) {
            Recorder rec = new Recorder();
            watched.events().subscribe(rec);
            long run = new RunRepository(other).create(NewRun.named("from elsewhere")).id();
            rec.awaitEvent(new RunCreated(run));
            settle();
            assertEquals(List.of(new RunCreated(run)), rec.events());
        }
    }

    @Test
    void aWriteByAnotherJvmIsNoticed() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Catalog catalog = Catalog.open(file)) {
            Recorder rec = new Recorder();
            catalog.events().subscribe(rec);
            Path log = dir.resolve("child.log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                    EventWriterMain.class.getName(), file.toString(), "cli-run")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(child.waitFor(2, TimeUnit.MINUTES), "child did not finish");
            assertEquals(0, child.exitValue(), () -> read(log));
            RunCreated created = (RunCreated) rec.await(e -> e instanceof RunCreated, "RunCreated");
            assertEquals("cli-run", new RunRepository(catalog).get(created.runId()).orElseThrow().name());
            settle();
            // Whether the status change arrived in the same read as the creation (folded) or after it, once.
            List<CatalogEvent> got = rec.events();
            assertTrue(got.equals(List.of(created)) || got.equals(List.of(created, new RunUpdated(created.runId()))),
                    got.toString());
        }
    }

    @Test
    void aListenerThatThrowsBreaksNeitherTheWriterNorTheOthers() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            List<Integer> thrown = new ArrayList<>();
            catalog.events().subscribe(batch -> {
                synchronized (thrown) {
                    thrown.add(batch.size());
                }
                throw new IllegalStateException("listener bug");
            });
            Recorder rec = new Recorder();
            catalog.events().subscribe(rec);
            RunRepository runs = new RunRepository(catalog);
            long first = runs.create(NewRun.named("a")).id();
            rec.awaitEvent(new RunCreated(first));
            long second = runs.create(NewRun.named("b")).id();   // the writer is unaffected
            rec.awaitEvent(new RunCreated(second));
            assertEquals(2, runs.count());
            synchronized (thrown) {
                assertTrue(thrown.size() >= 1, "the failing listener is still called: " + thrown);
            }
        }
    }

    @Test
    void listenersMayReadTheCatalogAndUnsubscribing() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            RunRepository runs = new RunRepository(catalog);
            List<String> names = new ArrayList<>();
            Subscription reader = catalog.events().subscribe(batch -> {
                for (CatalogEvent e : batch) {
                    if (e instanceof RunCreated c) {
                        String name = runs.get(c.runId()).orElseThrow().name();   // not under the catalog's lock
                        synchronized (names) {
                            names.add(name);
                        }
                    }
                }
            });
            Recorder rec = new Recorder();
            catalog.events().subscribe(rec);
            long a = runs.create(NewRun.named("a")).id();
            rec.awaitEvent(new RunCreated(a));
            reader.close();
            reader.close();   // idempotent
            long b = runs.create(NewRun.named("b")).id();
            rec.awaitEvent(new RunCreated(b));
            synchronized (names) {
                assertEquals(List.of("a"), names);
            }
        }
    }

    @Test
    void closingStopsTheWatcherThreadAndNoThreadRunsWithoutSubscribers() throws Exception {
        Catalog catalog = Catalog.open(dir.resolve("catalog.db"));
        new RunRepository(catalog).create(NewRun.named("before"));
        assertFalse(catalog.watching(), "no subscriber, no thread");
        Recorder rec = new Recorder();
        catalog.events().subscribe(rec);
        assertTrue(catalog.watching());
        catalog.close();
        assertFalse(catalog.watching());
        assertEquals(Subscription.NONE, catalog.events().subscribe(rec));
        assertEquals(List.of(), rec.events(), "a change made before subscribing is not told");
    }

    @Test
    void aReadOnlyCatalogWatchesWithoutWriting() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Catalog writer = Catalog.open(file); Catalog reader = Catalog.openReadOnly(file)) {
            reader.changeLogRetention(1, Duration.ZERO);   // were it to prune, it would delete all but one row
            Recorder rec = new Recorder();
            reader.events().subscribe(rec);
            RunRepository runs = new RunRepository(writer);
            long last = 0;
            for (int i = 0; i < 5; i++) {
                last = runs.create(NewRun.named("r" + i)).id();
            }
            rec.awaitEvent(new RunCreated(last));
            reader.close();
            assertEquals(5, RawSqlite.queryLong(writer, "SELECT count(*) FROM change_log"));
        }
    }

    @Test
    void pruningKeepsTheChangeLogBoundedAndSeqGrowing() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Catalog catalog = Catalog.open(file)) {
            catalog.changeLogRetention(100, Duration.ZERO);
            insertRuns(catalog, 0, 1_000);
            assertEquals(900, catalog.pruneChangeLog());
            assertEquals(100, RawSqlite.queryLong(catalog, "SELECT count(*) FROM change_log"));
            assertEquals(1_000, RawSqlite.queryLong(catalog, "SELECT max(seq) FROM change_log"));

            // The watcher prunes on its own after reading enough rows.
            Recorder rec = new Recorder();
            catalog.events().subscribe(rec);
            insertRuns(catalog, 1_000, 6_000);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MS);
            while (RawSqlite.queryLong(catalog, "SELECT count(*) FROM change_log") > 100
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(100, RawSqlite.queryLong(catalog, "SELECT count(*) FROM change_log"));
            rec.awaitEvent(new RunCreated(7_000));
            assertEquals(6_000, rec.events().size(), "every run told once");
        }
        // Without a watcher, closing prunes a log grown past twice what it keeps.
        try (Catalog catalog = Catalog.open(file)) {
            catalog.changeLogRetention(10, Duration.ZERO);
            insertRuns(catalog, 7_000, 30);
        }
        try (Catalog catalog = Catalog.open(file)) {
            assertEquals(10, RawSqlite.queryLong(catalog, "SELECT count(*) FROM change_log"));
            assertEquals(7_030, RawSqlite.queryLong(catalog, "SELECT max(seq) FROM change_log"));
        }
    }

    @Test
    void rowsPrunedBeforeTheyWereReadAreToldAsMissed() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Catalog watched = Catalog.open(file); Catalog other = Catalog.open(file)) {
            Recorder rec = new Recorder();
            watched.events().subscribe(rec);
            other.inTransaction("write and prune at once", c -> {
                try (Statement st = c.createStatement()) {
                    for (int i = 1; i <= 100; i++) {
                        st.executeUpdate("INSERT INTO run(id, name) VALUES (" + i + ", 'r')");
                    }
                    st.executeUpdate("DELETE FROM change_log WHERE seq <= 90");
                }
                return null;
            });
            rec.awaitEvent(new RunCreated(100));
            List<CatalogEvent> got = rec.events();
            assertEquals(new ChangesMissed(90), got.get(0));
            assertEquals(11, got.size());
            assertEquals(new RunCreated(91), got.get(1));
        }
    }

    @Test
    void kindsFromANewerWriterAreIgnored() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            Recorder rec = new Recorder();
            catalog.events().subscribe(rec);
            RawSqlite.update(catalog, "future change", "INSERT INTO change_log(kind, entity_id, at) VALUES ('x', 1, 0)");
            long run = new RunRepository(catalog).create(NewRun.named("r")).id();
            rec.awaitEvent(new RunCreated(run));
            assertEquals(List.of(new RunCreated(run)), rec.events());
        }
    }

    @Test
    void aVersion2CatalogIsMigratedAndThenWatched() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Connection c = RawSqlite.connect(file); Statement st = c.createStatement()) {
            for (String name : List.of("V001__init.sql", "V002__metric_series.sql")) {
                for (String sql : Migrations.statements(resource(name))) {
                    st.executeUpdate(sql);
                }
            }
            st.executeUpdate("PRAGMA user_version = 2");
            st.executeUpdate("INSERT INTO run(id, name) VALUES (1, 'old')");
        }
        try (Catalog catalog = Catalog.open(file)) {
            assertEquals(Catalog.supportedSchemaVersion(), catalog.schemaVersion());
            assertEquals(0, RawSqlite.queryLong(catalog, "SELECT count(*) FROM change_log"));
            Recorder rec = new Recorder();
            catalog.events().subscribe(rec);
            new RunRepository(catalog).setStatus(1, RunStatus.RUNNING);
            rec.awaitEvent(new RunUpdated(1));
        }
    }

    @Test
    void coalescingFoldsRepeatsButKeepsOrder() {
        List<CatalogEvent> in = List.of(new MetricsAppended(1, Set.of("loss")), new MetricsAppended(1, Set.of("acc")),
                new MetricsAppended(2, Set.of("loss")), new MetricsAppended(1, Set.of("loss")), new RunCreated(3),
                new RunUpdated(3), new RunUpdated(3), new RunUpdated(4), new CardChanged(1), new CardChanged(1),
                new CardChanged(2));
        assertEquals(List.of(new MetricsAppended(1, Set.of("acc", "loss")), new MetricsAppended(2, Set.of("loss")),
                new MetricsAppended(1, Set.of("loss")), new RunCreated(3), new RunUpdated(4), new CardChanged(1),
                new CardChanged(2)), CatalogEvent.coalesce(in));
    }

    private static void insertRuns(Catalog catalog, int firstId, int count) {
        catalog.inTransaction("insert runs", c -> {
            try (var st = c.prepareStatement("INSERT INTO run(id, name) VALUES (?, 'r')")) {
                for (int i = 1; i <= count; i++) {
                    st.setLong(1, firstId + i);
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
