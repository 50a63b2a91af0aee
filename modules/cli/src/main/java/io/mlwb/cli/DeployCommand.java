package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.project.Project;
import io.mlwb.deploy.CostEstimator;
import io.mlwb.deploy.DeployConfig;
import io.mlwb.deploy.DeployResult;
import io.mlwb.deploy.DeployTarget;
import io.mlwb.deploy.DeploymentRecord;
import io.mlwb.deploy.DeploymentService;
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
                + "kubernetes, kserve), commit and record them; list, roll back, estimate cost.",
        subcommands = {DeployCommand.ListCommand.class, DeployCommand.RollbackCommand.class,
            DeployCommand.CostCommand.class})
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


    static String actor() {
        return System.getProperty("user.name", "unknown");
    }

    static <T> T withService(ProjectOptions options, CommandSpec spec, Function<DeploymentService, T> work) {
        Project p = options.load(spec);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            return work.apply(new DeploymentService(catalog, p));
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
            c = new DeployConfig(c.instanceType(), c.region(), c.minReplicas(), c.maxReplicas(), c.autoscaling(),
                    c.rollout(), c.rollback(), c.security(), c.serverless(), c.resources(), c.endpoint(), c.image(),
                    true, c.kmsKeyId(), c.vpc(), c.namespace(), c.ingressNamespace(), c.project());
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
            o.println("Deployment " + d.id() + ": " + d.ref() + " to " + d.target() + " (" + d.strategy() + ") in "
                    + result.folder() + (d.commitSha() == null ? "" : ", commit " + d.commitSha().substring(0, 7)));
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

    /** {@code mlwb deploy cost MODEL@VERSION --throughput RPS --traffic N}. */
    @Command(name = "cost", mixinStandardHelpOptions = true,
            description = "Cost per 1,000 predictions and per month for every instance type of the price table.")
    static final class CostCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "MODEL@VERSION", description = "The version.")
        String ref;

        @Option(names = "--throughput", required = true, paramLabel = "RPS",
                description = "Predictions per second measured on one server.")
        double throughput;

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
            CostEstimator.Query q = new CostEstimator.Query(throughput, cores == null
                    ? Runtime.getRuntime().availableProcessors() : cores, traffic, latency, p99, peak, minReplicas,
                    cloud, 2048);
            CostEstimator.Estimate e = withService(options, spec, s -> s.estimate(ModelRef.parse(ref), q));
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
