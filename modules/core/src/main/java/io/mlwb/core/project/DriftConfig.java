package io.mlwb.core.project;

import java.time.Period;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code drift:} section of mlwb.yaml: how reference and current data are compared (docs/drift.md) and when a
 * model is due for retraining.
 *
 * @param driftShare the share of drifted columns at or above which the dataset has drifted, in (0, 1]
 * @param bins       the number of bins of numeric columns for PSI and KL
 * @param binning    how those bins are placed
 * @param columns    overrides by column name
 * @param retraining retraining triggers, one per model at most
 */
public record DriftConfig(double driftShare, int bins, Binning binning, Map<String, Column> columns,
                          List<RetrainingTrigger> retraining) {
    /** The default share of drifted columns for dataset drift. */
    public static final double DEFAULT_DRIFT_SHARE = 0.5;
    /** The default number of bins. */
    public static final int DEFAULT_BINS = 10;

    /** Copies the collections. */
    public DriftConfig {
        binning = binning == null ? Binning.QUANTILE : binning;
        columns = columns == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        retraining = retraining == null ? List.of() : List.copyOf(retraining);
    }

    /** @return every default: share 0.5, 10 quantile bins, no overrides, no triggers */
    public static DriftConfig defaults() {
        return new DriftConfig(DEFAULT_DRIFT_SHARE, DEFAULT_BINS, Binning.QUANTILE, Map.of(), List.of());
    }

    /**
     * @param model a model's name
     * @return its retraining trigger, if the project sets one
     */
    public java.util.Optional<RetrainingTrigger> trigger(String model) {
        return retraining.stream().filter(t -> t.model().equals(model)).findFirst();
    }

    /** A statistical test or distance that decides whether a column drifted. */
    public enum Test {
        /** The automatic choice by column kind and reference size (docs/drift.md). */
        AUTO,
        /** Two-sample Kolmogorov-Smirnov; drifted when p ≤ threshold (default 0.05). */
        KS,
        /** Chi-square goodness of fit; drifted when p ≤ threshold (default 0.05). */
        CHI2,
        /** Wasserstein distance ÷ reference standard deviation; drifted when ≥ threshold (default 0.1). */
        WASSERSTEIN,
        /** Jensen-Shannon distance (natural log); drifted when ≥ threshold (default 0.1). */
        JENSENSHANNON,
        /** Population stability index; drifted when ≥ threshold (default 0.1). */
        PSI;

        /** @return the name as written in mlwb.yaml and JSON, e.g. {@code "jensenshannon"} */
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where numeric bins' edges go. */
    public enum Binning {
        /** Inner edges at the reference's quantiles (the default: deciles for 10 bins). */
        QUANTILE,
        /** Equal widths between the reference's minimum and maximum. */
        EQUAL_WIDTH,
        /** The inner edges given in {@code edges}. */
        CUSTOM;

        /** @return the name as written in mlwb.yaml, e.g. {@code "equal_width"} */
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Overrides for one column.
     *
     * @param test      the test to use instead of the automatic choice, or null
     * @param threshold the test's threshold instead of its default, or null
     * @param bins      the number of bins, or null for the section's
     * @param binning   the binning, or null for the section's
     * @param edges     the inner bin edges, strictly increasing, for {@link Binning#CUSTOM}; else empty
     * @param ignore    leave the column out of the comparison (an id, a free-text column)
     */
    public record Column(Test test, Double threshold, Integer bins, Binning binning, List<Double> edges,
                         boolean ignore) {
        /** Copies the list. */
        public Column {
            edges = edges == null ? List.of() : List.copyOf(edges);
        }
    }

    /**
     * When a model is due for retraining.
     *
     * @param model      the model's name
     * @param driftShare retrain when the share of drifted columns reaches this, or null
     * @param psi        retrain when any watched column's PSI reaches this, or null
     * @param columns    the columns watched by {@code psi}; empty for all
     * @param metrics    retrain when a metric on labelled current data leaves its bounds, by metric name
     * @param cadence    retrain at least this often, counted from the registered version's training date; or null
     */
    public record RetrainingTrigger(String model, Double driftShare, Double psi, List<String> columns,
                                    Map<String, Bound> metrics, Period cadence) {
        /** Copies the collections. */
        public RetrainingTrigger {
            columns = columns == null ? List.of() : List.copyOf(columns);
            // in mlwb.yaml's order, which reports follow
            metrics = metrics == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        }
    }

    /**
     * Bounds a metric must stay within.
     *
     * @param min the lowest acceptable value, or null
     * @param max the highest acceptable value, or null
     */
    public record Bound(Double min, Double max) {
    }
}
