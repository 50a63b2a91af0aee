package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.training.engine.RemoteService;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import io.mlwb.training.remote.RemoteExportRequest;
import io.mlwb.training.remote.RemoteMetricsImporter;
import io.mlwb.training.remote.RemoteTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlwb remote export|import}: thin adapters over {@link RemoteService}. Export writes a SageMaker Training Job,
 * a Vertex AI CustomJob or a Kubernetes Job request for a spec (nothing is sent); import reads the remote run's
 * metrics back into its run.
 */
@Command(name = "remote", mixinStandardHelpOptions = true,
        description = "Train on SageMaker, Vertex AI or Kubernetes: write the request, import the metrics back.",
        subcommands = {RemoteCommand.ExportCommand.class, RemoteCommand.ImportCommand.class})
final class RemoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.BAD_INPUT.code();
    }

    private static TrainingService training(Project p, Catalog catalog) {
        return new TrainingService(p, null, catalog, TrainingSettings.current(), Clock.systemUTC());
    }

    /** {@code mlwb remote export SPEC --target T --image URI ...}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the request that trains SPEC remotely, and record the run it becomes.")
    static final class ExportCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "SPEC", description = "The training spec.")
        Path specFile;

        @Option(names = "--target", required = true, paramLabel = "TARGET",
                description = "sagemaker, vertex or kubernetes.")
        String target;

        @Option(names = "--image", paramLabel = "URI", description = "The container image (mlwb and the project).")
        String image;

        @Option(names = "--instance-type", paramLabel = "TYPE",
                description = "SageMaker instance type, Vertex machine type, or Kubernetes node instance type.")
        String instanceType;

        @Option(names = "--gpus", defaultValue = "0", paramLabel = "N", description = "GPUs per worker (default 0).")
        int gpus;

        @Option(names = "--accelerator", paramLabel = "TYPE", description = "Vertex accelerator type, e.g. NVIDIA_L4.")
        String accelerator;

        @Option(names = "--spot", description = "Spot or preemptible capacity; the worker resumes from checkpoints.")
        boolean spot;

        @Option(names = "--max-runtime", defaultValue = "86400", paramLabel = "SECONDS",
                description = "Longest training time (default ${DEFAULT-VALUE}).")
        long maxRuntime;

        @Option(names = "--max-wait", defaultValue = "0", paramLabel = "SECONDS",
                description = "SageMaker spot: longest wait plus runtime (default: twice --max-runtime).")
        long maxWait;

        @Option(names = "--data-uri", paramLabel = "URI", description = "s3://, gs:// or a PVC name.")
        String dataUri;

        @Option(names = "--output-uri", paramLabel = "URI", description = "s3://, gs:// or a PVC name (checkpoints).")
        String outputUri;

        @Option(names = "--role-arn", paramLabel = "ARN", description = "SageMaker execution role.")
        String roleArn;

        @Option(names = "--region", paramLabel = "REGION", description = "Vertex AI region.")
        String region;

        @Option(names = "--namespace", paramLabel = "NS", description = "Kubernetes namespace (default: default).")
        String namespace;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Spec overrides, as for mlwb train.")
        List<String> overrides = new ArrayList<>();

        @Override
        public Integer call() {
            RemoteTarget t;
            try {
                t = RemoteTarget.parse(target);
            } catch (IllegalArgumentException e) {
                throw new UserError("--target " + target + " is not sagemaker, vertex or kubernetes",
                        "Pick one of sagemaker, vertex, kubernetes.");
            }
            Project p = options.load(spec);
            RemoteExportRequest req = new RemoteExportRequest("remote", specFile.toString(), overrides, image,
                    instanceType, gpus, accelerator, spot, maxRuntime, maxWait > 0 ? maxWait : 2 * maxRuntime,
                    dataUri, outputUri, roleArn, region, namespace, Map.of(), Map.of());
            RemoteService.Exported ex;
            try (Catalog catalog = Catalog.open(p.catalogFile())) {
                ex = new RemoteService(p, catalog, training(p, catalog), Clock.systemUTC()).export(specFile, overrides,
                        t, req);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("run_id", ex.runId());
                doc.put("target", t.name().toLowerCase(java.util.Locale.ROOT));
                doc.put("files", ex.export().files().stream().map(f -> p.root().relativize(f).toString()).toList());
                doc.put("submit", ex.export().submit());
                Json.print(out, doc);
            } else {
                out.printf("Run %d recorded for %s; request written:%n", ex.runId(),
                        t.name().toLowerCase(java.util.Locale.ROOT));
                ex.export().files().forEach(f -> out.println("  " + p.root().relativize(f)));
                out.println("Submit with:");
                ex.export().submit().forEach(c -> out.println("  " + c.replace("RUN", Long.toString(ex.runId()))));
            }
            return 0;
        }
    }

    /** {@code mlwb remote import RUN FILE}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Read a remote run's metrics (JSON lines, SageMaker describe-training-job JSON, or a "
                    + "CloudWatch CSV) into its run.")
    static final class ImportCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "RUN", description = "The run (from mlwb remote export).")
        long run;

        @Parameters(index = "1", paramLabel = "FILE", description = "The metrics file.")
        Path file;

        @Override
        public Integer call() {
            Project p = options.load(spec);
            RemoteMetricsImporter.Imported imported;
            try (Catalog catalog = Catalog.open(p.catalogFile())) {
                imported = new RemoteService(p, catalog, training(p, catalog), Clock.systemUTC()).importMetrics(run,
                        file);
            }
            PrintWriter out = spec.commandLine().getOut();
            imported.warnings().forEach(w -> spec.commandLine().getErr().println("warning: skipped " + w));
            if (options.json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("run_id", run);
                doc.put("format", imported.format());
                doc.put("points", imported.points().size());
                doc.put("skipped", imported.warnings());
                Json.print(out, doc);
            } else {
                out.printf("Imported %d metric points (%s) into run %d%s.%n", imported.points().size(),
                        imported.format(), run, imported.warnings().isEmpty() ? ""
                                : "; skipped " + imported.warnings().size() + " malformed line(s)");
            }
            return 0;
        }
    }
}
