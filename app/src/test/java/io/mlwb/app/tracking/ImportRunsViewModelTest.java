package io.mlwb.app.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.catalog.Catalog;
import io.mlwb.tracking.TrackingService;
import io.mlwb.tracking.imports.ImportService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import dialog's state over a real catalog and a real DVCLive folder. */
class ImportRunsViewModelTest {
    @TempDir
    Path dir;

    @Test
    void validatesThePathThenImportsAsAJobAndSaysWhatItDid() throws Exception {
        Path live = Files.createDirectories(dir.resolve("dvclive/plots/metrics"));
        Files.writeString(live.resolve("loss.tsv"), "step\tloss\n0\t0.5\n1\t0.25\n");
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            InlineJobs jobs = new InlineJobs();
            ImportRunsViewModel vm = new ImportRunsViewModel(new ImportService(catalog, Clock.systemUTC()), jobs,
                    "me");
            assertNotNull(vm.problem(), "no path yet");
            assertFalse(vm.canStartProperty().get());
            vm.pathProperty().set(dir.resolve("dvclive").toString());
            assertTrue(vm.problem().contains("folder"), "an MLflow db must be a file: " + vm.problem());
            vm.kindProperty().set(ImportRunsViewModel.KINDS.stream().filter(k -> k.kind().equals("dvclive"))
                    .findFirst().orElseThrow());
            assertNull(vm.problem());
            assertTrue(vm.canStartProperty().get());
            List<ImportService.Report> reports = new ArrayList<>();
            assertNotNull(vm.start(reports::add));
            assertEquals(1, reports.size());
            assertEquals(1, reports.get(0).imported().size());
            assertTrue(vm.outcomeProperty().get().contains("Imported 1 run"), vm.outcomeProperty().get());
            assertFalse(vm.runningProperty().get());
            assertEquals(1, new TrackingService(catalog).list("", true).size());
            vm.start(reports::add);
            assertTrue(vm.outcomeProperty().get().contains("1 already imported"), vm.outcomeProperty().get());
            vm.pathProperty().set(dir.resolve("nowhere").toString());
            assertTrue(vm.problem().contains("nowhere"));
        }
    }

    @Test
    void aFailingImportIsReportedOnceAndClearsTheBusyFlag() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken/plots/metrics"));
        Files.writeString(broken.resolve("loss.tsv"), "step\tloss\n0\n");
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            InlineJobs jobs = new InlineJobs();
            ImportRunsViewModel vm = new ImportRunsViewModel(new ImportService(catalog, Clock.systemUTC()), jobs,
                    "me");
            vm.kindProperty().set(ImportRunsViewModel.KINDS.get(3));
            vm.pathProperty().set(dir.resolve("broken").toString());
            vm.start(r -> { });
            assertFalse(vm.runningProperty().get());
            assertEquals(1, jobs.reported().size(), "reported once, by the runner");
            assertTrue(jobs.reported().get(0).error().getMessage().contains("loss.tsv line 2"));
        }
    }
}
