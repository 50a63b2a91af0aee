package io.mlwb.drift.service;

import io.mlwb.drift.ColumnDrift;
import io.mlwb.drift.DatasetDrift;

import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.DriftConfig;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import io.mlwb.tracking.registry.RegisteredModel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which retraining triggers of mlwb.yaml ({@code drift.retraining}) fire, with the evidence, for a scheduler or CI to
 * act on ({@code mlwb retrain-check}). Each trigger is checked against the model's version in service (its
 * {@code champion}, else its newest version not retired):
 * <ul>
 *   <li>{@code cadence}: due from the version's training date (its run's end) plus the cadence; {@code due} for the
 *       first {@value #GRACE_DAYS} days after, {@code overdue} after that; either fires;</li>
 *   <li>{@code drift_share} and {@code psi}: with current data, the drift of the current data against the version's
 *       training data (the dataset version its run read for {@code train}), through {@link DriftService} (recorded);
 *       fires when the measured share, or any watched column's PSI, reaches the trigger's value;</li>
 *   <li>{@code metrics}: with current data holding the target, the version's model scores it
 *       ({@link io.mlwb.drift.model.ModelDrift}); fires when a metric leaves its bounds.</li>
 * </ul>
 */
public final class RetrainCheck {
    /** Days after the due date that a cadence stays "due" before it is "overdue". */
    public static final int GRACE_DAYS = 7;

    private final Project project;
    private final io.mlwb.catalog.Catalog catalog;
    private final ModelRegistry registry;
    private final DriftService drift;
    private final Clock clock;

    /**
     * @param project  the project (its {@code drift.retraining} triggers)
     * @param catalog  its catalog (the runs' training dates)
     * @param registry its model registry
     * @param drift    its drift service
     * @param clock    "now"
     */
    public RetrainCheck(Project project, io.mlwb.catalog.Catalog catalog, ModelRegistry registry, DriftService drift,
                        Clock clock) {
        this.project = Objects.requireNonNull(project, "project");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.drift = Objects.requireNonNull(drift, "drift");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One condition of a trigger.
     *
     * @param condition {@code cadence}, {@code drift_share}, {@code psi:<column>} or {@code metric:<name>}
     * @param status    {@code ok}, {@code fired}, {@code due}, {@code overdue}, or {@code not_evaluated}
     * @param value     the measured value (a share, a PSI, days since training), or null
     * @param threshold the trigger's value, or null
     * @param evidence  one sentence a person reads
     */
    public record Finding(String condition, String status, Double value, Double threshold, String evidence) {
        /** @return whether this condition calls for retraining */
        public boolean fires() {
            return status.equals("fired") || status.equals("due") || status.equals("overdue");
        }
    }

    /**
     * A trigger's outcome.
     *
     * @param model    the model
     * @param version  the version checked ({@code NAME@VERSION}), or null when none is in service
     * @param findings the conditions, in mlwb.yaml order
     * @param driftReportId the drift report recorded for the data conditions, or null
     */
    public record Outcome(String model, String version, List<Finding> findings, Long driftReportId) {
        /** Copies the list. */
        public Outcome {
            findings = List.copyOf(findings);
        }

        /** @return whether any condition fired */
        public boolean fires() {
            return findings.stream().anyMatch(Finding::fires);
        }

        /** @return the JSON of one model in {@code mlwb retrain-check --json} */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("version", version);
            m.put("retrain", fires());
            List<Map<String, Object>> fs = new ArrayList<>();
            for (Finding f : findings) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("condition", f.condition());
                x.put("status", f.status());
                x.put("value", f.value());
                x.put("threshold", f.threshold());
                x.put("evidence", f.evidence());
                fs.add(x);
            }
            m.put("findings", fs);
            m.put("drift_report_id", driftReportId);
            return m;
        }
    }

    /**
     * @param model   one model's name, or null for every model with a trigger
     * @param current current data for the drift conditions (any form {@link DriftService#load} takes), or null
     * @param actor   who (the drift report's audit entry)
     * @return one outcome per trigger checked
     * @throws UserError when the project has no trigger (for that model), or the current data cannot be read
     */
    public List<Outcome> check(String model, String current, String actor) {
        List<DriftConfig.RetrainingTrigger> triggers = project.config().drift().retraining();
        if (model != null) {
            triggers = triggers.stream().filter(t -> t.model().equals(model)).toList();
            if (triggers.isEmpty()) {
                throw new UserError("mlwb.yaml sets no retraining trigger for model '" + model + "'.",
                        "Add one under drift.retraining (see docs/mlwb-yaml.md#drift).");
            }
        }
        if (triggers.isEmpty()) {
            throw new UserError("mlwb.yaml sets no retraining trigger.", "Add drift.retraining triggers (see "
                    + "docs/mlwb-yaml.md#drift).");
        }
        List<Outcome> out = new ArrayList<>();
        for (DriftConfig.RetrainingTrigger t : triggers) {
            out.add(check(t, current, actor));
        }
        return out;
    }

    private Outcome check(DriftConfig.RetrainingTrigger t, String current, String actor) {
        RegisteredModel m = registry.model(t.model()).orElse(null);
        ModelVersion v = m == null ? null : m.versions().stream().filter(x -> x.aliases().contains("champion"))
                .findFirst().orElse(m.latest());
        List<Finding> findings = new ArrayList<>();
        if (v == null) {
            findings.add(new Finding("model", "not_evaluated", null, null, m == null ? "model " + t.model()
                    + " is not registered" : "every version of " + t.model() + " is retired"));
            return new Outcome(t.model(), null, findings, null);
        }
        if (t.cadence() != null) {
            findings.add(cadence(t, v));
        }
        Long reportId = null;
        Map<String, Object> performance = null;
        boolean metricsChecked = false;
        String modelProblem = null;
        if (t.driftShare() != null || t.psi() != null || !t.metrics().isEmpty()) {
            String reference = v.datasets().stream().filter(d -> d.role().equals("train")).findFirst()
                    .map(d -> "dataset:" + d.dataset() + "@" + d.version()).orElse(null);
            if (current == null || reference == null) {
                String why = current == null ? "no current data given (--current)" : v.ref() + "'s run recorded no "
                        + "training data";
                if (t.driftShare() != null) {
                    findings.add(new Finding("drift_share", "not_evaluated", null, t.driftShare(), why));
                }
                if (t.psi() != null) {
                    findings.add(new Finding("psi", "not_evaluated", null, t.psi(), why));
                }
            } else {
                DriftService.Result r;
                if (t.metrics().isEmpty()) {
                    r = drift.compare(reference, current, null, "", null, null, true, actor, Progress.NONE);
                } else {
                    try {
                        r = drift.compare(reference, current, null, "", null, v.ref(), true, actor, Progress.NONE);
                    } catch (UserError e) {
                        // the data conditions still count when the model cannot score (its file is gone, an input
                        // is missing): the metrics say why they were not evaluated
                        modelProblem = e.getMessage();
                        r = drift.compare(reference, current, null, "", null, null, true, actor, Progress.NONE);
                    }
                }
                reportId = r.reportId();
                if (r.model() != null) {
                    metricsChecked = true;
                    @SuppressWarnings("unchecked")
                    Map<String, Object> perf = (Map<String, Object>) r.model().get("performance");
                    performance = perf;
                }
                DatasetDrift d = r.drift();
                if (t.driftShare() != null) {
                    boolean fired = d.share() >= t.driftShare();
                    findings.add(new Finding("drift_share", fired ? "fired" : "ok", d.share(), t.driftShare(),
                            String.format(Locale.ROOT, "%d of %d columns drifted between %s and %s (share %.3f)",
                                    d.drifted(), d.compared(), reference, r.current().label(), d.share())));
                }
                if (t.psi() != null) {
                    for (ColumnDrift c : d.columns()) {
                        if (c.psi() == null || !t.columns().isEmpty() && !t.columns().contains(c.name())) {
                            continue;
                        }
                        boolean fired = c.psi() >= t.psi();
                        if (fired || !t.columns().isEmpty()) {
                            findings.add(new Finding("psi:" + c.name(), fired ? "fired" : "ok", c.psi(), t.psi(),
                                    String.format(Locale.ROOT, "PSI of %s is %.4f (%s)", c.name(), c.psi(),
                                            c.psiBand() == null ? "" : c.psiBand().jsonName())));
                        }
                    }
                    if (findings.stream().noneMatch(f -> f.condition().startsWith("psi:"))) {
                        findings.add(new Finding("psi", "ok", null, t.psi(), "no column's PSI reaches "
                                + t.psi()));
                    }
                }
            }
        }
        for (Map.Entry<String, DriftConfig.Bound> e : t.metrics().entrySet()) {
            String name = e.getKey();
            DriftConfig.Bound bound = e.getValue();
            Double limit = bound.min() != null ? bound.min() : bound.max();
            Object side = performance == null ? null : performance.get(name);
            Object value = side instanceof Map<?, ?> sm && sm.get("current") instanceof Map<?, ?> cm ? cm.get("value")
                    : null;
            if (!(value instanceof Number num)) {
                String why = current == null ? "no current data given (--current)" : modelProblem != null
                        ? "the model could not score the data: " + modelProblem : !metricsChecked
                        ? v.ref() + "'s run recorded no training data to compare with"
                        : performance == null ? "the data does not hold the target column on both sides"
                        : "the model does not report " + name + " (it reports " + String.join(", ",
                        performance.keySet()) + ")";
                findings.add(new Finding("metric:" + name, "not_evaluated", null, limit, why));
                continue;
            }
            double x = num.doubleValue();
            boolean fired = bound.min() != null && x < bound.min() || bound.max() != null && x > bound.max();
            findings.add(new Finding("metric:" + name, fired ? "fired" : "ok", x, limit, String.format(Locale.ROOT,
                    "%s of %s on the current data is %.4f (%s)", name, v.ref(), x, bound.min() != null
                            ? "minimum " + bound.min() : "maximum " + bound.max())));
        }
        return new Outcome(t.model(), v.ref(), findings, reportId);
    }

    private Finding cadence(DriftConfig.RetrainingTrigger t, ModelVersion v) {
        // the training date: the run's end (else its start), else the registration
        Instant trained = v.runId() == null ? null : new io.mlwb.catalog.run.RunRepository(catalog).get(v.runId())
                .map(r -> r.endedAt() != null ? r.endedAt() : r.startedAt()).orElse(null);
        if (trained == null) {
            trained = Instant.ofEpochMilli(v.createdAtMs());
        }
        Instant due = trained.atZone(ZoneOffset.UTC).plus(t.cadence()).toInstant();
        Instant now = clock.instant();
        double days = (now.toEpochMilli() - trained.toEpochMilli()) / 86_400_000.0;
        String status = now.isBefore(due) ? "ok" : now.isBefore(due.plusSeconds(GRACE_DAYS * 86_400L)) ? "due"
                : "overdue";
        return new Finding("cadence", status, days, null, String.format(Locale.ROOT,
                "%s was trained %s; every %s makes it due %s (%s)", v.ref(), trained, t.cadence(), due, status));
    }
}
