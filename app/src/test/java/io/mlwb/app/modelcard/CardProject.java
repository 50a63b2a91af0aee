package io.mlwb.app.modelcard;

import io.mlwb.app.shell.OpenProject;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.project.NamingRules;
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
 * A real project for the card editor's tests: a git repository with {@code mlwb.yaml} (risk tier as given), opened as
 * the workbench opens it (real catalog), one finished run registered as model {@code credit}, and its card written by
 * {@link CardService#create} as Ada.
 */
final class CardProject implements AutoCloseable {
    static final Author ADA = new Author("Ada", "ada@example.com");
    static final Author BOB = new Author("Bob", "bob@example.com");

    final Path root;
    final OpenProject project;
    final Catalog catalog;
    final CardService cards;
    final Path card;

    CardProject(Path root, String tier) throws Exception {
        this.root = root;
        Files.writeString(root.resolve("mlwb.yaml"), "name: credit\nrisk_tier: " + tier + "\nowner: risk-team\n"
                + "model_card:\n  license: apache-2.0\n");
        Files.writeString(root.resolve(".gitignore"), ".mlwb/\n");
        String commit;
        try (GitRepo git = GitRepo.init(root)) {
            commit = git.commit(List.of("mlwb.yaml", ".gitignore"), "project").sha();
        }
        project = OpenProject.open(root);
        catalog = project.catalog().orElseThrow();
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
            z.write(("{\"inputs\": [{\"name\": \"income\", \"kind\": \"numeric\", \"nullable\": true}],"
                    + " \"output\": {\"probability\": \"P(default = yes)\", \"label\": \"default\"}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        new RunFiles(catalog).addArtifact(id, "model", ".mlwb/runs/" + id + "/model.zip",
                Fingerprints.fingerprint(zip).sha256(), Files.size(zip));
        runs.finish(id, RunStatus.FINISHED, Instant.ofEpochMilli(5000), null);
        registry().register(id, "credit", null, null, false, "ada");
        cards = new CardService(catalog, project.config().orElseThrow());
        card = cards.create(ModelRef.parse("credit@1"), ADA);
    }

    ModelRegistry registry() {
        return new ModelRegistry(catalog, root, NamingRules.none());
    }

    @Override
    public void close() {
        project.close();
    }
}
