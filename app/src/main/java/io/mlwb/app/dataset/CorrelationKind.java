package io.mlwb.app.dataset;

import io.mlwb.data.profile.CorrelationMatrix;
import io.mlwb.data.profile.Correlations;

/** Which correlation matrix the heatmap shows. */
public enum CorrelationKind {
    /** Pearson's r over numeric and boolean columns; diverging, −1 to 1. */
    PEARSON,
    /** Spearman's rho over numeric and boolean columns; diverging, −1 to 1. */
    SPEARMAN,
    /** Cramér's V over categorical and boolean columns; 0 to 1. */
    CRAMERS_V;

    /** @return the matching matrix of {@code c} */
    public CorrelationMatrix of(Correlations c) {
        return switch (this) {
            case PEARSON -> c.pearson();
            case SPEARMAN -> c.spearman();
            case CRAMERS_V -> c.cramersV();
        };
    }

    /** @return true when values run from −1 to 1 (a diverging scale), false for 0 to 1 */
    public boolean diverging() {
        return this != CRAMERS_V;
    }
}
