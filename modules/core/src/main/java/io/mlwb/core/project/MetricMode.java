package io.mlwb.core.project;

import java.util.Locale;

/** Whether a smaller or a larger metric value is better. Written in lower case in mlwb.yaml. */
public enum MetricMode {
    /** Smaller is better (losses, errors). */
    MIN,
    /** Larger is better (accuracy, AUC). */
    MAX;

    /** @return the value as written in mlwb.yaml, e.g. {@code "min"} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
