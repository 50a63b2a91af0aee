package io.mlwb.app.git;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One commit's details for its editor tab: id, author, date, full message, changed files and the diff against its
 * first parent. Use on the FX thread.
 */
public final class CommitDetailsViewModel {
    /** Longer diffs are cut here: a TextArea holding a committed data file's diff would freeze the window. */
    static final int MAX_DIFF_CHARS = 200_000;

    private final GitRepo repo;
    private final UiJobs jobs;
    private final String revision;
    private final ObjectProperty<CommitInfo> commit = new SimpleObjectProperty<>(this, "commit");
    private final ObservableList<String> files = FXCollections.observableArrayList();
    private final StringProperty diff = new SimpleStringProperty(this, "diff", "");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");

    /** What one background read found. */
    private record Details(CommitInfo commit, List<String> files, String diff) {
    }

    /**
     * @param repo     the project's repository
     * @param jobs     where the reads run
     * @param revision the commit id (full or abbreviated)
     */
    public CommitDetailsViewModel(GitRepo repo, UiJobs jobs, String revision) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.revision = Objects.requireNonNull(revision, "revision");
    }

    /** @return the commit id this editor was opened for */
    public String revision() {
        return revision;
    }

    /** @return the commit, or null until loaded (or when it does not exist) */
    public ReadOnlyObjectProperty<CommitInfo> commitProperty() {
        return commit;
    }

    /** @return the paths the commit changed, sorted */
    public ObservableList<String> files() {
        return files;
    }

    /** @return the unified diff against the first parent (cut after {@value #MAX_DIFF_CHARS} characters) */
    public ReadOnlyStringProperty diffProperty() {
        return diff;
    }

    /** @return why the commit could not be shown, or empty */
    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    /** Reads the commit in the background. */
    public void load() {
        jobs.run(Messages.format("git.job.details", shortId(revision)), p -> read(), d -> {
            error.set("");
            commit.set(d.commit());
            files.setAll(d.files());
            diff.set(d.diff());
        }, failure -> {
            error.set(ChangesViewModel.describe(failure)); // the job runner reported the failure
        });
    }

    private Details read() {
        CommitInfo found = repo.commitInfo(revision);
        List<String> changed = repo.changedFiles(found.sha());
        String text = repo.commitDiff(found.sha());
        if (text.length() > MAX_DIFF_CHARS) {
            text = text.substring(0, MAX_DIFF_CHARS) + "\n"
                    + Messages.format("git.details.diffCut", MAX_DIFF_CHARS, text.length());
        }
        return new Details(found, changed, text);
    }

    /** @return the first 7 characters of a commit id */
    static String shortId(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
