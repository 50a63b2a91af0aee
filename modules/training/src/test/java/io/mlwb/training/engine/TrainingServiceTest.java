package io.mlwb.training.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.audit.AuditEntry;
import io.mlwb.catalog.metrics.MetricSeriesReader;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRecord;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.ProjectConfig;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real training through the service: a real CSV, a real catalog, DJL on the CPU. */
class TrainingServiceTest {
    @TempDir
    Path root;

    private Project project;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/loans.csv"), loans(900, 7));
        project = new Project(root, ProjectConfig.named("t"), List.of());
    }

    /** A binary target that depends on two numbers and a category, with dates and some missing cells. */
    static String loans(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("loan_id,applied,income,score,region,note,defaulted\n");
        String[] regions = {"north", "south", "east", "west"};
        for (int i = 0; i < n; i++) {
            double income = 30 + 70 * r.nextDouble();
            double score = r.nextGaussian();
            int region = r.nextInt(4);
            double z = -1.0 - 0.04 * (income - 60) - 1.2 * score + (region == 2 ? 0.9 : 0);
            int y = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
            sb.append(i + 1).append(',').append(String.format(Locale.ROOT, "2024-%02d-%02d", 1 + i * 12 / n,
                    1 + i % 28)).append(',').append(i % 37 == 0 ? "" : String.format(Locale.ROOT, "%.2f", income))
                    .append(',').append(String.format(Locale.ROOT, "%.3f", score)).append(',')
                    .append(regions[region]).append(',').append(i % 3 == 0 ? "repeat customer" : "")
                    .append(',').append(y).append('\n');
        }
        return sb.toString();
    }

    private TrainingService service(Catalog catalog) {
        return new TrainingService(project, null, catalog,
                new TrainingSettings(0.1, 2.5, 0, true), Clock.systemUTC());
    }

    private Path spec(String name, String extra) throws Exception {
        Path dir = Files.createDirectories(root.resolve("training"));
        Path f = dir.resolve(name);
        Files.writeString(f, """
                dataset: {name: loans, path: data/loans.csv}
                target: defaulted
                split: {strategy: time, time_column: applied, validation_fraction: 0.15, test_fraction: 0.2}
                model: {type: mlp, layers: [16, 8], dropout: 0.1, batch_norm: true}
                optimizer: {type: adamw, learning_rate: 0.01, weight_decay: 0.001}
                batch_size: 64
                epochs: 6
                early_stopping: {metric: val_loss, mode: min, patience: 50}
                checkpoint: {every_epochs: 1, keep_best: 2}
                seed: 11
                device: cpu
                """ + extra);
        return root.relativize(f);
    }

    @Test
    void trainsRecordsAndWritesTheModelArtifact() throws Exception {
        Path spec = spec("mlp.yaml", "");
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainResult r = service(catalog).train(TrainRequest.spec(spec, List.of()), null, null, Progress.NONE);
            assertEquals(RunStatus.FINISHED, r.status());
            assertEquals(6, r.epochs());
            double auc = r.metrics().get("test").get("roc_auc");
            assertTrue(auc > 0.7 && auc <= 1, "test AUC " + auc);
            RunRecord run = new RunRepository(catalog).get(r.runId()).orElseThrow();
            assertEquals(RunStatus.FINISHED, run.status());
            assertEquals(11L, run.seed());
            assertTrue(run.specJson().contains("layers"));
            assertTrue(run.versionsJson().contains("pytorch"));
            assertNotNull(run.costUsd());
            assertEquals(1, new RunRepository(catalog).inputs(r.runId()).size());
            assertFalse(new MetricSeriesReader(catalog).names(r.runId()).isEmpty());
            // keep best 2 + the latest
            List<RunFiles.Checkpoint> cps = new RunFiles(catalog).checkpoints(r.runId());
            assertTrue(cps.size() >= 2 && cps.size() <= 3, "checkpoints " + cps);
            for (RunFiles.Checkpoint c : cps) {
                assertTrue(Files.exists(root.resolve(c.path())), c.path());
            }
            try (ZipFile zip = new ZipFile(r.model().toFile())) {
                for (String e : List.of("model.params", "model.json", "preprocessing.json", "signature.json",
                        "spec.yaml")) {
                    assertNotNull(zip.getEntry(e), e);
                }
            }
            List<String> actions = new AuditLog(catalog).list(0, 100).stream().map(AuditEntry::action).toList();
            assertTrue(actions.contains(TrainingService.AUDIT_START) && actions.contains(TrainingService.AUDIT_FINISH),
                    actions.toString());
            List<String> kinds = new RunFiles(catalog).artifacts(r.runId()).stream().map(RunFiles.Artifact::kind)
                    .toList();
            assertTrue(kinds.containsAll(List.of("model", "evaluation", "predictions", "explanation", "split")),
                    kinds.toString());
            for (String metric : List.of("precision", "recall", "f1", "pr_auc", "log_loss", "brier")) {
                assertTrue(r.metrics().get("test").containsKey(metric), metric);
            }
            var explanation = TrainingService.json().readTree(r.runDir().resolve("explanation.json").toFile());
            // z = -0.04 (income - 60) - 1.2 score + ...: score's effect has the larger spread (1.2 vs 0.8 per sd)
            var importances = explanation.path("permutation_importance").path("importances");
            assertEquals("score", importances.get(0).path("name").asText(), importances.toString());
            assertEquals("income", importances.get(1).path("name").asText(), importances.toString());
            var predictions = Files.readAllLines(r.runDir().resolve("predictions-test.csv"));
            assertEquals("row,defaulted,prediction,predicted_label", predictions.get(0));
            assertEquals(1 + r.metrics().get("test").get("rows"), predictions.size(), 1e-9);
        }
    }

    @Test
    void sameSpecAndSeedGiveBitIdenticalMetrics() throws Exception {
        Path spec = spec("mlp.yaml", "");
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainResult a = service(catalog).train(TrainRequest.spec(spec, List.of()), null, null, Progress.NONE);
            TrainResult b = service(catalog).train(TrainRequest.spec(spec, List.of()), null, null, Progress.NONE);
            assertEquals(a.metrics(), b.metrics());
            TrainResult c = service(catalog).train(TrainRequest.spec(spec, List.of("seed=12")), null, null,
                    Progress.NONE);
            assertFalse(a.metrics().equals(c.metrics()), "another seed must give other weights");
        }
    }

    @Test
    void aRunStoppedAndResumedEqualsTheUninterruptedRun() throws Exception {
        Path spec = spec("mlp.yaml", "");
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainResult whole = service(catalog).train(TrainRequest.spec(spec, List.of()), null, null, Progress.NONE);
            TrainingControl control = new TrainingControl();
            TrainingListener stopAfter3 = new TrainingListener() {
                @Override
                public void onEpoch(EpochReport r) {
                    if (r.epoch() == 3) {
                        control.stop();
                    }
                }
            };
            TrainResult stopped = service(catalog).train(TrainRequest.spec(spec, List.of()), stopAfter3, control,
                    Progress.NONE);
            assertEquals(RunStatus.STOPPED, stopped.status());
            assertEquals(3, stopped.epochs());
            TrainResult resumed = service(catalog).train(TrainRequest.resume(stopped.runId()), null, null,
                    Progress.NONE);
            assertEquals(stopped.runId(), resumed.runId());
            assertEquals(RunStatus.FINISHED, resumed.status());
            assertEquals(whole.metrics(), resumed.metrics(), "resumed from epoch 3 must equal the uninterrupted run");
            List<String> actions = new AuditLog(catalog).list(0, 100).stream().map(AuditEntry::action).toList();
            assertTrue(actions.contains(TrainingService.AUDIT_STOP) && actions.contains(TrainingService.AUDIT_RESUME),
                    actions.toString());
        }
    }

    @Test
    void aNewRunFromAnEarlierCheckpointContinuesExactlyAsTheOriginalDid() throws Exception {
        Path spec = spec("mlp.yaml", "");
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainResult whole = service(catalog).train(TrainRequest.spec(spec, List.of()), null, null, Progress.NONE);
            List<io.mlwb.catalog.run.RunFiles.Checkpoint> kept = new io.mlwb.catalog.run.RunFiles(catalog)
                    .checkpoints(whole.runId()).stream()
                    .filter(c -> Files.exists(root.resolve(c.path())) && c.epoch() < whole.epochs())
                    .toList();
            assertFalse(kept.isEmpty(), "a checkpoint before the last epoch is kept");
            io.mlwb.catalog.run.RunFiles.Checkpoint from = kept.get(0);
            TrainResult fork = service(catalog).train(TrainRequest.fromCheckpoint(whole.runId(), from.id(), List.of()),
                    null, null, Progress.NONE);
            assertTrue(fork.runId() != whole.runId(), "a new run");
            assertEquals(RunStatus.FINISHED, fork.status());
            assertEquals(whole.metrics(), fork.metrics(), "continuing from epoch " + from.epoch() + " is deterministic");
            RunRepository runs = new RunRepository(catalog);
            assertEquals(whole.runId() + "@" + from.epoch(), runs.tags(fork.runId()).get(TrainingService
                    .TAG_FORKED_FROM));
            assertTrue(runs.get(fork.runId()).orElseThrow().name().endsWith("from epoch " + from.epoch()));
            io.mlwb.catalog.metrics.MetricSeriesReader reader = new io.mlwb.catalog.metrics.MetricSeriesReader(catalog);
            io.mlwb.catalog.metrics.MetricSeries a = reader.read(whole.runId(), "epoch/val_loss",
                    io.mlwb.catalog.metrics.MetricKind.EVAL);
            io.mlwb.catalog.metrics.MetricSeries b = reader.read(fork.runId(), "epoch/val_loss",
                    io.mlwb.catalog.metrics.MetricKind.EVAL);
            assertEquals(java.util.Arrays.toString(a.steps()), java.util.Arrays.toString(b.steps()),
                    "the copied history and the new epochs make one series");
            assertEquals(java.util.Arrays.toString(a.values()), java.util.Arrays.toString(b.values()));
            List<String> actions = new AuditLog(catalog).list(0, 200).stream().map(AuditEntry::action).toList();
            assertTrue(actions.contains(TrainingService.AUDIT_FORK), actions.toString());

            // with an override the new run trains on from there under the changed spec
            TrainResult longer = service(catalog).train(TrainRequest.fromCheckpoint(whole.runId(), from.id(),
                    List.of("optimizer.learning_rate=0.0001")), null, null, Progress.NONE);
            assertFalse(whole.metrics().equals(longer.metrics()), "another learning rate after the checkpoint");
            UserError none = assertThrows(UserError.class, () -> service(catalog).train(
                    TrainRequest.fromCheckpoint(whole.runId(), 99_999, List.of()), null, null, Progress.NONE));
            assertTrue(none.getMessage().contains("has no checkpoint 99999"), none.getMessage());
        }
    }

    @Test
    void aSavedModelScoresNewDataAsTrainingScoredItsTestSplit() throws Exception {
        Path spec = spec("mlp.yaml", "");
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainResult r = service(catalog).train(TrainRequest.spec(spec, List.of()), null, null, Progress.NONE);
            io.mlwb.data.table.DataTable table = new io.mlwb.data.read.TableReader().read(root.resolve(
                    "data/loans.csv"), io.mlwb.data.read.ReadOptions.defaults(), Progress.NONE).table();
            List<String> lines = Files.readAllLines(r.runDir().resolve("predictions-test.csv"));
            List<String> head = List.of(lines.get(0).split(","));
            int rowCol = head.indexOf("row");
            int predCol = head.indexOf("prediction");
            int labelCol = head.indexOf("predicted_label");
            try (SavedModel m = SavedModel.load(r.model())) {
                assertEquals("defaulted", m.target());
                assertTrue(m.inputs().contains("income"), m.inputs().toString());
                SavedModel.Scores s = m.predict(table);
                assertEquals(table.rowCount(), s.score().length);
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",");
                    int row = Integer.parseInt(f[rowCol]) - 1;
                    assertEquals(Double.parseDouble(f[predCol]), s.score()[row], 1e-6, "row " + row);
                    assertEquals(f[labelCol], s.label()[row], "row " + row);
                }
                io.mlwb.data.table.DataTable without = new io.mlwb.data.table.DataTable(table.rowCount(),
                        table.columns().stream().filter(c -> !c.name().equals("income")).toList());
                UserError missing = assertThrows(UserError.class, () -> m.predict(without));
                assertTrue(missing.getMessage().contains("no column 'income'"), missing.getMessage());
            }
            UserError none = assertThrows(UserError.class, () -> SavedModel.load(root.resolve("nope.zip")));
            assertTrue(none.getMessage().contains("nope.zip"), none.getMessage());
        }
    }

    @Test
    void aDivergingLossStopsWithAClearMessageAndKeepsTheCheckpoint() throws Exception {
        // a feature of 1e30 without standardizing, and a large SGD step: the logits overflow within a few steps
        StringBuilder huge = new StringBuilder("x,y\n");
        for (int i = 0; i < 200; i++) {
            huge.append(i % 2 == 0 ? "1e30" : "-1e30").append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
        }
        Files.writeString(root.resolve("data/huge.csv"), huge.toString());
        Path spec = spec("bad.yaml", "");
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            UserError e = assertThrows(UserError.class, () -> service(catalog).train(TrainRequest.spec(spec,
                    List.of("dataset.path=data/huge.csv", "dataset.name=huge", "target=y", "split.strategy=random",
                            "optimizer.learning_rate=10", "optimizer.type=sgd", "model.batch_norm=false",
                            "preprocessing.standardize=false")), null, null, Progress.NONE));
            assertTrue(e.getMessage().contains("loss became"), e.getMessage());
            RunRecord run = new RunRepository(catalog).list(0, 1).get(0);
            assertEquals(RunStatus.FAILED, run.status());
        }
    }

    @Test
    void badInputIsAUserErrorNamingTheProblem() throws Exception {
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainingService s = service(catalog);
            UserError missing = assertThrows(UserError.class, () -> s.train(TrainRequest.quick(
                    new TrainRequest.Quick(Path.of("data/loans.csv"), "nope", null, null)), null, null, Progress.NONE));
            assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
            Files.writeString(root.resolve("data/one.csv"), "a,b\n" + "1,0\n".repeat(50));
            UserError oneClass = assertThrows(UserError.class, () -> s.train(TrainRequest.quick(
                    new TrainRequest.Quick(Path.of("data/one.csv"), "b", null, null)), null, null, Progress.NONE));
            assertTrue(oneClass.getMessage().contains("one class"), oneClass.getMessage());
            UserError noFile = assertThrows(UserError.class, () -> s.train(TrainRequest.quick(
                    new TrainRequest.Quick(Path.of("data/absent.csv"), "b", null, null)), null, null, Progress.NONE));
            assertTrue(noFile.getMessage().contains("absent.csv"), noFile.getMessage());
            UserError badSet = assertThrows(UserError.class, () -> s.train(TrainRequest.spec(spec("x.yaml", ""),
                    List.of("optimizer.learning_rate=-1")), null, null, Progress.NONE));
            assertTrue(badSet.getMessage().contains("learning_rate"), badSet.getMessage());
        }
    }

    @Test
    void quickBaselineWritesTheSpecItUsedAndTrainsItAgainTheSame() throws Exception {
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainResult q = service(catalog).train(TrainRequest.quick(new TrainRequest.Quick(
                    Path.of("data/loans.csv"), "defaulted", "logistic", "time:applied")), null, null, Progress.NONE);
            assertEquals(root.resolve("training/loans_logistic.yaml"), q.specFile());
            assertTrue(q.warnings().stream().anyMatch(w -> w.contains("loan_id")), q.warnings().toString());
            TrainResult again = service(catalog).train(TrainRequest.spec(root.relativize(q.specFile()), List.of()),
                    null, null, Progress.NONE);
            assertEquals(q.metrics(), again.metrics());
        }
    }

    @Test
    void aRunWhoseProcessDiedIsMarkedInterruptedNotRunningForever() throws Exception {
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            RunRepository runs = new RunRepository(catalog);
            RunRecord ghost = runs.create(NewRun.named("ghost").withStartedAt(java.time.Instant.now())
                    .withDetails(Map.of(), Map.of("mlwb.pid", "999999999", "mlwb.host", hostName()), List.of()));
            assertEquals(RunStatus.RUNNING, ghost.status());
            List<Long> marked = service(catalog).markInterrupted();
            assertEquals(List.of(ghost.id()), marked);
            assertEquals(RunStatus.STOPPED, runs.get(ghost.id()).orElseThrow().status());
            assertEquals("interrupted", runs.tags(ghost.id()).get(TrainingService.TAG_END));
        }
    }

    @Test
    void recordsTheGitCommitAndTheDiffOfDirtyFiles() throws Exception {
        Path spec = spec("mlp.yaml", "");
        try (GitRepo repo = GitRepo.init(root)) {
            repo.commit(List.of("data/loans.csv", spec.toString()), "data and spec");
            Files.writeString(root.resolve(spec), Files.readString(root.resolve(spec)).replace("epochs: 6",
                    "epochs: 2"));
            try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
                TrainResult r = new TrainingService(project, repo, catalog, new TrainingSettings(0.1, 2.5, 0, true),
                        Clock.systemUTC()).train(TrainRequest.spec(spec, List.of()), null, null, Progress.NONE);
                RunRecord run = new RunRepository(catalog).get(r.runId()).orElseThrow();
                assertEquals(repo.head().orElseThrow().sha(), run.commitSha());
                assertEquals(Boolean.TRUE, run.dirty());
                assertTrue(run.dirtyDiff().contains("epochs: 2"), run.dirtyDiff());
                assertTrue(new RunFiles(catalog).artifacts(r.runId()).stream().anyMatch(a -> a.kind().equals("diff")));
            }
        }
    }

    @Test
    void aPinnedDatasetVersionTrainsOnTheFileAsCommittedThere() throws Exception {
        Path spec = spec("mlp.yaml", "");
        try (GitRepo repo = GitRepo.init(root)) {
            repo.commit(List.of("data/loans.csv", spec.toString()), "data and spec");
            Files.writeString(root.resolve("data/loans.csv"), loans(300, 99));
            try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
                TrainingService s = new TrainingService(project, repo, catalog, new TrainingSettings(0.1, 2.5, 0, true),
                        Clock.systemUTC());
                TrainResult pinned = s.train(TrainRequest.spec(spec, List.of("dataset.version=HEAD")), null, null,
                        Progress.NONE);
                TrainResult working = s.train(TrainRequest.spec(spec, List.of()), null, null, Progress.NONE);
                double rowsPinned = pinned.metrics().get("test").get("rows");
                double rowsWorking = working.metrics().get("test").get("rows");
                assertEquals(180.0, rowsPinned, "900 committed rows, 20 % test");
                assertEquals(60.0, rowsWorking, "300 rows in the working copy");
            }
        }
    }

    @Test
    void runsCarryCostTagsAndCrossingTheBudgetWarns() throws Exception {
        Path spec = spec("mlp.yaml", "");
        project = new Project(root, new ProjectConfig(1, "t", null, null, null, List.of(), null, null, null,
                new io.mlwb.core.project.CostConfig("credit", "risk-team", "CC-42", 1000.0, null, 0.0001)), List.of());
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainResult r = service(catalog).train(TrainRequest.spec(spec, List.of()), null, null, Progress.NONE);
            Map<String, String> tags = new RunRepository(catalog).tags(r.runId());
            assertEquals("credit", tags.get("project"));
            assertEquals("risk-team", tags.get("team"));
            assertEquals("CC-42", tags.get("cost_centre"));
            assertTrue(r.costUsd() > 0, "1000 USD per CPU-hour gives a visible cost");
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("budget")), r.warnings().toString());
        }
    }

    @Test
    void fairnessMitigationStoresBeforeAndAfterSideBySide() throws Exception {
        // a group that the model sees through income: its selection rates differ a lot before mitigation
        Random rnd = new Random(5);
        StringBuilder sb = new StringBuilder("applied,income,score,grp,defaulted\n");
        for (int i = 0; i < 4000; i++) {
            double income = 30 + 70 * rnd.nextDouble();
            double score = rnd.nextGaussian();
            String grp = income + 15 * rnd.nextGaussian() > 65 ? "a" : "b";
            double z = -0.6 - 0.06 * (income - 60) - 0.8 * score;
            sb.append(String.format(Locale.ROOT, "2024-01-%02d,%.2f,%.3f,%s,%d%n", 1 + i % 28, income, score, grp,
                    rnd.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0));
        }
        Files.writeString(root.resolve("data/loans.csv"), sb.toString());
        Path spec = spec("fair.yaml", "fairness: {attribute: grp, mitigation: group_thresholds}\n");
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainResult r = service(catalog).train(TrainRequest.spec(spec, List.of("model.type=logistic_regression",
                    "split.strategy=random")), null, null, Progress.NONE);
            var m = TrainingService.json().readTree(r.runDir().resolve("evaluation.json").toFile()).path("mitigation");
            assertEquals("group_thresholds", m.path("method").asText(), m.toString());
            double before = m.path("before").path("fairness").path("demographic_parity_difference").asDouble();
            double after = m.path("after").path("fairness").path("demographic_parity_difference").asDouble();
            assertTrue(after < before, "per-group thresholds narrow the selection-rate gap: " + before + " -> " + after);
            assertTrue(m.path("after").path("performance").has("f1"));

            TrainResult rw = service(catalog).train(TrainRequest.spec(spec, List.of("model.type=logistic_regression",
                    "split.strategy=random", "fairness.mitigation=reweighing")), null, null, Progress.NONE);
            var w = TrainingService.json().readTree(rw.runDir().resolve("evaluation.json").toFile()).path("mitigation");
            assertEquals("reweighing", w.path("method").asText());
            double wb = w.path("before").path("fairness").path("demographic_parity_difference").asDouble();
            double wa = w.path("after").path("fairness").path("demographic_parity_difference").asDouble();
            assertTrue(wa < wb, "reweighing narrows the gap: " + wb + " -> " + wa);
            assertTrue(r.runDir().resolve("evaluation.json").toFile().length() > 0);
            assertFalse(Files.exists(rw.runDir().resolve("twin-without-reweighing")), "the twin's files are gone");
        }
    }

    @Test
    void telemetryIsRecordedAsSystemMetricsOfTheRun() throws Exception {
        Path spec = spec("mlp.yaml", "");
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainResult r = new TrainingService(project, null, catalog, new TrainingSettings(0.1, 2.5, 20, true),
                    Clock.systemUTC()).train(TrainRequest.spec(spec, List.of("epochs=12")), null, null,
                    Progress.NONE);
            List<String> names = new MetricSeriesReader(catalog).names(r.runId());
            assertTrue(names.contains("sys/cpu_percent") && names.contains("sys/process_rss_bytes"), names.toString());
            RunRecord run = new RunRepository(catalog).get(r.runId()).orElseThrow();
            assertTrue(run.hardwareJson().contains("cpu_model") && run.hardwareJson().contains("no_gpu_reason"),
                    run.hardwareJson());
        }
    }

    @Test
    void aThreeClassTargetTrainsASoftmaxWithMultiClassMetricsExplanationsAndFairness() throws Exception {
        // x1 decides the class (three bands), x2 nudges it a little, noise does nothing; grp is sensitive
        Random rnd = new Random(8);
        StringBuilder sb = new StringBuilder("x1,x2,noise,grp,kind\n");
        for (int i = 0; i < 1500; i++) {
            double a = rnd.nextGaussian();
            double b = rnd.nextGaussian();
            double t = a + 0.25 * b + 0.2 * rnd.nextGaussian();
            String kind = t < -0.5 ? "alpha" : t > 0.5 ? "gamma" : "beta";
            String grp = i % 50 == 0 ? "" : rnd.nextBoolean() ? "u" : "v";
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%s,%s%n", a, b, rnd.nextGaussian(), grp, kind));
        }
        Files.writeString(root.resolve("data/kinds.csv"), sb.toString());
        project = new Project(root, new ProjectConfig(ProjectConfig.SCHEMA_VERSION, "t", null, null, null,
                List.of(new io.mlwb.core.project.DatasetConfig("kinds", "data/kinds.csv", null, null, null, null, null,
                        null, null, List.of("grp"), null, null)), null, null, null), List.of());
        try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
            TrainResult r = service(catalog).train(TrainRequest.quick(new TrainRequest.Quick(
                    Path.of("data/kinds.csv"), "kind", "mlp", "stratified")), null, null, Progress.NONE);
            assertTrue(Files.readString(r.specFile()).contains("cross_entropy"));
            Map<String, Double> test = r.metrics().get("test");
            assertTrue(test.get("accuracy") > 0.75, "three separable classes: " + test);
            assertTrue(test.containsKey("macro_f1") && test.containsKey("log_loss"), test.toString());
            assertFalse(r.warnings().stream().anyMatch(w -> w.contains("explanation")), r.warnings().toString());
            var eval = TrainingService.json().readTree(r.runDir().resolve("evaluation.json").toFile());
            assertEquals(3, eval.path("test").path("confusion").size());
            assertEquals("alpha", eval.path("test").path("classes").get(0).asText());
            assertEquals(3, eval.path("test").path("per_class").size());
            assertTrue(eval.path("test").path("one_vs_rest").get(0).path("roc_auc").asDouble() > 0.8,
                    eval.path("test").path("one_vs_rest").toString());
            var fair = eval.path("test").path("fairness").path("grp");
            List<String> groups = new java.util.ArrayList<>();
            fair.path("groups").forEach(g -> groups.add(g.path("group").asText()));
            assertEquals(List.of("(missing)", "u", "v"), groups, fair.toString());
            var u = fair.path("groups").get(1);
            double selSum = 0;
            for (String c : List.of("alpha", "beta", "gamma")) {
                selSum += u.path("selection_rates").path(c).asDouble();
            }
            assertEquals(1.0, selSum, 1e-9, "each row of a group is predicted as one class");
            assertTrue(u.path("accuracy").asDouble() > 0.7 && u.has("macro_f1"), u.toString());
            assertEquals(3, fair.path("per_class").size());
            assertTrue(fair.has("worst_disparate_impact_ratio") && fair.has("worst_class"), fair.toString());
            assertTrue(eval.path("validation").path("fairness").has("grp"));

            var ex = TrainingService.json().readTree(r.runDir().resolve("explanation.json").toFile());
            assertEquals("accuracy", ex.path("scorer").asText());
            var imp = ex.path("permutation_importance").path("importances");
            assertEquals("x1", imp.get(0).path("name").asText(), imp.toString());
            assertEquals("noise", imp.get(imp.size() - 1).path("name").asText(), imp.toString());
            // top columns (x1, x2, noise) × 3 classes, each curve tagged with its class
            var pdp = ex.path("partial_dependence");
            assertEquals(3 * imp.size(), pdp.size());
            assertEquals("x1", pdp.get(0).path("name").asText());
            assertEquals(List.of("alpha", "beta", "gamma"), List.of(pdp.get(0).path("class").asText(),
                    pdp.get(1).path("class").asText(), pdp.get(2).path("class").asText()));
            // P(gamma) rises along x1, P(alpha) falls
            var gamma = pdp.get(2).path("points");
            assertTrue(gamma.get(gamma.size() - 1).path("mean_prediction").asDouble()
                    > gamma.get(0).path("mean_prediction").asDouble() + 0.3, gamma.toString());
            var attrs = ex.path("attributions");
            assertEquals(6, attrs.size());
            for (var a : attrs) {
                assertTrue(List.of("alpha", "beta", "gamma").contains(a.path("class").asText()), a.toString());
                assertTrue(List.of("alpha", "beta", "gamma").contains(a.path("label").asText()), a.toString());
                double sum = a.path("baseline").asDouble();
                for (var c : a.path("contributions")) {
                    sum += c.path("value").asDouble();
                }
                assertEquals(a.path("prediction").asDouble(), sum, 1e-6, "Shapley values add up");
            }
            assertTrue(attrs.get(0).path("prediction").asDouble() > attrs.get(5).path("prediction").asDouble(),
                    "most confident first, least confident last");
            var lines = Files.readAllLines(r.runDir().resolve("predictions-test.csv"));
            assertTrue(lines.get(0).endsWith("predicted_label"), lines.get(0));

            TrainResult mitigated = service(catalog).train(TrainRequest.spec(root.relativize(r.specFile()),
                    List.of("fairness.attribute=grp", "fairness.mitigation=reweighing", "epochs=2")), null, null,
                    Progress.NONE);
            assertTrue(mitigated.warnings().stream().anyMatch(w -> w.contains("reweighing is for binary classifiers")),
                    mitigated.warnings().toString());
            var mEval = TrainingService.json().readTree(mitigated.runDir().resolve("evaluation.json").toFile());
            assertTrue(mEval.path("mitigation").isMissingNode());
            assertTrue(mEval.path("test").path("fairness").has("grp"));
        }
        UserError binaryLoss = assertThrows(UserError.class, () -> {
            try (Catalog catalog = Catalog.open(root.resolve(".mlwb/catalog.db"))) {
                service(catalog).train(TrainRequest.spec(root.relativize(root.resolve("training/kinds_mlp.yaml")),
                        List.of("loss.type=bce")), null, null, Progress.NONE);
            }
        });
        assertTrue(binaryLoss.getMessage().contains("cross_entropy") || binaryLoss.whatToDo().contains("cross_entropy"),
                binaryLoss.getMessage());
    }

    private static String hostName() throws Exception {
        return java.net.InetAddress.getLocalHost().getHostName();
    }
}
