package io.mlwb.tracking;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.metrics.MetricLatest;
import io.mlwb.catalog.metrics.MetricSeries;
import io.mlwb.catalog.metrics.MetricSeriesReader;
import io.mlwb.catalog.run.RunImportRepository;
import io.mlwb.catalog.run.RunRecord;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunSource;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Experiment tracking, the whole use case behind {@code mlwb runs} and the runs table: list the project's runs with a
 * filter ({@link RunQuery}), show one with its metric series, rename, tag, soft-delete and restore (each change
 * audited: {@code run.rename}, {@code run.tag}, {@code run.delete}, {@code run.restore}). A run's status is
 * {@code interrupted} when its process died before it ended (tag {@code mlwb.end=interrupted}).
 */
public final class TrackingService {
    /** Tag naming how a run ended when the status alone does not say it. */
    static final String TAG_END = "mlwb.end";

    private final Catalog catalog;

    /** @param catalog the project's catalog */
    public TrackingService(Catalog catalog) {
        this.catalog = catalog;
    }

    /** @return a fresh columnar snapshot of every run, for the runs table */
    public RunTable table() {
        return RunTable.load(catalog);
    }

    /** @return the catalog's file ({@code .mlwb/catalog.db} of the project) */
    public java.nio.file.Path catalogFile() {
        return catalog.file();
    }

    /**
     * @param filter      a {@link RunQuery} (blank for all)
     * @param withDeleted include soft-deleted runs
     * @return the matching runs, newest first
     * @throws UserError for a filter that does not parse (with the position)
     */
    public List<TrackedRun> list(String filter, boolean withDeleted) {
        RunQuery q = RunQuery.parse(filter);
        RunTable table = RunTable.load(catalog);
        int[] rows = table.filter(q, table.rows(withDeleted));
        if (rows.length == 0) {
            return List.of();
        }
        RunRepository runs = new RunRepository(catalog);
        Map<Long, Map<String, String>> params = runs.allParams();
        Map<Long, Map<String, String>> tags = runs.allTags();
        List<Long> ids = new ArrayList<>(rows.length);
        for (int row : rows) {
            ids.add(table.id(row));
        }
        Map<Long, List<MetricLatest>> latest = new MetricSeriesReader(catalog).latestForRuns(ids);
        Map<Long, RunSource> sources = new RunImportRepository(catalog).all();
        RunTable.Column name = table.column("name");
        RunTable.Column experiment = table.column("experiment");
        RunTable.Column status = table.column("status");
        RunTable.Column start = table.column("start_ms");
        RunTable.Column end = table.column("end_ms");
        RunTable.Column parent = table.column("parent_id");
        List<TrackedRun> out = new ArrayList<>(rows.length);
        for (int row : rows) {
            long id = table.id(row);
            Map<String, Double> last = new TreeMap<>();
            for (MetricLatest m : latest.getOrDefault(id, List.of())) {
                last.put(m.name(), m.value());
            }
            RunSource from = sources.get(id);
            out.add(new TrackedRun(id, name.text(row), experiment.text(row), status.text(row),
                    start.has(row) ? (long) start.number(row) : null, end.has(row) ? (long) end.number(row) : null,
                    table.deleted(row), parent.has(row) ? (long) parent.number(row) : null,
                    params.getOrDefault(id, Map.of()), tags.getOrDefault(id, Map.of()), last,
                    from == null ? null : new TrackedRun.Source(from.kind(), from.sourceId(), from.path())));
        }
        return out;
    }

    private static TrackedRun tracked(RunRecord r, Map<String, String> params, Map<String, String> tags,
                                      Map<Long, String> experiments, List<MetricLatest> latest, RunSource from) {
        Map<String, Double> last = new TreeMap<>();
        for (MetricLatest m : latest) {
            last.put(m.name(), m.value());
        }
        String status = "interrupted".equals(tags.get(TAG_END)) ? "interrupted" : r.status().dbValue();
        TrackedRun.Source source = from == null ? null : new TrackedRun.Source(from.kind(), from.sourceId(),
                from.path());
        return new TrackedRun(r.id(), r.name(), r.experimentId() == null ? null : experiments.get(r.experimentId()),
                status, r.startedAt() == null ? null : r.startedAt().toEpochMilli(),
                r.endedAt() == null ? null : r.endedAt().toEpochMilli(), r.deleted(), r.parentRunId(), params, tags,
                last, source);
    }

    /**
     * A run with its series.
     *
     * @param run    the run
     * @param series per metric, its points {@code [step, timestamp_ms, value]} by step then time
     */
    public record RunDetail(TrackedRun run, Map<String, List<double[]>> series) {
        /** @return the RUN object plus {@code "series"} (docs/cli.md, mlwb runs show) */
        public Map<String, Object> toJson() {
            Map<String, Object> m = run.toJson();
            Map<String, Object> s = new TreeMap<>();
            series.forEach((k, pts) -> {
                List<List<Object>> rows = new ArrayList<>();
                for (double[] p : pts) {
                    rows.add(List.of((long) p[0], (long) p[1], TrackedRun.number(p[2])));
                }
                s.put(k, rows);
            });
            m.put("series", s);
            return m;
        }
    }

    /**
     * @param id a run
     * @return the run and every metric series
     * @throws UserError when there is no such run
     */
    public RunDetail show(long id) {
        RunRepository runs = new RunRepository(catalog);
        RunRecord r = runs.get(id).orElseThrow(() -> new UserError("there is no run " + id,
                "List the runs with `mlwb runs list`."));
        MetricSeriesReader reader = new MetricSeriesReader(catalog);
        TrackedRun t = tracked(r, runs.params(id), runs.tags(id), runs.experimentNames(),
                reader.latest(id), new RunImportRepository(catalog).of(id).orElse(null));
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (MetricLatest m : reader.latest(id)) {
            MetricSeries s = reader.read(id, m.name(), m.kind());
            List<double[]> pts = new ArrayList<>(s.size());
            for (int i = 0; i < s.size(); i++) {
                pts.add(new double[] {s.steps()[i], s.times()[i], s.values()[i]});
            }
            pts.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
            if (!pts.isEmpty()) { // an imported summary value has a latest value but no history
                series.put(m.name(), pts);
            }
        }
        return new RunDetail(t, series);
    }

    /**
     * Params and latest metrics of 2–10 runs side by side.
     *
     * @param runs    the runs, in the order given
     * @param params  per param, its value in each run (null where a run lacks it)
     * @param metrics per metric, its latest value in each run (null where a run lacks it)
     */
    public record Comparison(List<TrackedRun> runs, Map<String, List<String>> params,
                             Map<String, List<Double>> metrics) {
        /**
         * @param values a row
         * @return whether the runs differ on it (a missing value differs from a present one)
         */
        public static boolean differs(List<?> values) {
            return values.stream().distinct().count() > 1;
        }

        /** @return {@code {"runs": [ids], "params": {k: {"values", "differs"}}, "metrics": {...}}} */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runs", runs.stream().map(TrackedRun::id).toList());
            Map<String, Object> p = new LinkedHashMap<>();
            params.forEach((k, v) -> p.put(k, Map.of("values", v, "differs", differs(v))));
            m.put("params", p);
            Map<String, Object> me = new LinkedHashMap<>();
            metrics.forEach((k, v) -> {
                List<Object> vals = new ArrayList<>();
                v.forEach(x -> vals.add(x == null ? null : TrackedRun.number(x)));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("values", vals);
                row.put("differs", differs(v));
                me.put(k, row);
            });
            m.put("metrics", me);
            return m;
        }
    }

    /**
     * @param ids 2 to 10 runs
     * @return their params and latest metrics side by side
     * @throws UserError for fewer than 2 or more than 10 runs, or an unknown one
     */
    public Comparison compare(List<Long> ids) {
        if (ids.size() < 2 || ids.size() > 10) {
            throw new UserError("compare takes 2 to 10 runs, got " + ids.size(), "Give between 2 and 10 run ids.");
        }
        Map<Long, TrackedRun> byId = new LinkedHashMap<>();
        for (TrackedRun r : list("", true)) {
            byId.put(r.id(), r);
        }
        List<TrackedRun> runs = new ArrayList<>();
        for (long id : ids) {
            TrackedRun r = byId.get(id);
            if (r == null) {
                throw new UserError("there is no run " + id, "List the runs with `mlwb runs list`.");
            }
            runs.add(r);
        }
        java.util.SortedSet<String> pk = new java.util.TreeSet<>();
        java.util.SortedSet<String> mk = new java.util.TreeSet<>();
        runs.forEach(r -> {
            pk.addAll(r.params().keySet());
            mk.addAll(r.latest().keySet());
        });
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String k : pk) {
            List<String> v = new ArrayList<>();
            runs.forEach(r -> v.add(r.params().get(k)));
            params.put(k, v);
        }
        Map<String, List<Double>> metrics = new LinkedHashMap<>();
        for (String k : mk) {
            List<Double> v = new ArrayList<>();
            runs.forEach(r -> v.add(r.latest().get(k)));
            metrics.put(k, v);
        }
        return new Comparison(runs, params, metrics);
    }

    /**
     * Writes runs and their metric series: {@code runs.csv} (a row per run: id, name, status, start, end, deleted,
     * parent, then {@code params.*}, {@code tags.*}, {@code metrics.*} latest) and {@code series.csv}
     * ({@code run_id,metric,step,timestamp_ms,value}), or one {@code runs.json} ({@code {"runs": [RUN + series]}}).
     *
     * @param filter      a {@link RunQuery}
     * @param withDeleted include soft-deleted runs
     * @param json        JSON instead of CSV
     * @param dir         the folder written into
     * @return the files written
     */
    public List<java.nio.file.Path> export(String filter, boolean withDeleted, boolean json, java.nio.file.Path dir) {
        return export(list(filter, withDeleted), json, dir, Progress.NONE);
    }

    /**
     * Exports chosen runs (the runs pane's selection), in the order given, as {@link #export(String, boolean,
     * boolean, java.nio.file.Path)} does.
     *
     * @param ids  the runs; soft-deleted ones too, when named
     * @param json JSON instead of CSV
     * @param dir  the folder written into
     * @return the files written
     * @throws UserError when a run does not exist
     */
    public List<java.nio.file.Path> export(Collection<Long> ids, boolean json, java.nio.file.Path dir) {
        return export(ids, json, dir, Progress.NONE);
    }

    /**
     * Exports chosen runs, in the order given, as {@link #export(String, boolean, boolean, java.nio.file.Path)} does,
     * reporting a fraction per run read and stopping when cancelled. The files are written under temporary names and
     * moved into place only once every run is read, so a cancelled or failed export leaves the folder's earlier
     * files as they were.
     *
     * @param ids      the runs; soft-deleted ones too, when named
     * @param json     JSON instead of CSV
     * @param dir      the folder written into
     * @param progress where the fraction goes; checked between runs
     * @return the files written
     * @throws UserError when a run does not exist or the folder cannot be written; {@link Cancelled} once
     *                   {@code progress} is cancelled
     */
    public List<java.nio.file.Path> export(Collection<Long> ids, boolean json, java.nio.file.Path dir,
                                           Progress progress) {
        Map<Long, TrackedRun> all = new LinkedHashMap<>();
        list(null, true).forEach(r -> all.put(r.id(), r));
        List<TrackedRun> runs = new ArrayList<>();
        for (long id : new java.util.LinkedHashSet<>(ids)) {
            TrackedRun r = all.get(id);
            if (r == null) {
                throw new UserError("there is no run " + id, "Check the run ids (`mlwb runs list --all`).");
            }
            runs.add(r);
        }
        return export(runs, json, dir, progress);
    }

    private List<java.nio.file.Path> export(List<TrackedRun> runs, boolean json, java.nio.file.Path dir,
                                            Progress progress) {
        List<RunDetail> details = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            progress.checkCancelled();
            progress.report(runs.isEmpty() ? 0 : 0.9 * i / runs.size(), "run " + runs.get(i).id() + " (" + (i + 1)
                    + " of " + runs.size() + ")");
            details.add(show(runs.get(i).id()));
        }
        progress.checkCancelled();
        progress.report(0.9, "writing");
        Map<java.nio.file.Path, String> files = new LinkedHashMap<>();
        if (json) {
            List<Map<String, Object>> docs = new ArrayList<>();
            details.forEach(d -> docs.add(d.toJson()));
            try {
                files.put(dir.resolve("runs.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                        .writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("runs", docs)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write runs as JSON", e);
            }
        } else {
            java.util.SortedSet<String> pk = new java.util.TreeSet<>();
            java.util.SortedSet<String> tk = new java.util.TreeSet<>();
            java.util.SortedSet<String> mk = new java.util.TreeSet<>();
            runs.forEach(r -> {
                pk.addAll(r.params().keySet());
                tk.addAll(r.tags().keySet());
                mk.addAll(r.latest().keySet());
            });
            StringBuilder sb = new StringBuilder("id,name,status,start_ms,end_ms,deleted,parent_id");
            pk.forEach(k -> sb.append(',').append(csv("params." + k)));
            tk.forEach(k -> sb.append(',').append(csv("tags." + k)));
            mk.forEach(k -> sb.append(',').append(csv("metrics." + k)));
            sb.append('\n');
            StringBuilder series = new StringBuilder("run_id,metric,step,timestamp_ms,value\n");
            for (int i = 0; i < runs.size(); i++) {
                TrackedRun r = runs.get(i);
                sb.append(r.id()).append(',').append(csv(r.name())).append(',').append(r.status()).append(',')
                        .append(r.startMs() == null ? "" : r.startMs()).append(',')
                        .append(r.endMs() == null ? "" : r.endMs()).append(',').append(r.deleted()).append(',')
                        .append(r.parentId() == null ? "" : r.parentId());
                pk.forEach(k -> sb.append(',').append(csv(r.params().getOrDefault(k, ""))));
                tk.forEach(k -> sb.append(',').append(csv(String.valueOf(r.tags().getOrDefault(k, "")))));
                mk.forEach(k -> sb.append(',').append(r.latest().containsKey(k)
                        ? String.valueOf(TrackedRun.number(r.latest().get(k))) : ""));
                sb.append('\n');
                details.get(i).series().forEach((m, pts) -> {
                    for (double[] p : pts) {
                        series.append(r.id()).append(',').append(csv(m)).append(',').append((long) p[0]).append(',')
                                .append((long) p[1]).append(',').append(TrackedRun.number(p[2])).append('\n');
                    }
                });
            }
            files.put(dir.resolve("runs.csv"), sb.toString());
            files.put(dir.resolve("series.csv"), series.toString());
        }
        List<java.nio.file.Path> written = write(files, dir);
        progress.report(1, "");
        return written;
    }

    /** Writes every file under a temporary name first, then moves each into place (so all or none are new). */
    private static List<java.nio.file.Path> write(Map<java.nio.file.Path, String> files, java.nio.file.Path dir) {
        List<java.nio.file.Path> temps = new ArrayList<>();
        try {
            java.nio.file.Files.createDirectories(dir);
            for (Map.Entry<java.nio.file.Path, String> f : files.entrySet()) {
                java.nio.file.Path tmp = f.getKey().resolveSibling(f.getKey().getFileName() + ".part");
                temps.add(tmp);
                java.nio.file.Files.writeString(tmp, f.getValue());
            }
            int i = 0;
            for (java.nio.file.Path f : files.keySet()) {
                java.nio.file.Files.move(temps.get(i++), f, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return List.copyOf(files.keySet());
        } catch (java.io.IOException e) {
            throw new UserError("cannot write the export into " + dir + ": " + e.getMessage(),
                    "Choose a folder you can write to, with room for the files.");
        } finally {
            for (java.nio.file.Path tmp : temps) {
                try {
                    java.nio.file.Files.deleteIfExists(tmp);
                } catch (java.io.IOException e) {
                    // a leftover .part file is harmless; the export's outcome is already decided
                }
            }
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /**
     * Soft-deletes runs (every row stays) or restores them, audited.
     *
     * @param ids     the runs
     * @param deleted true to delete, false to restore
     * @param actor   who
     * @return how many changed
     */
    public int setDeleted(Collection<Long> ids, boolean deleted, String actor) {
        RunRepository runs = new RunRepository(catalog);
        for (long id : ids) {
            runs.get(id).orElseThrow(() -> new UserError("there is no run " + id, "Check the run ids."));
        }
        int n = runs.setDeleted(ids, deleted);
        for (long id : ids) {
            new AuditLog(catalog).append(actor, deleted ? "run.delete" : "run.restore", "run", Long.toString(id),
                    Map.of("soft", true));
        }
        return n;
    }

    /**
     * @param id    a run
     * @param name  its new name
     * @param actor who
     */
    public void rename(long id, String name, String actor) {
        rename(id, name, actor, io.mlwb.core.project.NamingRules.none());
    }

    /**
     * @param id     a run
     * @param name   its new name
     * @param actor  who
     * @param naming the project's naming rules; the new name must match {@code naming.run}
     */
    public void rename(long id, String name, String actor, io.mlwb.core.project.NamingRules naming) {
        if (name == null || name.isBlank()) {
            throw new UserError("a run's name must not be empty", "Give a name.");
        }
        naming.check(io.mlwb.core.project.NamingRules.Kind.RUN, name.strip()).ifPresent(problem -> {
            throw new UserError(problem, "Choose a name that matches the rule, or change naming.run in mlwb.yaml.");
        });
        RunRepository runs = new RunRepository(catalog);
        String old = runs.get(id).orElseThrow(() -> new UserError("there is no run " + id, "Check the run id."))
                .name();
        runs.rename(id, name.strip());
        new AuditLog(catalog).append(actor, "run.rename", "run", Long.toString(id), Map.of("from", old, "to",
                name.strip()));
    }

    /**
     * @param ids   runs
     * @param key   the tag
     * @param value its value (null for a plain label)
     * @param actor who
     */
    public void tag(Collection<Long> ids, String key, String value, String actor) {
        if (key == null || key.isBlank() || key.startsWith("mlwb.")) {
            throw new UserError("tag '" + key + "' cannot be set by hand", "Use a key that does not start with mlwb.");
        }
        RunRepository runs = new RunRepository(catalog);
        for (long id : ids) {
            runs.get(id).orElseThrow(() -> new UserError("there is no run " + id, "Check the run ids."));
            runs.tag(id, key, value);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("key", key);
            d.put("value", value);
            new AuditLog(catalog).append(actor, "run.tag", "run", Long.toString(id), d);
        }
    }
}
