package io.mlwb.catalog.run;

import java.time.Instant;

/**
 * A run as stored (without its params, tags and inputs, which {@link RunRepository} reads separately).
 *
 * @param id           catalog id
 * @param name         display name
 * @param experimentId experiment, or null
 * @param parentRunId  parent (sweep) run, or null
 * @param status       where it is in its life
 * @param source       {@code mlwb}, or the store it was imported from
 * @param commitSha    HEAD when it started, or null
 * @param dirty        whether the tree had uncommitted changes, or null when unknown
 * @param dirtyDiff    the uncommitted diff, or null
 * @param seed         the random seed, or null
 * @param specJson     training spec (JSON), or null
 * @param versionsJson library versions (JSON), or null
 * @param hardwareJson hardware (JSON), or null
 * @param startedAt    start, or null
 * @param endedAt      end, or null
 * @param costUsd      estimated cost in US dollars, or null
 * @param createdAt    when it was recorded
 * @param deletedAt    when it was soft-deleted, or null while it is not
 */
public record RunRecord(long id, String name, Long experimentId, Long parentRunId, RunStatus status, String source,
                        String commitSha, Boolean dirty, String dirtyDiff, Long seed, String specJson,
                        String versionsJson, String hardwareJson, Instant startedAt, Instant endedAt, Double costUsd,
                        Instant createdAt, Instant deletedAt) {

    /** @return whether the run is soft-deleted */
    public boolean deleted() {
        return deletedAt != null;
    }
}
