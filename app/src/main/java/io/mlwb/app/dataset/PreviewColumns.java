package io.mlwb.app.dataset;

import java.util.List;

/**
 * Which columns the Preview shows: those whose name matches the filter (as the Correlations tab matches, see
 * {@link HeatmapModel#matching(List, String)}), the first {@link #CAP} of them. A table view with thousands of columns
 * builds a header and a cell per column and row in view, which made a 3,000-column preview take seconds to show and
 * scroll; the filter reaches every other column.
 *
 * @param columns  table column indices to show, in table order
 * @param matching how many columns match the filter
 */
record PreviewColumns(int[] columns, int matching) {
    /** At most this many columns are shown at once. */
    static final int CAP = 100;

    /** @return the columns of {@code names} to show for {@code filter} */
    static PreviewColumns of(List<String> names, String filter) {
        int[] match = HeatmapModel.matching(names, filter);
        return new PreviewColumns(match.length <= CAP ? match : java.util.Arrays.copyOf(match, CAP), match.length);
    }

    /** @return true when some matching columns are not shown */
    boolean capped() {
        return columns.length < matching;
    }
}
