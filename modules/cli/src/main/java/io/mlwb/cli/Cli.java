package io.mlwb.cli;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Builds the picocli command tree and the ONE place where exceptions become exit codes and messages:
 * a {@link UserError} prints its message and what to do (exit 1-3 as it says); any other exception is our bug:
 * a short message on stderr, the stack trace in the log file (and on stderr with {@code --debug}).
 */
final class Cli {
    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private Cli() {
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        MlwbCommand root = new MlwbCommand();
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine, root.debug));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("mlwb: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
                c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            return ExitCode.BAD_INPUT.code();
        });
        cl.setExitCodeExceptionMapper(ex -> UserError.find(ex).map(ue -> ue.exit().code())
                .orElse(ExitCode.INTERNAL.code()));
        return cl;
    }

    static int handle(Exception ex, CommandLine commandLine, boolean debug) {
        PrintWriter err = commandLine.getErr();
        UserError userError = UserError.find(ex).orElse(null);
        if (userError != null) {
            LOG.info("Command failed: {}", userError.getMessage(), debug ? userError : null);
            err.println("mlwb: " + userError.getMessage());
            if (!userError.whatToDo().isEmpty()) {
                err.println(userError.whatToDo());
            }
            if (debug) {
                userError.printStackTrace(err);
            }
            return userError.exit().code();
        }
        LOG.error("Internal error in '{}'", commandLine.getCommandSpec().qualifiedName(), ex);
        err.println("mlwb: internal error: " + ex);
        err.println("This is a bug in mlwb. Details are in the log: " + CliLogging.logFile());
        if (debug) {
            ex.printStackTrace(err);
        }
        return ExitCode.INTERNAL.code();
    }
}
