package io.mlwb.app.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.audit.AuditService;
import io.mlwb.catalog.audit.AuditVerification;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Audit log pane's state over a real catalog and a real {@link AuditService}; no toolkit, jobs run inline. */
class AuditLogViewModelTest {
    @TempDir
    Path dir;
    private Path file;
    private Catalog catalog;
    private final InlineJobs jobs = new InlineJobs();
    private AuditLogViewModel vm;

    @BeforeEach
    void fiveEntries() {
        file = dir.resolve("catalog.db");
        catalog = Catalog.open(file);
        AuditTestLogs.appendFive(catalog);
        vm = new AuditLogViewModel(new AuditService(catalog), "", jobs, 2);
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void refreshLoadsTheNewestPageAndTheTotal() {
        vm.refresh();
        assertEquals(List.of(5L, 4L), seqs());
        assertEquals(5, vm.totalProperty().get());
        assertFalse(vm.busyProperty().get());
        assertTrue(vm.canLoadMoreProperty().get());
        assertEquals(Messages.format("audit.summary", 2, 5), vm.summaryProperty().get());
        assertEquals(List.of(Messages.get("audit.job.load")), jobs.titles(), "the read ran as a job");
        AuditRow card = vm.rows().get(1);
        assertEquals("Grace", card.actor());
        assertEquals("credit-v1", card.entityId());
        assertEquals("", card.details(), "no details show blank, not {}");
    }

    @Test
    void oldestFirstReadsTheChainInOrder() {
        vm.newestFirstProperty().set(false);
        vm.refresh();
        assertEquals(List.of(1L, 2L), seqs());
        assertEquals("", vm.rows().get(0).entityId(), "no entity id shows blank");
    }

    @Test
    void loadMoreAppendsTheNextPageWithoutRepeatingEntriesWhenTheLogGrew() {
        vm.refresh();
        new AuditLog(catalog).append("ada", "run.create", "run", "8", Map.of());
        vm.loadMore();
        assertEquals(List.of(5L, 4L, 3L), seqs(), "seq 4 moved to the next page; it is not shown twice");
        assertEquals(6, vm.totalProperty().get());
        vm.loadMore();
        vm.loadMore();
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), seqs());
        assertFalse(vm.canLoadMoreProperty().get(), "every position was read; the new entry is above the first page");
        vm.refresh();
        assertEquals(List.of(6L, 5L), seqs());
    }

    @Test
    void filterNarrowsTheRowsAndTheTotalWhenApplied() {
        vm.refresh();
        vm.filterProperty().set("grace");
        assertEquals(5, vm.totalProperty().get(), "typing alone reads nothing");
        vm.refresh();
        assertEquals(List.of(4L, 3L), seqs());
        assertEquals(2, vm.totalProperty().get());
        assertFalse(vm.canLoadMoreProperty().get());
        assertEquals(Messages.format("audit.summary.filtered", 2, 2, "grace"), vm.summaryProperty().get());

        vm.filterProperty().set("dataset.profile");
        vm.refresh();
        vm.filterProperty().set("ada");   // typed, not applied: load more keeps the filter the rows were read with
        vm.loadMore();
        assertEquals(List.of(5L, 2L), seqs());
        assertEquals("dataset.profile", vm.appliedFilterProperty().get());
    }

    @Test
    void verifyShowsAnIntactChain() {
        assertNull(vm.verificationProperty().get());
        assertEquals(Messages.get("audit.verify.notChecked"), vm.verificationTextProperty().get());
        vm.verify();
        assertTrue(vm.verificationProperty().get().ok());
        assertEquals(Messages.format("audit.verify.intact", 5), vm.verificationTextProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void verifyShowsWhereTheChainBreaks() throws Exception {
        AuditTestLogs.tamper(file, 3);
        vm.verify();
        AuditVerification v = vm.verificationProperty().get();
        assertFalse(v.ok());
        assertEquals(3L, v.firstBroken().orElseThrow());
        assertEquals(Messages.format("audit.verify.broken", 3, AuditVerification.HASH_MISMATCH, 3),
                vm.verificationTextProperty().get());
    }

    @Test
    void aFailedReadIsNoLongerBusyShowsWhyAndKeepsTheRows() {
        vm.refresh();
        catalog.close();
        vm.refresh();
        assertFalse(vm.busyProperty().get());
        assertTrue(vm.messageProperty().get().startsWith(Messages.format("audit.error.load", "")),
                vm.messageProperty().get());
        assertTrue(vm.messageProperty().get().contains("closed"), vm.messageProperty().get());
        assertEquals(List.of(5L, 4L), seqs(), "what was shown stays");

        vm.verify();
        assertFalse(vm.busyProperty().get());
        assertNull(vm.verificationProperty().get());
        assertTrue(vm.messageProperty().get().startsWith(Messages.format("audit.error.verify", "")));
    }

    @Test
    void aReadOnlyCatalogStillListsAndVerifies() {
        catalog.close();
        catalog = Catalog.openReadOnly(file);
        var readOnly = new AuditLogViewModel(new AuditService(catalog), jobs);
        readOnly.refresh();
        readOnly.verify();
        assertEquals(5, readOnly.rows().size());
        assertTrue(readOnly.verificationProperty().get().ok());
        assertEquals("", readOnly.messageProperty().get());
    }

    @Test
    void withoutAReadableCatalogItSaysWhyAndRunsNothing() {
        var broken = AuditLogViewModel.unavailable("file is not a database", jobs);
        assertFalse(broken.available());
        assertEquals(Messages.format("audit.unavailable", "file is not a database"),
                broken.unavailableProperty().get());
        broken.refresh();
        broken.loadMore();
        broken.verify();
        assertEquals(List.of(), jobs.titles(), "nothing touches the catalog");
        assertTrue(broken.rows().isEmpty());
        assertFalse(broken.busyProperty().get());
        assertFalse(broken.canLoadMoreProperty().get());
        assertEquals("", vm.unavailableProperty().get(), "a readable catalog is available");
    }

    private List<Long> seqs() {
        return vm.rows().stream().map(AuditRow::seq).toList();
    }
}
