package io.mlwb.data.history;

import io.mlwb.data.quality.SchemaSnapshot;
import java.util.Objects;

/**
 * A schema approved as a dataset's reference (recorded in the catalog with an {@code approve_schema} audit entry).
 *
 * @param datasetName the dataset
 * @param schema      the schema approved
 * @param actor       who approved it, {@code Name <email>} from the git identity
 */
public record ApprovedSchema(String datasetName, SchemaSnapshot schema, String actor) {
    /** Rejects null parts. */
    public ApprovedSchema {
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(actor, "actor");
    }
}
