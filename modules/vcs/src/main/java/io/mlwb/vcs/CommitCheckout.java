package io.mlwb.vcs;

import io.mlwb.core.error.UserError;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks out a recorded commit (say the one a run was trained at) so it can be looked at or trained again, in one of
 * two ways, both on a new branch started at the commit:
 *
 * <ul>
 *   <li>{@link #intoBranch}: in the project's own work tree. Refused while tracked files have uncommitted changes
 *       (they would be lost or carried over silently).</li>
 *   <li>{@link #intoWorktree}: in a new folder, a linked work tree of the same repository (what {@code git worktree
 *       add -b BRANCH DIR COMMIT} makes: {@code DIR/.git} points at {@code .git/worktrees/NAME}), so the project's
 *       own work tree is left as it is, dirty or not. {@code git worktree list} shows it.</li>
 * </ul>
 */
public final class CommitCheckout {
    private static final Logger LOG = LoggerFactory.getLogger(CommitCheckout.class);

    private CommitCheckout() {
    }

    /**
     * Creates {@code branch} at {@code commit} and checks it out in the project's work tree.
     *
     * @param repo   the project's repository
     * @param commit a commit id (full or abbreviated)
     * @param branch the new branch's name
     * @return the commit checked out
     * @throws UserError when tracked files have uncommitted changes, the branch exists or its name is not valid, or
     *                   the commit is not in the repository
     */
    public static CommitInfo intoBranch(GitRepo repo, String commit, String branch) {
        checkBranchName(branch);
        if (repo.isDirty()) {
            throw new UserError("the work tree has uncommitted changes, so commit " + shortId(commit)
                    + " cannot be checked out into it",
                    "Commit or stash the changes first, or check the commit out into a new worktree instead.");
        }
        try (Repository r = open(repo); Git git = new Git(r)) {
            RevCommit c = resolve(r, commit);
            requireNewBranch(r, branch);
            git.checkout().setCreateBranch(true).setName(branch).setStartPoint(c).call();
            LOG.info("Checked out {} into new branch {}", c.name(), branch);
            return info(c);
        } catch (IOException | GitAPIException e) {
            throw new UserError("could not check out " + shortId(commit) + ": " + e.getMessage(),
                    "Check the repository with `git status`.");
        }
    }

    /**
     * Creates {@code branch} at {@code commit} and checks it out into {@code dir}, a new linked work tree.
     *
     * @param repo   the project's repository
     * @param commit a commit id (full or abbreviated)
     * @param branch the new branch's name
     * @param dir    the new folder (must not exist, or be empty)
     * @return the commit checked out
     * @throws UserError when the folder is not empty, the branch exists or its name is not valid, or the commit is not
     *                   in the repository
     */
    public static CommitInfo intoWorktree(GitRepo repo, String commit, String branch, Path dir) {
        checkBranchName(branch);
        Path target = dir.toAbsolutePath().normalize();
        try {
            if (Files.exists(target) && (!Files.isDirectory(target) || hasEntries(target))) {
                throw new UserError(target + " is not an empty folder", "Choose a new folder for the worktree.");
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + target + ": " + e.getMessage(), "Choose another folder.");
        }
        if (target.startsWith(repo.root())) {
            throw new UserError(target + " is inside the project", "Choose a folder outside the project.");
        }
        try (Repository r = open(repo)) {
            RevCommit c = resolve(r, commit);
            requireNewBranch(r, branch);
            File common = r.getCommonDirectory();
            String name = uniqueName(common.toPath().resolve("worktrees"), target.getFileName().toString());
            Path admin = common.toPath().resolve("worktrees").resolve(name);
            Files.createDirectories(admin);
            Files.createDirectories(target);
            write(target.resolve(Constants.DOT_GIT), "gitdir: " + admin + "\n");
            write(admin.resolve("gitdir"), target.resolve(Constants.DOT_GIT) + "\n");
            write(admin.resolve("commondir"), "../..\n");
            write(admin.resolve(Constants.HEAD), "ref: " + Constants.R_HEADS + branch + "\n");
            RefUpdate u = r.updateRef(Constants.R_HEADS + branch);
            u.setNewObjectId(c);
            u.setExpectedOldObjectId(ObjectId.zeroId());
            u.setRefLogMessage("branch: Created from " + c.name(), false);
            RefUpdate.Result res = u.update();
            if (res != RefUpdate.Result.NEW) {
                throw new IOException("branch " + branch + " not created: " + res);
            }
            try (Repository wt = new FileRepositoryBuilder().setGitDir(admin.toFile()).setWorkTree(target.toFile())
                    .setMustExist(true).build(); Git git = new Git(wt)) {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(c.name()).call();
            }
            LOG.info("Checked out {} into new worktree {} on branch {}", c.name(), target, branch);
            return info(c);
        } catch (IOException | GitAPIException e) {
            throw new UserError("could not check out " + shortId(commit) + " into " + target + ": " + e.getMessage(),
                    "Check the folder and the repository (`git worktree list`).");
        }
    }

    private static Repository open(GitRepo repo) throws IOException {
        return new FileRepositoryBuilder().findGitDir(repo.root().toFile()).setMustExist(true).build();
    }

    private static RevCommit resolve(Repository r, String commit) throws IOException {
        Objects.requireNonNull(commit, "commit");
        ObjectId id;
        try {
            id = r.resolve(commit + "^{commit}");
        } catch (RuntimeException e) {
            id = null;
        }
        if (id == null) {
            throw new UserError("commit " + shortId(commit) + " is not in this repository",
                    "Fetch it from the remote it was pushed to (`git fetch`), then try again.");
        }
        try (RevWalk walk = new RevWalk(r)) {
            return walk.parseCommit(id);
        }
    }

    private static void checkBranchName(String branch) {
        if (branch == null || branch.isBlank() || !Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new UserError("'" + branch + "' is not a valid branch name",
                    "Use letters, digits, '-', '_', '.' and '/', without spaces.");
        }
    }

    private static void requireNewBranch(Repository r, String branch) throws IOException {
        if (r.exactRef(Constants.R_HEADS + branch) != null) {
            throw new UserError("branch '" + branch + "' exists already", "Choose another name.");
        }
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    private static String uniqueName(Path worktrees, String base) {
        String name = base.replaceAll("[^A-Za-z0-9._-]", "_");
        String candidate = name;
        for (int i = 1; Files.exists(worktrees.resolve(candidate)); i++) {
            candidate = name + i;
        }
        return candidate;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String shortId(String commit) {
        return commit == null ? "null" : commit.length() > 7 ? commit.substring(0, 7) : commit;
    }

    private static CommitInfo info(RevCommit c) {
        String msg = c.getFullMessage();
        return new CommitInfo(c.name(), c.name().substring(0, 7), c.getAuthorIdent().getName(),
                c.getAuthorIdent().getEmailAddress(), c.getAuthorIdent().getWhenAsInstant(), msg,
                c.getShortMessage());
    }
}
