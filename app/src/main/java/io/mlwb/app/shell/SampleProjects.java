package io.mlwb.app.shell;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** Where the bundled sample projects are, and copying one to the person's projects folder. */
public final class SampleProjects {
    /** The sample the workbench opens on first start. */
    public static final String CREDIT_RISK = "credit-risk";

    private SampleProjects() {
    }

    /**
     * @return the bundled samples folder: {@code $mlwb.home/sample-projects} (the launcher sets mlwb.home to the
     *         checkout or installation), else {@code ./sample-projects}; empty when neither exists
     */
    public static Optional<Path> bundledDir() {
        String home = System.getProperty("mlwb.home");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of("").toAbsolutePath();
        Path dir = base.resolve("sample-projects");
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /**
     * @return where the person's copy of a sample goes: {@code ~/mlwb-projects/<name>} (the system property
     *         {@code mlwb.projects.dir} replaces {@code ~/mlwb-projects}; tests use it)
     */
    public static Path userCopy(String name) {
        String override = System.getProperty("mlwb.projects.dir");
        Path base = override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), "mlwb-projects");
        return base.resolve(name);
    }

    /**
     * Copies {@code sample} to {@code target} (which must not exist or be empty), skipping any {@code .git} or
     * {@code .mlwb} folder in the sample.
     *
     * @throws UserError if the target exists and is not empty, or copying fails
     */
    public static void copy(Path sample, Path target) {
        try {
            if (Files.isDirectory(target)) {
                try (var list = Files.list(target)) {
                    if (list.findAny().isPresent()) {
                        throw new UserError(target + " already exists and is not an mlwb project.",
                                "Move it away, or open it with File > Open folder.");
                    }
                }
            }
            Files.walkFileTree(sample, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String name = String.valueOf(dir.getFileName());
                    if (!dir.equals(sample) && (name.equals(".git") || name.equals(".mlwb") || name.equals("target"))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(target.resolve(sample.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, target.resolve(sample.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UserError("Cannot copy the sample project to " + target + ": " + e.getMessage(),
                    "Check that your home folder is writable.", ExitCode.BAD_INPUT, e);
        }
    }
}
