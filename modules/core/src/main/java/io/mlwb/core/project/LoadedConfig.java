package io.mlwb.core.project;

import java.util.List;
import java.util.Objects;

/**
 * A validated configuration and the warnings found while reading it.
 *
 * @param config   the configuration
 * @param warnings warnings in file order; empty when the file is clean
 */
public record LoadedConfig(ProjectConfig config, List<ConfigWarning> warnings) {

    /** Copies the warnings. */
    public LoadedConfig {
        Objects.requireNonNull(config, "config");
        warnings = List.copyOf(warnings);
    }
}
