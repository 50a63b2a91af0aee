package io.mlwb.app.deploy;

import io.mlwb.app.ui.Messages;
import io.mlwb.deploy.export.ServingFormat;
import io.mlwb.deploy.export.ServingFormatService;
import java.util.Locale;

/**
 * One row of the wizard's Format table, as text: a serving format with its size, p50 latency of one row and of a
 * batch, the test metric and its change against the run's, or why it is not available.
 *
 * @param format      the format
 * @param label       its name
 * @param available   whether it can be served
 * @param size        e.g. {@code 27.0 KB}
 * @param p50         one row, e.g. {@code 0.031 ms}
 * @param batch       a batch of 256 rows
 * @param metric      the test metric, e.g. {@code 0.79335}
 * @param change      its change against the run's, e.g. {@code −0.00005}
 * @param notableLoss whether the change is a loss above {@link ServingFormatService#NOTABLE_LOSS}
 * @param note        the reason it is not available, or the file
 */
public record FormatRow(ServingFormat format, String label, boolean available, String size, String p50, String batch,
                        String metric, String change, boolean notableLoss, String note) {

    /**
     * @param m      a measured format
     * @param metric the metric's name (roc_auc, accuracy, rmse)
     * @return its row
     */
    static FormatRow of(ServingFormatService.Measured m, String metric) {
        if (!m.available()) {
            return new FormatRow(m.format(), m.format().label(), false, "–", "–", "–", "–", "–", false,
                    Messages.format("deploy.format.notAvailable", m.reason()));
        }
        return new FormatRow(m.format(), m.format().label(), true, size(m.sizeBytes()), ms(m.p50SingleMs()),
                ms(m.p50BatchMs()), String.format(Locale.ROOT, "%.5f", m.metricValue()),
                String.format(Locale.ROOT, "%+.5f", m.metricChange()).replace('-', '\u2212'), m.notableLoss(),
                m.file());
    }

    private static String size(long bytes) {
        return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.3f ms", v);
    }
}
