package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.Project;
import io.mlwb.data.profile.Alert;
import io.mlwb.data.profile.ColumnProfile;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileJson;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.Profiler;
import io.mlwb.data.quality.QualityReport;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.ReadResult;
import io.mlwb.data.read.TableReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlwb profile FILE|DATASET [--json OUT] [--html OUT] [--check]}: exact per-column statistics, correlations
 * and alerts of a tabular file, or of a dataset named in mlwb.yaml (whose read options and target it then uses).
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Profile a data file or a dataset of mlwb.yaml: per-column statistics, correlations, alerts.",
            "Warnings about the data go to stderr; the profile goes to stdout, or to --json/--html files."})
final class ProfileCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileCommand.class);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|DATASET", description = "A CSV/TSV/JSON Lines file (gzip too), or a dataset name from mlwb.yaml.")
    String target;

    @Option(names = "--project", paramLabel = "DIR", description = "The project (for dataset names; default: the nearest one upward, if any).")
    Path project;

    @Option(names = "--json", paramLabel = "OUT", arity = "0..1", fallbackValue = "-",
            description = "Write the profile as JSON to OUT ('-' or no value: stdout).")
    String json;

    @Option(names = "--html", paramLabel = "OUT", description = "Write a self-contained HTML report to OUT.")
    Path html;

    @Option(names = "--check", description = "Check the dataset's data-quality rules; exit 1 if one fails.")
    boolean check;

    @Option(names = "--no-store", description = "Do not record the profile in the project's catalog.")
    boolean noStore;

    @Option(names = "--bins", defaultValue = "50", description = "Histogram bins (default ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--target", paramLabel = "COLUMN", description = "Target column (default: the dataset's).")
    String targetColumn;

    @Override
    public Integer call() throws IOException {
        if (bins < 1 || bins > 1000) {
            throw new UserError("--bins must be between 1 and 1000, not " + bins + ".", "Pick a number of bins such as 50.");
        }
        Resolved r = resolve();
        PrintWriter err = spec.commandLine().getErr();
        ReadResult read = new TableReader().read(r.file(), r.options(), Progress.NONE);
        read.warnings().forEach(w -> err.println("warning: " + w));
        ProfileOptions options = new ProfileOptions(bins, 10, Optional.ofNullable(r.targetColumn()), true, 0);
        if (r.targetColumn() != null && read.table().column(r.targetColumn()).isEmpty()) {
            throw UserError.missingColumn(r.file(), r.targetColumn(), read.table().names());
        }
        DatasetProfile profile = new Profiler().profile(read.table(), options, Progress.NONE);
        LOG.info("Profiled {}: {} rows x {} columns", r.file(), profile.rows(), profile.columnsCount());
        int exit = ExitCode.OK.code();
        try (Catalog catalog = openCatalog(r)) {
            QualityReport report = null;
            if (check) {
                report = QualityCheckSupport.check(r, read, catalog, spec.commandLine().getOut());
                exit = QualityCheckSupport.exitCode(report);
            }
            if (catalog != null && !noStore) {
                HistorySupport.store(r, catalog, profile, report, err);
            }
        }
        if (html != null) {
            HtmlReportSupport.write(profile, r.displayName(), html);
        }
        if (json != null) {
            if (json.equals("-")) {
                PrintWriter stdout = spec.commandLine().getOut();
                ProfileJson.write(profile, new java.io.FilterWriter(stdout) {
                    @Override
                    public void close() {
                        stdout.flush(); // never close stdout
                    }
                });
                stdout.println();
                stdout.flush();
            } else {
                try (OutputStream out = Files.newOutputStream(Path.of(json))) {
                    ProfileJson.write(profile, out);
                }
            }
        }
        if (json == null || !json.equals("-")) {
            printSummary(spec.commandLine().getOut(), r.displayName(), profile);
        }
        return exit;
    }

    /** What to profile and how. */
    record Resolved(Path file, String displayName, ReadOptions options, String targetColumn, DatasetConfig dataset,
                    Project project) {
    }

    private Resolved resolve() {
        Path asFile = Path.of(target);
        Optional<Project> proj = loadProject(asFile);
        if (Files.exists(asFile)) {
            if (Files.isDirectory(asFile)) {
                throw new UserError(asFile + " is a folder, not a data file.", "Give a CSV, TSV or JSON Lines file.");
            }
            // A file that is a dataset of the project gets that dataset's options.
            Path abs = asFile.toAbsolutePath().normalize();
            if (proj.isPresent()) {
                for (DatasetConfig d : proj.get().config().datasets()) {
                    if (proj.get().resolve(d).equals(abs)) {
                        return new Resolved(abs, d.name(), ReadOptions.from(d), targetOr(d.target()), d, proj.get());
                    }
                }
            }
            return new Resolved(abs, String.valueOf(abs.getFileName()), ReadOptions.defaults(), targetColumn, null,
                    proj.orElse(null));
        }
        if (proj.isEmpty()) {
            throw new UserError("No file " + target + ", and no mlwb project here to look it up as a dataset.",
                    "Give the path of a data file, or run inside a project (or pass --project DIR).");
        }
        Project p = proj.get();
        DatasetConfig d = p.config().datasets().stream().filter(x -> x.name().equals(target)).findFirst()
                .orElseThrow(() -> new UserError("No file or dataset named " + target + ".",
                        "Datasets in " + p.root().resolve(Project.CONFIG_FILE) + ": "
                                + String.join(", ", p.config().datasets().stream().map(DatasetConfig::name).toList())
                                + "."));
        Path file = p.resolve(d);
        if (!Files.exists(file)) {
            throw new UserError("Dataset " + d.name() + " points to " + file + ", which does not exist.",
                    "Fix its path in mlwb.yaml, or restore the file (git checkout, git lfs pull).");
        }
        return new Resolved(file, d.name(), ReadOptions.from(d), targetOr(d.target()), d, p);
    }

    /** The project's catalog when the file belongs to a project; null otherwise (or when it cannot be opened). */
    private Catalog openCatalog(Resolved r) {
        if (r.project() == null || !r.file().startsWith(r.project().root())) {
            return null;
        }
        try {
            return Catalog.open(r.project().catalogFile());
        } catch (UserError e) {
            spec.commandLine().getErr().println("warning: the profile is not recorded: " + e.getMessage());
            return null;
        }
    }

    private String targetOr(String fromConfig) {
        return targetColumn != null ? targetColumn : fromConfig;
    }

    private Optional<Project> loadProject(Path asFile) {
        Path start = project != null ? project.toAbsolutePath().normalize()
                : spec.root().userObject() instanceof MlwbCommand root && root.project != null
                ? root.project.toAbsolutePath().normalize() : Path.of("").toAbsolutePath();
        Optional<Path> root = Project.findRoot(start);
        if (root.isEmpty() && Files.exists(asFile)) {
            root = Project.findRoot(asFile.toAbsolutePath().normalize());
        }
        if (root.isEmpty()) {
            if (project != null) {
                throw new UserError("No mlwb project at " + project + ".", "Check --project, or run 'mlwb init'.");
            }
            return Optional.empty();
        }
        return Optional.of(Project.load(root.get()));
    }

    static void printSummary(PrintWriter w, String name, DatasetProfile p) {
        w.printf("%s: %,d rows x %d columns, %,d missing cells, %,d duplicate rows, %.1f MB in memory%n",
                name, p.rows(), p.columnsCount(), p.missingCells(), p.duplicateRows(), p.memoryBytes() / 1e6);
        w.printf("%-24s %-11s %8s %9s %12s %12s %12s %12s%n", "COLUMN", "TYPE", "MISSING", "DISTINCT", "MEAN", "STD",
                "MIN", "MAX");
        for (ColumnProfile c : p.columns()) {
            String type = c.type().yamlName();
            if (c.numeric() != null) {
                w.printf("%-24s %-11s %7.2f%% %9d %12s %12s %12s %12s%n", cut(c.name()), type, c.missingPct(),
                        c.distinct(), num(c.numeric().mean()), num(c.numeric().std()), num(c.numeric().min()),
                        num(c.numeric().max()));
            } else {
                String top = c.top().isEmpty() ? "" : "top: " + c.top().get(0).value() + " (" + c.top().get(0).count() + ")";
                w.printf("%-24s %-11s %7.2f%% %9d   %s%n", cut(c.name()), type, c.missingPct(), c.distinct(), top);
            }
        }
        if (!p.alerts().isEmpty()) {
            w.println("Alerts:");
            for (Alert a : p.alerts()) {
                w.println("  " + a.message());
            }
        }
    }

    private static String cut(String s) {
        return s.length() <= 24 ? s : s.substring(0, 23) + "…";
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a >= 1e7 || a < 1e-3) ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
