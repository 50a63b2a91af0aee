package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.deploy.SmokeTestResult;
import io.mlwb.deploy.CostEstimator;
import io.mlwb.deploy.DeployConfig;
import io.mlwb.deploy.DeployResult;
import io.mlwb.deploy.DeployTarget;
import io.mlwb.deploy.DeploymentRecord;
import io.mlwb.deploy.DeploymentService;
import io.mlwb.deploy.export.ModelExportService;
import io.mlwb.deploy.export.ServingFormat;
import io.mlwb.deploy.export.ServingFormatService;
import io.mlwb.tracking.registry.ModelRef;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlwb deploy TARGET MODEL@VERSION}, {@code deploy list}, {@code deploy rollback}, {@code deploy cost}: thin
 * adapters over {@link DeploymentService}.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Generate a model version's deployment files for a target (local, sagemaker, vertex, azureml, "
                + "kubernetes, kserve), commit and record them; list, roll back, smoke-test, estimate cost.",
        subcommands = {DeployCommand.ListCommand.class, DeployCommand.RollbackCommand.class,
            DeployCommand.CostCommand.class, DeployCommand.SmokeTestCommand.class, DeployCommand.FormatsCommand.class})
final class DeployCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET",
            description = "local, sagemaker, vertex, azureml, kubernetes or kserve.")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "MODEL@VERSION", description = "The version to deploy.")
    String ref;

    @Option(names = "--config", paramLabel = "FILE", description = "Deployment settings (YAML or JSON, docs/deploy.md).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the files here instead of "
            + "deploy/TARGET/MODEL-vN/ (outside the project they are not committed).")
    Path out;

    @Option(names = "--staging", description = "Deploy a version whose model card is not approved, marked staging.")
    boolean staging;

    @Option(names = "--format", paramLabel = "FORMAT", description = "What the container serves: djl (model.zip, the "
            + "default), onnx or onnx-int8 (the version's export, made now or reused); overrides format: in --config. "
            + "See mlwb deploy formats.")
    String format;


    static String actor() {
        return System.getProperty("user.name", "unknown");
    }

    static <T> T withService(ProjectOptions options, CommandSpec spec, Function<DeploymentService, T> work) {
        return withService(options, spec, ServingFormatService.LATENCY_RUNS, work);
    }

    static <T> T withService(ProjectOptions options, CommandSpec spec, int latencyRuns,
                             Function<DeploymentService, T> work) {
        Project p = options.load(spec);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            return work.apply(new DeploymentService(catalog, p, new ServingFormatService(p, catalog,
                    new ModelExportService(p, catalog, VersionProvider.productVersion(), latencyRuns))));
        }
    }

    @Override
    public Integer call() {
        if (target == null || ref == null) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return ExitCode.BAD_INPUT.code();
        }
        DeployTarget t = DeployTarget.parse(target);
        ModelRef r = ModelRef.parse(ref);
        DeployConfig c = config == null ? DeployConfig.defaults() : DeployConfig.read(config);
        if (staging && !c.staging()) {
            c = c.withStaging(true);
        }
        if (format != null) {
            c = c.withFormat(ServingFormat.parse(format));
        }
        DeployConfig settings = c;
        DeployResult result = withService(options, spec, s -> s.deploy(t, r, settings, out, actor()));
        print(spec, result, options.json);
        return 0;
    }

    static void print(CommandSpec spec, DeployResult result, boolean json) {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Json.print(o, result.toJson());
        } else {
            DeploymentRecord d = result.deployment();
            o.println("Deployment " + d.id() + ": " + d.ref() + " to " + d.target() + " (" + d.strategy() + ", serving "
                    + d.servingFormat() + ") in " + result.folder() + (d.commitSha() == null ? ""
                    : ", commit " + d.commitSha().substring(0, 7)));
            if (d.servingArtifact() != null) {
                o.println("  serves " + d.servingArtifact() + (d.servingSha256() == null ? ""
                        : " (sha256 " + d.servingSha256().substring(0, 12) + "…)"));
            }
            result.files().forEach(f -> o.println("  " + f));
            o.println("Next: follow " + result.folder() + "/README.md");
        }
        PrintWriter err = spec.commandLine().getErr();
        result.warnings().forEach(w -> err.println("warning: " + w));
    }

    /** {@code mlwb deploy list [MODEL]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Deployment history, newest first.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "Only this model's.")
        String model;

        @Override
        public Integer call() {
            List<DeploymentRecord> list = withService(options, spec, s -> s.list(model));
            PrintWriter o = spec.commandLine().getOut();
            if (options.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("deployments", list.stream().map(DeploymentRecord::toJson).toList());
                Json.print(o, m);
                return 0;
            }
            o.println(String.format(Locale.ROOT, "%-4s %-16s %-11s %-16s %-12s %-12s %s", "ID", "VERSION", "TARGET",
                    "ENDPOINT", "STRATEGY", "STATUS", "FILES"));
            for (DeploymentRecord d : list) {
                o.println(String.format(Locale.ROOT, "%-4d %-16s %-11s %-16s %-12s %-12s %s", d.id(), d.ref(),
                        d.target(), d.endpoint(), d.strategy(), d.status(), d.artifactPath()));
            }
            return 0;
        }
    }

    /** {@code mlwb deploy rollback MODEL}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Write the files and commands that give the previous version its traffic back.")
    static final class RollbackCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "MODEL", description = "The model.")
        String model;

        @Option(names = "--target", paramLabel = "TARGET", description = "Roll back on this target (default: the "
                + "model's newest active deployment).")
        String target;


        @Override
        public Integer call() {
            DeployTarget t = target == null ? null : DeployTarget.parse(target);
            DeployResult r = withService(options, spec, s -> s.rollback(model, t, actor()));
            print(spec, r, options.json);
            return 0;
        }
    }

    /** {@code mlwb deploy smoke-test DEPLOYMENT_ID|MODEL@VERSION [--target T] [--port P]}. */
    @Command(name = "smoke-test", mixinStandardHelpOptions = true,
            description = "Start the inference server on loopback speaking the target's contract, send the version's "
                    + "test set, compare with the run's predictions, measure latency and throughput; recorded.")
    static final class SmokeTestCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "DEPLOYMENT_ID|MODEL@VERSION",
                description = "A deployment's id (mlwb deploy list), or a version.")
        String subject;

        @Option(names = "--target", paramLabel = "TARGET", description = "Whose contract to replay (default: the "
                + "deployment's; for a version its newest active deployment's, else local).")
        String target;

        @Option(names = "--port", paramLabel = "P", defaultValue = "0",
                description = "The loopback port (default 0: a free one).")
        int port;

        @Option(names = "--format", paramLabel = "FORMAT", description = "djl, onnx or onnx-int8 (default: the "
                + "deployment's; for a version its newest active deployment's, else djl).")
        String format;

        @Override
        public Integer call() {
            DeployTarget t = target == null ? null : DeployTarget.parse(target);
            ServingFormat f = format == null ? null : ServingFormat.parse(format);
            SmokeTestResult r = withService(options, spec, s -> s.smokeTest(subject, t, f, port, actor(),
                    io.mlwb.core.job.Progress.NONE));
            PrintWriter o = spec.commandLine().getOut();
            if (options.json) {
                Json.print(o, r.toJson());
            } else {
                o.println("Smoke test " + r.id() + " of " + r.ref() + " on the " + r.target() + " contract"
                        + (r.deploymentId() == null ? "" : " (deployment " + r.deploymentId() + ")") + ": "
                        + (r.passed() ? "passed" : "FAILED") + " (serving " + r.format() + ")");
                o.println(String.format(Locale.ROOT, "  GET %s: %s in %.1f ms; port from the environment %d (%s)",
                        r.contract().health(), r.healthOk() ? "200" : "no answer", r.healthMs(),
                        r.contract().portFromEnv(), r.contract().portOk() ? "as the target expects"
                                : "the target calls " + r.contract().port()));
                o.println(String.format(Locale.ROOT, "  POST %s: %d test rows, %d differ (max |diff| %.3g, "
                        + "tolerance " + (r.metric() == null ? "%.0e" : "%.3g") + ")", r.contract().predict(), r.rows(),
                        r.mismatches(), r.maxAbsDiff(), r.tolerance()));
                if (r.metric() != null) {
                    o.println(String.format(Locale.ROOT, "  int8: %d labels flipped within the tolerance; test %s "
                            + "%+.5f against the run's (measured at export)", r.labelFlips(), r.metric(),
                            r.metricChange()));
                }
                o.println(String.format(Locale.ROOT, "  latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; %.1f "
                        + "predictions/s (%d single-row requests, %d clients, %d cores)", r.p50Ms(), r.p95Ms(),
                        r.p99Ms(), r.throughputRps(), r.requests(), r.concurrency(), r.cores()));
            }
            if (!r.passed()) {
                PrintWriter err = spec.commandLine().getErr();
                if (r.mismatches() > 0) {
                    err.println("The served predictions differ from the run's on " + r.mismatches() + " of " + r.rows()
                            + " test rows; first: " + String.join("; ", r.firstMismatches().stream()
                            .map(SmokeTestResult.Mismatch::describe).toList()));
                }
                if (!r.healthOk()) {
                    err.println("The health route " + r.contract().health() + " did not answer 200 within 2 s.");
                }
                return ExitCode.CHECK_FAILED.code();
            }
            return ExitCode.OK.code();
        }
    }

    /** {@code mlwb deploy formats MODEL@VERSION [--latency-runs N]}. */
    @Command(name = "formats", mixinStandardHelpOptions = true,
            description = "Measure a version's serving formats side by side before choosing one: model.zip through "
                    + "DJL, the ONNX export and its int8 variant (exported and checked now): size, p50 latency, the "
                    + "test metric and its change against the run's, or why a format is not available.")
    static final class FormatsCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "MODEL@VERSION", description = "The version (or NAME@ALIAS).")
        String ref;

        @Option(names = "--latency-runs", paramLabel = "N", defaultValue = "500",
                description = "Timed one-row runs per latency figure (batches: a tenth). Default: ${DEFAULT-VALUE}.")
        int latencyRuns;

        @Override
        public Integer call() {
            ServingFormatService.Comparison c = withService(options, spec, latencyRuns,
                    s -> s.formats().compare(ref, actor(), io.mlwb.core.job.Progress.NONE));
            PrintWriter o = spec.commandLine().getOut();
            if (options.json) {
                Json.print(o, c.toJson());
                return 0;
            }
            o.println(String.format(Locale.ROOT, "Serving formats of %s (test %s of the run: %.5f on %d rows; p50 "
                    + "through the server's predictor, 1 row and %d rows)", c.model(), c.metric(), c.runMetric(),
                    c.testRows(), ModelExportService.BATCH_ROWS));
            o.println(String.format(Locale.ROOT, "%-10s %12s %11s %11s %10s %10s  %s", "FORMAT", "SIZE", "P50 1 ROW",
                    "P50 BATCH", c.metric().toUpperCase(Locale.ROOT), "CHANGE", "NOTE"));
            for (ServingFormatService.Measured m : c.formats()) {
                if (!m.available()) {
                    o.println(String.format(Locale.ROOT, "%-10s %12s %11s %11s %10s %10s  not available: %s",
                            m.format().id(), "-", "-", "-", "-", "-", m.reason()));
                    continue;
                }
                o.println(String.format(Locale.ROOT, "%-10s %,10d B %8.3f ms %8.3f ms %10.5f %+10.5f  %s",
                        m.format().id(), m.sizeBytes(), m.p50SingleMs(), m.p50BatchMs(), m.metricValue(),
                        m.metricChange(), m.notableLoss() ? "worse than the run's by more than "
                                + ServingFormatService.NOTABLE_LOSS : m.file()));
            }
            o.println("Choose with mlwb deploy TARGET " + c.model() + " --format FORMAT (or format: in --config).");
            return 0;
        }
    }

    /** {@code mlwb deploy cost MODEL@VERSION [--throughput RPS] --traffic N}. */
    @Command(name = "cost", mixinStandardHelpOptions = true,
            description = "Cost per 1,000 predictions and per month for every instance type of the price table.")
    static final class CostCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "MODEL@VERSION", description = "The version.")
        String ref;

        @Option(names = "--throughput", paramLabel = "RPS",
                description = "Predictions per second measured on one server (default: the version's last smoke test,"
                        + " with its cores and p99).")
        Double throughput;

        @Option(names = "--cores", paramLabel = "N", description = "Cores of the machine it was measured on "
                + "(default: this machine's).")
        Integer cores;

        @Option(names = "--traffic", required = true, paramLabel = "N", description = "Predictions per month.")
        double traffic;

        @Option(names = "--latency-ms", paramLabel = "MS", description = "The p99 latency to meet.")
        Double latency;

        @Option(names = "--p99-ms", paramLabel = "MS", description = "p99 latency measured at low load.")
        Double p99;

        @Option(names = "--peak", paramLabel = "X", defaultValue = "3",
                description = "Peak traffic over the average (default 3).")
        double peak;

        @Option(names = "--min-replicas", paramLabel = "N", defaultValue = "1", description = "Always-on minimum.")
        int minReplicas;

        @Option(names = "--target", paramLabel = "TARGET", description = "Only this target's instance types.")
        String target;


        @Override
        public Integer call() {
            String cloud = target == null ? null : DeployTarget.parse(target).priceCloud();
            ModelRef version = ModelRef.parse(ref);
            CostEstimator.Estimate e = withService(options, spec, s -> {
                double rps;
                Integer measuredCores = cores;
                Double measuredP99 = p99;
                if (throughput != null) {
                    rps = throughput;
                } else {   // the version's last smoke test measured it
                    SmokeTestResult last = s.lastSmokeTest(version).orElseThrow(() -> new UserError(ref + " has no "
                            + "smoke test to take the throughput from.", "Give --throughput RPS, or run mlwb deploy "
                            + "smoke-test " + ref + " first.", ExitCode.BAD_INPUT, null));
                    rps = last.throughputRps();
                    measuredCores = cores != null ? cores : last.cores();
                    measuredP99 = p99 != null ? p99 : last.p99Ms();
                    spec.commandLine().getErr().println(String.format(Locale.ROOT, "Throughput %.1f predictions/s, "
                            + "p99 %.2f ms on %d cores: smoke test %d (%s contract).", rps, last.p99Ms(),
                            last.cores(), last.id(), last.target()));
                }
                CostEstimator.Query q = new CostEstimator.Query(rps, measuredCores == null
                        ? Runtime.getRuntime().availableProcessors() : measuredCores, traffic, latency, measuredP99,
                        peak, minReplicas, cloud, 2048);
                return s.estimate(version, q);
            });
            PrintWriter o = spec.commandLine().getOut();
            if (options.json) {
                try {   // the estimate's records, keys in snake_case like every other JSON contract
                    o.println(Json.MAPPER.copy().setPropertyNamingStrategy(
                            com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).writeValueAsString(e));
                } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                    throw new IllegalStateException("cannot write the estimate as JSON", x);
                }
                return 0;
            }
            o.println(String.format(Locale.ROOT, "%-11s %-30s %8s %10s %12s %14s %s", "CLOUD", "INSTANCE", "REPLICAS",
                    "P99 MS", "USD/MONTH", "USD/1000 PRED", "MEETS"));
            for (CostEstimator.Option x : e.options()) {
                o.println(String.format(Locale.ROOT, "%-11s %-30s %8d %10.1f %12.2f %14.5f %s", x.cloud(),
                        x.instanceType(), x.replicas(), x.predictedP99Ms(), x.monthlyUsd(), x.per1000Usd(),
                        x.meetsLatency() ? "yes" : "no"));
            }
            o.println(e.cheapest() == null ? "No option meets the latency target."
                    : "Cheapest meeting the target: " + e.cheapest().cloud() + " " + e.cheapest().instanceType()
                    + String.format(Locale.ROOT, " x%d, %.2f USD/month", e.cheapest().replicas(),
                    e.cheapest().monthlyUsd()));
            if (e.serverless() != null) {
                o.println(String.format(Locale.ROOT, "SageMaker serverless (%d MB): %.2f USD/month, %.5f USD/1000 "
                        + "predictions (%s always-on). %s", e.serverless().memoryMb(), e.serverless().monthlyUsd(),
                        e.serverless().per1000Usd(), e.serverless().cheaperThanAlwaysOn() ? "cheaper than"
                                : "not cheaper than", e.serverless().caveat()));
            }
            o.println("Assumptions:");
            e.assumptions().forEach(a -> o.println("  - " + a));
            o.println(e.staleNote() + " (" + e.priceSource() + ")");
            return 0;
        }
    }
}
