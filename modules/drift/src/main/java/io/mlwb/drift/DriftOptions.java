package io.mlwb.drift;

import io.mlwb.core.project.DriftConfig;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link DriftEngine} compares two tables: the share of drifted columns that makes the dataset drifted, the
 * default bins of numeric PSI and KL, and per-column overrides (test, threshold, bins, binning, custom edges,
 * ignore) — the {@code drift:} section of mlwb.yaml less its retraining triggers, so {@link #from(DriftConfig)}
 * is the whole wiring.
 *
 * @param driftShare the share of compared columns that drifted at or above which the dataset has drifted, in (0, 1]
 * @param bins       numeric bins for PSI and KL, at least 1
 * @param binning    where numeric bin edges go
 * @param columns    overrides by column name
 */
public record DriftOptions(double driftShare, int bins, DriftConfig.Binning binning,
                           Map<String, DriftConfig.Column> columns) {
    /** Validates and copies. */
    public DriftOptions {
        if (!(driftShare > 0 && driftShare <= 1)) {
            throw new IllegalArgumentException("driftShare must be in (0, 1]: " + driftShare);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1: " + bins);
        }
        binning = Objects.requireNonNullElse(binning, DriftConfig.Binning.QUANTILE);
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    /** @return share 0.5, 10 quantile bins, no overrides (docs/drift.md's defaults) */
    public static DriftOptions defaults() {
        return new DriftOptions(DriftConfig.DEFAULT_DRIFT_SHARE, DriftConfig.DEFAULT_BINS,
                DriftConfig.Binning.QUANTILE, Map.of());
    }

    /**
     * @param config the project's {@code drift:} section
     * @return the same settings as options
     */
    public static DriftOptions from(DriftConfig config) {
        return new DriftOptions(config.driftShare(), config.bins(), config.binning(), config.columns());
    }

    /**
     * @param name a column name
     * @return its overrides, if any
     */
    public Optional<DriftConfig.Column> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /**
     * @param share another drift share
     * @return these options with another dataset drift share (kept for tests and the CLI's flag)
     */
    public DriftOptions withDriftShare(double share) {
        return new DriftOptions(share, bins, binning, columns);
    }
}
