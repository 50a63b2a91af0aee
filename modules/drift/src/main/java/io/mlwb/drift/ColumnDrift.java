package io.mlwb.drift;

import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DriftConfig;
import io.mlwb.drift.stats.PopulationStability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How one column moved between the reference and the current data (docs/drift.md). Numbers that were not computed
 * are null: {@code pValue} for distances, everything statistical when the column was not tested.
 *
 * @param name               the column's name
 * @param type               the reference column's type
 * @param currentType        the current column's type (differs from {@code type} when retyped)
 * @param status             whether and why the column was (not) tested
 * @param test               the test that decides drift (after overrides); null when none applies
 * @param statistic          the test's statistic: KS D, χ², Wasserstein ÷ std, Jensen-Shannon distance or PSI;
 *                           +∞ for χ² when a category absent from the reference appears in the current data
 * @param pValue             the p-value of KS and χ²; null for distances and PSI
 * @param threshold          drifted when {@code pValue ≤ threshold} (KS, χ²) or {@code statistic ≥ threshold}
 * @param drifted            whether the column counts as drifted
 * @param psi                population stability index on the column's bins, or null
 * @param kl                 KL(current ‖ reference) on the same bins, or null
 * @param psiBand            the PSI band, or null
 * @param missingRef         the reference's share of missing rows (0 for an empty table)
 * @param missingCur         the current data's share of missing rows
 * @param countRef           non-missing reference values
 * @param countCur           non-missing current values
 * @param newCategories      categories present only in the current data (categorical columns; else empty)
 * @param vanishedCategories categories present only in the reference
 * @param note               a sentence on anything unusual (why untested, an infinite χ²); null when nothing
 */
public record ColumnDrift(String name, ColumnType type, ColumnType currentType, Status status,
                          DriftConfig.Test test, Double statistic, Double pValue, Double threshold, boolean drifted,
                          Double psi, Double kl, PopulationStability.Band psiBand, double missingRef,
                          double missingCur, long countRef, long countCur, List<String> newCategories,
                          List<String> vanishedCategories, String note) {
    /** Copies the lists. */
    public ColumnDrift {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        newCategories = List.copyOf(newCategories);
        vanishedCategories = List.copyOf(vanishedCategories);
    }

    /** Whether a column was tested, and if not, why. */
    public enum Status {
        /** Both sides had values; the test ran. */
        TESTED,
        /** One side (drifted) or both sides (not drifted) had no non-missing value. */
        NO_VALUES,
        /** The column's type changed (other than categorical ↔ text): drifted, not tested. */
        RETYPED,
        /** Free text on both sides: not compared, not counted in the drift share. */
        SKIPPED_TEXT;

        /** @return the JSON name, e.g. {@code "no_values"} */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @return whether the column counts in the dataset's drift share */
    public boolean counted() {
        return status != Status.SKIPPED_TEXT;
    }

    /**
     * The column as a JSON object (field order fixed): {@code name, type, test, statistic, p_value, threshold,
     * drifted, psi, kl, psi_band, missing_ref, missing_cur}, then {@code current_type, status, count_ref,
     * count_cur, new_categories, vanished_categories, note}. Tests are {@code "ks" | "chi2" | "wasserstein" |
     * "jensenshannon" | "psi"}; a number that is not finite (an infinite χ²) or not computed is null.
     *
     * @return a map Jackson writes as the JSON object
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", type.yamlName());
        m.put("test", test == null ? null : test.yamlName());
        m.put("statistic", finite(statistic));
        m.put("p_value", finite(pValue));
        m.put("threshold", threshold);
        m.put("drifted", drifted);
        m.put("psi", finite(psi));
        m.put("kl", finite(kl));
        m.put("psi_band", psiBand == null ? null : psiBand.jsonName());
        m.put("missing_ref", missingRef);
        m.put("missing_cur", missingCur);
        m.put("current_type", currentType.yamlName());
        m.put("status", status.jsonName());
        m.put("count_ref", countRef);
        m.put("count_cur", countCur);
        m.put("new_categories", newCategories);
        m.put("vanished_categories", vanishedCategories);
        m.put("note", note);
        return m;
    }

    private static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }
}
