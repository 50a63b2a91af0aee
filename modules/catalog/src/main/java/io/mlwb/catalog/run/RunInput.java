package io.mlwb.catalog.run;

import java.util.Objects;

/**
 * A data fingerprint of a run: which exact dataset version it read, and what for.
 *
 * @param datasetVersionId the dataset version (its sha256 and git blob id are the fingerprint)
 * @param role             {@code train}, {@code validation}, {@code test}, {@code reference}, ...
 */
public record RunInput(long datasetVersionId, String role) {
    /** Checks that a role is given. */
    public RunInput {
        Objects.requireNonNull(role, "role");
    }
}
