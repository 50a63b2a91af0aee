package io.mlwb.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deployment or a rollback generated.
 *
 * @param deployment the recorded deployment
 * @param folder     the folder of the files (relative to the project root when inside it)
 * @param files      the files written, relative to that folder, in reading order
 * @param warnings   what the person should know (placeholders to replace, staging, no git commit...)
 */
public record DeployResult(DeploymentRecord deployment, String folder, List<String> files, List<String> warnings) {
    /** Copies the lists. */
    public DeployResult {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** @return the JSON of {@code mlwb deploy ... --json} and {@code mlwb deploy rollback --json} (docs/cli.md) */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>(deployment.toJson());
        m.put("folder", folder);
        m.put("file_list", files);
        m.put("warnings", warnings);
        return m;
    }
}
