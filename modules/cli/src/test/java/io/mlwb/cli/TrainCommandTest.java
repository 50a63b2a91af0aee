package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.training.engine.TrainingService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlwb train} end to end: the quick baseline's JSON contract, bad input, and a training process killed with -9. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private static String csv(int n) {
        Random r = new Random(3);
        StringBuilder sb = new StringBuilder("id,signup,tenure,plan,calls,churned\n");
        String[] plans = {"basic", "plus", "pro"};
        for (int i = 0; i < n; i++) {
            double tenure = 1 + 60 * r.nextDouble();
            int plan = r.nextInt(3);
            int calls = r.nextInt(6);
            double z = -1 - 0.05 * tenure + 0.5 * calls + (plan == 0 ? 0.8 : 0);
            String y = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? "yes" : "no";
            sb.append(i).append(',').append(String.format(Locale.ROOT, "2024-%02d-%02d", 1 + i * 12 / n, 1 + i % 28))
                    .append(',').append(String.format(Locale.ROOT, "%.1f", tenure)).append(',').append(plans[plan])
                    .append(',').append(calls).append(',').append(y).append('\n');
        }
        return sb.toString();
    }

    private int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void quickBaselineWritesTheJsonContractAndTheSpec() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/churn.csv"), csv(1500));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "--project", dir.toString(), "train", "--data", "data/churn.csv", "--target",
                "churned", "--model", "mlp", "--split", "time:signup", "--json", dir.resolve("out.json").toString());
        assertEquals(0, code, err.toString());
        JsonNode doc = Json.MAPPER.readTree(dir.resolve("out.json").toFile());
        assertTrue(doc.path("run_id").isIntegralNumber(), doc.toString());
        double auc = doc.path("metrics").path("test").path("roc_auc").asDouble();
        assertTrue(auc > 0.6 && auc <= 1.0, "test roc_auc " + auc);
        assertTrue(doc.path("metrics").path("validation").has("roc_auc"));
        assertTrue(Files.exists(dir.resolve("training/churn_mlp.yaml")));
        assertTrue(out.toString().contains("Run " + doc.path("run_id").asLong()), out.toString());
    }

    @Test
    void badInputExitsTwoWithAMessageAndNoStackTrace() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/churn.csv"), csv(200));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, run(out, err, "--project", dir.toString(), "train", "--data", "data/churn.csv", "--target",
                "nope"));
        assertTrue(err.toString().contains("nope") && !err.toString().contains("at io.mlwb"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(new StringWriter(), err2, "--project", dir.toString(), "train", "--data",
                "data/churn.csv", "--target", "churned", "--split", "sideways"));
        assertTrue(err2.toString().contains("sideways"), err2.toString());
    }

    @Test
    void emptyDataACorruptCatalogAndADetachedHeadAreHandled() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/empty.csv"), "a,b,y\n");
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "--project", dir.toString(), "train", "--data", "data/empty.csv",
                "--target", "y"));
        assertTrue(err.toString().contains("no value in any row"), err.toString());
        Files.writeString(dir.resolve("data/churn.csv"), csv(400));
        Files.createDirectories(dir.resolve(".mlwb"));
        Files.writeString(dir.resolve(".mlwb/catalog.db"), "not a catalog");
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(new StringWriter(), err2, "--project", dir.toString(), "train", "--data", "data/churn.csv",
                "--target", "churned"));
        assertTrue(err2.toString().contains("not a SQLite catalog"), err2.toString());
        assertEquals("not a catalog", Files.readString(dir.resolve(".mlwb/catalog.db")), "left unchanged");
        Files.delete(dir.resolve(".mlwb/catalog.db"));
        try (io.mlwb.vcs.GitRepo repo = io.mlwb.vcs.GitRepo.init(dir)) {
            repo.commit(List.of("data/churn.csv"), "one");
            String first = repo.head().orElseThrow().sha();
            Files.writeString(dir.resolve("data/extra.txt"), "x");
            repo.commit(List.of("data/extra.txt"), "two");
            try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(dir.toFile())) {
                git.checkout().setName(first).call(); // a detached HEAD
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err3 = new StringWriter();
        assertEquals(0, run(out, err3, "--project", dir.toString(), "train", "--data", "data/churn.csv", "--target",
                "churned", "--quiet"), err3.toString());
        try (Catalog c = Catalog.open(dir.resolve(".mlwb/catalog.db"))) {
            var runRec = new RunRepository(c).list(0, 1).get(0);
            assertEquals(RunStatus.FINISHED, runRec.status());
            assertTrue(runRec.commitSha() != null && runRec.commitSha().length() == 40, String.valueOf(runRec));
        }
    }

    @Test
    void killMinusNineLosesNothingAndTheRunResumes() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("training"));
        Files.writeString(dir.resolve("data/churn.csv"), csv(6000));
        Files.writeString(dir.resolve("training/long.yaml"), """
                dataset: {name: churn, path: data/churn.csv}
                target: churned
                split: {strategy: random, stratified: true}
                model: {type: mlp, layers: [32, 16]}
                batch_size: 8
                epochs: 8
                early_stopping: {metric: val_loss, patience: 1000}
                checkpoint: {every_epochs: 1, keep_best: 1}
                seed: 5
                device: cpu
                """);
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: killed\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dmlwb.log.dir=" + dir.resolve("logs"), "io.mlwb.cli.Main",
                "--project", dir.toString(), "train", "training/long.yaml", "--quiet"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        Path db = dir.resolve(".mlwb/catalog.db");
        long runId = -1;
        int checkpoints = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && checkpoints < 2) {
            Thread.sleep(200);
            if (!Files.exists(db) || !p.isAlive()) {
                continue;
            }
            try (Catalog c = Catalog.openReadOnly(db)) {
                var runs = new RunRepository(c).list(0, 1);
                if (!runs.isEmpty()) {
                    runId = runs.get(0).id();
                    checkpoints = new RunFiles(c).checkpoints(runId).isEmpty() ? 0
                            : new RunFiles(c).latestCheckpoint(runId).get().epoch();
                }
            } catch (RuntimeException e) {
                // the child may be creating the catalog right now
            }
        }
        assertTrue(p.isAlive(), "the training ended before it could be killed: " + Files.readString(
                dir.resolve("child.log")));
        assertTrue(checkpoints >= 2, "no checkpoint within the time: " + Files.readString(dir.resolve("child.log")));
        long metricsSeen = metricPoints(db);
        p.destroyForcibly(); // SIGKILL
        p.waitFor(30, TimeUnit.SECONDS);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
        assertTrue(metricPoints(db) >= metricsSeen, "every metric written before the kill is still there");
        try (Catalog c = Catalog.open(db)) {
            assertEquals(RunStatus.RUNNING, new RunRepository(c).get(runId).orElseThrow().status());
        }
        // the next train marks it interrupted; resuming it (with fewer epochs left to run) finishes the same run
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "--project", dir.toString(), "train", "training/long.yaml", "--resume-latest",
                "--quiet");
        assertEquals(0, code, err.toString() + out);
        assertTrue(out.toString().contains("interrupted"), out.toString());
        assertTrue(out.toString().contains("Resuming run " + runId), out.toString());
        try (Catalog c = Catalog.open(db)) {
            assertEquals(RunStatus.FINISHED, new RunRepository(c).get(runId).orElseThrow().status());
            assertTrue(new RunRepository(c).tags(runId).get(TrainingService.TAG_END) != null);
        }
    }

    @Test
    void remoteExportThenImportTheMetricsTheContainerWrote() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("training"));
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: remote\n");
        Files.writeString(dir.resolve("data/churn.csv"), csv(800));
        Files.writeString(dir.resolve("training/s.yaml"), """
                dataset: {name: churn, path: data/churn.csv}
                target: churned
                model: {type: logistic_regression}
                epochs: 3
                device: cpu
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "--project", dir.toString(), "remote", "export", "training/s.yaml", "--target",
                "kubernetes", "--image", "registry.example/mlwb:1", "--output-uri", "ckpt", "--json"), err.toString());
        JsonNode exported = Json.MAPPER.readTree(out.toString());
        long runId = exported.path("run_id").asLong();
        assertTrue(Files.exists(dir.resolve(exported.path("files").get(0).asText())));
        // what the container runs: the spec with --metrics-jsonl
        Path jsonl = dir.resolve("metrics.jsonl");
        assertEquals(0, run(new StringWriter(), err, "--project", dir.toString(), "train", "training/s.yaml",
                "--resume-latest", "--metrics-jsonl", jsonl.toString(), "--quiet"), err.toString());
        assertTrue(Files.readAllLines(jsonl).size() >= 3 * 2, "epoch and final metrics");
        StringWriter imported = new StringWriter();
        assertEquals(0, run(imported, err, "--project", dir.toString(), "remote", "import", Long.toString(runId),
                jsonl.toString(), "--json"), err.toString());
        assertTrue(Json.MAPPER.readTree(imported.toString()).path("points").asInt() > 0, imported.toString());
        try (Catalog c = Catalog.open(dir.resolve(".mlwb/catalog.db"))) {
            assertEquals(RunStatus.FINISHED, new RunRepository(c).get(runId).orElseThrow().status());
            assertTrue(new io.mlwb.catalog.metrics.MetricSeriesReader(c).names(runId).contains("test/roc_auc"));
        }
        StringWriter bad = new StringWriter();
        assertEquals(2, run(new StringWriter(), bad, "--project", dir.toString(), "remote", "export", "training/s.yaml",
                "--target", "sagemaker", "--image", "i", "--data-uri", "gs://x", "--output-uri", "s3://o",
                "--role-arn", "arn:aws:iam::1:role/r"));
        assertTrue(bad.toString().contains("--data-uri"), bad.toString());
    }

    private static long metricPoints(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(sum(n), 0) FROM metric_block")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
