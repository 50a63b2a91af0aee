package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The single exception handler: which exit code and what a person sees for each kind of failure. */
class ErrorHandlingTest {

    private static String[] handle(Exception e, boolean debug, int[] code) {
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        code[0] = Cli.handle(e, cl, debug);
        return err.toString().split("\\R");
    }

    @Test
    void internalErrorIsExit3WithShortMessageAndLogPathButNoTrace() {
        int[] code = new int[1];
        String[] lines = handle(new IllegalStateException("boom"), false, code);
        assertEquals(ExitCode.INTERNAL.code(), code[0]);
        assertTrue(lines[0].contains("internal error") && lines[0].contains("boom"), lines[0]);
        assertTrue(String.join("\n", lines).contains("mlwb.log"), String.join("\n", lines));
        assertFalse(String.join("\n", lines).contains("\tat "), "no stack trace without --debug");
    }

    @Test
    void userErrorUsesItsExitCodeAndPrintsWhatToDo() {
        int[] code = new int[1];
        String[] lines = handle(new UserError("The audit chain is broken.", "Restore the catalog from git history.",
                ExitCode.CHECK_FAILED, null), false, code);
        assertEquals(1, code[0]);
        assertEquals("mlwb: The audit chain is broken.", lines[0]);
        assertEquals("Restore the catalog from git history.", lines[1]);
        assertEquals(2, lines.length);
    }

    @Test
    void userErrorWrappedInAnotherExceptionIsStillAUserError() {
        int[] code = new int[1];
        String[] lines = handle(new RuntimeException(new UserError("Bad file.", "Fix it.")), false, code);
        assertEquals(2, code[0]);
        assertEquals("mlwb: Bad file.", lines[0]);
    }

    @Test
    void debugAddsTheStackTrace() {
        int[] code = new int[1];
        String[] lines = handle(new UserError("Bad file.", "Fix it."), true, code);
        assertEquals(2, code[0]);
        assertTrue(String.join("\n", lines).contains("\tat "), "--debug prints the trace");
    }

    @Test
    void noSubcommandPrintsHelpUntilTheWorkbenchExists() {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[0], new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, code);
        assertTrue(out.toString().contains("Usage: mlwb"), out.toString());
        assertTrue(out.toString().contains("audit"), out.toString());
    }
}
