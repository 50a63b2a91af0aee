package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.TrackedRun;
import io.mlwb.tracking.TrackingService;
import io.mlwb.tracking.imports.ImportService;
import java.io.PrintWriter;
import java.time.Instant;
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
 * {@code mlwb runs list|show|compare|export|import|delete|restore|rename|tag}: thin adapters over
 * {@link TrackingService} and {@link ImportService}.
 */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, show, tag, rename and delete runs.",
        subcommands = {RunsCommand.ListCommand.class, RunsCommand.ShowCommand.class, RunsCommand.DeleteCommand.class,
            RunsCommand.RestoreCommand.class, RunsCommand.RenameCommand.class, RunsCommand.TagCommand.class,
            RunsCommand.CompareCommand.class, RunsCommand.ExportCommand.class, RunsCommand.ImportCommand.class})
final class RunsCommand implements Callable<Integer> {
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

    /** {@code mlwb runs list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The project's runs, newest first.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Option(names = "--filter", paramLabel = "QUERY", description = "e.g. 'metrics.val_auc > 0.8 and "
                + "params.optimizer = \"adam\" and tags.stage = \"candidate\"'")
        String filter;

        @Option(names = "--all", description = "Include soft-deleted runs.")
        boolean all;

        @Option(names = "--csv", description = "Print CSV (the columns of --columns).")
        boolean csv;

        @Option(names = "--columns", split = ",", paramLabel = "COL", description = "Columns to print besides id, "
                + "name and status: metrics.X, params.X, tags.X, start, end (comma-separated).")
        List<String> columns = new ArrayList<>();

        @Override
        public Integer call() {
            Project p = options.load(spec);
            List<TrackedRun> runs;
            try (Catalog catalog = Catalog.open(p.catalogFile())) {
                runs = new TrackingService(catalog).list(filter, all);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                runs.forEach(r -> rows.add(r.toJson()));
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("runs", rows);
                Json.print(out, doc);
                return 0;
            }
            List<String> head = new ArrayList<>(List.of("id", "name", "status"));
            head.addAll(columns);
            if (csv) {
                out.println(String.join(",", head.stream().map(RunsCommand::csvCell).toList()));
            } else {
                out.printf("%-6s %-40s %-12s%s%n", "ID", "NAME", "STATUS", columns.isEmpty() ? ""
                        : "  " + String.join("  ", columns));
            }
            for (TrackedRun r : runs) {
                List<String> cells = new ArrayList<>(List.of(Long.toString(r.id()), r.name(),
                        r.status() + (r.deleted() ? " (deleted)" : "")));
                for (String c : columns) {
                    cells.add(cell(r, c));
                }
                if (csv) {
                    out.println(String.join(",", cells.stream().map(RunsCommand::csvCell).toList()));
                } else {
                    out.printf("%-6s %-40s %-12s%s%n", cells.get(0), trim(cells.get(1), 40), cells.get(2),
                            columns.isEmpty() ? "" : "  " + String.join("  ", cells.subList(3, cells.size())));
                }
            }
            if (!csv) {
                out.printf("%d run(s)%n", runs.size());
            }
            return 0;
        }
    }

    private static String cell(TrackedRun r, String column) {
        return switch (column) {
            case "start" -> r.startMs() == null ? "" : Instant.ofEpochMilli(r.startMs()).toString();
            case "end" -> r.endMs() == null ? "" : Instant.ofEpochMilli(r.endMs()).toString();
            default -> {
                Object v = r.field(column);
                yield v == null ? "" : v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.6g", d)
                        : v.toString();
            }
        };
    }

    private static String trim(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** {@code mlwb runs show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "One run with its metric series.")
    static final class ShowCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            Project p = options.load(spec);
            TrackingService.RunDetail d;
            try (Catalog catalog = Catalog.open(p.catalogFile())) {
                d = new TrackingService(catalog).show(id);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                Json.print(out, d.toJson());
                return 0;
            }
            TrackedRun r = d.run();
            out.printf("Run %d: %s (%s%s)%n", r.id(), r.name(), r.status(), r.deleted() ? ", deleted" : "");
            if (r.parentId() != null) {
                out.printf("  sweep run %d%n", r.parentId());
            }
            out.println("  params:");
            r.params().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.printf("    %s = %s%n", e.getKey(), e.getValue()));
            out.println("  tags:");
            r.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.printf("    %s = %s%n", e.getKey(), e.getValue()));
            out.println("  latest metrics:");
            r.latest().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.printf("    %s = %s (%d points)%n", e.getKey(), e.getValue(),
                            d.series().getOrDefault(e.getKey(), List.of()).size()));
            return 0;
        }
    }

    /** {@code mlwb runs compare ID…}. */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "2 to 10 runs side by side: params and latest metrics, differences marked.")
    static final class CompareCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(arity = "2..10", paramLabel = "ID")
        List<Long> ids;

        @Option(names = "--only-differences", description = "Leave out rows where every run agrees.")
        boolean onlyDifferences;

        @Override
        public Integer call() {
            TrackingService.Comparison c;
            try (Catalog catalog = Catalog.open(options.load(spec).catalogFile())) {
                c = new TrackingService(catalog).compare(ids);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                Json.print(out, c.toJson());
                return 0;
            }
            StringBuilder head = new StringBuilder(String.format("  %-36s", ""));
            c.runs().forEach(r -> head.append(String.format(" %-14s", "run " + r.id())));
            out.println(head);
            out.println("params:");
            c.params().forEach((k, v) -> row(out, k, v.stream().map(x -> x == null ? "–" : x).toList(),
                    TrackingService.Comparison.differs(v)));
            out.println("metrics (latest):");
            c.metrics().forEach((k, v) -> row(out, k, v.stream().map(x -> x == null ? "–"
                    : String.format(java.util.Locale.ROOT, "%.6g", x)).toList(), TrackingService.Comparison.differs(v)));
            return 0;
        }

        private void row(PrintWriter out, String key, List<String> values, boolean differs) {
            if (onlyDifferences && !differs) {
                return;
            }
            StringBuilder sb = new StringBuilder(String.format("%s %-36s", differs ? "*" : " ", trim(key, 36)));
            values.forEach(v -> sb.append(String.format(" %-14s", trim(v, 14))));
            out.println(sb);
        }
    }

    /** {@code mlwb runs export --out DIR}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write runs and their metric series as CSV (runs.csv, series.csv) or JSON (runs.json).")
    static final class ExportCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write into.")
        java.nio.file.Path out;

        @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT", description = "csv or json.")
        String format;

        @Option(names = "--filter", paramLabel = "QUERY", description = "Only the runs matching (as runs list).")
        String filter;

        @Option(names = "--all", description = "Include soft-deleted runs.")
        boolean all;

        @Option(names = "--ids", split = ",", paramLabel = "ID", description = "Only these runs, in this order "
                + "(comma-separated; soft-deleted ones too); not with --filter or --all.")
        List<Long> ids;

        @Override
        public Integer call() {
            if (!format.equals("csv") && !format.equals("json")) {
                throw new io.mlwb.core.error.UserError("--format " + format + " is not csv or json",
                        "Use --format csv or --format json.");
            }
            if (ids != null && (filter != null || all)) {
                throw new io.mlwb.core.error.UserError("--ids names the runs; --filter and --all choose them",
                        "Give either --ids or --filter/--all.");
            }
            List<java.nio.file.Path> files;
            try (Catalog catalog = Catalog.open(options.load(spec).catalogFile())) {
                TrackingService service = new TrackingService(catalog);
                files = ids != null ? service.export(ids, format.equals("json"), out)
                        : service.export(filter, all, format.equals("json"), out);
            }
            files.forEach(f -> spec.commandLine().getOut().println("wrote " + f));
            return 0;
        }
    }

    /** {@code mlwb runs import mlflow|tensorboard|dvclive PATH}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import runs, read-only, from an MLflow store (mlflow.db or mlruns/), TensorBoard event "
                    + "files or DVCLive folders. Runs already imported from the same source are skipped.")
    static final class ImportCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "KIND", description = "mlflow, tensorboard or dvclive.")
        String kind;

        @Parameters(index = "1", paramLabel = "PATH",
                description = "mlflow.db, an mlruns/ folder, a TensorBoard log dir, or a DVCLive folder.")
        java.nio.file.Path path;

        @Override
        public Integer call() {
            ImportService.Report r;
            Project p = options.load(spec);
            try (Catalog catalog = Catalog.open(p.catalogFile())) {
                r = new ImportService(catalog, java.time.Clock.systemUTC()).importFrom(kind, path, actor(),
                        io.mlwb.core.job.Progress.NONE, p.config().naming());
            }
            java.io.PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
                doc.put("kind", r.kind());
                doc.put("path", r.path());
                doc.put("imported", r.imported());
                doc.put("skipped", r.skipped());
                doc.put("points", r.points());
                doc.put("warnings", r.warnings());
                Json.print(out, doc);
            } else {
                out.printf("imported %d run%s (%d metric points) from %s %s; %d already imported%n",
                        r.imported().size(), r.imported().size() == 1 ? "" : "s", r.points(), r.kind(), r.path(),
                        r.skipped().size());
                r.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            }
            return 0;
        }
    }

    /** Soft-deletes or restores runs through the service and says how many changed. */
    private static int setDeleted(CommandSpec spec, ProjectOptions options, List<Long> ids, boolean deleted,
                                  String said) {
        try (Catalog catalog = Catalog.open(options.load(spec).catalogFile())) {
            int n = new TrackingService(catalog).setDeleted(ids, deleted, actor());
            spec.commandLine().getOut().printf(said, n);
        }
        return 0;
    }

    /** {@code mlwb runs delete ID…}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Soft-delete runs: hidden from lists, every record kept; 'restore' brings them back.")
    static final class DeleteCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(arity = "1..*", paramLabel = "ID")
        List<Long> ids;

        @Override
        public Integer call() {
            return setDeleted(spec, options, ids, true,
                    "Deleted %d run(s) (soft: `mlwb runs restore` brings them back).%n");
        }
    }

    /** {@code mlwb runs restore ID…}. */
    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Restore soft-deleted runs.")
    static final class RestoreCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(arity = "1..*", paramLabel = "ID")
        List<Long> ids;

        @Override
        public Integer call() {
            return setDeleted(spec, options, ids, false, "Restored %d run(s).%n");
        }
    }

    /** {@code mlwb runs rename ID NAME}. */
    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a run.")
    static final class RenameCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Project p = options.load(spec);
            try (Catalog catalog = Catalog.open(p.catalogFile())) {
                new TrackingService(catalog).rename(id, name, actor(), p.config().naming());
            }
            spec.commandLine().getOut().printf("Run %d is now %s.%n", id, name.strip());
            return 0;
        }
    }

    /** {@code mlwb runs tag ID… --key K [--value V]}. */
    @Command(name = "tag", mixinStandardHelpOptions = true, description = "Tag runs.")
    static final class TagCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions options;

        @Parameters(arity = "1..*", paramLabel = "ID")
        List<Long> ids;

        @Option(names = "--key", required = true, paramLabel = "KEY")
        String key;

        @Option(names = "--value", paramLabel = "VALUE")
        String value;

        @Override
        public Integer call() {
            try (Catalog catalog = Catalog.open(options.load(spec).catalogFile())) {
                new TrackingService(catalog).tag(ids, key, value, actor());
            }
            spec.commandLine().getOut().printf("Tagged %d run(s) %s%s.%n", ids.size(), key,
                    value == null ? "" : "=" + value);
            return 0;
        }
    }
}
