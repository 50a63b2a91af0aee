package io.mlwb.app.drift;

import io.mlwb.drift.ColumnDrift;
import io.mlwb.drift.report.ColumnDistribution;
import io.mlwb.drift.stats.PopulationStability;
import java.util.Comparator;
import java.util.List;

/**
 * One column of the Drift pane's table: the engine's {@link ColumnDrift} and the two sides' distributions on its bins
 * (null for a column without one: free text, a changed type).
 *
 * @param drift        the column's comparison
 * @param distribution its reference and current counts per bin, or null
 */
public record DriftRow(ColumnDrift drift, ColumnDistribution distribution) {
    /** Drifted columns first, then by PSI (highest first), then by name: the order a reviewer reads in. */
    public static final Comparator<DriftRow> REVIEW_ORDER = Comparator.comparing((DriftRow r) -> !r.drifted())
            .thenComparing(r -> r.psi() == null || r.psi().isNaN() ? Double.NEGATIVE_INFINITY : r.psi(),
                    Comparator.reverseOrder())
            .thenComparing(DriftRow::name);

    /** @return the column's name */
    public String name() {
        return drift.name();
    }

    /** @return the type, {@code numeric → categorical} when it changed */
    public String type() {
        return drift.type() == drift.currentType() ? drift.type().yamlName()
                : drift.type().yamlName() + " \u2192 " + drift.currentType().yamlName();
    }

    /** @return the test's name, or why there was none ({@code skipped_text}, {@code retyped}) */
    public String test() {
        return switch (drift.status()) {
            case TESTED -> drift.test() == null ? "" : drift.test().yamlName();
            case NO_VALUES -> (drift.test() == null ? "" : drift.test().yamlName() + " ") + "(no values)";
            default -> drift.status().jsonName();
        };
    }

    /** @return the test's statistic, or null */
    public Double statistic() {
        return drift.statistic();
    }

    /** @return the p-value, or null for distances */
    public Double pValue() {
        return drift.pValue();
    }

    /** @return PSI on the column's bins, or null */
    public Double psi() {
        return drift.psi();
    }

    /** @return the PSI band, or null */
    public PopulationStability.Band band() {
        return drift.psiBand();
    }

    /** @return the reference's share of missing rows */
    public double missingRef() {
        return drift.missingRef();
    }

    /** @return the current data's share of missing rows */
    public double missingCur() {
        return drift.missingCur();
    }

    /** @return whether the column drifted */
    public boolean drifted() {
        return drift.drifted();
    }

    /** @return whether it counts in the drift share (free text on both sides does not) */
    public boolean compared() {
        return drift.counted();
    }

    /** @return categories only in the current data */
    public List<String> newCategories() {
        return drift.newCategories();
    }

    /** @return categories only in the reference */
    public List<String> vanishedCategories() {
        return drift.vanishedCategories();
    }
}
