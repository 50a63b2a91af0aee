package io.mlwb.vcs;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.AddCommand;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.AbortedByHookException;
import org.eclipse.jgit.api.errors.EmptyCommitException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The git repository of one workbench project, with a work tree.
 *
 * <p>Thread-safety: one instance may be shared by the CLI, GUI and background jobs. Every public instance
 * method is {@code synchronized} on the instance, so calls run one at a time and a status or diff never sees
 * a half-finished commit made through the same instance. Other processes (a terminal's {@code git}) are
 * not coordinated with, except that a held {@code index.lock} is reported, never removed.
 *
 * <p>Errors a person can act on (not a repository, bare repository, detached HEAD, stale lock file, nothing
 * to commit) are {@link UserError}s with what to do. Unexpected I/O failures inside git are also reported
 * as {@link UserError} with {@link ExitCode#INTERNAL}, carrying the cause.
 */
public final class GitRepo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GitRepo.class);
    private static final String IGNORE_LINE = ".mlwb/";
    private static final int SHORT_SHA = 7;

    private final Repository repo;
    private final Git git;
    private final Path root;
    private boolean closed;
    private boolean toldImplicitAuthor;

    private GitRepo(Repository repo) {
        this.repo = repo;
        this.git = new Git(repo);
        this.root = repo.getWorkTree().toPath().toAbsolutePath().normalize();
    }

    // ---------------------------------------------------------------- opening

    /**
     * Opens the repository that contains {@code anyFolderInside}, searching upwards like {@code git} does.
     * Environment variables such as {@code GIT_DIR} are deliberately ignored so that the folder alone decides.
     *
     * @throws UserError if the folder does not exist, is not inside a git repository, or the repository is
     *                   bare (a workbench project needs a work tree)
     */
    public static GitRepo open(Path anyFolderInside) {
        Path start = absolute(anyFolderInside);
        if (!Files.exists(start)) {
            throw new UserError(start + " does not exist.", "Check the path and try again.");
        }
        File gitDir = new FileRepositoryBuilder().findGitDir(start.toFile()).getGitDir();
        if (gitDir == null) {
            throw new UserError(start + " is not inside a git repository.",
                    "Run `mlwb init` in the project folder to create one (or `git init`), then open it again.");
        }
        Repository repo;
        try {
            repo = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("The git repository at %s could not be opened: %s".formatted(gitDir, e.getMessage()),
                    "Check that the folder is a readable git repository (`git status` there should work).",
                    ExitCode.BAD_INPUT, e);
        }
        if (repo.isBare()) {
            repo.close();
            throw new UserError(gitDir + " is a bare git repository, which has no work tree.",
                    "A workbench project needs a checked-out folder: clone it (`git clone " + gitDir
                            + " <folder>`) and open the clone.");
        }
        GitRepo opened = new GitRepo(repo);
        LOG.info("Opened git repository {}", opened.root);
        return opened;
    }

    /**
     * Makes {@code dir} a git repository (initial branch {@code main}) unless it already is inside one, in
     * which case that repository is opened. Either way the root's {@code .gitignore} ends up with exactly one
     * {@code .mlwb/} line (appended if missing, never duplicated), so the catalog is never committed.
     * Nothing is committed. The folder is created if it does not exist.
     *
     * @throws UserError if {@code dir} is a file, cannot be created, or lies inside a bare repository
     */
    public static GitRepo init(Path dir) {
        Path folder = absolute(dir);
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UserError(folder + " is a file, not a folder.", "Choose a folder for the project.");
        }
        GitRepo result;
        if (new FileRepositoryBuilder().findGitDir(folder.toFile()).getGitDir() != null) {
            result = open(folder);
        } else {
            try {
                Files.createDirectories(folder);
                Git created = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call();
                result = new GitRepo(created.getRepository());
                LOG.info("Initialised git repository {}", result.root);
            } catch (IOException | GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
                throw new UserError("A git repository could not be created in %s: %s".formatted(folder,
                        e.getMessage()), "Check that you may write to the folder, then try again.",
                        ExitCode.BAD_INPUT, e);
            }
        }
        try {
            result.ensureIgnored();
        } catch (UserError e) {
            result.close();
            throw e;
        }
        return result;
    }

    /**
     * Finds the work-tree root of the repository containing {@code start}.
     *
     * @return the root, or empty when {@code start} is not inside a repository or the repository is bare
     */
    public static Optional<Path> findRoot(Path start) {
        Path from = absolute(start);
        File gitDir = new FileRepositoryBuilder().findGitDir(from.toFile()).getGitDir();
        if (gitDir == null) {
            return Optional.empty();
        }
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build()) {
            return repo.isBare() ? Optional.empty()
                    : Optional.of(repo.getWorkTree().toPath().toAbsolutePath().normalize());
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("{} looked like a git directory but could not be opened", gitDir, e);
            return Optional.empty();
        }
    }

    private static Path absolute(Path path) {
        return Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
    }

    private void ensureIgnored() {
        Path ignore = root.resolve(Constants.DOT_GIT_IGNORE);
        try {
            String text = Files.exists(ignore) ? Files.readString(ignore, StandardCharsets.UTF_8) : "";
            boolean present = text.lines().map(String::strip)
                    .anyMatch(l -> List.of(".mlwb/", ".mlwb", "/.mlwb/", "/.mlwb").contains(l));
            if (present) {
                return;
            }
            String prefix = text.isEmpty() || text.endsWith("\n") ? "" : System.lineSeparator();
            Files.writeString(ignore, text + prefix + IGNORE_LINE + System.lineSeparator(), StandardCharsets.UTF_8);
            LOG.info("Added {} to {}", IGNORE_LINE, ignore);
        } catch (IOException e) {
            throw new UserError("%s could not be updated: %s".formatted(ignore, e.getMessage()),
                    "Add a line `.mlwb/` to it yourself, or make it writable, then try again.", ExitCode.BAD_INPUT, e);
        }
    }

    // ---------------------------------------------------------------- where HEAD is

    /** @return the absolute, normalised work-tree root */
    public Path root() {
        return root;
    }

    /** @return the checked-out branch's short name (e.g. {@code main}), or empty when HEAD is detached */
    public synchronized Optional<String> branch() {
        Ref head = headRef();
        return head != null && head.isSymbolic()
                ? Optional.of(Repository.shortenRefName(head.getTarget().getName())) : Optional.empty();
    }

    /** @return true when HEAD points straight at a commit instead of a branch */
    public synchronized boolean detached() {
        Ref head = headRef();
        return head != null && !head.isSymbolic();
    }

    /** @return true when the current branch has no commits yet */
    public synchronized boolean unborn() {
        return headId() == null;
    }

    /** @return the HEAD commit, or empty when the branch is unborn */
    public synchronized Optional<CommitInfo> head() {
        ObjectId id = headId();
        if (id == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return Optional.of(info(walk.parseCommit(id)));
        } catch (IOException e) {
            throw failed("read the HEAD commit", e);
        }
    }

    private Ref headRef() {
        ensureOpen();
        try {
            return repo.exactRef(Constants.HEAD);
        } catch (IOException e) {
            throw failed("read HEAD", e);
        }
    }

    private ObjectId headId() {
        Ref head = headRef();
        return head == null ? null : head.getObjectId();
    }

    // ---------------------------------------------------------------- status and diff

    /**
     * Compares HEAD, the index and the work tree. Works on an unborn branch and while another process holds
     * the index lock (it only reads the index).
     */
    public synchronized RepoStatus status() {
        return statusOf(git.status());
    }

    private RepoStatus statusOf(StatusCommand command) {
        ensureOpen();
        try {
            Status s = command.call();
            Set<String> modified = new LinkedHashSet<>(s.getChanged());
            modified.addAll(s.getModified());
            modified.removeAll(s.getAdded());
            modified.removeAll(s.getConflicting());
            return new RepoStatus(modified, s.getAdded(), s.getRemoved(), s.getMissing(), s.getUntracked(),
                    s.getConflicting());
        } catch (GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw failed("read the status", e);
        }
    }

    /**
     * The work-tree paths git ignores (by {@code .gitignore}, {@code .git/info/exclude} or the global excludes
     * file) and that are not in the index. An ignored folder is reported once, as the folder's path, not file by
     * file. Paths are repository-relative with {@code /} separators.
     *
     * @return the ignored paths, sorted and unmodifiable
     */
    public synchronized Set<String> ignoredPaths() {
        ensureOpen();
        try {
            Set<String> ignored = new java.util.TreeSet<>();
            for (String p : git.status().call().getIgnoredNotInIndex()) {
                ignored.add(p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
            }
            return java.util.Collections.unmodifiableSet(ignored);
        } catch (GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw failed("read the ignored files", e);
        }
    }

    /** @return true when tracked files differ from HEAD; untracked files alone do not count */
    public synchronized boolean isDirty() {
        return status().isDirty();
    }

    /**
     * The unified diff of tracked files in the work tree against HEAD (staged and unstaged changes
     * together, as {@code git diff HEAD} shows them). Untracked and ignored files are left out. On an unborn
     * branch, staged files are shown as additions.
     *
     * @return the diff, or the empty string when no tracked file differs from HEAD
     */
    public synchronized String dirtyDiff() {
        return diffOf(status().dirtyPaths());
    }

    private String diffOf(Set<String> paths) {
        if (paths.isEmpty()) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectReader reader = repo.newObjectReader(); DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setRepository(repo);
            // Only the paths status found dirty: the work tree iterator would otherwise hash every file,
            // and would show untracked files as additions.
            formatter.setPathFilter(PathFilterGroup.createFromStrings(paths));
            formatter.format(headTree(reader), new FileTreeIterator(repo));
            formatter.flush();
        } catch (IOException e) {
            throw failed("compute the diff", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private AbstractTreeIterator headTree(ObjectReader reader) throws IOException {
        ObjectId id = headId();
        if (id == null) {
            return new EmptyTreeIterator();
        }
        try (RevWalk walk = new RevWalk(reader)) {
            return new CanonicalTreeParser(null, reader, walk.parseCommit(id).getTree());
        }
    }

    /**
     * Captures HEAD, branch and dirty diff in one call (under one lock), for run provenance.
     */
    public synchronized WorkTreeState workTreeState() {
        ObjectId id = headId();
        RepoStatus status = status();
        return new WorkTreeState(id == null ? null : id.name(), branch().orElse(null), detached(),
                status.isDirty(), diffOf(status.dirtyPaths()));
    }

    // ---------------------------------------------------------------- committing

    /**
     * The identity used for commits and tags: {@code user.name} and {@code user.email} from the repository
     * config, else the global ({@code ~/.gitconfig}) and system config, as git resolves them (the
     * {@code GIT_AUTHOR_NAME}/{@code GIT_AUTHOR_EMAIL} environment variables win, as in git). When none is
     * configured the fallback is the operating-system user name and {@code <user>@<hostname>}, and an info
     * line is logged.
     */
    public synchronized Author author() {
        ensureOpen();
        UserConfig user = repo.getConfig().get(UserConfig.KEY);
        String name = blankToNull(user.getAuthorName());
        String email = blankToNull(user.getAuthorEmail());
        String systemUser = Optional.ofNullable(blankToNull(System.getProperty("user.name"))).orElse("mlwb");
        if (name == null) {
            name = systemUser;
        }
        if (email == null) {
            email = systemUser + "@localhost";
        }
        if ((user.isAuthorNameImplicit() || user.isAuthorEmailImplicit()) && !toldImplicitAuthor) {
            toldImplicitAuthor = true;
            LOG.info("git user.name/user.email not configured; committing as {} <{}>", name, email);
        }
        return new Author(name, email);
    }

    /**
     * Stages exactly {@code paths} (new files, modifications and deletions, also under a folder path) and
     * commits only them: anything else already staged stays staged and is not part of the commit. The
     * author and committer are {@link #author()}. Commit signing is not attempted. Works on an unborn branch
     * (the first commit).
     *
     * @param paths   files or folders, relative to the root (or absolute inside it)
     * @param message the commit message
     * @return the new commit
     * @throws UserError if the message is blank, the list is empty, a path is outside the repository or
     *                   neither exists nor is tracked, none of the paths changed, HEAD is detached, the index
     *                   is locked by another process, or a hook rejected the commit
     */
    public synchronized CommitInfo commit(List<String> paths, String message) {
        ensureOpen();
        Objects.requireNonNull(paths, "paths");
        if (message == null || message.isBlank()) {
            throw new UserError("The commit message is empty.", "Write a message that says what changed.");
        }
        if (paths.isEmpty()) {
            throw new UserError("No files were chosen to commit.", "Choose the files to commit.");
        }
        requireBranch("commit");
        List<String> relative = new ArrayList<>();
        for (String p : paths) {
            relative.add(relativize(p));
        }
        requireNoIndexLock();
        requireNoRefLock(Constants.HEAD);
        requireNoRefLock(headRef().getTarget().getName());
        try {
            DirCache index = repo.readDirCache();
            ObjectId headTree = unborn() ? null : repo.resolve(Constants.HEAD + "^{tree}");
            for (String p : relative) {
                if (!Files.exists(root.resolve(p)) && !isTracked(p, index, headTree)) {
                    throw new UserError("%s does not exist and is not tracked by git.".formatted(root.resolve(p)),
                            "Check the file name; only existing files or deleted tracked files can be committed.");
                }
            }
            // add (new and modified files), then add --update (deletions, also under folders).
            AddCommand add = git.add();
            AddCommand update = git.add().setUpdate(true);
            for (String p : relative) {
                add.addFilepattern(p);
                update.addFilepattern(p);
            }
            add.call();
            update.call();
            DirCache staged = repo.readDirCache();
            for (String p : relative) {
                if (Files.isRegularFile(root.resolve(p)) && staged.findEntry(p) < 0) {
                    throw new UserError("%s is ignored by git (a .gitignore rule matches it), so it cannot be"
                            .formatted(root.resolve(p)) + " committed.",
                            "Remove the matching .gitignore line, or choose another file.");
                }
            }

            StatusCommand pathStatus = git.status();
            relative.forEach(pathStatus::addPath);
            RepoStatus changes = statusOf(pathStatus);
            if (changes.added().isEmpty() && changes.removed().isEmpty() && changes.modified().isEmpty()) {
                throw new UserError("Nothing to commit: %s did not change since the last commit."
                        .formatted(String.join(", ", relative)), "Change the files first, or choose others.");
            }
            Author who = author();
            PersonIdent ident = new PersonIdent(who.name(), who.email());
            CommitCommand commit = git.commit().setMessage(message).setAuthor(ident).setCommitter(ident)
                    .setAllowEmpty(false).setSign(false);
            relative.forEach(commit::setOnly);
            RevCommit created = commit.call();
            CommitInfo result = info(created);
            LOG.info("Committed {} on {}: {} ({} paths)", result.shortSha(), branch().orElse("?"),
                    result.shortMessage(), relative.size());
            return result;
        } catch (EmptyCommitException e) {
            throw new UserError("Nothing to commit: %s did not change since the last commit."
                    .formatted(String.join(", ", relative)), "Change the files first, or choose others.",
                    ExitCode.BAD_INPUT, e);
        } catch (AbortedByHookException e) {
            throw new UserError("A git hook rejected the commit: " + e.getMessage(),
                    "Fix what the hook reports (see .git/hooks), then commit again.", ExitCode.BAD_INPUT, e);
        } catch (IOException | GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw translate("commit", e);
        }
    }

    /**
     * Checks, without changing anything, that a commit could be made now: HEAD is on a branch and no git lock
     * file blocks the index or the branch. Callers that write files before committing (such as {@code mlwb init})
     * call it first, so a doomed commit fails before anything is written.
     *
     * @throws UserError if HEAD is detached or a lock file exists (naming it)
     */
    public synchronized void requireCanCommit() {
        ensureOpen();
        requireBranch("commit");
        requireNoIndexLock();
        requireNoRefLock(Constants.HEAD);
        requireNoRefLock(headRef().getTarget().getName());
    }

    /** @return the version of the JGit library in use, e.g. {@code 7.5.0.202512021534-r} */
    public static String jgitVersion() {
        String v = Repository.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    private boolean isTracked(String path, DirCache index, ObjectId headTree) throws IOException {
        if (index.findEntry(path) >= 0 || index.getEntriesWithin(path).length > 0) {
            return true;
        }
        if (headTree == null) {
            return false;
        }
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(headTree);
            walk.setRecursive(true);
            walk.setFilter(PathFilterGroup.createFromStrings(path));
            return walk.next();
        }
    }

    private String relativize(String path) {
        if (path == null || path.isBlank()) {
            throw new UserError("A path to commit is empty.", "Name the files to commit.");
        }
        Path given = Path.of(path);
        Path abs = (given.isAbsolute() ? given : root.resolve(given)).normalize();
        if (!abs.startsWith(root) || abs.equals(root)) {
            throw new UserError("%s is not inside the repository %s.".formatted(path, root),
                    "Name files inside the project folder.");
        }
        Path rel = root.relativize(abs);
        if (rel.getName(0).toString().equals(Constants.DOT_GIT)) {
            throw new UserError(path + " is inside git's own .git folder.", "Name files of the project instead.");
        }
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            sb.append(sb.length() == 0 ? "" : "/").append(part);
        }
        return sb.toString();
    }

    private void requireBranch(String action) {
        Ref head = headRef();
        if (head != null && !head.isSymbolic()) {
            String at = head.getObjectId() == null ? "?" : head.getObjectId().abbreviate(SHORT_SHA).name();
            throw new UserError("HEAD is detached at %s; create or check out a branch first.".formatted(at),
                    "Run `git switch -c <new-branch>` to keep working here, or `git switch main`, then " + action
                            + " again.");
        }
    }

    private void requireNoIndexLock() {
        Path lock = repo.getIndexFile().toPath().resolveSibling(repo.getIndexFile().getName() + ".lock");
        if (Files.exists(lock)) {
            throw lockError(lock, null);
        }
    }

    /** Checked up front so that a commit blocked by a lock leaves the index as it was. */
    private void requireNoRefLock(String refName) {
        Path lock = repo.getDirectory().toPath().resolve(refName + ".lock");
        if (Files.exists(lock)) {
            throw lockError(lock, null);
        }
    }

    private static UserError lockError(Path lock, Throwable cause) {
        // Never delete the lock ourselves: another git process may really be using it.
        return new UserError("Git's lock file %s exists, so the repository cannot be changed now.".formatted(lock),
                "Another git process may be running (an editor, a terminal, a GUI): wait for it to finish. If none"
                        + " is running, the file is left over from a crash: delete " + lock + " and try again.",
                ExitCode.BAD_INPUT, cause);
    }

    private UserError translate(String action, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LockFailedException lf) {
                File f = lf.getFile();
                Path lock = f.getName().endsWith(".lock") ? f.toPath()
                        : f.toPath().resolveSibling(f.getName() + ".lock");
                return lockError(lock, e);
            }
            if (t instanceof org.eclipse.jgit.api.errors.ConcurrentRefUpdateException) {
                // A lock taken between our up-front check and the write: same advice, without a file name.
                return new UserError("Git could not %s in %s: another process holds or changed the branch."
                        .formatted(action, root), "Another git process may be running: wait for it, then try"
                        + " again. If none is, delete the leftover *.lock file under " + repo.getDirectory() + ".",
                        ExitCode.BAD_INPUT, e);
            }
        }
        return failed(action, e);
    }

    private UserError failed(String action, Exception e) {
        return new UserError("Git could not %s in %s: %s".formatted(action, root, e.getMessage()),
                "Check that the repository is readable and writable and that `git status` works there; the log"
                        + " has details.", ExitCode.INTERNAL, e);
    }

    // ---------------------------------------------------------------- history

    /**
     * Commits reachable from HEAD, newest first, skipping {@code offset} and returning at most
     * {@code limit}.
     *
     * @return the page; empty on an unborn branch or past the end
     * @throws UserError if offset or limit is negative
     */
    public synchronized List<CommitInfo> history(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new UserError("History paging needs a non-negative offset and limit (got %d and %d)."
                    .formatted(offset, limit), "Use an offset of 0 or more and a limit of 0 or more.");
        }
        ObjectId id = headId();
        List<CommitInfo> page = new ArrayList<>();
        if (id == null || limit == 0) {
            return page;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(id));
            int skipped = 0;
            for (RevCommit c : walk) {
                if (skipped++ < offset) {
                    continue;
                }
                page.add(info(c));
                if (page.size() == limit) {
                    break;
                }
            }
            return page;
        } catch (IOException e) {
            throw failed("read the history", e);
        }
    }

    /**
     * The paths a commit changed compared with its first parent (all its files for a root commit), sorted.
     * For a deletion the old path is given.
     *
     * @param commitSha a full or abbreviated commit id (any revision git understands is accepted)
     * @throws UserError if the id does not name a commit in this repository
     */
    public synchronized List<String> changedFiles(String commitSha) {
        ensureOpen();
        RevCommit commit = resolveCommit(commitSha);
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            tree.setRecursive(true);
            tree.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            if (commit.getParentCount() == 0) {
                tree.addTree(new EmptyTreeIterator());
            } else {
                tree.addTree(walk.parseCommit(commit.getParent(0)).getTree());
            }
            tree.addTree(commit.getTree());
            List<String> paths = new ArrayList<>();
            for (DiffEntry d : DiffEntry.scan(tree)) {
                paths.add(d.getChangeType() == DiffEntry.ChangeType.DELETE ? d.getOldPath() : d.getNewPath());
            }
            paths.sort(Comparator.naturalOrder());
            return paths;
        } catch (IOException e) {
            throw failed("read commit " + commitSha, e);
        }
    }

    /**
     * One commit, looked up by id; it need not be reachable from HEAD.
     *
     * @param revision a full or abbreviated commit id (any revision git understands is accepted)
     * @throws UserError if the id does not name a commit in this repository
     */
    public synchronized CommitInfo commitInfo(String revision) {
        ensureOpen();
        return info(resolveCommit(revision));
    }

    /**
     * The unified diff of a commit against its first parent (against the empty tree for a root commit), as
     * {@code git show --format=} prints it. Binary files appear as a "Binary files differ" line.
     *
     * @param commitSha a full or abbreviated commit id (any revision git understands is accepted)
     * @return the diff text; empty for a commit that changed nothing (e.g. some merges)
     * @throws UserError if the id does not name a commit in this repository
     */
    public synchronized String commitDiff(String commitSha) {
        ensureOpen();
        RevCommit commit = resolveCommit(commitSha);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader);
             DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setRepository(repo);
            AbstractTreeIterator parent = commit.getParentCount() == 0 ? new EmptyTreeIterator()
                    : new CanonicalTreeParser(null, reader, walk.parseCommit(commit.getParent(0)).getTree());
            formatter.format(parent, new CanonicalTreeParser(null, reader, commit.getTree()));
            formatter.flush();
        } catch (IOException e) {
            throw failed("compute the diff of commit " + commitSha, e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The commits reachable from HEAD that changed a file, newest first, each with the file's blob id at that
     * commit (as {@code git log -- path}, without following renames). A commit that deleted the file is left
     * out: it holds no version of it.
     *
     * @param path  a file, relative to the root (or absolute inside it)
     * @param limit the most versions to return
     * @return the versions; empty on an unborn branch or when the file was never committed
     * @throws UserError if the limit is negative or the path is outside the repository
     */
    public synchronized List<FileVersion> fileHistory(String path, int limit) {
        ensureOpen();
        if (limit < 0) {
            throw new UserError("File history needs a non-negative limit (got %d).".formatted(limit),
                    "Use a limit of 0 or more.");
        }
        String rel = relativize(path);
        ObjectId head = headId();
        List<FileVersion> versions = new ArrayList<>();
        if (head == null || limit == 0) {
            return versions;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(head));
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(rel), TreeFilter.ANY_DIFF));
            for (RevCommit c : walk) {
                ObjectId blob = blobIn(c.getTree(), rel);
                if (blob == null) {
                    continue;   // deleted here, or only files below a folder of that name changed
                }
                versions.add(new FileVersion(info(c), rel, blob.name()));
                if (versions.size() == limit) {
                    break;
                }
            }
            return versions;
        } catch (IOException e) {
            throw failed("read the history of " + rel, e);
        }
    }

    /**
     * The blob id of a file at a revision.
     *
     * @param revision a commit id or any revision git understands, e.g. {@code HEAD}
     * @param path     a file, relative to the root (or absolute inside it)
     * @return the blob id, or empty when the file is not in that commit (or the branch is unborn and the
     *         revision is {@code HEAD})
     * @throws UserError if the revision does not name a commit or the path is outside the repository
     */
    public synchronized Optional<String> blobId(String revision, String path) {
        ensureOpen();
        String rel = relativize(path);
        if (Constants.HEAD.equals(revision) && headId() == null) {
            return Optional.empty();
        }
        RevCommit commit = resolveCommit(revision);
        try {
            ObjectId blob = blobIn(commit.getTree(), rel);
            return blob == null ? Optional.empty() : Optional.of(blob.name());
        } catch (IOException e) {
            throw failed("read " + rel + " at " + revision, e);
        }
    }

    /**
     * Writes the content of a blob (an old version of a file) to {@code target}, replacing it; the parent
     * folders are created. The bytes are written as stored, without line-ending or LFS filters.
     *
     * @param blobId a full 40-character blob id, e.g. from {@link #fileHistory(String, int)}
     * @param target the file to write
     * @throws UserError if the id is malformed or names no blob in this repository, or the file cannot be written
     */
    public synchronized void writeBlob(String blobId, Path target) {
        ensureOpen();
        Objects.requireNonNull(target, "target");
        UserError unknown = new UserError("%s is not a file version (blob) in %s.".formatted(blobId, root),
                "Use a blob id from the file's history.");
        if (blobId == null || !ObjectId.isId(blobId)) {
            throw unknown;
        }
        org.eclipse.jgit.lib.ObjectLoader loader;
        try {
            loader = repo.open(ObjectId.fromString(blobId), Constants.OBJ_BLOB);
        } catch (org.eclipse.jgit.errors.MissingObjectException
                 | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            throw new UserError(unknown.getMessage(), unknown.whatToDo(), ExitCode.BAD_INPUT, e);
        } catch (IOException e) {
            throw failed("read blob " + blobId, e);
        }
        Path abs = absolute(target);
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            try (java.io.OutputStream out = Files.newOutputStream(abs)) {
                loader.copyTo(out);
            }
        } catch (IOException e) {
            throw new UserError("Could not write %s: %s".formatted(abs, e.getMessage()),
                    "Check that the folder exists and is writable, and that the disk has space.",
                    ExitCode.BAD_INPUT, e);
        }
        LOG.debug("Wrote blob {} to {}", blobId, abs);
    }

    /** @return the blob at {@code rel} in the tree, or null when there is none (absent, or a folder) */
    private ObjectId blobIn(ObjectId tree, String rel) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, rel, tree)) {
            if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                return null;
            }
            return tw.getObjectId(0);
        }
    }

    private RevCommit resolveCommit(String revision) {
        UserError unknown = new UserError("%s is not a commit in %s.".formatted(revision, root),
                "Use a commit id from `mlwb history` (or `git log`).");
        if (revision == null || revision.isBlank()) {
            throw unknown;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(revision + "^{commit}");
            if (id == null) {
                throw unknown;
            }
            return walk.parseCommit(id);
        } catch (RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException
                 | org.eclipse.jgit.errors.IncorrectObjectTypeException
                 | org.eclipse.jgit.errors.MissingObjectException e) {
            throw new UserError(unknown.getMessage(), unknown.whatToDo(), ExitCode.BAD_INPUT, e);
        } catch (IOException e) {
            throw failed("resolve " + revision, e);
        }
    }

    private static CommitInfo info(RevCommit c) {
        PersonIdent a = c.getAuthorIdent();
        return new CommitInfo(c.name(), c.abbreviate(SHORT_SHA).name(), a.getName(), a.getEmailAddress(),
                a.getWhenAsInstant(), c.getFullMessage(), c.getShortMessage());
    }

    // ---------------------------------------------------------------- tags

    /** @return every tag, sorted by name, with the object it finally points at */
    public synchronized List<TagInfo> tags() {
        ensureOpen();
        List<TagInfo> tags = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                RevObject obj = walk.parseAny(ref.getObjectId());
                String name = ref.getName().substring(Constants.R_TAGS.length());
                if (obj instanceof RevTag tag) {
                    RevObject target = walk.peel(tag);
                    tags.add(new TagInfo(name, target.name(), true, tag.getFullMessage()));
                } else {
                    tags.add(new TagInfo(name, obj.name(), false, ""));
                }
            }
        } catch (IOException e) {
            throw failed("read the tags", e);
        }
        tags.sort(Comparator.comparing(TagInfo::name));
        return tags;
    }

    /**
     * Creates an annotated tag on HEAD, tagged by {@link #author()}, unsigned.
     *
     * @throws UserError if the name is not a valid tag name or already exists, the message is blank, the
     *                   branch has no commits yet, or a lock file blocks the write
     */
    public synchronized TagInfo tag(String name, String message) {
        return tag(name, message, null);
    }

    /**
     * Creates an annotated tag on a given commit (HEAD when {@code commitSha} is null), tagged by {@link #author()},
     * unsigned. The model registry tags the commit a registered run was trained from this way.
     *
     * @param name      the tag's name, e.g. {@code model/credit/v3}
     * @param message   what the tag marks
     * @param commitSha the commit to tag, full or abbreviated, or null for HEAD
     * @throws UserError if the name is not a valid tag name or already exists, the message is blank, the commit is
     *                   not in this repository, the branch has no commits yet, or a lock file blocks the write
     */
    public synchronized TagInfo tag(String name, String message, String commitSha) {
        ensureOpen();
        if (name == null || name.isBlank() || !Repository.isValidRefName(Constants.R_TAGS + name)) {
            throw new UserError("'%s' is not a valid tag name.".formatted(name),
                    "Use letters, digits, dots, dashes and slashes, e.g. v1.0 or model/2024-05.");
        }
        if (message == null || message.isBlank()) {
            throw new UserError("The tag message for '%s' is empty.".formatted(name),
                    "Write a message that says what the tag marks.");
        }
        ObjectId head;
        if (commitSha == null) {
            head = headId();
            if (head == null) {
                throw new UserError("There is no commit to tag yet in %s.".formatted(root), "Commit first, then tag.");
            }
        } else {
            head = resolveCommit(commitSha);
        }
        try {
            Ref existing = repo.exactRef(Constants.R_TAGS + name);
            if (existing != null) {
                throw new UserError("Tag '%s' already exists.".formatted(name),
                        "Choose another name, or delete the old tag with `git tag -d " + name + "` if it is wrong.");
            }
            requireNoRefLock(Constants.R_TAGS + name);
            Author who = author();
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(head);
                git.tag().setName(name).setMessage(message).setAnnotated(true).setSigned(false)
                        .setTagger(new PersonIdent(who.name(), who.email())).setObjectId(commit).call();
            }
            LOG.info("Tagged {} as {}", head.abbreviate(SHORT_SHA).name(), name);
            return new TagInfo(name, head.name(), true, message);
        } catch (org.eclipse.jgit.api.errors.RefAlreadyExistsException e) {
            throw new UserError("Tag '%s' already exists.".formatted(name),
                    "Choose another name, or delete the old tag with `git tag -d " + name + "` if it is wrong.",
                    ExitCode.BAD_INPUT, e);
        } catch (IOException | GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw translate("create tag " + name, e);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("GitRepo " + root + " is closed");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Releases the repository's files; later calls throw {@link IllegalStateException}. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            git.close();
            repo.close();
        }
    }
}
