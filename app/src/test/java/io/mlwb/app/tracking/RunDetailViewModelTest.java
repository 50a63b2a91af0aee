package io.mlwb.app.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.charts.MetricChart;
import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricSeries;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import io.mlwb.tracking.MetricAxis;
import io.mlwb.tracking.RunDetails;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run detail's state over a real project: runs trained by the real training service into a real catalog in a
 * real git repository. Overview, series split into training and system, the x axis, the note, checking the commit
 * out, artifacts (open, export, cancel), resume from the last checkpoint, and refreshing on the run's events.
 */
class RunDetailViewModelTest {
    @TempDir
    static Path dir;
    private static RunDetailProject project;

    @BeforeAll
    static void train() throws Exception {
        // the export's progress is handed to the FX thread: start the toolkit the way TestFX does, so that the robot
        // tests that run after this class in the same JVM find the primary stage they expect (Platform.startup here
        // made their clicks miss)
        org.testfx.api.FxToolkit.registerPrimaryStage();
        project = new RunDetailProject(dir.resolve("p"));
    }

    @AfterAll
    static void close() {
        project.close();
    }

    private static final class Recording implements RunDetailViewModel.Desktop {
        final List<String> calls = new ArrayList<>();

        @Override
        public void open(Path file) {
            calls.add("open " + file);
        }

        @Override
        public void reveal(Path file) {
            calls.add("reveal " + file);
        }
    }

    private RunDetailViewModel vm(long id, InlineJobs jobs, Recording desktop) {
        return new RunDetailViewModel(id, new RunDetails(project.catalog), project.training, project.repo,
                project.root, jobs, desktop, null);
    }

    @Test
    void overviewMetricsAndAxis() {
        RunDetailViewModel vm = vm(project.finished.runId(), new InlineJobs(), new Recording());
        vm.refresh();
        RunDetails.Overview o = vm.overviewProperty().get();
        assertNotNull(o);
        assertEquals("finished", o.run().status());
        assertEquals("training/spec.yaml", o.specFile());
        assertTrue(o.specYaml().contains("epochs: 4"), o.specYaml());
        assertEquals("4", o.run().params().get("epochs"));
        assertEquals("Ada Tester <ada@example.org>", o.user(), "the actor audited at the start");
        assertTrue(o.environment().containsKey("java") && o.environment().get("seed").equals("3"),
                o.environment().toString());
        assertFalse(o.hardware().isEmpty());
        assertEquals(project.commit, o.record().commitSha());
        assertEquals(Boolean.FALSE, o.record().dirty());
        assertEquals(1, o.datasets().size());
        assertEquals("train", o.datasets().get(0).role());
        assertEquals("loans", o.datasets().get(0).dataset());

        List<String> names = vm.metrics().stream().map(MetricSeries::name).toList();
        assertTrue(names.containsAll(List.of("train/loss", "epoch/train_loss")), names.toString());
        assertTrue(vm.metrics().stream().noneMatch(s -> s.kind() == MetricKind.SYSTEM));
        assertFalse(vm.system().isEmpty(), "telemetry sampled the machine");
        assertTrue(vm.system().stream().allMatch(s -> s.kind() == MetricKind.SYSTEM
                && (s.name().startsWith("sys/") || s.name().startsWith("gpu"))), vm.system().toString());

        MetricSeries loss = vm.metrics().stream().filter(s -> s.name().equals("train/loss")).findFirst().orElseThrow();
        long spe = Long.parseLong(o.run().params().get("steps_per_epoch"));
        MetricChart.Line byStep = vm.line(loss);
        assertEquals(loss.steps()[loss.size() - 1], byStep.x()[byStep.x().length - 1], 0);
        vm.axisProperty().set(MetricAxis.EPOCH);
        MetricChart.Line byEpoch = vm.line(loss);
        assertEquals(4.0, byEpoch.x()[byEpoch.x().length - 1], 1e-9, "the last step ends epoch 4 (" + spe + "/epoch)");
        assertEquals("Epoch", vm.axisLabel());
        assertEquals(0.6, vm.smoothingProperty().get(), 0);
    }

    @Test
    void noteIsSavedAuditedAndSurvivesARefresh() {
        RunDetailViewModel vm = vm(project.finished.runId(), new InlineJobs(), new Recording());
        vm.refresh();
        assertFalse(vm.noteDirtyBinding().get());
        vm.noteProperty().set("# Baseline\nThe *first* run.");
        assertTrue(vm.noteDirtyBinding().get());
        vm.saveNote();
        assertEquals("Note saved.", vm.messageProperty().get());
        assertFalse(vm.noteDirtyBinding().get());
        assertEquals("# Baseline\nThe *first* run.", vm.savedNoteProperty().get());
        assertEquals("run.note", vm.audit().get(0).action(), "newest first");
        assertEquals("# Baseline\nThe *first* run.", new RunRepository(project.catalog).tags(project.finished.runId())
                .get(RunDetails.TAG_NOTE));
    }

    @Test
    void checksTheCommitOutIntoAWorktreeAndRefusesADirtyTreeForABranch() throws Exception {
        InlineJobs jobs = new InlineJobs();
        RunDetailViewModel vm = vm(project.finished.runId(), jobs, new Recording());
        vm.refresh();
        assertTrue(vm.canCheckout());
        String branch = vm.suggestedBranch();
        assertEquals("run-" + project.finished.runId() + "-" + project.commit.substring(0, 7), branch);
        Path wt = dir.resolve("wt");
        vm.checkout(RunDetailViewModel.CheckoutMode.WORKTREE, branch, wt);
        assertTrue(vm.messageProperty().get().contains(branch), vm.messageProperty().get());
        assertTrue(Files.readString(wt.resolve("training/spec.yaml")).contains("epochs: 4"));

        Path spec = project.root.resolve("training/spec.yaml");
        String was = Files.readString(spec);
        Files.writeString(spec, was + "# edited\n");
        try {
            vm.checkout(RunDetailViewModel.CheckoutMode.BRANCH, "other", null);
            assertTrue(vm.messageProperty().get().contains("uncommitted changes"), vm.messageProperty().get());
            assertEquals("main", project.repo.branch().orElseThrow());
        } finally {
            Files.writeString(spec, was);
        }
    }

    @Test
    void artifactsOpenRevealExportAndCancel() throws Exception {
        InlineJobs jobs = new InlineJobs();
        Recording desktop = new Recording();
        RunDetailViewModel vm = vm(project.finished.runId(), jobs, desktop);
        vm.refresh();
        assertTrue(vm.artifacts().stream().anyMatch(a -> a.kind().equals("model")), vm.artifacts().toString());
        RunFiles.Artifact model = vm.artifacts().stream().filter(a -> a.kind().equals("model")).findFirst()
                .orElseThrow();
        vm.open(model);
        vm.reveal(model);
        Path file = project.root.resolve(model.path()).normalize();
        assertEquals(List.of("open " + file, "reveal " + file), desktop.calls);

        Path out = dir.resolve("export");
        vm.export(List.copyOf(vm.artifacts()), out);
        assertTrue(vm.messageProperty().get().startsWith("Exported " + vm.artifacts().size()),
                vm.messageProperty().get());
        assertTrue(Files.size(out.resolve(file.getFileName().toString())) > 0);
        assertNull(vm.exportProperty().get(), "no export under way any more");

        jobs.cancelNext();
        vm.export(List.of(model), dir.resolve("export2"));
        assertEquals("Export cancelled; the files copied before stay.", vm.messageProperty().get());
        assertTrue(jobs.reported().isEmpty(), "a cancel is not an error: " + jobs.reported());
    }

    @Test
    void resumesAStoppedRunFromItsLastCheckpointOnly() {
        RunDetailViewModel done = vm(project.finished.runId(), new InlineJobs(), new Recording());
        done.refresh();
        assertFalse(done.checkpoints().isEmpty());
        assertFalse(done.canResume(done.checkpoints().get(done.checkpoints().size() - 1)));
        assertTrue(done.whyNotResume(done.checkpoints().get(0)).contains("finished"));

        InlineJobs jobs = new InlineJobs();
        RunDetailViewModel vm = vm(project.stopped.runId(), jobs, new Recording());
        List<Long> opened = new ArrayList<>();
        vm.setOpenTraining(opened::add);
        vm.refresh();
        assertEquals("stopped", vm.overviewProperty().get().run().status());
        RunFiles.Checkpoint last = vm.checkpoints().stream().max((a, b) -> Long.compare(a.step(), b.step()))
                .orElseThrow();
        assertEquals(2, last.epoch());
        assertTrue(vm.canResume(last));
        vm.checkpoints().stream().filter(c -> c.id() != last.id()).findFirst().ifPresent(other -> {
            assertFalse(vm.canResume(other));
            assertTrue(vm.whyNotResume(other).contains("last checkpoint (epoch 2)"), vm.whyNotResume(other));
        });
        vm.resume(last);
        assertEquals(List.of(project.stopped.runId()), opened, "the live Training pane opens on the run");
        assertEquals(RunStatus.FINISHED, new RunRepository(project.catalog).get(project.stopped.runId())
                .orElseThrow().status());
        assertEquals("finished", vm.overviewProperty().get().run().status(), "read again after the resume");
        assertTrue(jobs.titles().contains("Resuming run " + project.stopped.runId()), jobs.titles().toString());
        assertTrue(vm.audit().stream().anyMatch(e -> e.action().equals("run.resume")));
    }

    @Test
    void aFinishedRunsCheckpointStartsANewRunWithOverrides() {
        InlineJobs jobs = new InlineJobs();
        RunDetailViewModel vm = vm(project.finished.runId(), jobs, new Recording());
        List<Long> opened = new ArrayList<>();
        vm.setOpenTraining(opened::add);
        vm.refresh();
        RunFiles.Checkpoint kept = vm.checkpoints().stream()
                .filter(c -> Files.exists(project.root.resolve(c.path()))).findFirst().orElseThrow();
        assertNull(vm.whyNotFork(kept), "a finished run's kept checkpoint can start a new run");
        vm.fork(kept, "optimizer.learning_rate=0.002, seed=42");
        assertEquals(1, opened.size(), "the Training pane opens on the new run");
        long fork = opened.get(0);
        assertTrue(fork != project.finished.runId());
        RunRepository runs = new RunRepository(project.catalog);
        assertEquals(RunStatus.FINISHED, runs.get(fork).orElseThrow().status());
        assertEquals(project.finished.runId() + "@" + kept.epoch(), runs.tags(fork).get("mlwb.forked_from"));
        assertEquals("0.002", runs.params(fork).get("optimizer.learning_rate"), runs.params(fork).toString());
        assertEquals(RunStatus.FINISHED, runs.get(project.finished.runId()).orElseThrow().status(),
                "the original run is not changed");
        assertTrue(jobs.reported().isEmpty(), jobs.reported().toString());
    }

    @Test
    void readsAgainOnlyForItsOwnRunsEvents() {
        InlineJobs jobs = new InlineJobs();
        RunDetailViewModel vm = vm(project.finished.runId(), jobs, new Recording());
        vm.refresh();
        int reads = jobs.titles().size();
        vm.onCatalogChange(List.of(new CatalogEvent.RunUpdated(project.finished.runId() + 100),
                new CatalogEvent.MetricsAppended(project.finished.runId() + 100, Set.of("x"))));
        assertEquals(reads, jobs.titles().size(), "another run's changes are ignored");
        vm.onCatalogChange(List.of(new CatalogEvent.MetricsAppended(project.finished.runId(), Set.of("x"))));
        assertEquals(reads + 1, jobs.titles().size());
        vm.onCatalogChange(List.of(new CatalogEvent.RunUpdated(project.finished.runId())));
        assertEquals(reads + 2, jobs.titles().size());
    }
}
