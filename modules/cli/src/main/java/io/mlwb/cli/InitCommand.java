package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.ProjectTemplate;
import io.mlwb.vcs.Author;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger LOG = LoggerFactory.getLogger(InitCommand.class);

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
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new UserError(root + " is a file, not a folder.", "Give a folder to initialize.");
        }
        Path config = root.resolve(Project.CONFIG_FILE);
        if (Files.exists(config)) {
            throw new UserError(root + " is already an mlwb project (" + config.getFileName() + " exists).",
                    "Open it with 'mlwb --project " + root + " status', or remove mlwb.yaml to start over.");
        }
        String projectName = name != null ? name.strip() : (root.getFileName() == null ? "project" : root.getFileName().toString());
        if (projectName.isEmpty()) {
            throw new UserError("The project name is empty.", "Pass a name with --name.");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UserError("Cannot create the folder " + root + ": " + e.getMessage(),
                    "Check the path and your permissions.", io.mlwb.core.error.ExitCode.BAD_INPUT, e);
        }
        try (GitRepo repo = GitRepo.init(root)) {
            repo.requireCanCommit();
            write(config, ProjectTemplate.render(projectName));
            Project project = Project.load(root);
            Author author = repo.author();
            String actor = author.name() + " <" + author.email() + ">";
            Path relConfig = repo.root().relativize(config);
            Path relIgnore = repo.root().relativize(root.resolve(".gitignore"));
            CommitInfo commit = repo.commit(List.of(slash(relConfig), slash(relIgnore)),
                    "Initialize mlwb project " + projectName);
            try (Catalog catalog = Catalog.open(project.catalogFile())) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("root", root.toString());
                details.put("commit", commit.sha());
                details.put("mlwb_version", VersionProvider.productVersion());
                new AuditLog(catalog).append(actor, "project.create", "project", projectName, details);
            }
            LOG.info("Initialized project {} at {} (commit {})", projectName, root, commit.shortSha());
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("project", projectName);
                out.put("root", root.toString());
                out.put("commit", commit.sha());
                out.put("catalog", project.catalogFile().toString());
                Json.print(spec.commandLine().getOut(), out);
            } else {
                spec.commandLine().getOut().printf("Initialized mlwb project '%s' in %s%n", projectName, root);
                spec.commandLine().getOut().printf("  commit  %s %s%n", commit.shortSha(), commit.shortMessage());
                spec.commandLine().getOut().printf("  catalog %s%n", root.relativize(project.catalogFile()));
            }
        }
        return 0;
    }

    private static String slash(Path p) {
        return p.toString().replace('\\', '/');
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
