package io.mlwb.app.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.QualityRule;
import io.mlwb.core.project.RuleType;
import io.mlwb.core.project.Severity;
import io.mlwb.data.read.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dataset pane's view model on small generated CSVs, with jobs run inline. */
class DatasetViewModelTest {
    @TempDir
    Path dir;

    private final InlineJobs jobs = new InlineJobs();
    private final RecordingErrors errors = new RecordingErrors();

    @Test
    void profileFillsTheOverviewColumnsAndAlerts() throws Exception {
        Path file = SampleData.loans(dir, "loans.csv", 200);
        DatasetConfig config = new DatasetConfig("loans", "loans.csv", null, null, null, null, "defaulted", null,
                null, null, null, List.of(new QualityRule(RuleType.RANGE, "age", 18.0, 100.0, null, null, null, null),
                new QualityRule(RuleType.ROW_COUNT, null, 1000.0, null, null, null, null, Severity.WARNING)));
        DatasetSource source = new DatasetSource("loans", file, ReadOptions.defaults().withThreads(1), config, null);
        DatasetViewModel vm = new DatasetViewModel(source, jobs, errors);

        vm.profile();

        assertEquals(List.of(Messages.format("dataset.job.profile", "loans")), jobs.titles());
        assertEquals(DatasetViewModel.State.READY, vm.stateProperty().get());
        assertFalse(vm.busyProperty().get());
        assertTrue(errors.errors.isEmpty(), () -> "errors: " + errors.errors);
        assertEquals("200", vm.rowsProperty().get());
        assertEquals("8", vm.columnCountProperty().get());
        assertEquals(Messages.format("dataset.overview.missingValue", "20", "1.3 %"), vm.missingCellsProperty().get());
        assertEquals(Messages.get("dataset.overview.exact"), vm.approximateProperty().get());
        assertEquals(SampleData.COLUMNS, vm.columns().size());
        assertEquals("age", vm.columns().get(1).name());
        assertEquals("numeric", vm.columns().get(1).type());
        assertEquals(10.0, vm.columns().get(1).missingPct(), 1e-9);
        assertTrue(vm.alerts().stream().anyMatch(a -> a.type().equals("constant") && a.column().equals("constant")),
                () -> "alerts: " + vm.alerts());
        // the first column is selected and its detail shown; selecting another fills its quantiles
        assertEquals("id", vm.selectedColumnProperty().get().name());
        vm.selectedColumnProperty().set(vm.columns().get(2));
        assertTrue(vm.detailStats().stream().anyMatch(s -> s.label().equals(Messages.get("dataset.stat.p95"))));
        assertFalse(vm.detailTop().isEmpty());
        // correlations: Pearson by default, Cramér's V on switching; target associations present
        assertTrue(vm.matrixProperty().get().columns().contains("income"));
        vm.correlationKindProperty().set(CorrelationKind.CRAMERS_V);
        assertTrue(vm.matrixProperty().get().columns().contains("city"));
        assertFalse(vm.targetAssociations().isEmpty());
        assertEquals(200, vm.previewRowsProperty().get().size());
        // the rules were checked: the ages lie in [18, 100]; 200 rows are fewer than 1000 (a warning)
        assertEquals(2, vm.rules().size());
        assertEquals(RuleStatus.PASS, vm.rules().get(0).status(), () -> "rules: " + vm.rules());
        assertEquals(RuleStatus.WARN, vm.rules().get(1).status(), () -> "rules: " + vm.rules());
        assertFalse(vm.rules().get(1).observed().isEmpty());
    }

    @Test
    void aCancelledJobLeavesTheCancelledStateNotAnError() throws Exception {
        Path file = SampleData.loans(dir, "loans.csv", 50);
        DatasetViewModel vm = new DatasetViewModel(DatasetSource.ofFile(file), jobs, errors);
        jobs.cancelNext();

        vm.profile();

        assertEquals(DatasetViewModel.State.CANCELLED, vm.stateProperty().get());
        assertEquals(Messages.get("dataset.status.cancelled"), vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
        assertTrue(errors.errors.isEmpty());
        assertNull(vm.profileProperty().get());

        vm.profile(); // run again
        assertEquals(DatasetViewModel.State.READY, vm.stateProperty().get());
        assertEquals("50", vm.rowsProperty().get());
    }

    @Test
    void aMalformedFileFailsWithTheUserErrorsMessageAndLeavesReportingToTheJobRunner() throws Exception {
        Path file = dir.resolve("broken.csv");
        Files.write(file, new byte[] {0x50, 0x4B, 3, 4, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, (byte) 0xFF, 0, 0});

        DatasetViewModel vm = new DatasetViewModel(DatasetSource.ofFile(file), jobs, errors);
        vm.profile();

        assertEquals(DatasetViewModel.State.FAILED, vm.stateProperty().get());
        assertFalse(vm.messageProperty().get().isBlank());
        assertNotEquals(Messages.format("dataset.error.unexpected", "broken.csv"), vm.messageProperty().get(),
                "a user error is shown as itself");
        assertTrue(errors.errors.isEmpty(), "the job runner reports a failed job, the view model does not: "
                + errors.errors);
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aMissingTargetColumnIsAUserError() throws Exception {
        Path file = SampleData.loans(dir, "loans.csv", 20);
        DatasetConfig config = new DatasetConfig("loans", "loans.csv", null, null, null, null, "no_such_column",
                null, null, null, null, List.of());
        DatasetViewModel vm = new DatasetViewModel(new DatasetSource("loans", file, ReadOptions.defaults(), config,
                null), jobs, errors);
        vm.profile();
        assertEquals(DatasetViewModel.State.FAILED, vm.stateProperty().get());
        assertTrue(vm.messageProperty().get().contains("no_such_column"), vm.messageProperty().get());
    }

    @Test
    void anUnavailableSourceReportsItsProblem() {
        UserError problem = new UserError("The dataset 'x' is not declared in mlwb.yaml.", "Declare it.");
        DatasetViewModel vm = new DatasetViewModel(DatasetSource.unavailable("x", problem), jobs, errors);

        vm.profile();

        assertEquals(DatasetViewModel.State.FAILED, vm.stateProperty().get());
        assertEquals(problem.getMessage(), vm.messageProperty().get());
        assertEquals(List.of(problem), errors.errors);
        assertTrue(jobs.titles().isEmpty());
    }

    @Test
    void exportsWriteJsonAndHtml() throws Exception {
        Path file = SampleData.loans(dir, "loans.csv", 30);
        DatasetViewModel vm = new DatasetViewModel(DatasetSource.ofFile(file), jobs, errors);
        vm.profile();
        Path json = dir.resolve("out/profile.json");
        Path html = dir.resolve("profile.html");
        Files.createDirectories(json.getParent());

        vm.exportJson(json);
        vm.exportHtml(html);

        assertTrue(errors.errors.isEmpty(), () -> "errors: " + errors.errors);
        assertTrue(Files.readString(json).contains("\"rows\":30"), () -> "json: " + json);
        assertTrue(Files.readString(html).contains("<svg"));
        assertEquals(Messages.format("dataset.export.done", html.toString()), vm.noticeProperty().get());
        assertNotNull(vm.profileProperty().get());
    }

    @Test
    void repeatedAlertsOfOneTypeAreOneRow() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int c = 0; c < 6; c++) {
            csv.append(c == 0 ? "" : ",").append("u").append(c);
        }
        csv.append(",flag\n");
        for (int i = 0; i < 40; i++) {
            for (int c = 0; c < 6; c++) {
                csv.append(c == 0 ? "" : ",").append(i * (c + 1) + 0.25 * c);
            }
            csv.append(",1\n");
        }
        Path file = dir.resolve("unique.csv");
        Files.writeString(file, csv);
        DatasetViewModel vm = new DatasetViewModel(DatasetSource.ofFile(file), jobs, errors);
        vm.profile();
        AlertRow unique = vm.alerts().stream().filter(a -> a.type().equals("unique")).findFirst().orElseThrow();
        assertEquals(1, vm.alerts().stream().filter(a -> a.type().equals("unique")).count(), "one row, not six");
        assertEquals(Messages.format("dataset.alerts.grouped", "6"), unique.column());
        assertTrue(unique.detail().startsWith("6 columns have unique values: u0, u1, u2"), unique.detail());
        assertTrue(vm.alerts().stream().anyMatch(a -> a.column().equals("flag")), "a single alert keeps its row");
    }
}
