package io.mlwb.core.project;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An opened project: a folder holding {@code mlwb.yaml} (and, by the house plan, a git repository, which the
 * {@code vcs} module checks), its validated configuration, and where mlwb keeps its own state.
 * Immutable; reload to see edits to the file.
 */
public final class Project {
    /** The configuration file's name in the project root. */
    public static final String CONFIG_FILE = "mlwb.yaml";
    /** The git-ignored folder for mlwb's own state. */
    public static final String STATE_DIR = ".mlwb";
    /** The catalog database's name inside {@link #STATE_DIR}. */
    public static final String CATALOG_FILE = "catalog.db";

    private final Path root;
    private final ProjectConfig config;
    private final List<ConfigWarning> warnings;

    /**
     * @param root     the project folder; made absolute and normalised
     * @param config   its configuration
     * @param warnings the warnings found while reading it
     */
    public Project(Path root, ProjectConfig config, List<ConfigWarning> warnings) {
        this.root = root.toAbsolutePath().normalize();
        this.config = Objects.requireNonNull(config, "config");
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Opens the project in {@code root} by reading its {@code mlwb.yaml}.
     *
     * @throws UserError when {@code root} is not a folder or has no mlwb.yaml; {@link ConfigError} when the
     *                   file is invalid
     */
    public static Project load(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UserError("Not a folder: " + dir, "Open the project folder, the one holding " + CONFIG_FILE
                    + ".", ExitCode.BAD_INPUT, null);
        }
        Path file = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserError("No " + CONFIG_FILE + " in " + dir,
                    "Run `mlwb init` in that folder to make it a project, or open the folder that holds "
                            + CONFIG_FILE + ".", ExitCode.BAD_INPUT, null);
        }
        LoadedConfig loaded = new ProjectConfigLoader().load(file);
        return new Project(dir, loaded.config(), loaded.warnings());
    }

    /**
     * Finds the project a path belongs to.
     *
     * @param start a folder or file; when it is a file, the search starts at its folder
     * @return the nearest folder upward from {@code start} (itself included) that holds {@code mlwb.yaml}
     */
    public static Optional<Path> findRoot(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        if (Files.isRegularFile(dir)) {
            dir = dir.getParent();
        }
        for (; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(CONFIG_FILE))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** @return the project folder, absolute and normalised */
    public Path root() {
        return root;
    }

    /** @return the validated configuration */
    public ProjectConfig config() {
        return config;
    }

    /** @return warnings found when the configuration was read, in file order */
    public List<ConfigWarning> warnings() {
        return warnings;
    }

    /** @return {@code root/mlwb.yaml} */
    public Path configFile() {
        return root.resolve(CONFIG_FILE);
    }

    /** @return {@code root/.mlwb}, which may not exist yet */
    public Path stateDir() {
        return root.resolve(STATE_DIR);
    }

    /** @return {@code root/.mlwb/catalog.db}, which may not exist yet */
    public Path catalogFile() {
        return stateDir().resolve(CATALOG_FILE);
    }

    /**
     * Resolves a dataset's path against the project root. Checks the path lexically; a symbolic link inside
     * the project may still point elsewhere.
     *
     * @throws UserError when the path is absolute, escapes the project folder with {@code ..}, or names the
     *                   folder itself
     */
    public Path resolve(DatasetConfig dataset) {
        Path resolved;
        try {
            Path relative = Path.of(dataset.path());
            resolved = relative.isAbsolute() ? null : root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            resolved = null;
        }
        if (resolved == null || !resolved.startsWith(root) || resolved.equals(root)) {
            throw new UserError("Dataset '%s' has path %s, which is not inside the project %s"
                    .formatted(dataset.name(), dataset.path(), root),
                    "In " + CONFIG_FILE + ", use a path relative to the project folder, such as data/train.csv.",
                    ExitCode.BAD_INPUT, null);
        }
        return resolved;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Project p && p.root.equals(root) && p.config.equals(config)
                && p.warnings.equals(warnings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, config, warnings);
    }

    @Override
    public String toString() {
        return "Project[" + config.name() + " at " + root + "]";
    }
}
