package io.mlwb.cli;

import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Options shared by commands that work on a project: {@code --project DIR} (also accepted before the
 * subcommand) and {@code --json}.
 */
final class ProjectOptions {
    @Option(names = "--project", paramLabel = "DIR",
            description = "The project folder (default: the nearest folder upward holding mlwb.yaml).")
    Path project;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    /** The project folder: this command's --project, else the root's, else the nearest one upward. */
    Path root(CommandSpec spec) {
        Path given = project;
        if (given == null && spec.root().userObject() instanceof MlwbCommand root) {
            given = root.project;
        }
        if (given != null) {
            Path named = given;
            Path dir = given.toAbsolutePath().normalize();
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw new UserError("Project folder " + dir + " does not exist.", "Check the --project path.");
            }
            return Project.findRoot(dir).orElseThrow(() -> new UserError(
                    "No mlwb project at " + dir + " (no " + Project.CONFIG_FILE + " there or above).",
                    "Run 'mlwb init " + named + "' to make it one."));
        }
        Path cwd = Path.of("").toAbsolutePath();
        return Project.findRoot(cwd).orElseThrow(() -> new UserError(
                "No mlwb project here: no " + Project.CONFIG_FILE + " in " + cwd + " or any folder above it.",
                "Run 'mlwb init' to make this folder a project, or pass --project DIR."));
    }

    /** Loads the project (configuration included) named by the options. */
    Project load(CommandSpec spec) {
        return Project.load(root(spec));
    }
}
