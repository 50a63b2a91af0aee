package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.drift.ColumnDrift;
import io.mlwb.drift.DriftOptions;
import io.mlwb.drift.service.DriftService;
import io.mlwb.drift.report.DriftDistributions;
import io.mlwb.drift.report.DriftHtml;
import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlwb drift REFERENCE CURRENT}: a thin adapter over {@link DriftService}. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Compare current data with reference data, column by column (docs/drift.md).",
            "REFERENCE and CURRENT: a data file, dataset:NAME (a declared dataset's file), dataset:NAME@VERSION (a "
                + "recorded version), REV:path (a file at a git revision, e.g. HEAD~3:data/loans.csv), or a folder "
                + "of request logs (docs/request-log.md)."})
final class DriftCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REFERENCE")
    String reference;

    @Parameters(index = "1", paramLabel = "CURRENT")
    String current;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON to OUT ('-' for stdout).")
    String jsonOut;

    @Option(names = "--html", paramLabel = "OUT", description = "Write the report as one self-contained HTML page "
            + "to OUT (inline CSS and SVG, no links): verdict, column table, schema and missing-rate changes, "
            + "distributions.")
    String htmlOut;

    @Option(names = "--fail-on-drift", description = "Exit 1 when the dataset has drifted (for scheduled checks "
            + "and CI).")
    boolean failOnDrift;

    @Option(names = "--drift-share", paramLabel = "X", description = "The share of drifted columns that makes the "
            + "dataset drifted, in (0, 1] (default: drift.drift_share in mlwb.yaml, else 0.5).")
    Double share;

    @Option(names = "--no-record", description = "Do not record the report in the project's catalog.")
    boolean noRecord;

    @Option(names = "--time-column", paramLabel = "COLUMN", description = "Also compute PSI per column per time "
            + "window of CURRENT, with control charts (default: the current dataset's declared time_column).")
    String timeColumn;

    @Option(names = "--model", paramLabel = "NAME@VERSION", description = "Also score both sides with this registered "
            + "model version: prediction drift, performance drift (when both hold the target) and fairness.")
    String model;

    @Option(names = "--window", paramLabel = "WINDOW", defaultValue = "month",
            description = "The time window: week, month (default) or Nd (e.g. 7d).")
    String window;

    @Option(names = "--project", paramLabel = "DIR", description = "The project (default: the nearest one upward; "
            + "files compare outside a project too).")
    Path project;

    @Override
    public Integer call() {
        if (share != null && !(share > 0 && share <= 1)) {
            throw new UserError("--drift-share must be above 0 and at most 1, found " + share,
                    "Give a share such as 0.5.");
        }
        Optional<Project> p = project();
        DriftService.Result r;
        Catalog catalog = null;
        GitRepo repo = null;
        try {
            if (p.isPresent()) {
                catalog = Catalog.open(p.get().catalogFile());
                if (GitRepo.findRoot(p.get().root()).isPresent()) {
                    repo = GitRepo.open(p.get().root());
                }
            }
            r = new DriftService(p.orElse(null), catalog, repo).compare(reference, current, share, timeColumn,
                    window, model, !noRecord, System.getProperty("user.name", "unknown"), Progress.NONE);
        } finally {
            if (repo != null) {
                repo.close();
            }
            if (catalog != null) {
                catalog.close();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean toStdout = "-".equals(jsonOut);
        if (jsonOut != null) {
            if (toStdout) {
                Json.print(out, r.toJson());
            } else {
                try {
                    Path f = Path.of(jsonOut);
                    if (f.toAbsolutePath().getParent() != null) {
                        Files.createDirectories(f.toAbsolutePath().getParent());
                    }
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(f.toFile(), r.toJson());
                } catch (IOException e) {
                    throw new UserError("Cannot write " + jsonOut + ": " + e.getMessage(), "Check the path.",
                            ExitCode.BAD_INPUT, e);
                }
            }
        }
        if (htmlOut != null) {
            DriftOptions options = p.map(x -> DriftOptions.from(x.config().drift())).orElse(DriftOptions.defaults());
            new DriftHtml().write(r, DriftDistributions.of(r, options), Path.of(htmlOut));
        }
        PrintWriter say = toStdout ? err : out;
        var d = r.drift();
        say.printf(Locale.ROOT, "%s: %d of %d columns drifted (share %.2f, threshold %.2f)%n",
                d.datasetDrift() ? "DATASET DRIFT" : "no dataset drift", d.drifted(), d.compared(), d.share(),
                d.driftShare());
        say.printf("  reference %s, current %s%n", r.reference().label(), r.current().label());
        say.printf("  %-28s %-14s %12s %10s %8s  %s%n", "COLUMN", "TEST", "STATISTIC", "P", "PSI", "");
        for (ColumnDrift c : d.columns()) {
            say.printf(Locale.ROOT, "  %-28s %-14s %12s %10s %8s  %s%n", trim(c.name()), c.test() == null ? "-"
                    : c.test().yamlName(), num(c.statistic()), num(c.pValue()), num(c.psi()), c.drifted() ? "DRIFTED" : "");
        }
        if (!d.added().isEmpty()) {
            say.printf("  added: %s%n", String.join(", ", d.added()));
        }
        if (!d.removed().isEmpty()) {
            say.printf("  removed: %s%n", String.join(", ", d.removed()));
        }
        if (r.overTime() != null) {
            var t = r.overTime();
            say.printf("  over time (%s by %s, %d windows):%n", t.window(), t.timeColumn(), t.windows().size());
            t.control().forEach((col, c) -> {
                if (!c.alarms().isEmpty()) {
                    var a = c.alarms().get(0);
                    say.printf(Locale.ROOT, "    %s: ALARM %s at window %s (UCL %.4g from the %s)%n", col, a.rule(),
                            t.windows().get(a.window()).start(), c.ucl(), c.baseline());
                }
            });
        }
        if (r.model() != null) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> pd = (java.util.Map<String, Object>) r.model().get("prediction_drift");
            say.printf("  model %s: prediction drift %s (%s %s)%n", r.model().get("version"),
                    Boolean.TRUE.equals(pd.get("drifted")) ? "DRIFTED" : "none", pd.get("test"),
                    pd.get("statistic") == null ? "-" : num(((Number) pd.get("statistic")).doubleValue()));
            Object perf = r.model().get("performance");
            if (perf instanceof java.util.Map<?, ?> pm) {
                pm.forEach((metric, sides) -> {
                    java.util.Map<?, ?> s = (java.util.Map<?, ?>) sides;
                    say.printf("    %-10s reference %s  current %s%n", metric, ci(s.get("reference")),
                            ci(s.get("current")));
                });
            }
        }
        if (r.reportId() != null) {
            say.printf("  recorded as drift report %d (mlwb lineage drift:%d)%n", r.reportId(), r.reportId());
        }
        r.warnings().forEach(w -> err.println("warning: " + w));
        return failOnDrift && d.datasetDrift() ? ExitCode.CHECK_FAILED.code() : 0;
    }

    private static String ci(Object side) {
        java.util.Map<?, ?> m = (java.util.Map<?, ?>) side;
        Object v = m.get("value");
        Object lo = m.get("low");
        Object hi = m.get("high");
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f [%s, %s]", ((Number) v).doubleValue(),
                lo == null ? "-" : String.format(Locale.ROOT, "%.4f", ((Number) lo).doubleValue()),
                hi == null ? "-" : String.format(Locale.ROOT, "%.4f", ((Number) hi).doubleValue()));
    }

    private static String trim(String s) {
        return s.length() <= 28 ? s : s.substring(0, 27) + "…";
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }

    private Optional<Project> project() {
        Path given = project;
        if (given == null && spec.root().userObject() instanceof MlwbCommand root) {
            given = root.project;
        }
        Path start = given == null ? Path.of("").toAbsolutePath() : given.toAbsolutePath().normalize();
        if (given != null && !Files.isDirectory(start)) {
            throw new UserError("Project folder " + start + " does not exist.", "Check the --project path.");
        }
        return Project.findRoot(start).map(Project::load);
    }
}
