package io.mlwb.data.profile;

import io.mlwb.core.project.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one set of alert rules, shared by the exact {@link Profiler} and the streaming profiler so that both modes
 * raise the same alerts on the same data. The rules read only finished figures (a {@link DatasetProfile}'s parts),
 * never the values, and {@link AlertThresholds} says when each fires.
 *
 * <p>Order: {@link AlertType#DUPLICATES} first; then per column, in table order, {@code HIGH_MISSING},
 * {@code CONSTANT}, {@code UNIQUE}, {@code HIGH_CARDINALITY}, {@code SKEWED}, {@code ZEROS}, {@code INFINITE},
 * {@code IMBALANCED}; last {@code HIGH_CORRELATION}, one per column pair (the strongest of Pearson, Spearman and
 * Cramér's V, in the order the pairs are first found: Pearson's matrix, then Spearman's, then Cramér's).
 *
 * <p>A rule whose figure a mode does not have does not fire in that mode: the streaming profile counts no duplicate
 * rows (no {@code DUPLICATES}), computes no Spearman or Cramér's V (correlation alerts from Pearson only), and above
 * its exact-distinct limit only estimates a column's distinct count (no {@code CONSTANT} or {@code UNIQUE} for that
 * column). A 0/1 column (a label, a flag) gets no {@code ZEROS} alert in either mode: being mostly zeros is its
 * nature, and {@code IMBALANCED} is the alert that speaks to it.
 */
public final class AlertRules {
    private final AlertThresholds thresholds;

    /** @param thresholds when each alert fires */
    public AlertRules(AlertThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /**
     * Derives the alerts of a profile.
     *
     * @param rows              data rows
     * @param duplicateRows     rows equal to an earlier row, or a negative number when they were not counted (then
     *                          no {@code DUPLICATES} alert)
     * @param columns           the column profiles, in table order
     * @param correlations      the correlation matrices; an empty matrix raises nothing
     * @param estimatedDistinct names of the columns whose distinct count is an estimate (they get no
     *                          {@code CONSTANT} or {@code UNIQUE} alert); empty for an exact profile
     * @return the alerts, in the order described above
     */
    public List<Alert> alerts(long rows, long duplicateRows, List<ColumnProfile> columns, Correlations correlations,
            Set<String> estimatedDistinct) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(correlations, "correlations");
        Objects.requireNonNull(estimatedDistinct, "estimatedDistinct");
        AlertThresholds th = thresholds;
        List<Alert> alerts = new ArrayList<>();
        if (duplicateRows >= 0 && duplicateRows > th.duplicateRows()) {
            alerts.add(new Alert(AlertType.DUPLICATES, null, null, duplicateRows,
                    "%d rows (%s) repeat an earlier row".formatted(duplicateRows, percent(duplicateRows, rows))));
        }
        for (ColumnProfile p : columns) {
            columnAlerts(p, rows, !estimatedDistinct.contains(p.name()), alerts);
        }
        Map<String, Alert> strongest = new LinkedHashMap<>();
        correlationAlerts(correlations.pearson(), "Pearson", strongest);
        correlationAlerts(correlations.spearman(), "Spearman", strongest);
        correlationAlerts(correlations.cramersV(), "Cramér's V", strongest);
        alerts.addAll(strongest.values());
        return alerts;
    }

    private void columnAlerts(ColumnProfile p, long rows, boolean distinctExact, List<Alert> alerts) {
        AlertThresholds th = thresholds;
        String n = p.name();
        if (rows > 0 && (double) p.missing() / rows > th.missingFraction()) {
            alerts.add(new Alert(AlertType.HIGH_MISSING, n, null, (double) p.missing() / rows,
                    "%s has %d (%s) missing values".formatted(n, p.missing(), percent(p.missing(), rows))));
        }
        if (distinctExact && p.distinct() == 1) {
            alerts.add(new Alert(AlertType.CONSTANT, n, null, 1, "%s has a constant value".formatted(n)));
        }
        if (distinctExact && rows > 1 && p.missing() == 0 && p.distinct() == rows) {
            alerts.add(new Alert(AlertType.UNIQUE, n, null, rows, "%s has unique values".formatted(n)));
        }
        if (p.type() == ColumnType.CATEGORICAL && p.distinct() > th.cardinality()) {
            alerts.add(new Alert(AlertType.HIGH_CARDINALITY, n, null, p.distinct(),
                    "%s has a high cardinality: %d distinct values".formatted(n, p.distinct())));
        }
        NumericStats s = p.numeric();
        if (s != null) {
            if (Math.abs(s.skewness()) > th.skewness()) {
                alerts.add(new Alert(AlertType.SKEWED, n, null, s.skewness(),
                        "%s is highly skewed (γ1 = %s)".formatted(n, fmt(s.skewness()))));
            }
            // A 0/1 column (a label, a flag) is mostly zeros by nature: that is imbalance, not a zeros problem.
            if (rows > 0 && (double) s.zeros() / rows > th.zerosFraction() && p.distinct() > 2) {
                alerts.add(new Alert(AlertType.ZEROS, n, null, (double) s.zeros() / rows,
                        "%s has %d (%s) zeros".formatted(n, s.zeros(), percent(s.zeros(), rows))));
            }
            if (rows > 0 && (double) s.infinities() / rows > th.infiniteFraction()) {
                alerts.add(new Alert(AlertType.INFINITE, n, null, (double) s.infinities() / rows,
                        "%s has %d (%s) infinite values".formatted(n, s.infinities(),
                                percent(s.infinities(), rows))));
            }
        }
        if (p.imbalance() > th.imbalance()) {
            alerts.add(new Alert(AlertType.IMBALANCED, n, null, p.imbalance(),
                    "%s is highly imbalanced (%s)".formatted(n, fmt(p.imbalance()))));
        }
    }

    private void correlationAlerts(CorrelationMatrix m, String method, Map<String, Alert> strongest) {
        List<String> names = m.columns();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                double r = m.values()[i][j];
                if (!(Math.abs(r) >= thresholds.correlation())) {
                    continue;
                }
                String key = names.get(i) + '\u0000' + names.get(j);
                Alert old = strongest.get(key);
                if (old == null || Math.abs(r) > Math.abs(old.value())) {
                    strongest.put(key, new Alert(AlertType.HIGH_CORRELATION, names.get(i), names.get(j), r,
                            "%s is highly correlated with %s (%s %s)".formatted(names.get(i), names.get(j), method,
                                    fmt(r))));
                }
            }
        }
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
