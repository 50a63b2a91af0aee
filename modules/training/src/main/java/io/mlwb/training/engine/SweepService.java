package io.mlwb.training.engine;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRecord;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.training.sweep.LoadedSweep;
import io.mlwb.training.sweep.SweepObserver;
import io.mlwb.training.sweep.SweepResult;
import io.mlwb.training.sweep.SweepRunner;
import io.mlwb.training.sweep.SweepSpec;
import io.mlwb.training.sweep.SweepSpecLoader;
import io.mlwb.training.sweep.Trial;
import io.mlwb.training.sweep.TrialResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hyperparameter sweep, the whole use case: loads the sweep file, records a parent run (tag
 * {@code mlwb.kind=sweep}), trains each trial through {@link TrainingService} as a child run with the sampled
 * {@code --set} overrides, stops weak trials early (successive halving) through the epoch reports, respects the
 * budget, marks the best child ({@code mlwb.sweep.best=true}) and ends the parent with the total cost. Audited as
 * {@code sweep.start} and {@code sweep.finish}.
 */
public final class SweepService {
    /** Audit action: a sweep started. */
    public static final String AUDIT_START = "sweep.start";
    /** Audit action: a sweep ended. */
    public static final String AUDIT_FINISH = "sweep.finish";

    private final Project project;
    private final Catalog catalog;
    private final TrainingService training;
    private final Clock clock;

    /**
     * @param project  the project
     * @param catalog  its catalog (a sweep is always recorded)
     * @param training the training service trials run through
     * @param clock    time source (budgets)
     */
    public SweepService(Project project, Catalog catalog, TrainingService training, Clock clock) {
        this.project = project;
        this.catalog = catalog;
        this.training = training;
        this.clock = clock;
    }

    /**
     * The outcome of a sweep.
     *
     * @param parentRunId the sweep's parent run
     * @param result      the trials, ranked, with the best marked
     * @param metric      the metric optimised
     */
    public record Outcome(long parentRunId, SweepResult result, String metric) {
    }

    /** What a sweep reports while it runs. */
    public interface Listener {
        /**
         * @param trial     the trial number
         * @param overrides its overrides
         */
        default void trialStarted(int trial, Map<String, String> overrides) {
        }

        /** @param trial the trial as it ended */
        default void trialFinished(Trial trial) {
        }
    }

    /**
     * Runs a sweep.
     *
     * @param sweepFile the sweep file (relative to the project root or absolute)
     * @param listener  reports, or null
     * @param progress  a cancel ends the sweep after the current epoch of the current trial
     * @return the outcome
     * @throws UserError for a bad sweep file or base spec
     */
    public Outcome run(Path sweepFile, Listener listener, Progress progress) {
        if (catalog == null) {
            throw new UserError("a sweep needs the project's catalog, which is not available", "Check .mlwb/catalog.db.");
        }
        Listener l = listener == null ? new Listener() { } : listener;
        Path file = project.root().resolve(sweepFile).normalize();
        LoadedSweep loaded = new SweepSpecLoader().load(file);
        SweepSpec spec = loaded.spec();
        Path base = project.root().relativize(spec.baseSpec().toAbsolutePath().normalize());
        training.check(TrainRequest.spec(base, List.of()));
        RunRepository runs = new RunRepository(catalog);
        Map<String, String> params = new TreeMap<>();
        params.put("sweep.metric", spec.metric());
        params.put("sweep.mode", spec.mode().name().toLowerCase(java.util.Locale.ROOT));
        params.put("sweep.sampler", spec.sampler().name().toLowerCase(java.util.Locale.ROOT));
        params.put("sweep.seed", Long.toString(spec.seed()));
        params.put("sweep.parameters", String.join(", ", spec.parameters().keySet()));
        String rel = project.root().relativize(file).toString().replace('\\', '/');
        RunRecord parent = runs.create(NewRun.named("sweep " + file.getFileName()).withStartedAt(clock.instant())
                .withDetails(params, Map.of("mlwb.kind", "sweep", "mlwb.spec", rel, "mlwb.pid",
                        Long.toString(ProcessHandle.current().pid())), List.of()));
        AuditLog audit = new AuditLog(catalog);
        audit.append(System.getProperty("user.name", "unknown"), AUDIT_START, "run", Long.toString(parent.id()),
                Map.of("file", rel, "sampler", params.get("sweep.sampler"), "metric", spec.metric()));
        String finalName = spec.metric().startsWith("val_") ? spec.metric().substring(4) : spec.metric();
        SweepRunner runner = new SweepRunner(spec, (n, overrides, reporter) -> {
            TrainingControl control = new TrainingControl();
            List<String> sets = new ArrayList<>();
            overrides.forEach((k, v) -> sets.add(k + "=" + v));
            TrainingListener watch = new TrainingListener() {
                @Override
                public void onEpoch(EpochReport r) {
                    Double v = r.metrics().get(spec.metric().startsWith("val_") ? spec.metric()
                            : "val_" + spec.metric());
                    if (v != null && !reporter.report(r.epoch(), v)) {
                        control.stop();
                    }
                }
            };
            TrainResult result = training.train(TrainRequest.spec(base, sets).asChildOf(parent.id(),
                    "trial " + n + " of sweep " + parent.id()), watch, control, progress);
            Map<String, Double> val = result.metrics().get("validation");
            Double value = val == null ? null : val.getOrDefault(finalName,
                    "auc".equals(finalName) ? val.get("roc_auc") : null);
            return new TrialResult(result.runId() == null ? null : Long.toString(result.runId()), value,
                    result.costUsd());
        }, clock);
        SweepResult result = runner.run(progress::cancelled, new SweepObserver() {
            @Override
            public void trialStarted(int trialNumber, Map<String, String> overrides) {
                l.trialStarted(trialNumber, overrides);
            }

            @Override
            public void trialFinished(Trial trial) {
                if (trial.status() == io.mlwb.training.sweep.TrialStatus.PRUNED && trial.runId() != null) {
                    runs.tag(Long.parseLong(trial.runId()), TrainingService.TAG_END, "pruned");
                }
                l.trialFinished(trial);
            }
        });
        result.best().ifPresent(b -> {
            if (b.runId() != null) {
                runs.tag(Long.parseLong(b.runId()), "mlwb.sweep.best", "true");
                runs.putParams(parent.id(), Map.of("sweep.best_run", b.runId(), "sweep.best_value",
                        String.valueOf(b.value())));
            }
        });
        runs.putParams(parent.id(), Map.of("sweep.trials", Integer.toString(result.trials().size()),
                "sweep.stop_reason", result.stopReason().name().toLowerCase(java.util.Locale.ROOT)));
        runs.finish(parent.id(), result.stopReason() == io.mlwb.training.sweep.StopReason.CANCELLED
                ? RunStatus.STOPPED : RunStatus.FINISHED, clock.instant(), result.costUsd());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("trials", result.trials().size());
        details.put("stop_reason", result.stopReason().name().toLowerCase(java.util.Locale.ROOT));
        details.put("best_run", result.best().map(Trial::runId).orElse(""));
        audit.append(System.getProperty("user.name", "unknown"), AUDIT_FINISH, "run", Long.toString(parent.id()),
                details);
        return new Outcome(parent.id(), result, spec.metric());
    }
}
