package io.mlwb.vcs;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the files of one commit into a folder outside the project, read from the repository's objects, as
 * {@code git archive REV | tar -x} would: the project's own work tree, index, HEAD and branches are not touched (no
 * checkout, no linked work tree), so it works whatever state the work tree is in. Used to open a project for review
 * at a tag. Files are written read-only; submodules are left out.
 */
public final class RevisionSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(RevisionSnapshot.class);

    private RevisionSnapshot() {
    }

    /**
     * Writes every file of {@code revision}'s tree under {@code dir}.
     *
     * @param repo     the project's repository
     * @param revision a tag ({@code model/credit/v1}), branch, or commit id
     * @param dir      an empty or new folder, outside the project
     * @return the commit written
     * @throws UserError (exit 2) when the revision names no commit, the folder is not empty, or a file cannot be
     *                   written
     */
    public static CommitInfo export(GitRepo repo, String revision, Path dir) {
        Objects.requireNonNull(dir, "dir");
        Path target = dir.toAbsolutePath().normalize();
        if (revision == null || revision.isBlank()) {
            throw new UserError("No revision to open for review.", "Name a tag, e.g. model/credit-default/v1 "
                    + "(`git tag` lists them).", ExitCode.BAD_INPUT, null);
        }
        CommitInfo commit = repo.commitInfo(revision.strip()); // a clear UserError for an unknown revision
        try {
            if (Files.exists(target)) {
                try (var s = Files.list(target)) {
                    if (s.findAny().isPresent()) {
                        throw new UserError(target + " is not empty.", "Choose a new folder.", ExitCode.BAD_INPUT,
                                null);
                    }
                }
            }
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UserError("Cannot make " + target + ": " + e.getMessage(), "Check the folder.",
                    ExitCode.BAD_INPUT, e);
        }
        int files = 0;
        try (Repository r = new FileRepositoryBuilder().findGitDir(repo.root().toFile()).setMustExist(true).build();
             RevWalk walk = new RevWalk(r); TreeWalk tw = new TreeWalk(r)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit.sha()));
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                if (mode.getObjectType() != Constants.OBJ_BLOB || mode == FileMode.SYMLINK) {
                    continue; // submodules and links are not files of this project
                }
                Path file = target.resolve(tw.getPathString()).normalize();
                if (!file.startsWith(target)) {
                    continue; // a path that would leave the folder is never written
                }
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    r.open(tw.getObjectId(0), Constants.OBJ_BLOB).copyTo(out);
                }
                file.toFile().setWritable(false, false);
                files++;
            }
        } catch (IOException e) {
            throw new UserError("Cannot write " + revision + " into " + target + ": " + e.getMessage(),
                    "Check the disk space and the repository (`git fsck`).", ExitCode.BAD_INPUT, e);
        }
        LOG.info("Wrote {} files of {} ({}) to {}", files, revision, commit.shortSha(), target);
        return commit;
    }
}
