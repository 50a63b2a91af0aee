package io.mlwb.data.history;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.vcs.FileVersion;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.fingerprint.FileFingerprint;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dataset file's versions over git history, and their bytes, so any version can be profiled and two compared.
 */
public final class DatasetVersions {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetVersions.class);
    private static final String WORKING = "working";

    /** Creates the service; it holds no state. */
    public DatasetVersions() {
        // stateless
    }

    /**
     * Lists the file's versions, newest first: the working copy first when it differs from HEAD (or git does not
     * track it), then up to {@code limit} commits that changed the file.
     *
     * @param repo         the project's repository
     * @param relativePath the file, relative to the repository root
     * @param limit        the most committed versions to list
     * @return the versions
     * @throws UserError when the file is neither in the working tree nor in the history, or the path is outside
     *                   the repository
     */
    public List<DatasetVersion> versions(GitRepo repo, String relativePath, int limit) {
        Objects.requireNonNull(repo, "repo");
        List<FileVersion> history = repo.fileHistory(relativePath, limit);
        List<DatasetVersion> versions = new ArrayList<>();
        Path file = repo.root().resolve(relativePath).normalize();
        String path = history.isEmpty() ? relativePath.replace('\\', '/') : history.get(0).path();
        if (Files.isRegularFile(file)) {
            FileFingerprint fp = Fingerprints.fingerprint(file);
            Optional<String> headBlob = repo.blobId("HEAD", relativePath);
            if (headBlob.isEmpty() || !headBlob.get().equals(fp.gitBlobId())) {
                versions.add(new DatasetVersion(path, null, WORKING, lastModified(file),
                        headBlob.isEmpty() ? "Not committed" : "Uncommitted changes", fp.gitBlobId(), true));
            }
        }
        for (FileVersion v : history) {
            versions.add(new DatasetVersion(v.path(), v.commit().sha(), v.commit().shortSha(), v.commit().time(),
                    v.commit().shortMessage(), v.blobId(), false));
        }
        if (versions.isEmpty() && !Files.isRegularFile(file) && limit > 0) {
            throw new UserError("%s is neither in the working tree nor in the git history of %s."
                    .formatted(relativePath, repo.root()), "Check the dataset's path in mlwb.yaml.");
        }
        LOG.debug("{}: {} versions", relativePath, versions.size());
        return versions;
    }

    /**
     * Writes a version's bytes to a file in {@code tempDir}, named after the version and the original file name
     * (so the extension, which format detection uses, is kept), replacing an older copy.
     *
     * @param repo    the project's repository
     * @param version a version from {@link #versions(GitRepo, String, int)}
     * @param tempDir the folder to write into; created when missing
     * @return the written file
     * @throws UserError when the version's bytes cannot be read or written
     */
    public Path materialize(GitRepo repo, DatasetVersion version, Path tempDir) {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(version, "version");
        String fileName = Path.of(version.path()).getFileName().toString();
        Path target = tempDir.resolve(version.shortSha() + "-" + fileName);
        if (!version.workingTree()) {
            repo.writeBlob(version.blobId(), target);
            return target;
        }
        Path source = repo.root().resolve(version.path());
        try {
            Files.createDirectories(tempDir);
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserError("Could not copy %s to %s: %s".formatted(source, target, e.getMessage()),
                    "Check that the file still exists and the temporary folder is writable.", ExitCode.BAD_INPUT, e);
        }
        return target;
    }

    private static java.time.Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UserError("Could not read the time of %s: %s".formatted(file, e.getMessage()),
                    "Check that the file is readable.", ExitCode.BAD_INPUT, e);
        }
    }

    /**
     * A commit whose {@code path} has exactly these bytes: the file's last {@code limit} revisions are hashed until one
     * matches. For a dataset version recorded before its file was committed (or recorded without its commit).
     *
     * @param repo   the repository
     * @param path   the file, relative to the repository root
     * @param sha256 the bytes' SHA-256
     * @param limit  how many revisions to look at
     * @return the commit, or null when none of them holds these bytes
     */
    public String commitHolding(GitRepo repo, String path, String sha256, int limit) {
        try {
            Path tmp = Files.createTempDirectory("mlwb-find");
            try {
                for (DatasetVersion dv : versions(repo, path, limit)) {
                    if (dv.workingTree() || dv.commitSha() == null) {
                        continue;
                    }
                    Path f = tmp.resolve(dv.blobId());
                    repo.writeBlob(dv.blobId(), f);
                    boolean same = Fingerprints.fingerprint(f).sha256().equals(sha256);
                    Files.deleteIfExists(f);
                    if (same) {
                        return dv.commitSha();
                    }
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
