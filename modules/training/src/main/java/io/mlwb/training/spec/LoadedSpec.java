package io.mlwb.training.spec;

import io.mlwb.core.project.ConfigWarning;
import java.util.List;
import java.util.Objects;

/**
 * A loaded training spec and what was ignored while reading it.
 *
 * @param spec     the validated spec
 * @param warnings unknown keys and settings that have no effect, in file order
 */
public record LoadedSpec(TrainingSpec spec, List<ConfigWarning> warnings) {
    /** Copies the warnings. */
    public LoadedSpec {
        Objects.requireNonNull(spec, "spec");
        warnings = List.copyOf(warnings);
    }
}
