package io.mlwb.tracking;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.metrics.MetricLatest;
import io.mlwb.catalog.metrics.MetricSeries;
import io.mlwb.catalog.metrics.MetricSeriesReader;
import io.mlwb.catalog.run.RunRecord;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.core.error.UserError;
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

    /**
     * @param filter      a {@link RunQuery} (blank for all)
     * @param withDeleted include soft-deleted runs
     * @return the matching runs, newest first
     * @throws UserError for a filter that does not parse (with the position)
     */
    public List<TrackedRun> list(String filter, boolean withDeleted) {
        RunQuery q = RunQuery.parse(filter);
        RunRepository runs = new RunRepository(catalog);
        List<RunRecord> all = runs.list(0, Integer.MAX_VALUE);
        Map<Long, Map<String, String>> params = runs.allParams();
        Map<Long, Map<String, String>> tags = runs.allTags();
        Map<Long, String> experiments = runs.experimentNames();
        List<Long> ids = new ArrayList<>();
        for (RunRecord r : all) {
            ids.add(r.id());
        }
        Map<Long, List<MetricLatest>> latest = new MetricSeriesReader(catalog).latestForRuns(ids);
        List<TrackedRun> out = new ArrayList<>();
        for (RunRecord r : all) {
            if (r.deleted() && !withDeleted) {
                continue;
            }
            TrackedRun t = tracked(r, params.getOrDefault(r.id(), Map.of()), tags.getOrDefault(r.id(), Map.of()),
                    experiments, latest.getOrDefault(r.id(), List.of()));
            if (q.matches(t::field)) {
                out.add(t);
            }
        }
        return out;
    }

    private static TrackedRun tracked(RunRecord r, Map<String, String> params, Map<String, String> tags,
                                      Map<Long, String> experiments, List<MetricLatest> latest) {
        Map<String, Double> last = new TreeMap<>();
        for (MetricLatest m : latest) {
            last.put(m.name(), m.value());
        }
        String status = "interrupted".equals(tags.get(TAG_END)) ? "interrupted" : r.status().dbValue();
        TrackedRun.Source source = r.source() == null || r.source().equals("mlwb") ? null
                : new TrackedRun.Source(r.source(), tags.get("source.id"), tags.get("source.path"));
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
                reader.latest(id));
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (MetricLatest m : reader.latest(id)) {
            MetricSeries s = reader.read(id, m.name(), m.kind());
            List<double[]> pts = new ArrayList<>(s.size());
            for (int i = 0; i < s.size(); i++) {
                pts.add(new double[] {s.steps()[i], s.times()[i], s.values()[i]});
            }
            pts.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
            series.put(m.name(), pts);
        }
        return new RunDetail(t, series);
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
        if (name == null || name.isBlank()) {
            throw new UserError("a run's name must not be empty", "Give a name.");
        }
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
