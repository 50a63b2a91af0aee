package io.mlwb.app.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Error codes are stable per failure site; the dialog's text follows STYLE rule 10. */
class ErrorCodeTest {
    private static RuntimeException failHere(String message) {
        return new IllegalStateException(message);
    }

    private static RuntimeException failElsewhere() {
        return new IllegalArgumentException("other");
    }

    @Test
    void sameFailureGivesTheSameCodeAnotherGivesAnother() {
        String a = ErrorCode.of(failHere("file a.csv"));
        String b = ErrorCode.of(failHere("file b.csv"));
        assertEquals(a, b, "the message is not part of the code");
        assertTrue(a.matches("[0-9A-F]{8}"), a);
        assertNotEquals(a, ErrorCode.of(failElsewhere()));
    }

    @Test
    void aBugNamesTheLogFileAndHasATrace() {
        ErrorDialogViewModel vm = new ErrorDialogViewModel("Open project", failHere("boom"),
                Path.of("/tmp/logs/mlwb-app.log"));
        assertTrue(vm.bug());
        assertEquals("Something went wrong inside mlwb: boom", vm.headline());
        assertTrue(vm.whatToDo().contains("bug") && vm.whatToDo().contains("/tmp/logs/mlwb-app.log"));
        assertTrue(vm.details().startsWith("java.lang.IllegalStateException: boom"));
        assertTrue(vm.copyText().contains(vm.code()));
    }

    @Test
    void aUserErrorShowsWhatToDoAndNoTrace() {
        UserError user = new UserError("The folder /x does not exist.", "Choose another folder.");
        ErrorDialogViewModel vm = new ErrorDialogViewModel("Open project", new RuntimeException("wrapped", user),
                Path.of("log"));
        assertFalse(vm.bug());
        assertEquals("The folder /x does not exist.", vm.headline());
        assertEquals("Choose another folder.", vm.whatToDo());
        assertEquals("", vm.details());
    }
}
