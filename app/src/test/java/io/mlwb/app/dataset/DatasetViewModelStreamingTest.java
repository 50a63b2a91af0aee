package io.mlwb.app.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file larger than the exact mode allows is profiled in streaming mode, and the pane says which figures are approximate. */
class DatasetViewModelStreamingTest {
    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        System.clearProperty("mlwb.streaming.thresholdBytes");
    }

    @Test
    void aLargeFileIsStreamedWithoutPreviewAndMarkedApproximate() throws Exception {
        Path file = SampleData.loans(dir, "loans.csv", 300);
        System.setProperty("mlwb.streaming.thresholdBytes", "100"); // this file counts as "larger than memory"
        RecordingErrors errors = new RecordingErrors();
        DatasetViewModel vm = new DatasetViewModel(DatasetSource.ofFile(file), new InlineJobs(), errors);

        vm.profile();

        assertTrue(errors.errors.isEmpty(), () -> "errors: " + errors.errors);
        assertEquals(DatasetViewModel.State.READY, vm.stateProperty().get());
        assertEquals("300", vm.rowsProperty().get());
        assertEquals(SampleData.COLUMNS, vm.columns().size());
        assertNotEquals(Messages.get("dataset.overview.exact"), vm.approximateProperty().get());
        assertTrue(vm.approximateProperty().get().contains("KLL") || vm.approximateProperty().get().contains("quantile"),
                vm.approximateProperty().get());
        // what the streaming read detected, not an invented format
        assertEquals(Messages.format("dataset.overview.streamed", "csv, UTF-8, ','"), vm.formatProperty().get());
        assertEquals(0, vm.previewRowsProperty().get().size());
        assertTrue(vm.warnings().get(0).contains("streaming mode"), vm.warnings().toString());
    }

    @Test
    void aStreamedTabSeparatedFileSaysSo() throws Exception {
        Path csv = SampleData.loans(dir, "loans.csv", 200);
        Path tsv = dir.resolve("loans.tsv");
        java.nio.file.Files.writeString(tsv, java.nio.file.Files.readString(csv).replace(',', '\t'));
        System.setProperty("mlwb.streaming.thresholdBytes", "100");
        RecordingErrors errors = new RecordingErrors();
        DatasetViewModel vm = new DatasetViewModel(DatasetSource.ofFile(tsv), new InlineJobs(), errors);

        vm.profile();

        assertTrue(errors.errors.isEmpty(), () -> "errors: " + errors.errors);
        assertEquals(Messages.format("dataset.overview.streamed", "tsv, UTF-8, '\\t'"), vm.formatProperty().get());
    }
}
