package io.mlwb.core.project;

import java.util.Locale;

/** How rows are split into train, validation and test sets. Written in lower case in mlwb.yaml. */
public enum SplitStrategy {
    /** Random rows, seeded by {@code training.seed}. */
    RANDOM,
    /** The newest rows (by the time column) become validation and test rows. */
    TIME,
    /** All rows sharing a group value land in the same set. */
    GROUP;

    /** @return the value as written in mlwb.yaml, e.g. {@code "random"} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
