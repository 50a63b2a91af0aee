package io.mlwb.app.git;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.fingerprint.LfsPointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local changes: the branch (or detached HEAD), the changed files with their status, and why a commit is impossible
 * right now (detached HEAD, a git lock file). Those problems, and changed files that are Git LFS pointers, are
 * reported to the Problems list once each, with what to do. Use on the FX thread.
 */
public final class ChangesViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ChangesViewModel.class);

    private final GitRepo repo;
    private final UiJobs jobs;
    private final ErrorReporter errors;
    private final ObservableList<FileChange> changes = FXCollections.observableArrayList();
    private final StringProperty branch = new SimpleStringProperty(this, "branch", "");
    private final StringProperty blocked = new SimpleStringProperty(this, "blocked", "");
    private final BooleanProperty detached = new SimpleBooleanProperty(this, "detached");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    /** Problems already reported, so a refresh does not repeat them; a blocker that goes away may come back. */
    private final Set<String> reported = new HashSet<>();
    private int generation;

    /** What one background read found. */
    private record Snapshot(String branch, String headShortSha, List<FileChange> changes, UserError blocker,
                            List<UserError> lfs) {
    }

    /**
     * @param repo   the project's repository
     * @param jobs   where the reads run
     * @param errors where warnings go (a failed job is reported by {@code jobs})
     */
    public ChangesViewModel(GitRepo repo, UiJobs jobs, ErrorReporter errors) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** @return the changed files, sorted by path */
    public ObservableList<FileChange> changes() {
        return changes;
    }

    /** @return "On branch main", or "HEAD detached at abc1234" */
    public ReadOnlyStringProperty branchProperty() {
        return branch;
    }

    /** @return why a commit cannot be made now (message and what to do), or empty */
    public ReadOnlyStringProperty blockedProperty() {
        return blocked;
    }

    /** @return true when HEAD is detached */
    public ReadOnlyBooleanProperty detachedProperty() {
        return detached;
    }

    /** @return true while the status is being read */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Reads the status again in the background. */
    public void refresh() {
        busy.set(true);
        int gen = ++generation;
        jobs.run(Messages.get("git.job.status"), p -> read(), snapshot -> {
            if (gen == generation) {
                busy.set(false);
                show(snapshot);
            }
        }, error -> {
            if (gen == generation) {
                busy.set(false); // the job runner reported the failure
            }
        });
    }

    private Snapshot read() {
        String name = repo.branch().orElse(null);
        String head = repo.head().map(CommitInfo::shortSha).orElse("");
        UserError blocker = null;
        try {
            repo.requireCanCommit();
        } catch (UserError e) {
            blocker = e;
        }
        List<FileChange> found = new ArrayList<>();
        List<UserError> lfs = new ArrayList<>();
        for (FileChange change : FileChange.of(repo.status())) {
            UserError pointer = lfsPointer(repo.root().resolve(change.path()));
            if (pointer != null) {
                lfs.add(pointer);
                change = change.asLfsPointer();
            }
            found.add(change);
        }
        return new Snapshot(name, head, found, blocker, lfs);
    }

    /** @return the LFS error for a pointer file, or null for real content (only small files are read) */
    private static UserError lfsPointer(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) >= LfsPointer.MAX_POINTER_SIZE) {
                return null;
            }
            if (LfsPointer.detect(file).isEmpty()) {
                return null;
            }
        } catch (UserError | java.io.IOException e) {
            LOG.debug("Could not check {} for an LFS pointer", file, e);
            return null;
        }
        try {
            LfsPointer.requireContent(file); // the engine's wording of the problem and what to do
            return null;
        } catch (UserError e) {
            return e;
        }
    }

    private void show(Snapshot s) {
        detached.set(s.branch() == null);
        branch.set(s.branch() != null ? Messages.format("git.branch.on", s.branch())
                : Messages.format("git.branch.detached", s.headShortSha()));
        changes.setAll(s.changes());
        if (s.blocker() == null) {
            blocked.set("");
            reported.removeIf(k -> k.startsWith("blocker:"));
        } else {
            blocked.set(describe(s.blocker()));
            report("blocker:" + s.blocker().getMessage(), s.blocker());
        }
        s.lfs().forEach(e -> report("lfs:" + e.getMessage(), e));
    }

    private void report(String key, UserError e) {
        if (reported.add(key)) {
            errors.warning(Messages.get("git.source"), e.getMessage(), e.whatToDo());
        }
    }

    /** @return the message and, on the next line, what to do */
    static String describe(UserError e) {
        return e.whatToDo().isEmpty() ? e.getMessage() : e.getMessage() + "\n" + e.whatToDo();
    }

    /**
     * A failed job's text for a pane: the {@link UserError} anywhere in its cause chain as {@link #describe(UserError)},
     * else "unexpected error"; empty for a cancelled job.
     *
     * @param failure what {@code onFailure} got
     * @return the text to show
     */
    static String describe(Throwable failure) {
        if (failure instanceof Cancelled) {
            return "";
        }
        return UserError.find(failure).map(ChangesViewModel::describe)
                .orElseGet(() -> Messages.format("git.error.unexpected", String.valueOf(failure.getMessage())));
    }
}
