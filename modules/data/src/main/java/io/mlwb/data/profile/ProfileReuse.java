package io.mlwb.data.profile;

import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a stored profile of a file version (found in the catalog by the file's SHA-256) can stand for
 * the profile that would be computed now. The same bytes read with other options (type overrides, missing markers
 * from another dataset's entry) or profiled with other {@link ProfileOptions} (bins, top-k, target, correlations)
 * give another profile, so the bytes alone are not enough: the table just read and the options must agree too.
 */
public final class ProfileReuse {
    private ProfileReuse() {
    }

    /**
     * @param stored  the stored profile
     * @param table   the file as read now (with the read options that apply now)
     * @param options the options the profile would be computed with now
     * @return empty when {@code stored} fits; otherwise why not, in a few words (for a debug log)
     */
    public static Optional<String> mismatch(DatasetProfile stored, DataTable table, ProfileOptions options) {
        if (stored.rows() != table.rowCount() || stored.columns().size() != table.columns().size()) {
            return Optional.of("other shape");
        }
        for (int i = 0; i < table.columns().size(); i++) {
            Column c = table.columns().get(i);
            ColumnProfile p = stored.columns().get(i);
            if (!p.name().equals(c.name()) || p.type() != c.type() || p.missing() != c.missingCount()) {
                return Optional.of("column " + c.name() + " was read differently");
            }
            if (p.histogram() != null && p.histogram().counts().length != options.histogramBins()) {
                return Optional.of("other histogram bins");
            }
            // fewer top values than asked is fine only when the column has no more distinct values
            if (p.top().size() > options.topK() || p.top().size() < Math.min(options.topK(), p.distinct())) {
                return Optional.of("other number of top values");
            }
        }
        List<String> expected = options.target()
                .map(t -> table.names().stream().filter(n -> !n.equals(t)).toList()).orElse(List.of());
        List<String> actual = stored.target().stream().map(TargetAssociation::column).toList();
        if (!expected.equals(actual)) {
            return Optional.of("other target");
        }
        Correlations corr = stored.correlations();
        if (!options.correlations()) {
            if (!corr.pearson().columns().isEmpty() || !corr.cramersV().columns().isEmpty()) {
                return Optional.of("correlations not wanted");
            }
        } else {
            // Pearson covers the numeric and boolean columns (a single one may give no matrix)
            List<String> correlatable = stored.columns().stream()
                    .filter(c -> c.type() == ColumnType.NUMERIC || c.type() == ColumnType.BOOLEAN)
                    .map(ColumnProfile::name).toList();
            if (correlatable.size() > 1 && !correlatable.equals(corr.pearson().columns())) {
                return Optional.of("no correlations stored");
            }
        }
        return Optional.empty();
    }
}
