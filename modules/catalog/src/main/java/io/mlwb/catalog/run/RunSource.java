package io.mlwb.catalog.run;

import java.util.Objects;

/**
 * Where an imported run came from ({@code run_source}).
 *
 * @param kind     {@code mlflow}, {@code tensorboard} or {@code dvclive}
 * @param sourceId the run's id in the source
 * @param path     the imported store, log dir or folder (absolute, normalized)
 */
public record RunSource(String kind, String sourceId, String path) {
    /** Checks that nothing is missing. */
    public RunSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(path, "path");
    }
}
