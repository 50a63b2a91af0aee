package io.mlwb.cli;

import io.mlwb.workspace.ProjectInitializer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlwb init [DIR] [--name N]}: makes a folder an mlwb project — a git repository (created when missing) with
 * {@code .mlwb/} ignored, a commented {@code mlwb.yaml}, the catalog, and a first commit; the project's creation is
 * the first audit entry.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Make a folder an mlwb project: git repository, mlwb.yaml, catalog, first commit.")
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The folder (default: the current one).")
    Path dir;

    @Option(names = "--name", paramLabel = "N", description = "Project name (default: the folder's name).")
    String name;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Path root = (dir == null ? Path.of("") : dir).toAbsolutePath().normalize();
        ProjectInitializer.Initialized done = new ProjectInitializer(VersionProvider.productVersion()).init(root, name);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("project", done.name());
            out.put("root", done.root().toString());
            out.put("commit", done.commit().sha());
            out.put("catalog", done.catalogFile().toString());
            Json.print(spec.commandLine().getOut(), out);
        } else {
            spec.commandLine().getOut().printf("Initialized mlwb project '%s' in %s%n", done.name(), done.root());
            spec.commandLine().getOut().printf("  commit  %s %s%n", done.commit().shortSha(), done.commit().shortMessage());
            spec.commandLine().getOut().printf("  catalog %s%n", done.root().relativize(done.catalogFile()));
        }
        return 0;
    }
}
