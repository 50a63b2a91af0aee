package io.mlwb.cli;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.data.profile.DatasetProfile;
import java.nio.file.Path;

/** {@code mlwb profile --html}: the self-contained HTML report. Wired to the report generator when it lands. */
final class HtmlReportSupport {
    private HtmlReportSupport() {
    }

    static void write(DatasetProfile profile, String name, Path out) {
        throw new UserError("The HTML report is not available in this build yet.", "Use --json for now.",
                ExitCode.INTERNAL, null);
    }
}
