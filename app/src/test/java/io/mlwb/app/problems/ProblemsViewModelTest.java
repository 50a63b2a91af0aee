package io.mlwb.app.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The Problems pane's state, without a toolkit. */
class ProblemsViewModelTest {
    private final ProblemsModel model = new ProblemsModel(Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"),
            ZoneOffset.UTC));
    private final ProblemsViewModel vm = new ProblemsViewModel(model, ZoneOffset.UTC);

    @Test
    void countsErrorsAndWarnings() {
        model.error("Profiling", new UserError("Column 'y' is not in train.csv.", "Use one of: a, b."));
        model.warning("Git", "Detached HEAD.", "Check out a branch.");
        model.warning("Git", "Untracked data.", "");
        assertEquals(1, vm.errorCountProperty().get());
        assertEquals(2, vm.warningCountProperty().get());
        assertEquals("1 error, 2 warnings", vm.summaryProperty().get());
        vm.clear();
        assertEquals(0, vm.errorCountProperty().get());
        assertEquals("no errors, no warnings", vm.summaryProperty().get());
    }

    @Test
    void detailsShowWhatToDoAndOnlyABugsTrace() {
        model.error("Profiling", new UserError("Column 'y' is not in train.csv.", "Use one of: a, b."));
        vm.selectedProperty().set(model.problems().get(0));
        assertEquals("Use one of: a, b.", vm.detailsProperty().get(), "no trace for a UserError");

        model.error("Training", new IllegalStateException("null tensor"));
        vm.selectedProperty().set(model.problems().get(0));
        String details = vm.detailsProperty().get();
        assertTrue(details.contains("java.lang.IllegalStateException: null tensor"));
        assertTrue(details.contains("\tat "), "a bug shows its stack trace");
        assertTrue(vm.copyText(model.problems()).contains("10:00:00 ERROR [Training] Unexpected error: null tensor"));

        vm.clear();
        assertNull(vm.selectedProperty().get(), "a removed problem is no longer selected");
        assertEquals("", vm.detailsProperty().get());
    }

    @Test
    void theSameExceptionReportedTwiceInARowIsListedOnce() {
        IllegalStateException e = new IllegalStateException("once");
        model.error("Job", e);
        model.error("Job", e);
        assertEquals(1, model.problems().size());
        model.error("Job", new IllegalStateException("another"));
        assertEquals(2, model.problems().size());
        assertFalse(model.problems().get(0).message().contains("once"));
    }
}
