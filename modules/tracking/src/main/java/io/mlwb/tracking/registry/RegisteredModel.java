package io.mlwb.tracking.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named model with its versions, newest first.
 *
 * @param id          {@code model.id}
 * @param name        its name
 * @param description what it is for, or null
 * @param createdBy   who registered its first version, or null
 * @param createdAtMs when
 * @param versions    its versions, newest first
 */
public record RegisteredModel(long id, String name, String description, String createdBy, long createdAtMs,
                              List<ModelVersion> versions) {

    /** Copies the list. */
    public RegisteredModel {
        versions = List.copyOf(versions);
    }

    /** @return alias → version number, sorted by alias */
    public Map<String, Integer> aliases() {
        Map<String, Integer> m = new TreeMap<>();
        for (ModelVersion v : versions) {
            v.aliases().forEach(a -> m.put(a, v.version()));
        }
        return m;
    }

    /** @return the newest version that is not retired, or null */
    public ModelVersion latest() {
        return versions.stream().filter(v -> !v.retired()).findFirst().orElse(null);
    }

    /** @return the summed estimated cost of its versions' runs, or null when none is known */
    public Double costUsd() {
        Double sum = null;
        for (ModelVersion v : versions) {
            if (v.costUsd() != null) {
                sum = (sum == null ? 0 : sum) + v.costUsd();
            }
        }
        return sum;
    }

    /**
     * @param withVersions whether to include every version in full
     * @return the JSON of one model in {@code mlwb models list --json} (without versions) and
     *         {@code mlwb models show NAME --json} (with them)
     */
    public Map<String, Object> toJson(boolean withVersions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("description", description);
        m.put("created_by", createdBy);
        m.put("created_ms", createdAtMs);
        m.put("version_count", versions.size());
        ModelVersion latest = latest();
        m.put("latest_version", latest == null ? null : latest.version());
        m.put("aliases", aliases());
        m.put("cost_usd", costUsd());
        if (withVersions) {
            m.put("versions", versions.stream().map(ModelVersion::toJson).toList());
        }
        return m;
    }
}
