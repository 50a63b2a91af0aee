package io.mlwb.app.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.Catalog;
import io.mlwb.core.project.Project;
import io.mlwb.drift.DriftOptions;
import io.mlwb.drift.service.DriftService;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Drift pane's view model over a real project (git, SQLite catalog, two declared datasets), with jobs run inline:
 * choices, a run with its verdict, rows, schema and recorded report, exports, committing the report, and bad input.
 */
class DriftViewModelTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private Catalog catalog;
    private GitRepo repo;
    private InlineJobs jobs;
    private DriftViewModel vm;
    private final List<String> lineage = new ArrayList<>();
    private int commits;

    @BeforeEach
    void open() throws Exception {
        DriftProjects.create(dir);
        Project project = Project.load(dir);
        Files.createDirectories(dir.resolve(Project.STATE_DIR));
        catalog = Catalog.open(dir.resolve(Project.STATE_DIR).resolve(Project.CATALOG_FILE));
        repo = GitRepo.open(dir);
        jobs = new InlineJobs();
        vm = new DriftViewModel(new DriftService(project, catalog, repo), DriftOptions.from(project.config().drift()),
                () -> DriftViewModel.choices(new DriftService(project, catalog, repo)), dir, repo, jobs, "tester",
                Clock.fixed(NOW, ZoneOffset.UTC));
        vm.setLineageOpener(lineage::add);
        vm.setOnCommitted(() -> commits++);
    }

    @AfterEach
    void close() {
        repo.close();
        catalog.close();
    }

    private List<String> specs() {
        return vm.choices().stream().map(DriftViewModel.Choice::spec).toList();
    }

    private void runOldAgainstNew() {
        vm.referenceProperty().set("dataset:old");
        vm.currentProperty().set("dataset:new");
        assertTrue(vm.canRunProperty().get());
        vm.run();
    }

    @Test
    void runShowsTheVerdictTheColumnsAndTheRecordedReport() {
        vm.loadChoices();
        assertEquals(List.of("dataset:old", "dataset:new"), specs(), "declared datasets; no version recorded yet");
        assertEquals(DriftViewModel.State.EMPTY, vm.stateProperty().get());

        runOldAgainstNew();
        assertEquals(List.of(), jobs.reported(), "nothing failed");
        assertEquals(DriftViewModel.State.READY, vm.stateProperty().get());
        assertFalse(vm.busyProperty().get());
        assertTrue(vm.datasetDriftProperty().get());
        assertEquals(Messages.get("drift.verdict.drift"), vm.verdictProperty().get());
        assertEquals(Messages.format("drift.summary.counts", 2, 3), vm.countsProperty().get());
        assertEquals(Messages.format("drift.summary.share", "0.67", "0.50"), vm.shareProperty().get());
        assertTrue(vm.sidesProperty().get().startsWith("data/old.csv (1,500 rows \u00b7 sha "),
                vm.sidesProperty().get());
        assertTrue(vm.sidesProperty().get().contains("commit "), "both files are committed: " + vm.sidesProperty()
                .get());

        List<String> names = vm.rows().stream().map(DriftRow::name).toList();
        assertEquals(3, names.size(), "id is the declared id column: ignored");
        assertTrue(vm.rows().get(0).drifted() && vm.rows().get(1).drifted(), "drifted columns first");
        assertEquals("score", names.get(2));
        DriftRow plan = vm.rows().stream().filter(r -> r.name().equals("plan")).findFirst().orElseThrow();
        assertEquals(List.of("gold"), plan.newCategories());
        assertNotNull(plan.distribution());
        assertEquals(4, plan.distribution().size());
        DriftRow income = vm.rows().stream().filter(r -> r.name().equals("income")).findFirst().orElseThrow();
        assertTrue(income.distribution().numeric());
        assertEquals("wasserstein", income.test(), "1,500 reference rows: a distance");
        assertEquals(vm.rows().get(0), vm.selectedProperty().get(), "the first column's detail is shown");
        assertEquals(List.of(Messages.format("drift.schema.added", "extra"),
                Messages.format("drift.schema.ignored", "id")), vm.schema());

        Long id = vm.reportIdProperty().get();
        assertNotNull(id, "recorded in the catalog");
        vm.openLineage();
        assertEquals(List.of("drift:" + id), lineage);

        vm.loadChoices();
        assertTrue(specs().containsAll(List.of("dataset:old@1", "dataset:new@1")), "the versions the run recorded: "
                + specs());

        // a second run replaces the result (and records a second report)
        vm.currentProperty().set("dataset:old");
        vm.run();
        assertFalse(vm.datasetDriftProperty().get());
        assertEquals(Messages.format("drift.summary.counts", 0, 3), vm.countsProperty().get());
        assertEquals(id + 1, vm.reportIdProperty().get());
        assertTrue(vm.schema().stream().noneMatch(s -> s.contains("extra")));
    }

    @Test
    void exportsWriteJsonAndHtmlAndCommitReportCommitsBoth() throws Exception {
        runOldAgainstNew();
        assertTrue(vm.canCommitProperty().get());
        Path json = dir.resolve("out/report.json");
        vm.exportJson(json);
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertTrue(j.path("dataset_drift").asBoolean());
        assertEquals(vm.reportIdProperty().get().longValue(), j.path("report_id").asLong());
        assertEquals(Messages.format("drift.export.done", json.toString()), vm.noticeProperty().get());
        Path html = dir.resolve("out/report.html");
        vm.exportHtml(html);
        String page = Files.readString(html);
        assertTrue(page.contains("Dataset drift detected") && page.contains(">income</a>"));

        vm.commitReport();
        assertEquals(List.of(), jobs.reported(), "nothing failed");
        String folder = "reports/drift/20260102-030405";
        assertTrue(Files.isRegularFile(dir.resolve(folder + "/drift.json")));
        assertTrue(Files.readString(dir.resolve(folder + "/drift.html")).contains("Dataset drift detected"));
        CommitInfo head = repo.head().orElseThrow();
        assertEquals(List.of(folder + "/drift.html", folder + "/drift.json"), repo.changedFiles(head.sha()).stream()
                .sorted().toList(), "exactly the two files");
        assertTrue(head.shortMessage().startsWith("Drift report #" + vm.reportIdProperty().get()
                + ": data/old.csv \u2192 data/new.csv (dataset drift, 2 of 3"), head.shortMessage());
        assertEquals(Messages.format("drift.commit.done", folder, head.shortSha()), vm.noticeProperty().get());
        assertEquals(1, commits, "the shell is told");
        assertTrue(repo.status().untracked().contains("out/report.json"), "exports are not committed");

        vm.commitReport(); // the same second again: a folder beside it
        assertTrue(Files.isRegularFile(dir.resolve(folder + "-2/drift.json")));
        assertEquals(2, commits);
    }

    @Test
    void nothingRunsUntilBothSidesAreNamed() {
        assertFalse(vm.canRunProperty().get());
        assertFalse(vm.canCommitProperty().get());
        vm.referenceProperty().set("dataset:old");
        vm.currentProperty().set("   ");
        vm.run();
        assertEquals(List.of(), jobs.titles());
        assertEquals(Messages.get("drift.status.empty"), vm.messageProperty().get());
    }

    @Test
    void badInputFailsWithWhatToDoReportedOnce() {
        vm.referenceProperty().set("dataset:nope");
        vm.currentProperty().set("dataset:new");
        vm.run();
        assertEquals(DriftViewModel.State.FAILED, vm.stateProperty().get());
        assertTrue(vm.messageProperty().get().contains("declares no dataset 'nope'"), vm.messageProperty().get());
        assertEquals(1, jobs.reported().size(), "the job runner reports it, once");
        assertNull(vm.outcomeProperty().get());
        assertFalse(vm.busyProperty().get());

        vm.referenceProperty().set("HEAD~7:data/old.csv");
        vm.run();
        assertTrue(vm.messageProperty().get().contains("names no commit"), vm.messageProperty().get());
    }

    @Test
    void aCancelledRunSaysSoAndKeepsThePreviousResult() {
        runOldAgainstNew();
        Long first = vm.reportIdProperty().get();
        jobs.cancelNext();
        vm.run();
        assertEquals(DriftViewModel.State.CANCELLED, vm.stateProperty().get());
        assertEquals(Messages.get("drift.status.cancelled"), vm.messageProperty().get());
        assertNotNull(vm.outcomeProperty().get(), "the last result stays");
        assertEquals(first, vm.reportIdProperty().get());
        assertEquals(List.of(), jobs.reported(), "a cancel is not a failure");
    }

    @Test
    void chosenFilesAreNamedRelativeToTheProject() {
        assertEquals("data/old.csv", vm.specOf(dir.resolve("data/old.csv")));
        Path outside = dir.getParent().resolve("elsewhere.csv").toAbsolutePath().normalize();
        assertEquals(outside.toString(), vm.specOf(outside));
    }
}
