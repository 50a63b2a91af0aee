package io.mlwb.app.deploy;

import io.mlwb.app.jobs.JobHandle;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.project.RiskTier;
import io.mlwb.deploy.SmokeTestResult;
import io.mlwb.deploy.CostEstimator;
import io.mlwb.deploy.DeployConfig;
import io.mlwb.deploy.DeployPreview;
import io.mlwb.deploy.DeployResult;
import io.mlwb.deploy.DeployTarget;
import io.mlwb.deploy.DeploymentService;
import io.mlwb.deploy.PriceTable;
import io.mlwb.deploy.Strategy;
import io.mlwb.deploy.export.ServingFormat;
import io.mlwb.deploy.export.ServingFormatService;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import io.mlwb.tracking.registry.RegisteredModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The deployment wizard's state: one step at a time (version, serving format, target, compute, rollout, security,
 * review, generate, smoke test), each validated as it is edited ({@link #problemProperty()} says what is wrong; Next is enabled only
 * when nothing is). Format measures the version's serving formats side by side with
 * {@link ServingFormatService#compare} (a job with progress and Cancel) and offers the available ones. Review asks {@link DeploymentService#preview} for every file, Generate calls
 * {@link DeploymentService#deploy}, Smoke test {@link DeploymentService#smokeTest}; each runs as a job. The cost per
 * 1,000 predictions comes from the smoke test's measured throughput and the chosen compute through the service's price
 * table. Every failure is shown in {@link #errorProperty()}; the jobs runner also lists it in Problems.
 */
public final class DeployWizardViewModel {
    /** The steps, in order. */
    public enum Step {
        /** Which registered version, approved or marked staging. */
        VERSION,
        /** What the container serves: model.zip, the ONNX export or its int8 variant, measured side by side. */
        FORMAT,
        /** Which platform. */
        TARGET,
        /** Instance type, replicas, autoscaling. */
        COMPUTE,
        /** How traffic moves and when it moves back. */
        ROLLOUT,
        /** Auth, exposure, identity by name. */
        SECURITY,
        /** Every file the deployment would write. */
        REVIEW,
        /** Write, record and commit. */
        GENERATE,
        /** Serve it locally on the target's contract and compare. */
        SMOKE
    }

    /** SageMaker serverless memory sizes. */
    public static final List<Integer> SERVERLESS_MEMORY = List.of(1024, 2048, 3072, 4096, 5120, 6144);
    /** Autoscaling metrics, as the configuration names them. */
    public static final List<String> METRICS = List.of("requests_per_instance", "latency_ms", "cpu");
    /** A name of an identity; secrets (keys, tokens, PEM blocks) do not fit it. */
    private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9@._:/+=,-]{0,255}");
    private static final Pattern LOOKS_SECRET = Pattern.compile("(AKIA|ASIA)[0-9A-Z]{16}|[A-Za-z0-9/+]{40}"
            + "|.*(?i:secret|password|token|private.?key).*");
    private static final Map<DeployTarget, List<String>> AUTHS = Map.of(DeployTarget.SAGEMAKER, List.of("iam"),
            DeployTarget.VERTEX, List.of("iam"), DeployTarget.AZUREML, List.of("aad_token", "aml_token", "key"),
            DeployTarget.KUBERNETES, List.of("ingress"), DeployTarget.KSERVE, List.of("ingress"),
            DeployTarget.LOCAL, List.of("none", "api_key"));

    private final DeploymentService service;
    private final ModelRegistry registry;
    private final RiskTier tier;
    private final UiJobs jobs;
    private final String actor;
    private final Runnable onCommitted;

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step", Step.VERSION);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty progressText = new SimpleStringProperty(this, "progressText", "");
    private final String unavailable;

    // 1. version
    private final ObservableList<String> versions = FXCollections.observableArrayList();
    private final StringProperty version = new SimpleStringProperty(this, "version");
    private final ReadOnlyStringWrapper approval = new ReadOnlyStringWrapper(this, "approval", "");
    private final ReadOnlyBooleanWrapper approved = new ReadOnlyBooleanWrapper(this, "approved");
    private final BooleanProperty staging = new SimpleBooleanProperty(this, "staging");
    // 1b. serving format
    private final ObservableList<FormatRow> formatRows = FXCollections.observableArrayList();
    private final ObservableList<ServingFormat> formatChoices = FXCollections.observableArrayList(ServingFormat.DJL);
    private final ObjectProperty<ServingFormat> format = new SimpleObjectProperty<>(this, "format", ServingFormat.DJL);
    private final ReadOnlyObjectWrapper<ServingFormatService.Comparison> comparison =
            new ReadOnlyObjectWrapper<>(this, "comparison");
    private final ReadOnlyStringWrapper formatNote = new ReadOnlyStringWrapper(this, "formatNote", "");
    private final ReadOnlyBooleanWrapper measuring = new ReadOnlyBooleanWrapper(this, "measuring");
    private JobHandle formatJob;
    // 2. target
    private final ObjectProperty<DeployTarget> target = new SimpleObjectProperty<>(this, "target");
    private final BooleanProperty serverless = new SimpleBooleanProperty(this, "serverless");
    private final IntegerProperty serverlessMemory = new SimpleIntegerProperty(this, "serverlessMemory", 2048);
    private final IntegerProperty serverlessConcurrency = new SimpleIntegerProperty(this, "serverlessConcurrency", 5);
    // 3. compute
    private final ObservableList<String> instanceTypes = FXCollections.observableArrayList();
    private final StringProperty instanceType = new SimpleStringProperty(this, "instanceType");
    /** The region mlwb.yaml declares for the chosen platform (deployment.targets), or null for the target's default. */
    private final ReadOnlyStringWrapper region = new ReadOnlyStringWrapper(this, "region");
    /** Where the region and instance type came from, when mlwb.yaml declares a target on the platform; else "". */
    private final ReadOnlyStringWrapper declaredNote = new ReadOnlyStringWrapper(this, "declaredNote", "");
    /** Why the rollback conditions do not apply to the chosen target (no automatic rollback there), or "". */
    private final ReadOnlyStringWrapper rollbackNote = new ReadOnlyStringWrapper(this, "rollbackNote", "");
    private final IntegerProperty minReplicas = new SimpleIntegerProperty(this, "minReplicas", 1);
    private final IntegerProperty maxReplicas = new SimpleIntegerProperty(this, "maxReplicas", 2);
    private final StringProperty metric = new SimpleStringProperty(this, "metric", "requests_per_instance");
    private final DoubleProperty metricTarget = new SimpleDoubleProperty(this, "metricTarget", 1000);
    // 4. rollout
    private final ObjectProperty<Strategy> strategy = new SimpleObjectProperty<>(this, "strategy",
            Strategy.ALL_AT_ONCE);
    private final IntegerProperty canaryPercent = new SimpleIntegerProperty(this, "canaryPercent", 10);
    private final IntegerProperty bakeMinutes = new SimpleIntegerProperty(this, "bakeMinutes", 10);
    private final ObservableList<String> otherVersions = FXCollections.observableArrayList();
    private final StringProperty otherVersion = new SimpleStringProperty(this, "otherVersion");
    private final IntegerProperty splitThis = new SimpleIntegerProperty(this, "splitThis", 50);
    private final IntegerProperty splitOther = new SimpleIntegerProperty(this, "splitOther", 50);
    private final BooleanProperty rollbackOnErrors = new SimpleBooleanProperty(this, "rollbackOnErrors", true);
    private final DoubleProperty errorRatePercent = new SimpleDoubleProperty(this, "errorRatePercent", 1);
    private final BooleanProperty rollbackOnLatency = new SimpleBooleanProperty(this, "rollbackOnLatency");
    private final DoubleProperty p99LatencyMs = new SimpleDoubleProperty(this, "p99LatencyMs", 300);
    // 5. security
    private final ObservableList<String> auths = FXCollections.observableArrayList();
    private final StringProperty auth = new SimpleStringProperty(this, "auth");
    private final StringProperty exposure = new SimpleStringProperty(this, "exposure", "private");
    private final StringProperty serviceAccount = new SimpleStringProperty(this, "serviceAccount", "");
    // 6. review
    private final ReadOnlyObjectWrapper<DeployPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ObservableList<String> files = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final StringProperty selectedFile = new SimpleStringProperty(this, "selectedFile");
    private final ReadOnlyStringWrapper fileText = new ReadOnlyStringWrapper(this, "fileText", "");
    // 7. generate
    private final ReadOnlyObjectWrapper<DeployResult> deployed = new ReadOnlyObjectWrapper<>(this, "deployed");
    // 8. smoke test
    private final ReadOnlyObjectWrapper<SmokeTestResult> smoke = new ReadOnlyObjectWrapper<>(this, "smoke");
    private final DoubleProperty trafficPerMonth = new SimpleDoubleProperty(this, "trafficPerMonth", 1_000_000);
    private final ReadOnlyStringWrapper cost = new ReadOnlyStringWrapper(this, "cost", "");
    private JobHandle smokeJob;

    private final BooleanBinding canNext;

    /**
     * @param service     the project's deployment service, or null when the project has no usable catalog
     * @param registry    the project's model registry (null with {@code service})
     * @param tier        the project's risk tier
     * @param jobs        runs the review, generate and smoke-test work
     * @param actor       who deploys
     * @param initial     the version to start with ({@code NAME@VERSION}), or null
     * @param unavailable why there is no service (shown instead of the wizard), or null
     * @param onCommitted told after the files were committed (the shell refreshes git views)
     */
    public DeployWizardViewModel(DeploymentService service, ModelRegistry registry, RiskTier tier, UiJobs jobs,
                                 String actor, String initial, String unavailable, Runnable onCommitted) {
        this.service = service;
        this.registry = registry;
        this.tier = tier == null ? RiskTier.MEDIUM : tier;
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.actor = actor;
        this.onCommitted = onCommitted == null ? () -> { } : onCommitted;
        this.unavailable = service == null ? (unavailable == null ? Messages.get("deploy.noCatalog") : unavailable)
                : null;
        if (registry != null) {
            for (RegisteredModel m : registry.list()) {
                for (ModelVersion v : m.versions()) {
                    if (!v.retired()) {
                        versions.add(v.ref());
                    }
                }
            }
        }
        if (service != null) {
            strategy.set(service.proposal(null).strategy()); // mlwb.yaml's deployment.default_strategy
        }
        version.addListener((o, was, is) -> onVersion(is));
        format.addListener((o, was, is) -> updateFormatNote());
        target.addListener((o, was, is) -> onTarget(is));
        splitThis.addListener((o, was, is) -> {
            if (is.intValue() >= 1 && is.intValue() <= 99 && splitOther.get() != 100 - is.intValue()) {
                splitOther.set(100 - is.intValue());
            }
        });
        selectedFile.addListener((o, was, is) -> {
            DeployPreview p = preview.get();
            fileText.set(p == null || is == null ? "" : p.files().getOrDefault(is, ""));
        });
        trafficPerMonth.addListener((o, was, is) -> updateCost());
        Observable[] inputs = {step, version, staging, format, comparison, measuring, target, serverless, serverlessMemory, serverlessConcurrency,
            instanceType, minReplicas, maxReplicas, metric, metricTarget, strategy, canaryPercent, bakeMinutes,
            otherVersion, splitThis, splitOther, rollbackOnErrors, errorRatePercent, rollbackOnLatency, p99LatencyMs,
            auth, exposure, serviceAccount, preview, deployed};
        for (Observable in : inputs) {
            in.addListener(x -> revalidate());
        }
        canNext = Bindings.createBooleanBinding(() -> problem.get().isEmpty() && !busy.get()
                && step.get() != Step.SMOKE && this.unavailable == null, problem, busy, step);
        if (initial != null && versions.contains(initial)) {
            version.set(initial);
        } else if (initial != null) {
            Optional<String> newest = versions.stream().filter(v -> v.startsWith(initial + "@"))
                    .max(java.util.Comparator.comparingInt(v -> ModelRef.parse(v).version()));
            newest.ifPresent(version::set);
        }
        revalidate();
    }

    // ---------------------------------------------------------------- navigation

    /** Goes to the next step when this one is valid; entering Review computes the preview. */
    public void next() {
        if (!canNext.get()) {
            return;
        }
        error.set("");
        Step s = step.get();
        Step n = Step.values()[s.ordinal() + 1];
        step.set(n);
        if (n == Step.REVIEW) {
            refreshPreview();
        }
        if (n == Step.SMOKE && smoke.get() == null) {
            progress.set(0);            // the bar is shared with the format measurement: not full before a run
            progressText.set("");
        }
    }

    /** Goes back one step (not past a generated deployment: its files are committed). */
    public void back() {
        if (canBack().get()) {
            error.set("");
            step.set(Step.values()[step.get().ordinal() - 1]);
        }
    }

    /** @return whether Back is possible now */
    public BooleanBinding canBack() {
        return Bindings.createBooleanBinding(() -> step.get() != Step.VERSION && !busy.get()
                && deployed.get() == null, step, busy, deployed);
    }

    /** @return whether Next is possible now */
    public BooleanBinding canNext() {
        return canNext;
    }

    // ---------------------------------------------------------------- validation

    private void revalidate() {
        String p = unavailable != null ? unavailable : validate(step.get());
        problem.set(p == null ? "" : p);
    }

    /**
     * @param s a step
     * @return what is wrong with its inputs, or null when it is complete
     */
    String validate(Step s) {
        switch (s) {
            case VERSION -> {
                if (version.get() == null) {
                    return versions.isEmpty() ? Messages.get("deploy.v.noVersions") : Messages.get("deploy.v.version");
                }
                if (!approved.get() && !staging.get()) {
                    return Messages.format("deploy.v.unapproved", tier.name().toLowerCase(Locale.ROOT));
                }
                return null;
            }
            case FORMAT -> {
                return formatProblem();
            }
            case TARGET -> {
                return target.get() == null ? Messages.get("deploy.v.target") : null;
            }
            case COMPUTE -> {
                DeployTarget t = target.get();
                if (needsInstance() && instanceType.get() == null) {
                    return Messages.get("deploy.v.instance");
                }
                if (!scales()) {
                    return null; // local, or SageMaker serverless: no replicas to choose
                }
                int min = minReplicas.get();
                int lowest = t == DeployTarget.KSERVE ? 0 : t == DeployTarget.KUBERNETES ? 2 : 1;
                if (!serverlessChosen() && min < lowest) {
                    return Messages.format("deploy.v.minReplicas", lowest);
                }
                if (!serverlessChosen() && maxReplicas.get() < min) {
                    return Messages.get("deploy.v.maxReplicas");
                }
                if (t == DeployTarget.VERTEX && "latency_ms".equals(metric.get())) {
                    return Messages.get("deploy.v.vertexLatency");
                }
                if (!(metricTarget.get() > 0)) {
                    return Messages.get("deploy.v.metricTarget");
                }
                return null;
            }
            case ROLLOUT -> {
                return rolloutProblem();
            }
            case SECURITY -> {
                if (auth.get() == null || !auths.contains(auth.get())) {
                    return Messages.get("deploy.v.auth");
                }
                String sa = serviceAccount.get() == null ? "" : serviceAccount.get().strip();
                if (!sa.isEmpty() && (!IDENTITY.matcher(sa).matches() || LOOKS_SECRET.matcher(sa).matches())) {
                    return Messages.get("deploy.v.identity");
                }
                return null;
            }
            case REVIEW -> {
                return preview.get() == null ? Messages.get("deploy.v.review") : null;
            }
            case GENERATE -> {
                return deployed.get() == null ? Messages.get("deploy.v.generate") : null;
            }
            default -> {
                return null;
            }
        }
    }

    private String formatProblem() {
        ServingFormat f = format.get();
        if (measuring.get()) {
            return Messages.get("deploy.v.measuring");
        }
        if (f == null) {
            return Messages.get("deploy.v.format");
        }
        if (f == ServingFormat.DJL) {
            return null;
        }
        ServingFormatService.Comparison c = comparison.get();
        if (c == null) {
            return Messages.get("deploy.v.measure");
        }
        ServingFormatService.Measured m = c.of(f);
        return m.available() ? null : Messages.format("deploy.v.formatUnavailable", f.label(), m.reason());
    }

    private String rolloutProblem() {
        DeployTarget t = target.get();
        Strategy st = strategy.get();
        if (st == null) {
            return Messages.get("deploy.v.strategy");
        }
        if (serverlessChosen() && st != Strategy.ALL_AT_ONCE) {
            return Messages.get("deploy.v.serverlessRollout");
        }
        if (st == Strategy.CANARY && (canaryPercent.get() < 1 || canaryPercent.get() > 99)) {
            return Messages.get("deploy.v.canaryPercent");
        }
        int maxBake = t == DeployTarget.SAGEMAKER ? 60 : 1440;
        if ((st == Strategy.CANARY || st == Strategy.BLUE_GREEN) && (bakeMinutes.get() < 0
                || bakeMinutes.get() > maxBake)) {
            return Messages.format("deploy.v.bake", maxBake);
        }
        if (st == Strategy.A_B) {
            if (t == DeployTarget.KUBERNETES || t == DeployTarget.KSERVE || t == DeployTarget.LOCAL) {
                return Messages.format("deploy.v.abTarget", t.id());
            }
            if (otherVersion.get() == null) {
                return Messages.get("deploy.v.abOther");
            }
            if (splitThis.get() < 1 || splitOther.get() < 1 || splitThis.get() + splitOther.get() != 100) {
                return Messages.format("deploy.v.abSplit", splitThis.get() + splitOther.get());
            }
        }
        if (autoRollback() && rollbackOnErrors.get() && !(errorRatePercent.get() > 0 && errorRatePercent.get() <= 100)) {
            return Messages.get("deploy.v.errorRate");
        }
        if (autoRollback() && rollbackOnLatency.get() && !(p99LatencyMs.get() > 0)) {
            return Messages.get("deploy.v.latency");
        }
        return null;
    }

    // ---------------------------------------------------------------- reactions

    private void onVersion(String ref) {
        otherVersions.clear();
        otherVersion.set(null);
        cancelMeasure();
        comparison.set(null);
        formatRows.clear();
        formatChoices.setAll(ServingFormat.DJL);
        format.set(ServingFormat.DJL);
        if (ref == null || registry == null) {
            approved.set(false);
            approval.set("");
            return;
        }
        ModelVersion v = registry.resolve(ModelRef.parse(ref));
        String status = v.cardStatus();
        approved.set("approved".equals(status));
        approval.set(status == null ? Messages.get("deploy.card.missing") : Messages.format("deploy.card.status",
                status));
        versions.stream().filter(x -> x.startsWith(v.model() + "@") && !x.equals(ref)).forEach(otherVersions::add);
    }

    private void onTarget(DeployTarget t) {
        instanceTypes.clear();
        auths.clear();
        rollbackNote.set(t == null || autoRollback() ? "" : Messages.format("deploy.rollout.noAutoRollback", t.id()));
        if (t == null) {
            instanceType.set(null);
            region.set(null);
            declaredNote.set("");
            return;
        }
        if (t != DeployTarget.SAGEMAKER) {
            serverless.set(false);
        }
        if (service != null && t.priceCloud() != null) {
            service.prices().instances(t.priceCloud()).forEach(p -> instanceTypes.add(p.instanceType()));
        }
        String preferred = switch (t) {
            case SAGEMAKER -> "ml.m5.large";
            case VERTEX -> "n1-standard-4";
            case AZUREML -> "Standard_DS3_v2";
            default -> instanceTypes.isEmpty() ? null : instanceTypes.get(0);
        };
        DeploymentService.Proposal declared = service == null ? null : service.proposal(t);
        region.set(declared == null ? null : declared.region());
        declaredNote.set(declared == null || declared.target() == null ? "" : Messages.format("deploy.compute.declared",
                declared.target(), declared.region() == null ? "-" : declared.region(),
                declared.instanceType() == null ? "-" : declared.instanceType()));
        if (declared != null && declared.instanceType() != null && instanceTypes.contains(declared.instanceType())) {
            preferred = declared.instanceType(); // mlwb.yaml's deployment.targets[].instance_type
        }
        instanceType.set(instanceTypes.contains(preferred) ? preferred : instanceTypes.isEmpty() ? null
                : instanceTypes.get(0));
        if (t == DeployTarget.KUBERNETES) {
            minReplicas.set(Math.max(2, minReplicas.get()));
            maxReplicas.set(Math.max(minReplicas.get(), maxReplicas.get()));
            metric.set("cpu");
            metricTarget.set(70);
        }
        auths.setAll(AUTHS.get(t));
        auth.set(auths.get(0));
    }

    /** @return whether replicas and autoscaling mean something for the chosen target (not local, not serverless) */
    public boolean scales() {
        return target.get() != null && target.get() != DeployTarget.LOCAL && !serverlessChosen();
    }

    /** @return whether the chosen target rolls back by itself on the conditions (SageMaker alarms, Vertex alerts) */
    private boolean autoRollback() {
        return target.get() == DeployTarget.SAGEMAKER || target.get() == DeployTarget.VERTEX;
    }

    private boolean serverlessChosen() {
        return serverless.get() && target.get() == DeployTarget.SAGEMAKER;
    }

    private boolean needsInstance() {
        return target.get() != null && target.get() != DeployTarget.LOCAL && !serverlessChosen()
                && !instanceTypes.isEmpty();
    }

    /** @return the configuration the steps describe */
    public DeployConfig config() {
        DeployTarget t = target.get();
        Strategy st = strategy.get() == null ? Strategy.ALL_AT_ONCE : strategy.get();
        Map<Integer, Integer> split = new LinkedHashMap<>();
        if (st == Strategy.A_B && version.get() != null && otherVersion.get() != null) {
            split.put(ModelRef.parse(version.get()).version(), splitThis.get());
            split.put(ModelRef.parse(otherVersion.get()).version(), splitOther.get());
        }
        String sa = serviceAccount.get() == null || serviceAccount.get().isBlank() ? null
                : serviceAccount.get().strip();
        boolean sls = serverlessChosen();
        return new DeployConfig(needsInstance() ? instanceType.get() : null, region.get(),
                sls || t == DeployTarget.LOCAL ? null : minReplicas.get(),
                sls || t == DeployTarget.LOCAL ? null : maxReplicas.get(),
                new DeployConfig.Autoscaling(metric.get(), metricTarget.get()),
                new DeployConfig.Rollout(st, canaryPercent.get(), bakeMinutes.get(), split),
                new DeployConfig.Rollback(autoRollback() && rollbackOnErrors.get() ? errorRatePercent.get() / 100 : null,
                        autoRollback() && rollbackOnLatency.get() ? p99LatencyMs.get() : null),
                new DeployConfig.Security(auth.get(), exposure.get(), sa),
                sls ? new DeployConfig.Serverless(serverlessMemory.get(), serverlessConcurrency.get()) : null, null,
                null, null, staging.get(), null, null, null, null, null, null, format.get());
    }

    // ---------------------------------------------------------------- work

    /**
     * Measures the chosen version's serving formats side by side (a job with progress and Cancel): the ONNX export
     * and its int8 variant are made and checked, every format is timed; the table and the choices follow.
     */
    public void measureFormats() {
        if (service == null || version.get() == null || busy.get()) {
            return;
        }
        String ref = version.get();
        busy.set(true);
        measuring.set(true);
        error.set("");
        progress.set(0);
        progressText.set("");
        formatJob = jobs.run(Messages.format("deploy.job.formats", ref), p -> service.formats().compare(ref, actor,
                relay(p)), c -> {
                    formatJob = null;
                    measuring.set(false);
                    busy.set(false);
                    progress.set(1);
                    progressText.set("");
                    showComparison(c);
                }, e -> {
                    formatJob = null;
                    measuring.set(false);
                    if (e instanceof Cancelled) {
                        busy.set(false);
                        progress.set(0);
                        progressText.set(Messages.get("deploy.format.cancelled"));
                    } else {
                        failed(e);
                    }
                });
    }

    /** Cancels a running format measurement. */
    public void cancelMeasure() {
        if (formatJob != null) {
            formatJob.cancel();
        }
    }

    private void showComparison(ServingFormatService.Comparison c) {
        comparison.set(c);
        formatRows.setAll(c.formats().stream().map(m -> FormatRow.of(m, c.metric())).toList());
        formatChoices.setAll(c.formats().stream().filter(ServingFormatService.Measured::available)
                .map(ServingFormatService.Measured::format).toList());
        if (!formatChoices.contains(format.get())) {
            format.set(ServingFormat.DJL);
        }
        updateFormatNote();
    }

    private void updateFormatNote() {
        ServingFormatService.Comparison c = comparison.get();
        ServingFormat f = format.get();
        if (c == null || f == null) {
            formatNote.set("");
            return;
        }
        List<String> notes = new ArrayList<>();
        ServingFormatService.Measured m = c.of(f);
        if (m.available() && m.notableLoss()) {
            notes.add(Messages.format("deploy.format.loss", f.label(), metricName(c.metric()),
                    String.format(Locale.ROOT, "%+.4f", m.metricChange()),
                    String.format(Locale.ROOT, "%.3f", ServingFormatService.NOTABLE_LOSS)));
        }
        c.formats().stream().filter(x -> !x.available()).forEach(x -> notes.add(Messages.format(
                "deploy.format.unavailable", x.format().label(), x.reason())));
        formatNote.set(String.join("\n", notes));
    }

    /** @return the metric's name as the table heads it */
    static String metricName(String metric) {
        return metric == null ? "" : switch (metric) {
            case "roc_auc" -> "AUC";
            case "rmse" -> "RMSE";
            default -> metric.substring(0, 1).toUpperCase(Locale.ROOT) + metric.substring(1);
        };
    }

    /** Progress that also reaches the wizard's bar (the job's own goes to the Jobs panel). */
    private io.mlwb.core.job.Progress relay(io.mlwb.core.job.Progress p) {
        return new io.mlwb.core.job.Progress() {
            @Override
            public void report(double fraction, String message) {
                p.report(fraction, message);
                javafx.application.Platform.runLater(() -> {
                    progress.set(fraction);
                    progressText.set(message);
                });
            }

            @Override
            public boolean cancelled() {
                return p.cancelled();
            }
        };
    }

    /** Computes the review's files again (a job); nothing is written or recorded. */
    public void refreshPreview() {
        if (service == null || version.get() == null || target.get() == null) {
            return;
        }
        preview.set(null);
        files.clear();
        warnings.clear();
        DeployTarget t = target.get();
        ModelRef ref = ModelRef.parse(version.get());
        DeployConfig c = config();
        busy.set(true);
        jobs.run(Messages.format("deploy.job.preview", version.get(), t.id()), p -> service.preview(t, ref, c), r -> {
            busy.set(false);
            preview.set(r);
            files.setAll(r.files().keySet());
            warnings.setAll(r.warnings());
            selectedFile.set(files.isEmpty() ? null : files.get(0));
            fileText.set(selectedFile.get() == null ? "" : r.files().get(selectedFile.get()));
        }, this::failed);
    }

    /** Writes, records and commits the deployment (a job). */
    public void generate() {
        if (service == null || preview.get() == null || deployed.get() != null || busy.get()) {
            return;
        }
        DeployTarget t = target.get();
        ModelRef ref = ModelRef.parse(version.get());
        DeployConfig c = config();
        busy.set(true);
        error.set("");
        jobs.run(Messages.format("deploy.job.generate", version.get(), t.id()),
                p -> service.deploy(t, ref, c, null, actor), r -> {
                    busy.set(false);
                    deployed.set(r);
                    warnings.setAll(r.warnings());
                    onCommitted.run();
                }, this::failed);
    }

    /** Smoke-tests the generated deployment on the target's contract (a job with progress and Cancel). */
    public void smokeTest() {
        if (service == null || deployed.get() == null || busy.get()) {
            return;
        }
        long id = deployed.get().deployment().id();
        busy.set(true);
        error.set("");
        smoke.set(null);
        cost.set("");
        progress.set(0);
        progressText.set("");
        smokeJob = jobs.run(Messages.format("deploy.job.smoke", version.get(), target.get().id()),
                p -> service.smokeTest(Long.toString(id), null, 0, actor, relay(p)), r -> {
                    busy.set(false);
                    smokeJob = null;
                    progress.set(1);
                    smoke.set(r);
                    updateCost();
                }, e -> {
                    smokeJob = null;
                    if (e instanceof Cancelled) {
                        busy.set(false);
                        progress.set(0);
                        progressText.set(Messages.get("deploy.smoke.cancelled"));
                    } else {
                        failed(e);
                    }
                });
    }

    /** Cancels a running smoke test. */
    public void cancelSmokeTest() {
        if (smokeJob != null) {
            smokeJob.cancel();
        }
    }

    private void updateCost() {
        SmokeTestResult r = smoke.get();
        if (r == null || service == null) {
            cost.set("");
            return;
        }
        DeployTarget t = target.get();
        if (t == DeployTarget.LOCAL || t.priceCloud() == null) {
            cost.set(Messages.get("deploy.cost.local"));
            return;
        }
        if (!(r.throughputRps() > 0)) {
            cost.set("");
            return;
        }
        boolean sls = serverlessChosen();
        CostEstimator.Estimate e = new CostEstimator(service.prices()).estimate(new CostEstimator.Query(
                r.throughputRps(), r.cores(), Math.max(0, trafficPerMonth.get()), null, r.p99Ms(), 3,
                Math.max(1, minReplicas.get()), t.priceCloud(), serverlessMemory.get()));
        if (sls) {
            cost.set(e.serverless() == null ? Messages.get("deploy.cost.none") : Messages.format(
                    "deploy.cost.serverless", usd(e.serverless().per1000Usd()), usd(e.serverless().monthlyUsd()),
                    e.serverless().caveat()));
            return;
        }
        String type = instanceType.get();
        Optional<CostEstimator.Option> o = e.options().stream().filter(x -> x.instanceType().equals(type))
                .findFirst();
        cost.set(o.map(x -> Messages.format("deploy.cost.instance", usd(x.per1000Usd()), type, x.replicas(),
                usd(x.monthlyUsd()), fmt(trafficPerMonth.get()))).orElse(Messages.get("deploy.cost.none"))
                + " " + PriceTable.STALE_NOTE);
    }

    private static String usd(double v) {
        return String.format(Locale.ROOT, v < 0.01 ? "$%.5f" : "$%,.2f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private void failed(Throwable e) {
        busy.set(false);
        error.set(UserError.find(e).map(u -> u.getMessage() + (u.whatToDo() == null || u.whatToDo().isBlank() ? ""
                : " " + u.whatToDo())).orElse(Messages.format("deploy.failed", String.valueOf(e.getMessage()))));
    }

    // ---------------------------------------------------------------- properties

    /** @return the step shown */
    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** @return what keeps Next disabled on this step, or "" */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** @return the last failure, or "" */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** @return whether a job runs */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return the smoke test's progress, 0..1 */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** @return the smoke test's current step */
    public StringProperty progressTextProperty() {
        return progressText;
    }

    /** @return why the wizard cannot work (no catalog), or null */
    public String unavailable() {
        return unavailable;
    }

    /** @return the registered versions in service */
    public ObservableList<String> versions() {
        return versions;
    }

    /** @return the chosen version */
    public StringProperty versionProperty() {
        return version;
    }

    /** @return the chosen version's card status, in words */
    public ReadOnlyStringProperty approvalProperty() {
        return approval.getReadOnlyProperty();
    }

    /** @return whether the chosen version's card is approved */
    public ReadOnlyBooleanProperty approvedProperty() {
        return approved.getReadOnlyProperty();
    }

    /** @return the project's risk tier */
    public RiskTier tier() {
        return tier;
    }

    /** @return whether it goes out as an unapproved staging deployment */
    public BooleanProperty stagingProperty() {
        return staging;
    }

    /** @return the formats measured, one row each (empty until measured) */
    public ObservableList<FormatRow> formatRows() {
        return formatRows;
    }

    /** @return the formats that can be chosen: djl, and after measuring every available one */
    public ObservableList<ServingFormat> formatChoices() {
        return formatChoices;
    }

    /** @return the chosen serving format */
    public ObjectProperty<ServingFormat> formatProperty() {
        return format;
    }

    /** @return the measurement, or null before it */
    public ReadOnlyObjectProperty<ServingFormatService.Comparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** @return what to know about the choice (a metric loss above the threshold, formats not available), or "" */
    public ReadOnlyStringProperty formatNoteProperty() {
        return formatNote.getReadOnlyProperty();
    }

    /** @return whether the formats are being measured */
    public ReadOnlyBooleanProperty measuringProperty() {
        return measuring.getReadOnlyProperty();
    }

    /** @return the chosen target */
    public ObjectProperty<DeployTarget> targetProperty() {
        return target;
    }

    /** @return whether SageMaker serverless is chosen */
    public BooleanProperty serverlessProperty() {
        return serverless;
    }

    /** @return serverless memory, MB */
    public IntegerProperty serverlessMemoryProperty() {
        return serverlessMemory;
    }

    /** @return serverless max concurrency */
    public IntegerProperty serverlessConcurrencyProperty() {
        return serverlessConcurrency;
    }

    /** @return the target cloud's instance types from the price table */
    public ObservableList<String> instanceTypes() {
        return instanceTypes;
    }

    /**
     * @param type an instance type of the chosen target's cloud
     * @return it with its vCPUs, memory, accelerator and on-demand price, e.g. {@code ml.m5.large · 2 vCPU · 8 GiB ·
     *         $0.115/h}
     */
    public String instanceLabel(String type) {
        DeployTarget t = target.get();
        if (type == null || service == null || t == null || t.priceCloud() == null) {
            return type == null ? "" : type;
        }
        return service.prices().find(t.priceCloud(), type).map(p -> Messages.format("deploy.compute.instanceLabel",
                type, p.vcpus(), String.format(Locale.ROOT, "%.0f", p.memoryGib()), p.accelerator() == null
                        || p.accelerator().isBlank() ? "" : " · " + p.accelerator(),
                String.format(Locale.ROOT, "%.3f", p.onDemandUsd()))).orElse(type);
    }

    /** @return the chosen instance type */
    public StringProperty instanceTypeProperty() {
        return instanceType;
    }

    /** @return min replicas */
    public IntegerProperty minReplicasProperty() {
        return minReplicas;
    }

    /** @return max replicas */
    public IntegerProperty maxReplicasProperty() {
        return maxReplicas;
    }

    /** @return the autoscaling metric */
    public StringProperty metricProperty() {
        return metric;
    }

    /** @return the value autoscaling holds the metric at */
    public DoubleProperty metricTargetProperty() {
        return metricTarget;
    }

    /** @return why the rollback conditions do not apply to the chosen target, or "" when they do */
    public ReadOnlyStringProperty rollbackNoteProperty() {
        return rollbackNote.getReadOnlyProperty();
    }

    /** @return which mlwb.yaml target the region and instance type came from, or "" */
    public ReadOnlyStringProperty declaredNoteProperty() {
        return declaredNote.getReadOnlyProperty();
    }

    /** @return the region mlwb.yaml declares for the chosen platform, or null (the target's default) */
    public ReadOnlyStringProperty regionProperty() {
        return region.getReadOnlyProperty();
    }

    /** @return the rollout strategy */
    public ObjectProperty<Strategy> strategyProperty() {
        return strategy;
    }

    /** @return the canary's first share */
    public IntegerProperty canaryPercentProperty() {
        return canaryPercent;
    }

    /** @return the bake time */
    public IntegerProperty bakeMinutesProperty() {
        return bakeMinutes;
    }

    /** @return the model's other versions (A/B) */
    public ObservableList<String> otherVersions() {
        return otherVersions;
    }

    /** @return the A/B split's other version */
    public StringProperty otherVersionProperty() {
        return otherVersion;
    }

    /** @return this version's share in an A/B split */
    public IntegerProperty splitThisProperty() {
        return splitThis;
    }

    /** @return the other version's share */
    public IntegerProperty splitOtherProperty() {
        return splitOther;
    }

    /** @return whether an error rate rolls back */
    public BooleanProperty rollbackOnErrorsProperty() {
        return rollbackOnErrors;
    }

    /** @return the error rate that rolls back, percent */
    public DoubleProperty errorRatePercentProperty() {
        return errorRatePercent;
    }

    /** @return whether a p99 latency rolls back */
    public BooleanProperty rollbackOnLatencyProperty() {
        return rollbackOnLatency;
    }

    /** @return the p99 latency that rolls back, ms */
    public DoubleProperty p99LatencyMsProperty() {
        return p99LatencyMs;
    }

    /** @return the target's auth modes */
    public ObservableList<String> auths() {
        return auths;
    }

    /** @return the auth mode */
    public StringProperty authProperty() {
        return auth;
    }

    /** @return public or private */
    public StringProperty exposureProperty() {
        return exposure;
    }

    /** @return the service account / role name (never a secret) */
    public StringProperty serviceAccountProperty() {
        return serviceAccount;
    }

    /** @return the review's preview, or null */
    public ReadOnlyObjectProperty<DeployPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** @return the review's file names */
    public ObservableList<String> files() {
        return files;
    }

    /** @return the warnings of the preview, then of the deployment */
    public ObservableList<String> warnings() {
        return warnings;
    }

    /** @return the file shown */
    public StringProperty selectedFileProperty() {
        return selectedFile;
    }

    /** @return its content */
    public ReadOnlyStringProperty fileTextProperty() {
        return fileText.getReadOnlyProperty();
    }

    /** @return the generated deployment, or null */
    public ReadOnlyObjectProperty<DeployResult> deployedProperty() {
        return deployed.getReadOnlyProperty();
    }

    /** @return the smoke test's result, or null */
    public ReadOnlyObjectProperty<SmokeTestResult> smokeProperty() {
        return smoke.getReadOnlyProperty();
    }

    /** @return predictions per month the cost assumes */
    public DoubleProperty trafficPerMonthProperty() {
        return trafficPerMonth;
    }

    /** @return the cost per 1,000 predictions from the measured throughput, in words */
    public ReadOnlyStringProperty costProperty() {
        return cost.getReadOnlyProperty();
    }

    /** @return the notes a target needs (KServe's serverless mode, SageMaker serverless' cold starts) */
    public static String note(DeployTarget t) {
        return t == null ? "" : Messages.get("deploy.target.note." + t.id());
    }

    /** @return the warnings as one list for tests */
    List<String> warningList() {
        return new ArrayList<>(warnings);
    }
}
