package io.mlwb.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.core.error.UserError;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The columnar runs table over a real catalog: fixed columns, lazy per-key columns, filter, sort (numbers as
 * numbers, missing last), group, nesting, keys with '/', NaN metrics, soft-deleted runs.
 */
class RunTableTest {
    @TempDir
    Path dir;
    Catalog catalog;
    long sweep;
    long a;
    long b;
    long c;
    long d;

    @BeforeEach
    void fill() {
        catalog = Catalog.open(dir.resolve("catalog.db"));
        RunRepository runs = new RunRepository(catalog);
        long exp = catalog.inTransaction("experiment", con -> {
            try (var st = con.createStatement()) {
                st.executeUpdate("INSERT INTO experiment(name) VALUES ('credit')");
            }
            try (var st = con.prepareStatement("SELECT id FROM experiment"); var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        sweep = runs.create(NewRun.named("sweep").withPlacement(exp, null)
                .withDetails(Map.of(), Map.of("mlwb.kind", "sweep"), List.of())).id();
        a = runs.create(NewRun.named("a").withPlacement(exp, sweep).withStartedAt(Instant.ofEpochMilli(1_000))
                .withGit("0123456789abcdef", true, "diff")
                .withDetails(Map.of("lr", "0.1", "optimizer", "adam", "data/path", "x.csv"), Map.of("stage", "dev"),
                        List.of())).id();
        b = runs.create(NewRun.named("b").withPlacement(exp, sweep).withStartedAt(Instant.ofEpochMilli(2_000))
                .withDetails(Map.of("lr", "0.01", "optimizer", "sgd"), Map.of("stage", "candidate"), List.of()))
                .id();
        c = runs.create(NewRun.named("c").withStartedAt(Instant.ofEpochMilli(3_000))
                .withDetails(Map.of("lr", "1e-3", "optimizer", "adam"), Map.of("mlwb.end", "interrupted"),
                        List.of())).id();
        d = runs.create(NewRun.named("d").withDetails(Map.of("lr", "big", "optimizer", "adam"), Map.of(), List.of()))
                .id();
        runs.finish(a, io.mlwb.catalog.run.RunStatus.FINISHED, Instant.ofEpochMilli(61_000), null);
        new AuditLog(catalog).append("Ada Lovelace <ada@example.com>", "run.start", "run", Long.toString(a), Map.of());
        new AuditLog(catalog).append("someone else", "run.tag", "run", Long.toString(a), Map.of());
        try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
            w.log(a, "val/auc", MetricKind.EVAL, 1, 0.90, 10);
            w.log(b, "val/auc", MetricKind.EVAL, 1, 0.70, 10);
            w.log(c, "val/auc", MetricKind.EVAL, 1, Double.NaN, 10);
            w.log(a, "loss", MetricKind.EVAL, 1, 9.0, 10); // several kinds: the train one counts
            w.log(a, "loss", MetricKind.TRAIN, 1, 0.5, 10);
        }
        runs.setDeleted(List.of(d), true);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        catalog.close();
    }

    private long[] ids(RunTable t, int[] rows) {
        return Arrays.stream(rows).mapToLong(t::id).toArray();
    }

    @Test
    void fixedColumnsNewestFirst() {
        RunTable t = RunTable.load(catalog);
        assertEquals(5, t.size());
        assertArrayEquals(new long[] {d, c, b, a, sweep}, ids(t, t.allRows()));
        int ra = t.row(a);
        assertEquals("a", t.column("name").text(ra));
        assertEquals("credit", t.column("experiment").text(ra));
        assertEquals("finished", t.column("status").text(ra));
        assertEquals(60_000, t.column("duration_ms").number(ra));
        assertEquals("0123456", t.column("commit").text(ra));
        assertEquals("true", t.column("dirty").text(ra));
        assertEquals("Ada Lovelace", t.column("user").text(ra), "the first audit entry's actor, without the e-mail");
        assertEquals(sweep, (long) t.column("parent_id").number(ra));
        assertEquals("interrupted", t.column("status").text(t.row(c)));
        assertNull(t.column("experiment").text(t.row(c)));
        assertFalse(t.column("duration_ms").has(t.row(b)), "no end, no duration");
        assertTrue(t.deleted(t.row(d)));
        assertEquals(-1, t.row(999));
    }

    @Test
    void columnsLoadLazilyAndOnce() {
        RunTable t = RunTable.load(catalog);
        assertNull(t.loaded("params.lr"));
        RunTable.Column lr = t.column("params.lr");
        assertTrue(t.loaded("params.lr") == lr && t.column("params.lr") == lr, "cached");
        assertEquals("0.1", lr.text(t.row(a)));
        assertFalse(lr.has(t.row(sweep)));
        RunTable.Column path = t.column("params.data/path");
        assertEquals("x.csv", path.text(t.row(a)));
        assertEquals(1, path.count());
        RunTable.Column auc = t.column("metrics.val/auc");
        assertTrue(auc.has(t.row(c)) && Double.isNaN(auc.number(t.row(c))), "a NaN latest value is a value");
        assertFalse(auc.has(t.row(d)));
        assertEquals(0.5, t.column("metrics.loss").number(t.row(a)));
        assertEquals("stage=dev", t.column(RunTable.TAGS).text(t.row(a)), "mlwb's own tags left out");
        assertNull(t.column(RunTable.TAGS).text(t.row(sweep)));
        RunTable.Column missing = t.column("params.nobody");
        assertEquals(0, missing.count());
        assertThrows(IllegalArgumentException.class, () -> t.column("bogus"));
    }

    @Test
    void keysWithCounts() {
        RunTable t = RunTable.load(catalog);
        assertEquals(List.of(new RunTable.Key("params.data/path", 1), new RunTable.Key("params.lr", 4),
                new RunTable.Key("params.optimizer", 4)), t.paramKeys());
        assertEquals(List.of(new RunTable.Key("metrics.loss", 1), new RunTable.Key("metrics.val/auc", 3)),
                t.metricKeys());
        assertTrue(t.tagKeys().contains(new RunTable.Key("tags.stage", 2)), t.tagKeys().toString());
    }

    @Test
    void filtersLikeTheServiceAndLoadsOnlyNamedColumns() {
        RunTable t = RunTable.load(catalog);
        // a NaN latest value is not ordered: no comparison with a number holds, but `= NaN` finds it
        assertArrayEquals(new long[] {b, a}, ids(t, t.filter("metrics.val/auc > 0.5", false)));
        assertArrayEquals(new long[] {c}, ids(t, t.filter("metrics.val/auc = NaN", false)));
        assertArrayEquals(new long[] {a}, ids(t, t.filter("metrics.val/auc >= 0.8 and metrics.val/auc < 1", false)));
        assertNull(t.loaded("params.optimizer"), "only the columns the query names");
        assertArrayEquals(new long[] {c, a}, ids(t, t.filter("params.optimizer = \"adam\"", false)));
        assertArrayEquals(new long[] {d, c, a}, ids(t, t.filter("params.optimizer = adam", true)), "deleted too");
        assertArrayEquals(new long[] {c}, ids(t, t.filter("status = interrupted", false)));
        assertArrayEquals(new long[] {d, c, b, sweep}, ids(t, t.filter("tags.stage != dev", true)),
                "a missing field is != anything");
        assertArrayEquals(new long[] {c, b}, ids(t, t.filter("params.lr < 0.05", false)), "numbers numerically");
        assertArrayEquals(new long[] {b, a}, ids(t, t.filter("experiment = credit and not name = sweep", false)));
        UserError e = assertThrows(UserError.class, () -> t.filter("metrics.val/auc >", false));
        assertTrue(e.getMessage().contains("at 18"), e.getMessage());
    }

    @Test
    void sortsNumbersNumericallyMissingLast() {
        RunTable t = RunTable.load(catalog);
        int[] all = t.allRows();
        // lr: 0.1, 0.01, 1e-3 are numbers, "big" a text after them, the sweep has none
        assertArrayEquals(new long[] {c, b, a, d, sweep}, ids(t, t.sort("params.lr", true, all)));
        assertArrayEquals(new long[] {d, a, b, c, sweep}, ids(t, t.sort("params.lr", false, all)));
        // metrics: NaN sorts as Double.compare does (above every number), missing after it
        assertArrayEquals(new long[] {b, a, c, d, sweep}, ids(t, t.sort("metrics.val/auc", true, all)));
        assertArrayEquals(new long[] {a, b, c, d, sweep}, ids(t, t.sort("start_ms", true, all)));
        assertArrayEquals(new long[] {sweep, a, b, c, d}, ids(t, t.sort("id", true, all)));
    }

    @Test
    void groupsByAParamOrTag() {
        RunTable t = RunTable.load(catalog);
        List<RunTable.Group> g = t.group("params.optimizer", t.allRows());
        assertEquals(Arrays.asList("adam", "sgd", null), g.stream().map(RunTable.Group::value).toList());
        assertArrayEquals(new long[] {d, c, a}, ids(t, g.get(0).rows()));
        assertArrayEquals(new long[] {sweep}, ids(t, g.get(2).rows()), "the runs without the key last");
        List<RunTable.Group> s = t.group("tags.stage", t.rows(false));
        assertEquals(Arrays.asList("candidate", "dev", null), s.stream().map(RunTable.Group::value).toList());
    }

    @Test
    void nestsSweepChildrenUnderTheirParent() {
        RunTable t = RunTable.load(catalog);
        int rs = t.row(sweep);
        assertArrayEquals(new long[] {a, b}, ids(t, t.children(rs)), "oldest child first");
        assertEquals(rs, t.parent(t.row(a)));
        assertEquals(-1, t.parent(rs));
        assertEquals(0, t.children(t.row(c)).length);
    }

    @Test
    void theServiceListsThroughTheTableUnchanged() {
        TrackingService s = new TrackingService(catalog);
        List<TrackedRun> all = s.list("", true);
        assertEquals(List.of(d, c, b, a, sweep), all.stream().map(TrackedRun::id).toList());
        TrackedRun ra = all.get(3);
        assertEquals(Map.of("val/auc", 0.9, "loss", 0.5), ra.latest());
        assertEquals(Long.valueOf(1_000), ra.startMs());
        assertEquals(Long.valueOf(61_000), ra.endMs());
        assertEquals(Long.valueOf(sweep), ra.parentId());
        assertEquals("credit", ra.experiment());
        assertTrue(all.get(0).deleted());
        assertEquals(List.of(c, a), s.list("params.optimizer = adam", false).stream().map(TrackedRun::id).toList());
    }
}
