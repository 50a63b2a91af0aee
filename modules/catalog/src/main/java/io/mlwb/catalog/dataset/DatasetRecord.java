package io.mlwb.catalog.dataset;

import java.time.Instant;

/**
 * A registered dataset: a named file (or folder) of the project whose versions are tracked by content.
 *
 * @param id          catalog id
 * @param name        unique name, e.g. {@code credit}
 * @param description free text, or null
 * @param createdAt   when it was registered
 */
public record DatasetRecord(long id, String name, String description, Instant createdAt) {
}
