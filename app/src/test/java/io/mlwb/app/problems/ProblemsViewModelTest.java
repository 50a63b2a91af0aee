package io.mlwb.app.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
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
    void aUserErrorAnywhereInTheCauseChainIsListedAsThatUserErrorNotAsABug() {
        UserError user = new UserError("train.csv could not be read.", "Check that you may read it.");
        model.error("Reading train.csv", new RuntimeException("job failed", new ExecutionException(user)));

        assertEquals(1, model.problems().size());
        Problem p = model.problems().get(0);
        assertEquals("train.csv could not be read.", p.message());
        assertEquals("Check that you may read it.", p.whatToDo());
        assertFalse(p.bug());
        vm.selectedProperty().set(p);
        assertEquals("Check that you may read it.", vm.detailsProperty().get(), "no trace for a user error");
        assertFalse(vm.bugSelectedProperty().get());
    }

    @Test
    void aBugIsListedWithTheBundlesWordsAndItsDetailsGoToThePresenter() {
        List<Problem> reported = new ArrayList<>();
        List<Problem> detailsAsked = new ArrayList<>();
        model.setNotifier(new ProblemPresenter() {
            @Override
            public void reported(Problem problem) {
                reported.add(problem);
            }

            @Override
            public void showDetails(Problem problem) {
                detailsAsked.add(problem);
            }
        });
        model.warning("Git", "Detached HEAD.", "");
        vm.selectedProperty().set(model.problems().get(0));
        vm.showDetails();
        assertEquals(List.of(), detailsAsked, "a warning has no error dialog");

        IllegalStateException bug = new IllegalStateException("null tensor");
        model.error("Training", bug);

        Problem p = model.problems().get(0);
        assertTrue(p.bug());
        assertEquals(Messages.format("problems.bug.message", "null tensor"), p.message());
        assertEquals(Messages.get("problems.bug.whatToDo"), p.whatToDo());
        assertSame(bug, p.cause());
        assertEquals(2, reported.size());
        assertSame(p, reported.get(1));
        vm.selectedProperty().set(p);
        assertTrue(vm.bugSelectedProperty().get());
        vm.showDetails();
        assertEquals(List.of(p), detailsAsked);
    }

    @Test
    void everyReportIsListedAndACancelIsNone() {
        IllegalStateException e = new IllegalStateException("once");
        model.error("Job", e);
        model.error("Job", e); // reported twice is listed twice: only the job runner reports a failed job
        model.error("Job", new Cancelled());
        assertEquals(2, model.problems().size());
    }
}
