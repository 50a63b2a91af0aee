package io.mlwb.training.sweep;

import io.mlwb.core.project.ConfigWarning;
import java.util.List;
import java.util.Objects;

/**
 * A loaded sweep file and what was ignored while reading it.
 *
 * @param spec     the validated sweep
 * @param warnings unknown keys, in file order
 */
public record LoadedSweep(SweepSpec spec, List<ConfigWarning> warnings) {
    /** Copies the warnings. */
    public LoadedSweep {
        Objects.requireNonNull(spec, "spec");
        warnings = List.copyOf(warnings);
    }
}
