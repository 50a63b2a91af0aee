package io.mlwb.data.quality;

import io.mlwb.core.project.ColumnType;
import java.util.Objects;

/**
 * One column of a schema snapshot.
 *
 * @param name the column's name
 * @param type its type
 */
public record SchemaColumn(String name, ColumnType type) {
    /** Rejects null parts. */
    public SchemaColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
