package io.mlwb.app.review;

import io.mlwb.app.shell.OpenProject;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.project.NamingRules;
import io.mlwb.core.project.Project;
import io.mlwb.modelcard.CardService;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.vcs.Author;
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
 * A real project for the review pane's tests: a git repository (mlwb.yaml, a dataset) opened as the workbench opens it,
 * a finished run trained from its commit, registered as {@code churn@1} (which tags {@code model/churn/v1}), and the
 * card {@code model-cards/churn.md} written by {@link CardService} after the tag (so the tag has no card, as with
 * {@code mlwb models register} then {@code mlwb card new}), every section filled by hand.
 */
final class ReviewProject implements AutoCloseable {
    static final Author ADA = new Author("Ada", "ada@example.com");
    static final Author BOB = new Author("Bob", "bob@example.com");
    private static final String SIG = """
            {"inputs": [{"name": "tenure", "kind": "numeric", "nullable": true}],
             "output": {"probability": "P(churned = yes)", "label": "churned"}}""";

    final Path root;
    final OpenProject project;
    final Catalog catalog;
    final Project config;

    ReviewProject(Path root) throws Exception {
        this.root = root;
        Files.writeString(root.resolve("mlwb.yaml"), "name: churn\nrisk_tier: medium\n");
        Files.writeString(root.resolve(".gitignore"), ".mlwb/\n");
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/churn.csv"), "tenure,churned\n1,yes\n5,no\n");
        String commit;
        try (GitRepo git = GitRepo.init(root)) {
            commit = git.commit(List.of("mlwb.yaml", ".gitignore", "data/churn.csv"), "project").sha();
        }
        project = OpenProject.open(root);
        catalog = project.catalog().orElseThrow();
        config = project.config().orElseThrow();
        RunRepository runs = new RunRepository(catalog);
        long id = runs.create(NewRun.named("baseline").withGit(commit, false, null)
                .withStartedAt(Instant.ofEpochMilli(1000))).id();
        Path zip = root.resolve(".mlwb/runs/" + id + "/model.zip");
        Files.createDirectories(zip.getParent());
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(raw)) {
            z.putNextEntry(new ZipEntry("model.json"));
            z.write("{\"format\":1,\"task\":\"classification\",\"positive_class\":\"yes\"}"
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("signature.json"));
            z.write(SIG.getBytes(StandardCharsets.UTF_8));
        }
        new RunFiles(catalog).addArtifact(id, "model", ".mlwb/runs/" + id + "/model.zip",
                Fingerprints.fingerprint(zip).sha256(), Files.size(zip));
        runs.finish(id, RunStatus.FINISHED, Instant.ofEpochMilli(5000), null);
        new ModelRegistry(catalog, root, NamingRules.none()).register(id, "churn", null, null, false, "ada");
        Path card = cards().create(ModelRef.parse("churn@1"), ADA);
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readString(card).split("\n", -1)) {
            sb.append(line).append('\n');
            if (line.startsWith("## ")) {
                sb.append("\nWritten by hand for ").append(line.substring(3)).append(".\n");
            }
        }
        Files.writeString(card, sb.substring(0, sb.length() - 1));
    }

    /** @return the cards of the project's work tree */
    CardService cards() {
        return new CardService(catalog, config);
    }

    @Override
    public void close() {
        project.close();
    }
}
