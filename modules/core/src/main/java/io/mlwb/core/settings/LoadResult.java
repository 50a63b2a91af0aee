package io.mlwb.core.settings;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SettingsStore#load()} found.
 *
 * @param settings the settings to use; never null
 * @param warnings what was wrong and what was done about it, one sentence each, for the Problems panel; empty
 *                 when the file was fine or absent
 */
public record LoadResult(Settings settings, List<String> warnings) {

    /** Checks the settings are set and copies the warnings. */
    public LoadResult {
        Objects.requireNonNull(settings, "settings");
        warnings = List.copyOf(warnings);
    }
}
