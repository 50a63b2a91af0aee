package io.mlwb.catalog.run;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A run to record, with the provenance known when it starts. Every field but {@code name} may be null (or empty).
 *
 * @param name         display name
 * @param experimentId the experiment it belongs to, or null
 * @param parentRunId  the sweep it is a child of, or null
 * @param commitSha    HEAD when it started
 * @param dirty        whether the working tree had uncommitted changes
 * @param dirtyDiff    the uncommitted diff, so the run can be reproduced
 * @param seed         the random seed
 * @param specJson     the training spec as run (JSON)
 * @param versionsJson library and runtime versions (JSON)
 * @param hardwareJson CPU, GPU and memory (JSON)
 * @param startedAt    when it started, or null when not yet
 * @param params       hyperparameters, stored in {@code run_param}
 * @param tags         tags, stored in {@code run_tag} (null value = a plain label)
 * @param inputs       the dataset versions it reads
 */
public record NewRun(String name, Long experimentId, Long parentRunId, String commitSha, Boolean dirty,
                     String dirtyDiff, Long seed, String specJson, String versionsJson, String hardwareJson,
                     Instant startedAt, Map<String, String> params, Map<String, String> tags, List<RunInput> inputs) {
    /** Checks the name and copies the collections (null means empty). */
    public NewRun {
        Objects.requireNonNull(name, "name");
        params = params == null ? Map.of() : sortedCopy(params);
        tags = tags == null ? Map.of() : sortedCopy(tags);
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }

    /**
     * @param name display name
     * @return a run with only a name
     */
    public static NewRun named(String name) {
        return new NewRun(name, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * @param sha   HEAD when it started
     * @param dirty whether the tree had uncommitted changes
     * @param diff  the uncommitted diff, or null
     * @return a copy with the git provenance set
     */
    public NewRun withGit(String sha, boolean dirty, String diff) {
        return new NewRun(name, experimentId, parentRunId, sha, dirty, diff, seed, specJson, versionsJson,
                hardwareJson, startedAt, params, tags, inputs);
    }

    /**
     * @param experiment the experiment id, or null
     * @param parent     the parent (sweep) run id, or null
     * @return a copy placed in an experiment and/or under a parent run
     */
    public NewRun withPlacement(Long experiment, Long parent) {
        return new NewRun(name, experiment, parent, commitSha, dirty, dirtyDiff, seed, specJson, versionsJson,
                hardwareJson, startedAt, params, tags, inputs);
    }

    /**
     * @param seedValue the random seed
     * @param spec      the training spec (JSON), or null
     * @param versions  library versions (JSON), or null
     * @param hardware  hardware (JSON), or null
     * @return a copy with the reproducibility facts set
     */
    public NewRun withEnvironment(Long seedValue, String spec, String versions, String hardware) {
        return new NewRun(name, experimentId, parentRunId, commitSha, dirty, dirtyDiff, seedValue, spec, versions,
                hardware, startedAt, params, tags, inputs);
    }

    /**
     * @param start when it started
     * @return a copy with the start time set
     */
    public NewRun withStartedAt(Instant start) {
        return new NewRun(name, experimentId, parentRunId, commitSha, dirty, dirtyDiff, seed, specJson, versionsJson,
                hardwareJson, start, params, tags, inputs);
    }

    /**
     * @param newParams hyperparameters
     * @param newTags   tags
     * @param newInputs dataset versions read
     * @return a copy with params, tags and inputs replaced
     */
    public NewRun withDetails(Map<String, String> newParams, Map<String, String> newTags, List<RunInput> newInputs) {
        return new NewRun(name, experimentId, parentRunId, commitSha, dirty, dirtyDiff, seed, specJson, versionsJson,
                hardwareJson, startedAt, newParams, newTags, newInputs);
    }

    /** Sorted, unmodifiable, and unlike Map.copyOf it keeps null values (a tag that is a plain label). */
    private static Map<String, String> sortedCopy(Map<String, String> m) {
        return Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
