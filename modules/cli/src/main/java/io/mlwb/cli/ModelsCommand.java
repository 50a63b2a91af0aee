package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.deploy.export.ModelExportService;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import io.mlwb.tracking.registry.RegisteredModel;
import io.mlwb.tracking.registry.SignatureCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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

/** {@code mlwb models register|list|show|alias|stage|retire}: thin adapters over {@link ModelRegistry}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Register runs' models as versions of named models; aliases, stages, retirement.",
        subcommands = {ModelsCommand.RegisterCommand.class, ModelsCommand.ListCommand.class,
            ModelsCommand.ShowCommand.class, ModelsCommand.AliasCommand.class, ModelsCommand.StageCommand.class,
            ModelsCommand.RetireCommand.class, ModelsCommand.ExportCommand.class})
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.BAD_INPUT.code();
    }

    private static String actor() {
        return System.getProperty("user.name", "unknown");
    }

    /** Opens the project's catalog and registry, runs {@code work}, closes them. */
    private static <T> T withRegistry(ProjectOptions options, CommandSpec spec, Function<ModelRegistry, T> work) {
        Project p = options.load(spec);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            return work.apply(ModelRegistry.of(catalog, p));
        }
    }

    /** {@code mlwb models register RUN --name NAME}. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register a finished run's model as the next version of NAME; prints NAME@VERSION.")
    static final class RegisterCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "RUN", description = "The run's id.")
        long run;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The model's name.")
        String name;

        @Option(names = "--alias", paramLabel = "ALIAS", description = "Point this alias (e.g. challenger) at it.")
        String alias;

        @Option(names = "--description", paramLabel = "TEXT", description = "What this version is.")
        String description;

        @Option(names = "--allow-breaking", description = "Register even if its input/output signature breaks the "
                + "callers of the version it replaces.")
        boolean allowBreaking;

        @Override
        public Integer call() {
            ModelRegistry.Registration r = withRegistry(options, spec,
                    reg -> reg.register(run, name, alias, description, allowBreaking, actor()));
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (options.json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("ref", r.version().ref());
                doc.put("replaces", r.replaced());
                doc.put("signature_changes", r.signatureChanges().stream().map(ModelsCommand::change).toList());
                doc.put("warnings", r.warnings());
                doc.put("version", r.version().toJson());
                Json.print(out, doc);
            } else {
                out.println(r.version().ref());
            }
            r.warnings().forEach(w -> err.println("warning: " + w));
            return 0;
        }
    }

    /** {@code mlwb models export NAME@VERSION --format onnx [--quantize int8] [--out FILE]}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a version as ONNX, checked in ONNX Runtime against its test predictions; with "
                    + "--quantize int8 also an int8 variant, with its size, latency and AUC next to the float one.")
    static final class ExportCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "MODEL@VERSION", description = "The version (or NAME@ALIAS).")
        String model;

        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "onnx.")
        String format;

        @Option(names = "--quantize", paramLabel = "int8", description = "Also write FILE-int8.onnx and measure it.")
        String quantize;

        @Option(names = "--out", paramLabel = "FILE", description = "The .onnx file (default "
                + ".mlwb/exports/NAME-vN/model.onnx); the report goes next to it as FILE-export.json.")
        Path out;

        @Option(names = "--latency-runs", paramLabel = "N", defaultValue = "2000",
                description = "Timed one-row runs per latency figure (batches: a tenth). Default: ${DEFAULT-VALUE}.")
        int latencyRuns;

        @Override
        public Integer call() {
            if (!"onnx".equalsIgnoreCase(format)) {
                throw new UserError("Unknown export format '" + format + "'.", "Use --format onnx.",
                        ExitCode.BAD_INPUT, null);
            }
            if (quantize != null && !"int8".equalsIgnoreCase(quantize)) {
                throw new UserError("Unknown quantization '" + quantize + "'.", "Use --quantize int8, or leave it "
                        + "out.", ExitCode.BAD_INPUT, null);
            }
            Project p = options.load(spec);
            ModelExportService.Result r;
            try (Catalog catalog = Catalog.open(p.catalogFile())) {
                r = new ModelExportService(p, catalog, VersionProvider.productVersion(), latencyRuns).export(
                        new ModelExportService.Request(model, ModelExportService.Format.ONNX, quantize != null,
                                out, actor()), Progress.NONE);
            }
            PrintWriter w = spec.commandLine().getOut();
            if (options.json) {
                Json.print(w, r.toJson(p.root()));
                return 0;
            }
            w.printf(Locale.ROOT, "Exported %s -> %s (%,d bytes; checked on %d test rows, max diff %.1e)%n", r.model(),
                    r.float32().file(), r.float32().sizeBytes(), r.rows(), r.float32().maxAbsDiff());
            w.printf(Locale.ROOT, "Input: features[batch, %d], the preprocessed row (preprocessing.json in model.zip); "
                    + "output: %s%n", r.inputWidth(), r.output());
            if (r.int8() != null) {
                ModelExportService.Measured f = r.float32();
                ModelExportService.Measured q = r.int8();
                w.printf(Locale.ROOT, "%-8s %12s %14s %16s %10s%n", "", "size_bytes", "p50_ms_single",
                        "p50_ms_batch" + ModelExportService.BATCH_ROWS, f.metric());
                w.printf(Locale.ROOT, "%-8s %,12d %14.4f %16.4f %10.4f%n", "float32", f.sizeBytes(), f.singleP50Ms(),
                        f.batchP50Ms(), f.metricValue());
                w.printf(Locale.ROOT, "%-8s %,12d %14.4f %16.4f %10.4f%n", "int8", q.sizeBytes(), q.singleP50Ms(),
                        q.batchP50Ms(), q.metricValue());
                w.printf(Locale.ROOT, "int8 -> %s (%.0f%% of the size, %s %+.4f)%n", q.file(),
                        100.0 * q.sizeBytes() / f.sizeBytes(), f.metric(), q.metricValue() - f.metricValue());
            }
            w.printf("Report: %s%n", r.report());
            return 0;
        }
    }

    private static Map<String, Object> change(SignatureCheck.Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", c.field());
        m.put("change", c.change());
        m.put("breaking", c.breaking());
        return m;
    }

    /** {@code mlwb models list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The registered models.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Override
        public Integer call() {
            List<RegisteredModel> models = withRegistry(options, spec, ModelRegistry::list);
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                models.forEach(m -> rows.add(m.toJson(false)));
                Json.print(out, Map.of("models", rows));
                return 0;
            }
            out.printf("%-30s %8s %7s  %-30s %10s%n", "MODEL", "VERSIONS", "LATEST", "ALIASES", "COST USD");
            for (RegisteredModel m : models) {
                ModelVersion latest = m.latest();
                out.printf("%-30s %8d %7s  %-30s %10s%n", m.name(), m.versions().size(),
                        latest == null ? "-" : Integer.toString(latest.version()), aliases(m.aliases()),
                        money(m.costUsd()));
            }
            out.printf("%d model(s)%n", models.size());
            return 0;
        }
    }

    private static String aliases(Map<String, Integer> aliases) {
        List<String> parts = new ArrayList<>();
        aliases.forEach((a, v) -> parts.add(a + "→" + v));
        return parts.isEmpty() ? "-" : String.join(" ", parts);
    }

    private static String money(Double usd) {
        // A CPU run of a minute costs a fraction of a cent: show its first significant digits rather than 0.0000.
        return usd == null ? "-" : usd >= 0.01 || usd == 0 ? String.format(Locale.ROOT, "%.2f", usd)
                : String.format(Locale.ROOT, "%.2g", usd);
    }

    /** {@code mlwb models show NAME[@VERSION|@ALIAS]}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A model with its versions, or one version (NAME@VERSION, NAME@ALIAS, NAME@latest).")
    static final class ShowCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "MODEL")
        String model;

        @Override
        public Integer call() {
            ModelRef ref = ModelRef.parse(model);
            PrintWriter out = spec.commandLine().getOut();
            if (ref.pointsAtVersion()) {
                ModelVersion v = withRegistry(options, spec, reg -> reg.resolve(ref));
                if (options.json) {
                    Json.print(out, v.toJson());
                } else {
                    printVersion(out, v);
                }
                return 0;
            }
            RegisteredModel m = withRegistry(options, spec, reg -> reg.model(ref.name()).orElseGet(() -> {
                reg.resolve(new ModelRef(ref.name(), null, ModelRef.LATEST)); // throws, naming what is registered
                return null;
            }));
            if (options.json) {
                Json.print(out, m.toJson(true));
                return 0;
            }
            out.printf("Model %s: %d version(s), aliases %s, cost %s USD%n", m.name(), m.versions().size(),
                    aliases(m.aliases()), money(m.costUsd()));
            for (ModelVersion v : m.versions()) {
                printVersion(out, v);
            }
            return 0;
        }
    }

    private static void printVersion(PrintWriter out, ModelVersion v) {
        out.printf("%s  %s%s%s%n", v.ref(), v.stage(), v.aliases().isEmpty() ? "" : "  [" + String.join(", ",
                v.aliases()) + "]", v.retired() ? "  RETIRED" : "");
        out.printf("  run %s%s, registered by %s at %s%n", v.runId() == null ? "-" : v.runId(),
                v.runName() == null ? "" : " '" + v.runName() + "'", v.createdBy(),
                Instant.ofEpochMilli(v.createdAtMs()));
        out.printf("  git tag %s, commit %s%n", v.gitTag() == null ? "-" : v.gitTag(),
                v.commitSha() == null ? "-" : v.commitSha().substring(0, Math.min(12, v.commitSha().length())));
        out.printf("  cost %s USD%s%n", money(v.costUsd()), v.sweepCostUsd() == null ? ""
                : " (its sweep: " + money(v.sweepCostUsd()) + " USD)");
        if (v.description() != null) {
            out.printf("  %s%n", v.description());
        }
        for (ModelVersion.DatasetUse d : v.datasets()) {
            out.printf("  reads %s@%d (%s)%n", d.dataset(), d.version(), d.role());
        }
        if (v.cardStatus() != null) {
            out.printf("  card %s (%s)%n", v.cardPath(), v.cardStatus());
        }
        for (ModelVersion.Deployment d : v.deployments()) {
            out.printf("  deployment %d on %s: %s%n", d.id(), d.target(), d.status());
        }
        if (v.retired()) {
            out.printf("  retired at %s: %s%s%n", Instant.ofEpochMilli(v.retiredAtMs()), v.retireRationale(),
                    v.successor() == null ? "" : "; succeeded by " + v.successor());
        }
    }

    /** {@code mlwb models alias NAME@VERSION ALIAS [--remove]}. */
    @Command(name = "alias", mixinStandardHelpOptions = true,
            description = "Point ALIAS at a version (moving it from the one that had it), or remove it.")
    static final class AliasCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "NAME@VERSION", description = "The version (with --remove: the model)")
        String target;

        @Parameters(index = "1", paramLabel = "ALIAS")
        String alias;

        @Option(names = "--remove", description = "Remove the alias from the model.")
        boolean remove;

        @Override
        public Integer call() {
            ModelRef ref = ModelRef.parse(target);
            PrintWriter out = spec.commandLine().getOut();
            if (remove) {
                withRegistry(options, spec, reg -> {
                    reg.removeAlias(ref.name(), alias, actor());
                    return null;
                });
                out.printf("%s@%s removed%n", ref.name(), alias);
                return 0;
            }
            ModelVersion v = withRegistry(options, spec, reg -> reg.setAlias(ref, alias, actor()));
            if (options.json) {
                Json.print(out, v.toJson());
            } else {
                out.printf("%s@%s → %s%n", v.model(), alias, v.ref());
            }
            return 0;
        }
    }

    /** {@code mlwb models stage NAME@VERSION STAGE}. */
    @Command(name = "stage", mixinStandardHelpOptions = true,
            description = "Move a version to a stage: none, staging or production (archived comes with retire).")
    static final class StageCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "NAME@VERSION")
        String target;

        @Parameters(index = "1", paramLabel = "STAGE")
        String stage;

        @Override
        public Integer call() {
            ModelRef ref = ModelRef.parse(target);
            ModelVersion v = withRegistry(options, spec, reg -> reg.setStage(ref, stage, actor()));
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                Json.print(out, v.toJson());
            } else {
                out.printf("%s is in %s%n", v.ref(), v.stage());
            }
            return 0;
        }
    }

    /** {@code mlwb models retire NAME@VERSION --rationale TEXT [--successor NAME@VERSION]}. */
    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Retire a version: archived, aliases removed, rationale and successor recorded; it stays "
                    + "traceable.")
    static final class RetireCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "NAME@VERSION")
        String target;

        @Option(names = "--rationale", required = true, paramLabel = "TEXT", description = "Why it is retired.")
        String rationale;

        @Option(names = "--successor", paramLabel = "NAME@VERSION", description = "The version that replaces it.")
        String successor;

        @Override
        public Integer call() {
            ModelRef ref = ModelRef.parse(target);
            ModelRef next = successor == null ? null : ModelRef.parse(successor);
            ModelVersion v = withRegistry(options, spec, reg -> reg.retire(ref, rationale, next, actor()));
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                Json.print(out, v.toJson());
            } else {
                out.printf("%s retired%s%n", v.ref(), v.successor() == null ? "" : "; succeeded by " + v.successor());
            }
            return 0;
        }
    }
}
