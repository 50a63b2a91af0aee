package io.mlwb.cli;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.report.ProfileHtmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code mlwb profile --html}: one self-contained HTML report (inline CSS and SVG, no links), as the pane exports. */
final class HtmlReportSupport {
    private HtmlReportSupport() {
    }

    static void write(DatasetProfile profile, String name, Path out) {
        try {
            Files.writeString(out, new ProfileHtmlReport().render(name, profile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("Cannot write the report " + out + ": " + e.getMessage(),
                    "Check the path and that its folder is writable.", ExitCode.BAD_INPUT, e);
        }
    }
}
