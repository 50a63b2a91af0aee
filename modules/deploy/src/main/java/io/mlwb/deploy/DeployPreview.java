package io.mlwb.deploy;

import java.util.List;
import java.util.Map;

/**
 * What {@link DeploymentService#deploy} would write, computed by {@link DeploymentService#preview} without writing,
 * recording or committing: the wizard's review step shows every file.
 *
 * @param ref      {@code NAME@VERSION}
 * @param target   the target's id
 * @param folder   where the files would go, relative to the project root
 * @param files    file name to content, in the order they would be written
 * @param traffic  {@code NAME@VERSION} to percent once the rollout has started
 * @param staging  whether it would go out as an unapproved staging deployment
 * @param config   the configuration with the target's defaults filled in
 * @param warnings what to know (placeholders to replace, staging, ignored settings)
 */
public record DeployPreview(String ref, String target, String folder, Map<String, String> files,
                            Map<String, Integer> traffic, boolean staging, DeployConfig config,
                            List<String> warnings) {
    /** Copies the maps and the list, keeping their order. */
    public DeployPreview {
        files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
        traffic = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(traffic));
        warnings = List.copyOf(warnings);
    }
}
