package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.Project;
import io.mlwb.data.history.StoredProfile;
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
import io.mlwb.data.stream.StreamingProfiler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
 * {@code mlwb profile FILE|DATASET [--json OUT] [--html OUT] [--check] [--force]}: exact per-column statistics,
 * correlations and alerts of a tabular file, or of a dataset named in mlwb.yaml (whose read options and target it
 * then uses). Inside a project the profile is recorded in the catalog, and a file version (same bytes) already
 * profiled there with the same options reuses the stored profile unless {@code --force} is given; the table is
 * still read for {@code --check}.
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

    @Option(names = "--approve-schema",
            description = "Approve the file's current schema (column names, order, types) as the dataset's reference "
                    + "for the schema_equals_approved rule; recorded in the audit log.")
    boolean approveSchema;

    @Option(names = "--no-store", description = "Do not record the profile in the project's catalog.")
    boolean noStore;

    @Option(names = "--force", description = {"Profile the file again even when the catalog holds a profile of this "
            + "file version (same bytes, same options)."})
    boolean force;

    @Option(names = "--bins", defaultValue = "50", description = "Histogram bins (default ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--streaming", description = {"Profile in one pass in bounded memory: exact counts, moments, "
            + "min/max and Pearson; quantiles, histograms, distinct counts and top values from sketches (their error "
            + "is in the JSON's 'approximate'); no Spearman or Cramér's V. Chosen automatically for a file larger "
            + "than a third of the maximum heap."})
    boolean streaming;

    @Option(names = "--target", paramLabel = "COLUMN", description = "Target column (default: the dataset's).")
    String targetColumn;

    @Override
    public Integer call() throws IOException {
        if (bins < 1 || bins > 1000) {
            throw new UserError("--bins must be between 1 and 1000, not " + bins + ".", "Pick a number of bins such as 50.");
        }
        Resolved r = resolve();
        PrintWriter err = spec.commandLine().getErr();
        Outcome outcome;
        if (streaming || tooLargeForMemory(r.file())) {
            outcome = new Outcome(profileStreaming(r, err), ExitCode.OK.code());
        } else {
            ReadResult read = new TableReader().read(r.file(), r.options(), Progress.NONE);
            read.warnings().forEach(w -> err.println("warning: " + w));
            ProfileOptions options = new ProfileOptions(bins, 10, Optional.ofNullable(r.targetColumn()), true, 0);
            if (r.targetColumn() != null && read.table().column(r.targetColumn()).isEmpty()) {
                throw UserError.missingColumn(r.file(), r.targetColumn(), read.table().names());
            }
            outcome = profileInMemory(r, read, options, err);
        }
        write(r, outcome.profile());
        return outcome.exit();
    }

    /** A profile and the exit code of its rule check. */
    private record Outcome(DatasetProfile profile, int exit) {
    }

    private Outcome profileInMemory(Resolved r, ReadResult read, ProfileOptions options, PrintWriter err) {
        int exit = ExitCode.OK.code();
        DatasetProfile profile;
        try (Catalog catalog = openCatalog(r)) {
            HistorySupport.Version version = catalog == null ? null : HistorySupport.version(r, err).orElse(null);
            Optional<HistorySupport.Cached> cached = version == null || force ? Optional.empty()
                    : HistorySupport.cached(catalog, version, read.table(), options);
            if (cached.isPresent()) {
                StoredProfile stored = cached.get().stored();
                profile = cached.get().profile();
                err.println("note: using the stored profile of this file version (" + stored.datasetName()
                        + ", profiled " + DateTimeFormatter.ISO_INSTANT.format(stored.createdAt().truncatedTo(
                                ChronoUnit.SECONDS)) + "); --force to recompute");
                LOG.info("Reused stored profile {} of {}", stored.profileId(), r.file());
            } else {
                profile = new Profiler().profile(read.table(), options, Progress.NONE);
                LOG.info("Profiled {}: {} rows x {} columns", r.file(), profile.rows(), profile.columnsCount());
            }
            QualityReport report = null;
            if (check) {
                report = QualityCheckSupport.check(r, read, catalog, spec.commandLine().getOut());
                exit = QualityCheckSupport.exitCode(report);
            }
            if (approveSchema) {
                approveSchema(r, read, catalog);
            }
            if (version != null && !noStore) {
                if (cached.isPresent()) {
                    HistorySupport.recordCommit(catalog, version, cached.get(), err);
                } else {
                    HistorySupport.store(catalog, version, profile, report, err);
                }
            }
        }
        return new Outcome(profile, exit);
    }

    /** Whether the file is larger than a third of the maximum heap: then only the streaming mode is safe. */
    static boolean tooLargeForMemory(Path file) throws IOException {
        return Files.size(file) > Runtime.getRuntime().maxMemory() / 3;
    }

    /** One sequential pass in bounded memory; recorded in the catalog (marked approximate), never reused. */
    private DatasetProfile profileStreaming(Resolved r, PrintWriter err) {
        if (check) {
            throw new UserError("--check needs the whole table in memory, and " + r.displayName()
                    + " is profiled in streaming mode.", streaming ? "Leave out --streaming to check the rules."
                    : "Run with a larger heap (e.g. JAVA_OPTS=-Xmx16g) to check the rules.");
        }
        if (!streaming) {
            err.println("note: " + r.displayName() + " is larger than a third of the heap; profiling it in "
                    + "streaming mode (quantiles, distinct counts and top values approximate; no Spearman)");
        }
        ProfileOptions options = new ProfileOptions(bins, 10, Optional.ofNullable(r.targetColumn()), true, 0);
        DatasetProfile profile = new StreamingProfiler().profile(r.file(), r.options(), options, Progress.NONE);
        LOG.info("Profiled {} in streaming mode: {} rows x {} columns", r.file(), profile.rows(),
                profile.columnsCount());
        try (Catalog catalog = noStore ? null : openCatalog(r)) {
            HistorySupport.Version version = catalog == null ? null : HistorySupport.version(r, err).orElse(null);
            if (version != null) {
                HistorySupport.store(catalog, version, profile, null, err);
            }
        }
        return profile;
    }

    private void write(Resolved r, DatasetProfile profile) throws IOException {
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

    private void approveSchema(Resolved r, ReadResult read, Catalog catalog) {
        if (r.dataset() == null || catalog == null) {
            throw new UserError("--approve-schema needs a dataset of an mlwb project; " + r.displayName() + " is not one.",
                    "Name a dataset declared in mlwb.yaml.");
        }
        String actor;
        try (io.mlwb.vcs.GitRepo repo = io.mlwb.vcs.GitRepo.open(r.project().root())) {
            io.mlwb.vcs.Author a = repo.author();
            actor = a.name() + " <" + a.email() + ">";
        }
        io.mlwb.data.quality.SchemaSnapshot schema = io.mlwb.data.quality.SchemaSnapshot.of(read.table());
        new io.mlwb.data.history.ProfileStore(catalog).approveSchema(r.dataset().name(), schema, actor);
        spec.commandLine().getOut().printf("Approved the schema of %s: %d columns (recorded in the audit log by %s).%n",
                r.dataset().name(), read.table().columns().size(), actor);
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
        w.printf("%s: %,d rows x %d columns, %,d missing cells, %s, %.1f MB in memory%n",
                name, p.rows(), p.columnsCount(), p.missingCells(), p.duplicateRows() < 0 ? "duplicates not counted"
                        : String.format(Locale.ROOT, "%,d duplicate rows", p.duplicateRows()), p.memoryBytes() / 1e6);
        if (p.isApproximate()) {
            w.println("Streaming profile: quantiles, histograms and (for many distinct values) distinct counts and "
                    + "top values are approximate; see 'approximate' in --json");
        }
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
