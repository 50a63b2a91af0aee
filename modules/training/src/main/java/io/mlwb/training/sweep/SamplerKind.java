package io.mlwb.training.sweep;

import java.util.Locale;

/** How a sweep picks the next trial's parameters. Written in lower case in a sweep file. */
public enum SamplerKind {
    /** Every combination of the listed values, in a fixed order ({@link GridSampler}). */
    GRID,
    /** Independent uniform draws, seeded ({@link RandomSampler}). */
    RANDOM,
    /** A tree-structured Parzen estimator, as Optuna's default sampler ({@link TpeSampler}). */
    TPE;

    /** @return the name as written in a sweep file, e.g. {@code "tpe"} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
