package io.mlwb.bench;

import io.mlwb.catalog.Catalog;
import io.mlwb.tracking.RunQuery;
import io.mlwb.tracking.RunTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs table over a catalog of 10,000 runs × 200 keys (100 params and 100 metrics' latest values per run, built
 * once by bulk SQL in one transaction). Each repetition builds a fresh {@link RunTable} on the open catalog (warm
 * page cache, nothing cached in the table): {@code first_page_ms} is the fixed columns of every run plus 10 chosen
 * columns (5 params, 5 metrics); {@code filter_ms} applies {@code metrics.m7 > 0.5 and params.p3 = "adam"}, whose two
 * columns are not among the chosen ones, so it includes reading them. {@code pivot_ms}, for reference, is the plain
 * SQL pivot of the same 10 columns over the key/value tables; {@code keys_ms} lists every key with its count (the
 * column picker); {@code sort_ms} sorts all runs by one metric. Medians of 9 repetitions after 3 warm-ups.
 */
final class RunsTableBench implements Benchmark {
    static final int RUNS = 10_000;
    static final int PARAMS = 100;
    static final int METRICS = 100;
    private static final int WARMUP = 3;
    private static final int REPS = 9;
    private static final List<String> CHOSEN = List.of("params.p0", "params.p1", "params.p2", "params.p4",
            "params.p5", "metrics.m0", "metrics.m1", "metrics.m2", "metrics.m3", "metrics.m4");
    private static final String FILTER = "metrics.m7 > 0.5 and params.p3 = \"adam\"";

    @Override
    public String name() {
        return "runs-table";
    }

    @Override
    public String description() {
        return "10,000 runs x 200 params/metrics: load with 10 columns (target <= 150 ms), filter (<= 50 ms)";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) throws Exception {
        int runs = size > 0 ? (int) Math.min(size, 1_000_000) : RUNS;
        try (Catalog catalog = Catalog.open(workDir.resolve("runs.db"))) {
            long t0 = System.nanoTime();
            fill(catalog, runs, PARAMS, METRICS);
            double setup = BenchOutput.millisSince(t0);
            RunQuery query = RunQuery.parse(FILTER);
            double[] first = new double[REPS];
            double[] filter = new double[REPS];
            double[] pivot = new double[REPS];
            double[] keys = new double[REPS];
            double[] sort = new double[REPS];
            int matched = 0;
            for (int r = -WARMUP; r < REPS; r++) {
                long s = System.nanoTime();
                RunTable t = RunTable.load(catalog);
                t.load(CHOSEN);
                double f = BenchOutput.millisSince(s);
                s = System.nanoTime();
                int[] rows = t.filter(query, t.rows(false));
                double fi = BenchOutput.millisSince(s);
                s = System.nanoTime();
                int cells = pivot(catalog);
                double pv = BenchOutput.millisSince(s);
                s = System.nanoTime();
                int nkeys = t.allKeys().size();
                double ks = BenchOutput.millisSince(s);
                s = System.nanoTime();
                int[] sorted = t.sort("metrics.m0", false, t.allRows());
                double so = BenchOutput.millisSince(s);
                if (t.size() != runs || cells == 0 || nkeys != PARAMS + METRICS + 2 || sorted.length != runs) {
                    throw new IllegalStateException("unexpected table: " + t.size() + " runs, " + nkeys + " keys");
                }
                matched = rows.length;
                if (r >= 0) {
                    first[r] = f;
                    filter[r] = fi;
                    pivot[r] = pv;
                    keys[r] = ks;
                    sort[r] = so;
                }
            }
            out.line("runs", runs, "runs");
            out.line("keys_per_run", PARAMS + METRICS, "keys");
            out.line("setup_ms", setup, "ms");
            out.line("matched", matched, "runs");
            out.line("pivot_ms", BenchOutput.median(pivot), "ms");
            out.line("keys_ms", BenchOutput.median(keys), "ms");
            out.line("sort_ms", BenchOutput.median(sort), "ms");
            out.line("first_page_ms", BenchOutput.median(first), "ms");
            out.line("filter_ms", BenchOutput.median(filter), "ms");
        }
    }

    /** The plain SQL pivot of the chosen columns over the key/value tables; returns the cells read. */
    private static int pivot(Catalog catalog) {
        StringBuilder sql = new StringBuilder("SELECT r.id, r.name, r.status, r.started_at, r.ended_at");
        List<String> params = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        for (String c : CHOSEN) {
            String k = c.substring(c.indexOf('.') + 1);
            (c.startsWith("params.") ? params : metrics).add(k);
            sql.append(", max(CASE WHEN kv.k = '").append(c).append("' THEN kv.v END)");
        }
        sql.append(" FROM run r LEFT JOIN (SELECT run_id, 'params.' || key AS k, value AS v FROM run_param WHERE key IN (")
                .append(quoted(params)).append(") UNION ALL SELECT k.run_id, 'metrics.' || k.name, l.value FROM "
                        + "metric_key k JOIN metric_latest l ON l.key_id = k.id WHERE k.name IN (")
                .append(quoted(metrics)).append(")) kv ON kv.run_id = r.id GROUP BY r.id ORDER BY r.id DESC");
        return catalog.read("pivot", c -> {
            int cells = 0;
            try (PreparedStatement st = c.prepareStatement(sql.toString()); ResultSet rs = st.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= cols; i++) {
                        if (rs.getObject(i) != null) {
                            cells++;
                        }
                    }
                }
            }
            return cells;
        });
    }

    private static String quoted(List<String> keys) {
        return String.join(", ", keys.stream().map(k -> "'" + k + "'").toList());
    }

    /**
     * Fills an empty catalog with runs by bulk SQL in one transaction: sweeps of 20 (a parent and 19 children),
     * params {@code p0}..{@code p(params-1)} ({@code p3} an optimizer name, the rest numbers), tags {@code stage} and
     * {@code team}, and the latest value of metrics {@code m0}.. (a few NaN). Deterministic.
     *
     * @param catalog an empty catalog
     * @param runs    how many runs
     * @param params  params per run
     * @param metrics metrics per run
     */
    static void fill(Catalog catalog, int runs, int params, int metrics) {
        catalog.inTransaction("fill runs", c -> {
            exec(c, "CREATE TEMP TABLE seq(i INTEGER PRIMARY KEY)");
            exec(c, "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < "
                    + Math.max(Math.max(runs, params), metrics) + ") INSERT INTO temp.seq SELECT i FROM s");
            exec(c, "INSERT INTO experiment(name) VALUES ('credit-risk'), ('fraud')");
            long now = 1_767_000_000_000L;
            exec(c, "INSERT INTO run(id, name, experiment_id, parent_run_id, status, commit_sha, dirty, started_at, "
                    + "ended_at, deleted_at) SELECT i, CASE WHEN (i - 1) % 20 = 0 THEN 'sweep-' ELSE 'trial-' END || i, "
                    + "1 + i % 2, CASE WHEN (i - 1) % 20 = 0 THEN NULL ELSE i - (i - 1) % 20 END, "
                    + "CASE i % 17 WHEN 0 THEN 'failed' WHEN 1 THEN 'running' ELSE 'finished' END, "
                    + "printf('%08x%032x', (i * 2654435761) % 4294967296, i), i % 5 = 0, " + now + " + i * 60000, "
                    + "CASE WHEN i % 17 = 1 THEN NULL ELSE " + now + " + i * 60000 + 1000 * (i % 3600) END, "
                    + "CASE WHEN i % 97 = 0 THEN " + now + " END FROM temp.seq WHERE i BETWEEN 1 AND " + runs);
            exec(c, "INSERT INTO run_param(run_id, key, value) SELECT r.i, 'p' || k.i, CASE WHEN k.i = 3 THEN "
                    + "CASE (r.i * 7) % 3 WHEN 0 THEN 'adam' WHEN 1 THEN 'sgd' ELSE 'rmsprop' END "
                    + "ELSE printf('%.4f', ((r.i * 2654435761 + k.i * 40503) % 10007) / 10007.0) END "
                    + "FROM temp.seq r, temp.seq k WHERE r.i BETWEEN 1 AND " + runs + " AND k.i < " + params);
            exec(c, "INSERT INTO run_tag(run_id, key, value) SELECT i, 'stage', CASE i % 3 WHEN 0 THEN 'dev' "
                    + "WHEN 1 THEN 'candidate' ELSE 'prod' END FROM temp.seq WHERE i BETWEEN 1 AND " + runs);
            exec(c, "INSERT INTO run_tag(run_id, key, value) SELECT i, 'team', CASE i % 2 WHEN 0 THEN 'risk' "
                    + "ELSE 'fraud' END FROM temp.seq WHERE i BETWEEN 1 AND " + runs);
            exec(c, "INSERT INTO metric_key(id, run_id, name, kind) SELECT (r.i - 1) * " + metrics + " + k.i + 1, "
                    + "r.i, 'm' || k.i, 'eval' FROM temp.seq r, temp.seq k WHERE r.i BETWEEN 1 AND " + runs
                    + " AND k.i < " + metrics);
            exec(c, "INSERT INTO metric_latest(key_id, step, value, time) SELECT id, 100, CASE WHEN id % 1009 = 0 "
                    + "THEN NULL ELSE ((id * 2654435761) % 10007) / 10007.0 END, " + now + " FROM metric_key");
            exec(c, "DROP TABLE temp.seq");
            return null;
        });
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    /**
     * Fills a catalog file (created when missing) with a runs table to look at in the workbench.
     *
     * @param args the catalog file, then optionally the number of runs
     */
    public static void main(String[] args) {
        try (Catalog catalog = Catalog.open(Path.of(args[0]))) {
            fill(catalog, args.length > 1 ? Integer.parseInt(args[1]) : RUNS, PARAMS, METRICS);
        }
    }
}
