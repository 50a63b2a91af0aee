package io.mlwb.tracking.registry;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Finished runs that the registry accepts, for tests: a run row with its commit and a model artifact written in the
 * format {@code ModelArtifact} writes ({@code model.json} and {@code signature.json}; the CLI tests register models
 * really trained).
 */
public final class RegistrableRuns {
    /** A binary classifier's signature: two inputs, a probability and a label. */
    public static final String SIGNATURE = """
            {"inputs": [{"name": "tenure", "kind": "numeric", "nullable": true},
                        {"name": "plan", "kind": "categorical", "nullable": true}],
             "output": {"probability": "P(churned = yes)", "label": "churned"}}""";

    private RegistrableRuns() {
    }

    /**
     * @param catalog   the catalog
     * @param root      the project root (the model file goes under {@code .mlwb/runs/<id>/})
     * @param commit    the run's commit, or null
     * @param name      the run's name
     * @param signature the model's signature JSON
     * @param cost      the run's cost, or null
     * @param parent    its sweep, or null
     * @return the finished run's id
     * @throws Exception when the file cannot be written
     */
    public static long finished(Catalog catalog, Path root, String commit, String name, String signature, Double cost,
                                Long parent) throws Exception {
        RunRepository runs = new RunRepository(catalog);
        long id = runs.create(NewRun.named(name).withPlacement(null, parent).withGit(commit, false, null)
                .withStartedAt(Instant.ofEpochMilli(1000))).id();
        Path zip = root.resolve(".mlwb/runs/" + id + "/model.zip");
        Files.createDirectories(zip.getParent());
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(raw)) {
            z.putNextEntry(new ZipEntry("model.json"));
            z.write("{\"format\":1,\"task\":\"classification\",\"positive_class\":\"yes\"}"
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("signature.json"));
            z.write(signature.getBytes(StandardCharsets.UTF_8));
        }
        new RunFiles(catalog).addArtifact(id, "model", ".mlwb/runs/" + id + "/model.zip",
                Fingerprints.fingerprint(zip).sha256(), Files.size(zip));
        runs.finish(id, RunStatus.FINISHED, Instant.ofEpochMilli(5000), cost);
        return id;
    }
}
