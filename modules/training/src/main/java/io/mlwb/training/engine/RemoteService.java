package io.mlwb.training.engine;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRecord;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.training.remote.RemoteExportRequest;
import io.mlwb.training.remote.RemoteExporter;
import io.mlwb.training.remote.RemoteMetricsImporter;
import io.mlwb.training.remote.RemoteTarget;
import io.mlwb.training.spec.TrainingSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remote training, the whole use case: {@link #export} checks the spec like a local run, records a run (status
 * {@code created}, tags {@code mlwb.remote=<target>}, the project's cost tags), writes the request files under the
 * run's folder ({@code .mlwb/runs/N/remote/}) and audits {@code run.export}; {@link #importMetrics} reads the remote
 * run's metrics back into that run (through the batched writer), ends it as finished and audits {@code run.import}.
 * Nothing here talks to a cloud: the person submits the files with their own tools.
 */
public final class RemoteService {
    /** Audit action: a run was exported for remote training. */
    public static final String AUDIT_EXPORT = "run.export";
    /** Audit action: a remote run's metrics were imported. */
    public static final String AUDIT_IMPORT = "run.import";

    private final Project project;
    private final Catalog catalog;
    private final TrainingService training;
    private final Clock clock;

    /**
     * @param project  the project
     * @param catalog  its catalog
     * @param training the training service (for the spec check)
     * @param clock    time source
     */
    public RemoteService(Project project, Catalog catalog, TrainingService training, Clock clock) {
        this.project = project;
        this.catalog = catalog;
        this.training = training;
        this.clock = clock;
    }

    /**
     * The result of an export.
     *
     * @param runId  the run recorded for it
     * @param export the files and the commands that submit them
     */
    public record Exported(long runId, RemoteExporter.Export export) {
    }

    /**
     * @param spec      the spec, relative to the project root
     * @param overrides {@code --set} overrides
     * @param target    the service
     * @param request   the container and capacity (run name, spec path, overrides and tags are filled in here)
     * @return the run and the files
     * @throws UserError for a bad spec or a request field that does not suit the target
     */
    public Exported export(Path spec, List<String> overrides, RemoteTarget target, RemoteExportRequest request) {
        TrainingSpec s = training.check(TrainRequest.spec(spec, overrides)).spec();
        RemoteExporter.validate(request, target);
        String specPath = project.root().relativize(project.root().resolve(spec).normalize()).toString()
                .replace('\\', '/');
        Map<String, String> tags = new TreeMap<>();
        io.mlwb.core.project.CostConfig cost = project.config().cost();
        tags.put("project", cost.project() != null ? cost.project() : project.config().name());
        if (cost.team() != null) {
            tags.put("team", cost.team());
        }
        if (cost.costCentre() != null) {
            tags.put("cost_centre", cost.costCentre());
        }
        String name = SpecTextName.of(spec) + " on " + target.name().toLowerCase(Locale.ROOT);
        RunRecord run = new RunRepository(catalog).create(NewRun.named(name)
                .withEnvironment(s.seed(), null, null, null)
                .withDetails(Map.of("remote.target", target.name().toLowerCase(Locale.ROOT), "remote.image",
                        String.valueOf(request.image())), withRemote(tags, target, specPath), List.of()));
        tags.put("mlwb_run", Long.toString(run.id()));
        RemoteExportRequest full = new RemoteExportRequest(name + " " + run.id(), specPath, overrides,
                request.image(), request.instanceType(), request.gpus(), request.acceleratorType(), request.spot(),
                request.maxRuntimeSeconds(), request.maxWaitSeconds(), request.dataUri(), request.outputUri(),
                request.roleArn(), request.region(), request.namespace(), request.env(), tags);
        RemoteExporter.Export export;
        try {
            export = RemoteExporter.export(full, target, project.root().resolve(Project.STATE_DIR).resolve("runs")
                    .resolve(Long.toString(run.id())).resolve("remote"));
        } catch (UserError e) {
            new RunRepository(catalog).finish(run.id(), RunStatus.FAILED, clock.instant(), null);
            throw e;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", target.name().toLowerCase(Locale.ROOT));
        details.put("spec", specPath);
        details.put("image", request.image());
        details.put("spot", request.spot());
        new AuditLog(catalog).append(System.getProperty("user.name", "unknown"), AUDIT_EXPORT, "run",
                Long.toString(run.id()), details);
        return new Exported(run.id(), export);
    }

    private static Map<String, String> withRemote(Map<String, String> tags, RemoteTarget target, String spec) {
        Map<String, String> t = new TreeMap<>(tags);
        t.put("mlwb.remote", target.name().toLowerCase(Locale.ROOT));
        t.put("mlwb.spec", spec);
        return t;
    }

    /**
     * Reads a remote run's metrics into its run and ends it as finished.
     *
     * @param runId the run exported earlier (or any run)
     * @param file  the metrics file
     * @return what was read (points and skipped lines)
     * @throws UserError for an unknown run or an unreadable file
     */
    public RemoteMetricsImporter.Imported importMetrics(long runId, Path file) {
        RunRepository runs = new RunRepository(catalog);
        RunRecord run = runs.get(runId).orElseThrow(() -> new UserError("there is no run " + runId,
                "List runs in the workbench's Runs section."));
        RemoteMetricsImporter.Imported imported = RemoteMetricsImporter.parse(file);
        if (imported.points().isEmpty()) {
            throw new UserError(file + " holds no metric point" + (imported.warnings().isEmpty() ? ""
                    : " (" + imported.warnings().get(0) + ")"), "Check it is the remote run's metrics file.");
        }
        try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
            long now = clock.millis();
            for (RemoteMetricsImporter.Point p : imported.points()) {
                MetricKind kind = p.name().startsWith("sys/") || p.name().startsWith("gpu") ? MetricKind.SYSTEM
                        : p.name().startsWith("train/") ? MetricKind.TRAIN : MetricKind.EVAL;
                w.log(runId, p.name(), kind, p.step(), p.value(), p.timeMillis() > 0 ? p.timeMillis() : now);
            }
        }
        if (!run.status().terminal()) {
            runs.finish(runId, RunStatus.FINISHED, clock.instant(), run.costUsd());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", file.getFileName().toString());
        details.put("format", imported.format());
        details.put("points", imported.points().size());
        details.put("skipped", imported.warnings().size());
        new AuditLog(catalog).append(System.getProperty("user.name", "unknown"), AUDIT_IMPORT, "run",
                Long.toString(runId), details);
        return imported;
    }

    /** A display name from a spec's file name. */
    private static final class SpecTextName {
        static String of(Path spec) {
            return SpecText.stem(spec);
        }
    }
}
