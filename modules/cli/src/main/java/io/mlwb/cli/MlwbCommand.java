package io.mlwb.cli;

import io.mlwb.core.error.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The root {@code mlwb} command: global options, and the list of subcommands. */
@Command(name = "mlwb",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"ML Workbench: a desktop workbench and command line for git-backed machine-learning projects.",
            "", "Without a subcommand the launcher opens the workbench; 'mlwb open DIR' opens a folder in it."},
        footer = {"", "Exit codes: 0 ok, 1 a check failed, 2 user error, 3 internal error."})
final class MlwbCommand implements Callable<Integer> {
    /**
     * The subcommands, in the order the help lists them. Not in the annotation: {@link Cli#commandLine(PrintWriter,
     * PrintWriter, String[])} adds only the one a command line names, since picocli builds each subcommand's model by
     * reflection (about 0.15 s of a CLI start for all of them).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(InitCommand.class, StatusCommand.class, AuditCommand.class,
            ProfileCommand.class, TrainCommand.class, SweepCommand.class, RemoteCommand.class, RunsCommand.class,
            ModelsCommand.class, LineageCommand.class, CardCommand.class, DriftCommand.class,
            RetrainCheckCommand.class, DataCommand.class, DeployCommand.class, ServeCommand.class,
            PredictCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--project", paramLabel = "DIR",
            description = "The project folder (default: the nearest folder upward holding mlwb.yaml).")
    java.nio.file.Path project;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Option(names = {"-v", "--verbose"}, description = "Log to stderr as well as to the log file.")
    boolean verbose;

    @Override
    public Integer call() {
        // The workbench window arrives with the shell issue; until then, no subcommand shows the help.
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK.code();
    }
}
