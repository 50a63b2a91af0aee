package io.mlwb.drift.report;

import java.util.List;
import java.util.Objects;

/**
 * One column's reference and current values counted on the bins its PSI was measured on (docs/drift.md): numeric
 * and date columns with more than 5 distinct reference values on the numeric bins (inner {@code edges}, closed on the
 * right, outer bins open), everything else on one bin per category of the union (the reference's categories first,
 * then the new ones). Missing values are not counted. For charts: the HTML report and the Drift pane draw it.
 *
 * @param column    the column's name
 * @param numeric   true for numeric bins, false for one bin per category
 * @param labels    a label per bin: {@code ≤ 10}, {@code 10 – 20}, {@code > 90}, or the category
 * @param edges     the inner bin edges (numeric bins; empty for categories)
 * @param reference reference counts per bin
 * @param current   current counts per bin
 * @param dates     whether the values are dates (epoch milliseconds; labels are dates)
 */
public record ColumnDistribution(String column, boolean numeric, List<String> labels, double[] edges,
                                 long[] reference, long[] current, boolean dates) {
    /** Validates and copies. */
    public ColumnDistribution {
        Objects.requireNonNull(column, "column");
        labels = List.copyOf(labels);
        edges = edges == null ? new double[0] : edges.clone();
        reference = reference.clone();
        current = current.clone();
        if (reference.length != labels.size() || current.length != labels.size()) {
            throw new IllegalArgumentException("a count per label on each side: " + labels.size() + " labels, "
                    + reference.length + " and " + current.length + " counts");
        }
    }

    /** @return how many bins */
    public int size() {
        return labels.size();
    }

    /** @return the reference's values counted */
    public long referenceTotal() {
        return sum(reference);
    }

    /** @return the current data's values counted */
    public long currentTotal() {
        return sum(current);
    }

    /** @return the reference's share of values per bin (0 everywhere when it has none) */
    public double[] referenceShares() {
        return shares(reference);
    }

    /** @return the current data's share of values per bin (0 everywhere when it has none) */
    public double[] currentShares() {
        return shares(current);
    }

    private static long sum(long[] counts) {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    private static double[] shares(long[] counts) {
        long total = sum(counts);
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length && total > 0; i++) {
            out[i] = (double) counts[i] / total;
        }
        return out;
    }
}
