package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.Project;
import io.mlwb.data.history.ApprovedSchema;
import io.mlwb.data.history.CompareRequest;
import io.mlwb.data.history.Comparison;
import io.mlwb.data.history.ProfileRequest;
import io.mlwb.data.history.ProfileResult;
import io.mlwb.data.history.ProfileService;
import io.mlwb.data.history.ProfileSettings;
import io.mlwb.data.history.StoredProfile;
import io.mlwb.data.profile.Alert;
import io.mlwb.data.profile.AlertGroups;
import io.mlwb.data.profile.ColumnProfile;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileJson;
import io.mlwb.data.quality.QualityReport;
import io.mlwb.data.quality.RuleResult;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
 * {@code mlwb profile FILE|DATASET [--json [OUT]] [--full-correlations] [--top-pairs N] [--alerts all|grouped]
 * [--html OUT] [--check] [--force] [--compare REV]}: a thin adapter
 * over {@link ProfileService}. It resolves what to profile from the arguments (a file, or a dataset of mlwb.yaml
 * with its read options and target), opens the project's repository and catalog for the service, and prints what
 * the service returns: the summary or JSON, the rules' results, the notes. Every decision (reuse, exact or
 * streaming, recording, audit) is the service's, so the Dataset pane decides the same way.
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

    @Option(names = "--full-correlations", description = {"In --json, write the full correlation matrices "
            + "({col: {col: r}}, as profiles were written before) instead of the pairs above the alert threshold "
            + "and the strongest --top-pairs."})
    boolean fullCorrelations;

    @Option(names = "--top-pairs", paramLabel = "N", defaultValue = "100", description = {"In --json, list the N "
            + "strongest pairs of each correlation matrix besides those at or above the alert threshold (default "
            + "${DEFAULT-VALUE})."})
    int topPairs;

    @Option(names = "--alerts", paramLabel = "all|grouped", defaultValue = "grouped", description = {"How the "
            + "summary prints alerts: 'grouped' (default) prints repeated alerts of one type as one line naming the "
            + "first columns; 'all' prints one line per alert."})
    String alerts;

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
            + "than a third of the maximum heap (or than -Dmlwb.streaming.thresholdBytes)."})
    boolean streaming;

    @Option(names = "--target", paramLabel = "COLUMN", description = "Target column (default: the dataset's).")
    String targetColumn;

    @Option(names = "--compare", paramLabel = "REV", description = {"Compare the file as it is now with its "
            + "version at git revision REV (a commit id, tag, branch, or a form like HEAD~1): columns added, removed "
            + "or retyped, and the statistics that changed. With --json, one JSON object (see docs/cli.md)."})
    String compareRev;

    @Override
    public Integer call() throws IOException {
        if (bins < 1 || bins > 1000) {
            throw new UserError("--bins must be between 1 and 1000, not " + bins + ".", "Pick a number of bins such as 50.");
        }
        if (topPairs < 0) {
            throw new UserError("--top-pairs must not be negative, not " + topPairs + ".",
                    "Give a number of pairs such as 100, or 0 for only those above the alert threshold.");
        }
        if (!alerts.equals("all") && !alerts.equals("grouped")) {
            throw new UserError("--alerts must be 'all' or 'grouped', not '" + alerts + "'.",
                    "Use --alerts all to list every alert, or leave it out to group them.");
        }
        Resolved r = resolve();
        if (compareRev != null) {
            return compare(r);
        }
        if (check && r.dataset() == null) {
            throw new UserError("--check needs a dataset of mlwb.yaml (its rules); " + r.displayName() + " is not one.",
                    "Name the dataset, or declare it with rules in mlwb.yaml.");
        }
        if (approveSchema && r.dataset() == null) {
            throw new UserError("--approve-schema needs a dataset of an mlwb project; " + r.displayName() + " is not one.",
                    "Name a dataset declared in mlwb.yaml.");
        }
        if (check && streaming) {
            throw new UserError("--check needs the whole table in memory, and " + r.displayName()
                    + " is profiled in streaming mode.", "Leave out --streaming to check the rules.");
        }
        PrintWriter err = spec.commandLine().getErr();
        ProfileRequest request = ProfileRequest.of(r.file(), r.displayName(), r.dataset(), r.options())
                .withTarget(r.targetColumn()).withForce(force).withStreaming(streaming).withStore(!noStore)
                .withBins(bins).withRules(check ? ProfileRequest.Rules.REQUIRED : ProfileRequest.Rules.SKIP)
                .withApproveSchema(approveSchema);
        ProfileResult result;
        try (Opened opened = open(r, true)) {
            result = opened.service().profile(request, Progress.NONE);
        }
        print(r, result, err);
        write(r, result.profile());
        return result.quality() == null || result.quality().passed() ? ExitCode.OK.code()
                : ExitCode.CHECK_FAILED.code();
    }

    /** Prints what the service says besides the profile: warnings and notes on stderr, rules and approval on stdout. */
    private void print(Resolved r, ProfileResult result, PrintWriter err) {
        PrintWriter out = spec.commandLine().getOut();
        result.warnings().forEach(w -> err.println("warning: " + w));
        result.notes().forEach(n -> err.println("note: " + n.message()));
        if (result.reused() != null) {
            StoredProfile stored = result.reused();
            err.println("note: using the stored profile of this file version (" + stored.datasetName()
                    + ", profiled " + DateTimeFormatter.ISO_INSTANT.format(stored.createdAt().truncatedTo(
                            ChronoUnit.SECONDS)) + "); --force to recompute");
        }
        QualityReport report = result.quality();
        if (report != null) {
            out.printf("Quality rules of %s: %d passed, %d failed, %d warnings%n", r.dataset().name(),
                    report.count(RuleResult.Status.PASS), report.count(RuleResult.Status.FAIL),
                    report.count(RuleResult.Status.WARN));
            for (RuleResult rule : report.results()) {
                out.printf("  %-4s %-44s %s%s%n", rule.status(), rule.label(), rule.message(),
                        rule.examples().isEmpty() ? "" : " (e.g. " + String.join("; ", rule.examples()) + ")");
            }
        }
        ApprovedSchema approved = result.approved();
        if (approved != null) {
            out.printf("Approved the schema of %s: %d columns (recorded in the audit log by %s).%n",
                    approved.datasetName(), approved.schema().columns().size(), approved.actor());
        }
    }

    /** {@code --compare REV}: the file at REV against the working tree, as text or JSON. */
    private int compare(Resolved r) throws IOException {
        List<String> conflicting = new ArrayList<>();
        if (html != null) {
            conflicting.add("--html");
        }
        if (check) {
            conflicting.add("--check");
        }
        if (approveSchema) {
            conflicting.add("--approve-schema");
        }
        if (streaming) {
            conflicting.add("--streaming");
        }
        if (!conflicting.isEmpty()) {
            throw new UserError("--compare cannot be combined with " + String.join(", ", conflicting) + ".",
                    "Compare in one run, and profile, check or approve in another.");
        }
        Comparison c;
        try (Opened opened = open(r, false)) {
            c = opened.service().compare(new CompareRequest(r.file(), r.displayName(), r.options(), compareRev, null,
                    bins), Progress.NONE);
        }
        if (json == null) {
            ProfileCompareOutput.printText(spec.commandLine().getOut(), c);
        } else if (json.equals("-")) {
            Json.print(spec.commandLine().getOut(), ProfileCompareOutput.toJson(c));
        } else {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(json)))) {
                Json.print(w, ProfileCompareOutput.toJson(c));
            }
        }
        return ExitCode.OK.code();
    }

    /** The project's repository and catalog, open for one command, and the service over them. */
    private record Opened(ProfileService service, GitRepo repo, Catalog catalog) implements AutoCloseable {
        @Override
        public void close() {
            if (catalog != null) {
                catalog.close();
            }
            if (repo != null) {
                repo.close();
            }
        }
    }

    /**
     * Opens what the service needs for {@code r}: nothing outside a project; the repository (and, when asked, the
     * catalog) of the project the file is in. What cannot be opened is left out, and the service says what that
     * means for the result.
     */
    private Opened open(Resolved r, boolean withCatalog) {
        ProfileSettings settings = ProfileSettings.current();
        if (r.project() == null) {
            return new Opened(ProfileService.withoutProject(settings), null, null);
        }
        Path root = r.project().root();
        GitRepo repo = null;
        Catalog catalog = null;
        if (r.file().startsWith(root)) {
            try {
                repo = GitRepo.open(root);
            } catch (UserError e) {
                LOG.debug("No git repository for {}: {}", root, e.getMessage());
            }
            if (withCatalog) {
                try {
                    catalog = Catalog.open(r.project().catalogFile());
                } catch (UserError e) {
                    spec.commandLine().getErr().println("warning: the catalog could not be opened: " + e.getMessage());
                }
            }
        }
        return new Opened(new ProfileService(settings, Clock.systemUTC(), root, repo, catalog), repo, catalog);
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
                }, jsonOptions());
                stdout.println();
                stdout.flush();
            } else {
                try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(Path.of(json)),
                        1 << 16)) {
                    ProfileJson.write(profile, out, jsonOptions());
                }
            }
        }
        if (json == null || !json.equals("-")) {
            printSummary(spec.commandLine().getOut(), r.displayName(), profile, alerts.equals("all"));
        }
    }

    private ProfileJson.Options jsonOptions() {
        return fullCorrelations ? ProfileJson.Options.full() : ProfileJson.Options.pairs(topPairs);
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

    static void printSummary(PrintWriter w, String name, DatasetProfile p, boolean allAlerts) {
        w.printf("%s: %,d rows x %,d columns, %,d missing cells, %s, %.1f MB in memory%n",
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
            if (allAlerts) {
                for (Alert a : p.alerts()) {
                    w.println("  " + a.message());
                }
            } else {
                for (AlertGroups.Group g : AlertGroups.group(p.alerts())) {
                    w.println("  " + g.text() + (g.truncated() ? " (list with --alerts all)" : ""));
                }
            }
        }
    }

    /** @return a column name cut to the 24 characters of the text tables' first column */
    static String cut(String s) {
        return s.length() <= 24 ? s : s.substring(0, 23) + "…";
    }

    /** @return a figure as the text tables print it: 4 decimals, or 4 significant digits when very large or small */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a >= 1e7 || a < 1e-3) ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
