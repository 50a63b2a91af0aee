package io.mlwb.app.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.Catalog;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.drift.DriftOptions;
import io.mlwb.drift.service.DriftService;
import io.mlwb.drift.time.DriftOverTime;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainResult;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Drift pane's time heatmap and model section over a real project (git, SQLite catalog, a model really trained by
 * the training service and registered): drift over time by the declared time column, a change of window or column,
 * a column that is not a date; a folder of request logs as the current data, cut by its {@code __ts}; the model picker's
 * choices, the model section with labels on both sides, without labels on the current side, and without a model.
 */
class DriftOverTimeAndModelViewModelTest {
    @TempDir
    static Path dir;

    private static Project project;
    private static Catalog catalog;
    private static GitRepo repo;

    private InlineJobs jobs;
    private DriftViewModel vm;

    @BeforeAll
    static void trainAndRegister() throws Exception {
        TimeProjects.create(dir);
        project = Project.load(dir);
        Files.createDirectories(dir.resolve(Project.STATE_DIR));
        catalog = Catalog.open(dir.resolve(Project.STATE_DIR).resolve(Project.CATALOG_FILE));
        repo = GitRepo.open(dir);
        TrainResult r = new TrainingService(project, null, catalog, new TrainingSettings(0.1, 2.5, 0, true),
                Clock.systemUTC()).train(TrainRequest.quick(new TrainRequest.Quick(Path.of("data/ref.csv"),
                "defaulted", "logistic", null)), null, null, Progress.NONE);
        ModelRegistry.of(catalog, project).register(r.runId(), "risk", "champion", null, false, "tester");
        TimeProjects.logs(dir.resolve("logs"));
    }

    @AfterAll
    static void close() {
        repo.close();
        catalog.close();
    }

    @BeforeEach
    void open() {
        jobs = new InlineJobs();
        vm = new DriftViewModel(new DriftService(project, catalog, repo), DriftOptions.from(project.config().drift()),
                () -> DriftViewModel.choices(new DriftService(project, catalog, repo)),
                () -> new DriftService(project, catalog, repo).models(), dir,
                repo, jobs, "tester", Clock.systemUTC());
    }

    private void run(String reference, String current, String model) {
        vm.referenceProperty().set(reference);
        vm.currentProperty().set(current);
        vm.modelProperty().set(model);
        vm.run();
        assertEquals(List.of(), jobs.reported(), "nothing failed");
        assertEquals(DriftViewModel.State.READY, vm.stateProperty().get(), vm.messageProperty().get());
    }

    @Test
    void theDeclaredTimeColumnCutsMonthsAndTheShiftRaisesAlarms() {
        run("dataset:ref", "dataset:cur", "");
        DriftOverTime.Result ot = vm.overTimeProperty().get();
        assertNotNull(ot, vm.overTimeMessageProperty().get());
        assertEquals("", vm.overTimeMessageProperty().get());
        assertEquals("applied", vm.timeColumnProperty().get(), "the declared time column");
        assertEquals(List.of("applied"), vm.timeColumns());
        assertEquals(TimeProjects.CURRENT_MONTHS, ot.windows().size());
        assertEquals("2024-01", DriftViewModel.windowLabel(ot, 0));
        assertEquals(List.of("income", "plan", "sex", "defaulted"), List.copyOf(ot.psi().keySet()),
                "id and the time column are left out");
        double[] income = ot.psi().get("income");
        assertTrue(income[0] < 0.1 && income[TimeProjects.CURRENT_MONTHS - 1] > 0.25,
                "stable first, significant last: " + java.util.Arrays.toString(income));
        DriftOverTime.Control control = ot.control().get("income");
        assertEquals("reference", control.baseline(), "twelve reference months make the baseline");
        assertTrue(control.alarms().stream().anyMatch(a -> a.rule().equals("beyond_3_sigma")
                && a.window() == TimeProjects.CURRENT_MONTHS - 1), control.alarms().toString());
        assertTrue(control.alarms().stream().noneMatch(a -> a.window() < 3), "no alarm before the shift starts");
        assertEquals("income", vm.heatColumnProperty().get(), "the first column with an alarm is charted");
        assertNotNull(vm.outcomeProperty().get().result().overTime(), "exports carry it");

        vm.windowProperty().set("week");
        vm.refreshOverTime();
        assertTrue(vm.overTimeProperty().get().windows().size() >= 4 * TimeProjects.CURRENT_MONTHS,
                "weeks: " + vm.overTimeProperty().get().windows().size());
        assertEquals("week", vm.outcomeProperty().get().result().overTime().window());
        assertEquals("income", vm.heatColumnProperty().get(), "the charted column stays");

        vm.windowProperty().set("fortnight");
        vm.refreshOverTime();
        assertNull(vm.overTimeProperty().get());
        assertTrue(vm.overTimeMessageProperty().get().contains("'fortnight' is not a time window"),
                vm.overTimeMessageProperty().get());
        assertEquals(DriftViewModel.State.READY, vm.stateProperty().get(), "the comparison stays");

        vm.windowProperty().set("14d");
        vm.timeColumnProperty().set("income");
        vm.refreshOverTime();
        assertTrue(vm.overTimeMessageProperty().get().contains("'income' in the current data is numeric, not a date"),
                vm.overTimeMessageProperty().get());
        assertFalse(vm.busyProperty().get());

        vm.timeColumnProperty().set("applied");
        vm.refreshOverTime();
        assertNotNull(vm.overTimeProperty().get());
        assertEquals("14d", vm.overTimeProperty().get().window());
        assertEquals(List.of(), jobs.reported(), "a bad window or column is said beside the heatmap, not reported");
    }

    @Test
    void aFolderOfRequestLogsIsTheCurrentDataCutByItsTimestamps() {
        run("dataset:ref", "logs", "");
        assertTrue(vm.sidesProperty().get().contains("logs (" + TimeProjects.CURRENT_MONTHS * TimeProjects.PER_MONTH
                + " requests"), vm.sidesProperty().get());
        DriftRow income = vm.rows().stream().filter(r -> r.name().equals("income")).findFirst().orElseThrow();
        assertTrue(income.drifted(), "the shifted months drift");
        assertTrue(vm.schema().contains(Messages.format("drift.schema.removed", "id, applied, defaulted")),
                vm.schema().toString());
        assertEquals("__ts", vm.timeColumnProperty().get(), "the request time");
        assertEquals(List.of("__ts"), vm.timeColumns());
        DriftOverTime.Result ot = vm.overTimeProperty().get();
        assertNotNull(ot, vm.overTimeMessageProperty().get());
        assertEquals(TimeProjects.CURRENT_MONTHS, ot.windows().size());
        assertEquals("current", ot.control().get("income").baseline(), "the reference has no __ts");
    }

    @Test
    void theModelSectionComparesPredictionsPerformanceAndFairness() {
        vm.loadChoices();
        assertEquals(List.of("risk@1", "risk@champion"), vm.models());
        assertNull(vm.modelSectionProperty().get());
        assertEquals(Messages.get("drift.model.none"), vm.modelMessageProperty().get());

        run("dataset:ref", "dataset:cur", "risk@champion");
        ModelSection m = vm.modelSectionProperty().get();
        assertNotNull(m);
        assertEquals("risk@1", m.version(), "the alias resolved");
        assertEquals("defaulted", m.target());
        assertEquals("none", m.labels());
        assertEquals("", vm.modelMessageProperty().get());
        assertTrue(m.prediction().drifted(), "higher incomes, lower scores: " + m.prediction());
        assertNotNull(m.label());
        assertEquals(List.of("roc_auc", "accuracy", "f1", "brier"), m.performance().stream()
                .map(ModelSection.Metric::name).toList());
        for (ModelSection.Metric x : m.performance()) {
            for (ModelSection.Interval i : List.of(x.reference(), x.current())) {
                assertTrue(i.low() <= i.value() && i.value() <= i.high(), x.name() + " " + i);
            }
        }
        assertEquals(12L * TimeProjects.PER_MONTH, m.performance().get(0).reference().rows());
        assertEquals(1, m.fairness().size());
        ModelSection.Fairness sex = m.fairness().get(0);
        assertEquals("sex", sex.attribute());
        assertEquals(List.of("F", "M"), sex.reference().groups().stream().map(ModelSection.Group::group).sorted()
                .toList());
        assertEquals(TimeProjects.CURRENT_MONTHS * TimeProjects.PER_MONTH, sex.current().groups().stream()
                .mapToLong(ModelSection.Group::count).sum());
        assertNotNull(sex.current().disparateImpactRatio());
        assertEquals(sex.current().disparateImpactRatio() < 0.8, sex.current().fourFifthsViolated());

        run("dataset:ref", "dataset:cur_unlabelled", "risk@1");
        m = vm.modelSectionProperty().get();
        assertEquals("current", m.labels());
        assertEquals(List.of(), m.performance());
        assertEquals(Messages.format("drift.model.noLabels.current", "defaulted"), vm.modelMessageProperty().get());
        assertNotNull(m.prediction(), "prediction drift needs no labels");

        run("dataset:ref", "dataset:cur", "");
        assertNull(vm.modelSectionProperty().get());
        assertEquals(Messages.get("drift.model.none"), vm.modelMessageProperty().get());
    }

    @Test
    void anUnknownModelFailsTheRunWithWhatToDo() {
        vm.referenceProperty().set("dataset:ref");
        vm.currentProperty().set("dataset:cur");
        vm.modelProperty().set("fraud@1");
        vm.run();
        assertEquals(DriftViewModel.State.FAILED, vm.stateProperty().get());
        assertTrue(vm.messageProperty().get().contains("no registered model 'fraud' (registered: risk)"),
                vm.messageProperty().get());
        assertEquals(1, jobs.reported().size());
    }
}
