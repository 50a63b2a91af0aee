package io.mlwb.tracking.imports;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.metrics.MetricBulk;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.run.RunImportRepository;
import io.mlwb.catalog.run.RunSource;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Imports runs from MLflow, TensorBoard and DVCLive into the catalog, read-only on the source: the whole use case
 * behind {@code mlwb runs import}. Each run lands in one transaction with its params, tags, every metric point and
 * its provenance ({@code run_source}), so an import cut short leaves whole runs only; importing the same source
 * again skips the runs already there (matched by kind, path and source id). Each imported run is audited
 * ({@code run.import}).
 */
public final class ImportService {

    /**
     * What an import did.
     *
     * @param kind      the source kind
     * @param path      the source, absolute and normalized
     * @param imported  catalog ids of the runs imported now, in source order
     * @param skipped   catalog ids of the runs that were already imported
     * @param points    metric points written
     * @param warnings  what was noticed but not fatal (a parent missing from the source, ...)
     * @param complete  false when it was cancelled before the last run (a later import brings the rest)
     */
    public record Report(String kind, String path, List<Long> imported, List<Long> skipped, long points,
                         List<String> warnings, boolean complete) {
    }

    private final Catalog catalog;
    private final Clock clock;
    private final Map<String, Supplier<SourceReader>> readers;

    /**
     * @param catalog the project's catalog
     * @param clock   for the deletion time of runs deleted in the source
     */
    public ImportService(Catalog catalog, Clock clock) {
        this(catalog, clock, defaultReaders());
    }

    /**
     * @param catalog the project's catalog
     * @param clock   for the deletion time of runs deleted in the source
     * @param readers reader per kind
     */
    public ImportService(Catalog catalog, Clock clock, Map<String, Supplier<SourceReader>> readers) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readers = Map.copyOf(readers);
    }

    /** @return the readers of every kind this build understands */
    public static Map<String, Supplier<SourceReader>> defaultReaders() {
        Map<String, Supplier<SourceReader>> m = new LinkedHashMap<>();
        m.put("mlflow", MlflowReader::new);
        m.put("tensorboard", TensorBoardReader::new);
        m.put("dvclive", DvcLiveReader::new);
        return m;
    }

    /** @return the kinds that can be imported */
    public List<String> kinds() {
        return List.copyOf(new java.util.TreeSet<>(readers.keySet()));
    }

    /**
     * @param kind     {@code mlflow}, {@code tensorboard} or {@code dvclive}
     * @param source   the store, log dir or folder
     * @param actor    who imports (for the audit trail)
     * @param progress told after each run; cancelling it stops the import between two runs (what was imported stays)
     * @return what was imported
     * @throws UserError when the kind is unknown or the source is missing, malformed or of a newer format
     */
    public Report importFrom(String kind, Path source, String actor, Progress progress) {
        return importFrom(kind, source, actor, progress, io.mlwb.core.project.NamingRules.none());
    }

    /**
     * Imports as {@link #importFrom(String, Path, String, Progress)} does, and checks the names of the runs and
     * experiments against the project's naming rules: a name that breaks one is imported as the source has it (it is
     * provenance) with a warning naming the rule.
     *
     * @param kind     {@code mlflow}, {@code tensorboard} or {@code dvclive}
     * @param source   the store, log dir or folder
     * @param actor    who imports (for the audit trail)
     * @param progress told after each run
     * @param naming   the project's naming rules
     * @return what was imported, with a warning per name that breaks a rule
     */
    public Report importFrom(String kind, Path source, String actor, Progress progress,
                             io.mlwb.core.project.NamingRules naming) {
        Supplier<SourceReader> factory = readers.get(kind);
        if (factory == null) {
            throw new UserError("cannot import from `" + kind + "`", "Import from one of: "
                    + String.join(", ", kinds()) + ".");
        }
        if (!Files.exists(source)) {
            throw new UserError("there is nothing at " + source, "Name the " + kind + " store or folder to import.");
        }
        Path path = source.toAbsolutePath().normalize();
        SourceReader reader = factory.get();
        List<ImportedRun> runs = reader.read(path);
        Map<String, Long> ids = new HashMap<>();
        List<Long> imported = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        List<String> warnings = new ArrayList<>(reader.warnings());
        java.util.Set<String> experiments = new java.util.TreeSet<>();
        for (ImportedRun run : runs) {
            naming.check(io.mlwb.core.project.NamingRules.Kind.RUN, run.name()).ifPresent(problem ->
                    warnings.add("run " + run.sourceId() + ": " + problem + "; imported with the source's name"));
            if (run.experiment() != null) {
                experiments.add(run.experiment());
            }
        }
        for (String e : experiments) {
            naming.check(io.mlwb.core.project.NamingRules.Kind.EXPERIMENT, e).ifPresent(problem ->
                    warnings.add(problem + "; imported with the source's name"));
        }
        long points = 0;
        int done = 0;
        progress.report(0, "read " + runs.size() + " runs from " + path);
        for (ImportedRun run : runs) {
            if (progress.cancelled()) {
                break;
            }
            RunSource src = new RunSource(kind, run.sourceId(), path.toString());
            Long parentId = null;
            if (run.parentSourceId() != null) {
                parentId = ids.get(run.parentSourceId());
                if (parentId == null) {
                    parentId = new RunImportRepository(catalog).find(
                            new RunSource(kind, run.parentSourceId(), path.toString())).orElse(null);
                }
                if (parentId == null) {
                    warnings.add("run " + run.sourceId() + ": its parent " + run.parentSourceId()
                            + " is not in the source; imported without a parent");
                }
            }
            Long parent = parentId;
            long[] written = new long[1];
            Stored stored = catalog.inTransaction("import run " + run.sourceId(), c -> {
                written[0] = 0;
                Optional<Long> found = RunImportRepository.find(c, src);
                if (found.isPresent()) {
                    return new Stored(found.get(), false);
                }
                long id = RunImportRepository.insert(c, new RunImportRepository.Row(run.name(), run.experiment(),
                        parent, status(run), run.startMs(), run.endMs(),
                        run.deleted() ? clock.millis() : null, run.params(), run.tags(), run.artifacts(), src));
                for (Map.Entry<String, ImportedSeries> e : run.series().entrySet()) {
                    written[0] += writeSeries(c, id, e.getKey(), e.getValue(), run.latest());
                }
                if (run.latest() != null) {
                    for (Map.Entry<String, Double> e : run.latest().entrySet()) {
                        if (!run.series().containsKey(e.getKey()) || run.series().get(e.getKey()).size() == 0) {
                            MetricBulk.write(c, id, e.getKey(), MetricKind.TRAIN, new long[0], new double[0],
                                    new long[0], e.getValue(), 0, run.endMs() == null ? 0 : run.endMs());
                        }
                    }
                }
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("kind", kind);
                details.put("source_id", run.sourceId());
                details.put("path", path.toString());
                details.put("points", written[0]);
                new AuditLog(catalog, clock).append(c, actor, "run.import", "run", Long.toString(id), details);
                return new Stored(id, true);
            });
            (stored.isNew() ? imported : skipped).add(stored.id());
            if (stored.isNew()) {
                points += written[0];
            }
            ids.put(run.sourceId(), stored.id());
            done++;
            progress.report((double) done / runs.size(), done + " of " + runs.size() + " runs");
        }
        return new Report(kind, path.toString(), List.copyOf(imported), List.copyOf(skipped), points,
                List.copyOf(warnings), done == runs.size());
    }

    private record Stored(long id, boolean isNew) {
    }

    private static RunStatus status(ImportedRun run) {
        try {
            return RunStatus.fromDb(run.status());
        } catch (IllegalArgumentException e) {
            throw new UserError("run " + run.sourceId() + " has the status `" + run.status() + "`, which mlwb "
                    + "does not know", "This is a bug in mlwb's reader of this source; report it.");
        }
    }

    /** Sorts stably by step then time and writes the series; returns the number of points. */
    private static int writeSeries(java.sql.Connection c, long runId, String name, ImportedSeries s,
                                   Map<String, Double> latestOverride) throws java.sql.SQLException {
        int n = s.size();
        if (n == 0) {
            return 0;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> s.steps()[a] != s.steps()[b] ? Long.compare(s.steps()[a], s.steps()[b])
                : Long.compare(s.times()[a], s.times()[b]));
        long[] steps = new long[n];
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = s.steps()[order[i]];
            times[i] = s.times()[order[i]];
            values[i] = s.values()[order[i]];
        }
        int li = s.latestIndex();
        double latest = s.values()[li];
        if (latestOverride != null && latestOverride.containsKey(name)) {
            latest = latestOverride.get(name);
        }
        MetricBulk.write(c, runId, name, MetricKind.TRAIN, steps, values, times, latest, s.steps()[li],
                s.times()[li]);
        return n;
    }
}
