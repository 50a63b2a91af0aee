package io.mlwb.workspace;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.ProjectTemplate;
import io.mlwb.vcs.Author;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a folder an mlwb project: a git repository (created when missing) with {@code .mlwb/} ignored, an
 * {@code mlwb.yaml}, the catalog, and a commit; the project's creation is the first audit entry. Shared by
 * {@code mlwb init}, the workbench's "New project…" and the sample-project installer.
 */
public final class ProjectInitializer {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectInitializer.class);

    private final String productVersion;

    /** @param productVersion the mlwb version recorded in the audit entry */
    public ProjectInitializer(String productVersion) {
        this.productVersion = productVersion == null ? "dev" : productVersion;
    }

    /**
     * The outcome of initializing a project.
     *
     * @param root        the project folder
     * @param name        the project's name
     * @param commit      the commit that added the project files
     * @param catalogFile the catalog created
     */
    public record Initialized(Path root, String name, CommitInfo commit, Path catalogFile) {
    }

    /**
     * Initializes a NEW project in {@code dir} (created when missing) with the commented {@code mlwb.yaml} template.
     * Checks everything that could make it fail (an existing mlwb.yaml, a detached HEAD, a git lock file) before
     * writing anything.
     *
     * @param dir  the folder
     * @param name the project name, or null for the folder's name
     * @return what was created
     * @throws UserError when the folder is a file, already a project, or git cannot commit there
     */
    public Initialized init(Path dir, String name) {
        Path root = dir.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new UserError(root + " is a file, not a folder.", "Give a folder to initialize.");
        }
        Path config = root.resolve(Project.CONFIG_FILE);
        if (Files.exists(config)) {
            throw new UserError(root + " is already an mlwb project (" + Project.CONFIG_FILE + " exists).",
                    "Open it instead, or remove mlwb.yaml to start over.");
        }
        String projectName = name != null ? name.strip() : String.valueOf(root.getFileName());
        if (projectName.isEmpty() || "null".equals(projectName)) {
            throw new UserError("The project name is empty.", "Give the project a name.");
        }
        createFolder(root);
        try (GitRepo repo = GitRepo.init(root)) {
            repo.requireCanCommit();
            write(config, ProjectTemplate.render(projectName));
            Project.load(root); // the template must read back; fail before committing if not
            return finish(repo, root, projectName, List.of(config, root.resolve(".gitignore")),
                    "Initialize mlwb project " + projectName);
        }
    }

    /**
     * Adopts a folder that already holds an {@code mlwb.yaml} (a copied sample, an unpacked archive): initializes git
     * when needed, ignores {@code .mlwb/}, creates the catalog, and commits every file not ignored.
     *
     * @param dir     the folder holding mlwb.yaml
     * @param message the commit message
     * @return what was created
     * @throws UserError when mlwb.yaml is missing or invalid, or git cannot commit
     */
    public Initialized adopt(Path dir, String message) {
        Path root = dir.toAbsolutePath().normalize();
        Project project = Project.load(root);
        try (GitRepo repo = GitRepo.init(root)) {
            repo.requireCanCommit();
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !root.relativize(p).startsWith(".git") && !root.relativize(p).startsWith(".mlwb"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UserError("Cannot list the files of " + root + ": " + e.getMessage(),
                        "Check that the folder is readable.", ExitCode.BAD_INPUT, e);
            }
            return finish(repo, root, project.config().name(), files, message);
        }
    }

    private Initialized finish(GitRepo repo, Path root, String name, List<Path> files, String message) {
        Author author = repo.author();
        List<String> paths = files.stream().map(p -> repo.root().relativize(p).toString().replace('\\', '/')).toList();
        CommitInfo commit = repo.commit(paths, message);
        Path catalogFile = root.resolve(Project.STATE_DIR).resolve(Project.CATALOG_FILE);
        try (Catalog catalog = Catalog.open(catalogFile)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("root", root.toString());
            details.put("commit", commit.sha());
            details.put("mlwb_version", productVersion);
            new AuditLog(catalog).append(author.name() + " <" + author.email() + ">", "project.create", "project",
                    name, details);
        }
        LOG.info("Initialized project {} at {} (commit {})", name, root, commit.shortSha());
        return new Initialized(root, name, commit, catalogFile);
    }

    private static void createFolder(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UserError("Cannot create the folder " + root + ": " + e.getMessage(),
                    "Check the path and your permissions.", ExitCode.BAD_INPUT, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("Cannot write " + file + ": " + e.getMessage(), "Check that the folder is writable.",
                    ExitCode.BAD_INPUT, e);
        }
    }
}
