package io.mlwb.cli;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** @return the whole command tree (every subcommand), writing to {@code out} and {@code err} */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, new String[0]);
    }

    /**
     * The command tree for one command line: when {@code args} name a subcommand, only that one is added (the help
     * and the error for an unknown or missing subcommand still see every one, since then all are added).
     *
     * @param out  standard output
     * @param err  standard error
     * @param argv the command line
     * @return the command tree
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] argv) {
        MlwbCommand root = new MlwbCommand();
        CommandLine cl = new CommandLine(root);
        String named = subcommandName(argv);
        Optional<Class<?>> only = MlwbCommand.SUBCOMMANDS.stream().filter(c -> names(c).contains(named)).findFirst();
        if (only.isPresent()) {
            cl.addSubcommand(only.get());
        } else {
            MlwbCommand.SUBCOMMANDS.forEach(cl::addSubcommand);
        }
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

    /** The first argument that is not a root option (nor the value of {@code --project}), or null. */
    static String subcommandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--project")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** @return the subcommand's name and aliases, read off its annotation (without building its model) */
    private static List<String> names(Class<?> command) {
        CommandLine.Command c = command.getAnnotation(CommandLine.Command.class);
        List<String> names = new ArrayList<>(List.of(c.aliases()));
        names.add(c.name());
        return names;
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
