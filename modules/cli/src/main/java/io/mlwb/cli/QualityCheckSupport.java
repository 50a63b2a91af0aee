package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.data.history.ProfileStore;
import io.mlwb.data.quality.QualityChecker;
import io.mlwb.data.quality.QualityContext;
import io.mlwb.data.quality.QualityReport;
import io.mlwb.data.quality.RuleResult;
import io.mlwb.data.quality.SchemaSnapshot;
import io.mlwb.data.read.ReadResult;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;

/** {@code mlwb profile --check}: runs the dataset's data-quality rules and prints one line per rule. */
final class QualityCheckSupport {
    private QualityCheckSupport() {
    }

    /** @return the report; the caller decides the exit code ({@link QualityReport#passed()}) */
    static QualityReport check(ProfileCommand.Resolved r, ReadResult read, Catalog catalog, PrintWriter out) {
        if (r.dataset() == null) {
            throw new UserError("--check needs a dataset of mlwb.yaml (its rules); " + r.displayName() + " is not one.",
                    "Name the dataset, or declare it with rules in mlwb.yaml.");
        }
        Optional<SchemaSnapshot> approved = catalog == null ? Optional.empty()
                : new ProfileStore(catalog).approvedSchema(r.dataset().name());
        QualityReport report = new QualityChecker().check(read.table(), r.dataset(), new QualityContext(Instant.now(), approved));
        out.printf("Quality rules of %s: %d passed, %d failed, %d warnings%n", r.dataset().name(),
                report.count(RuleResult.Status.PASS), report.count(RuleResult.Status.FAIL),
                report.count(RuleResult.Status.WARN));
        for (RuleResult result : report.results()) {
            out.printf("  %-4s %-44s %s%s%n", result.status(), result.label(), result.message(),
                    result.examples().isEmpty() ? "" : " (e.g. " + String.join("; ", result.examples()) + ")");
        }
        return report;
    }

    static int exitCode(QualityReport report) {
        return report.passed() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }
}
