package io.mlwb.app.registry;

import io.mlwb.app.shell.OpenProject;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.project.NamingRules;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A real project for the registry pane's tests: a git repository with one commit and {@code mlwb.yaml}, opened as
 * the workbench opens it (real catalog), and finished runs whose model files are written in the format the training
 * engine writes ({@code model.json} + {@code signature.json} in a zip), as {@code ModelRegistryTest} makes them.
 */
final class RegistryProject implements AutoCloseable {
    /** A churn classifier's signature: two nullable inputs, a probability and a label. */
    static final String SIG = """
            {"inputs": [{"name": "tenure", "kind": "numeric", "nullable": true},
                        {"name": "plan", "kind": "categorical", "nullable": true}],
             "output": {"probability": "P(churned = yes)", "label": "churned"}}""";
    /** The same with {@code plan} turned numeric: breaks the callers of a version with {@link #SIG}. */
    static final String RETYPED = SIG.replace("\"plan\", \"kind\": \"categorical\"", "\"plan\", \"kind\": \"numeric\"");

    final Path root;
    final String commit;
    final OpenProject project;
    final Catalog catalog;

    RegistryProject(Path root) throws Exception {
        this.root = root;
        Files.writeString(root.resolve("mlwb.yaml"), "name: registry\n");
        Files.writeString(root.resolve(".gitignore"), ".mlwb/\n");
        try (GitRepo git = GitRepo.init(root)) {
            commit = git.commit(List.of("mlwb.yaml", ".gitignore"), "project").sha();
        }
        project = OpenProject.open(root);
        catalog = project.catalog().orElseThrow();
    }

    /** @return the registry the panes use */
    ModelRegistry registry() {
        return new ModelRegistry(catalog, root, NamingRules.none());
    }

    /**
     * @param name      the run's name
     * @param signature its model's signature JSON
     * @param cost      its estimated cost, or null
     * @return a finished run with a model artifact, trained from the project's commit
     */
    long run(String name, String signature, Double cost) throws Exception {
        RunRepository runs = new RunRepository(catalog);
        long id = runs.create(NewRun.named(name).withGit(commit, false, null).withStartedAt(Instant.ofEpochMilli(1000)))
                .id();
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

    @Override
    public void close() {
        project.close();
    }
}
