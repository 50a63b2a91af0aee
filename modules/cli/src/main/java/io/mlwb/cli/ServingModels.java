package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves {@code NAME@VERSION} or {@code NAME@ALIAS} to the registered version and its model artifact. */
final class ServingModels {
    private ServingModels() {
    }

    /**
     * @param version  the registered version (an alias already resolved)
     * @param artifact its {@code model.zip}
     */
    record Resolved(ModelVersion version, Path artifact) {
    }

    static Resolved resolve(Project p, String refText) {
        ModelRef ref = ModelRef.parse(refText);
        ModelVersion v;
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            v = ModelRegistry.of(catalog, p).resolve(ref);
        }
        if (v.artifactPath() == null) {
            throw new UserError(v.ref() + " has no model artifact (its run is gone).",
                    "Serve another version; see `mlwb models show " + v.model() + "`.", ExitCode.BAD_INPUT, null);
        }
        Path zip = p.root().resolve(v.artifactPath());
        if (!Files.isRegularFile(zip)) {
            throw new UserError("The model artifact of " + v.ref() + " is missing: " + zip + ".",
                    "Retrain its run, or serve another version.", ExitCode.BAD_INPUT, null);
        }
        return new Resolved(v, zip);
    }
}
