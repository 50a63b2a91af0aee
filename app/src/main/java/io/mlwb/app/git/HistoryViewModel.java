package io.mlwb.app.git;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.ui.Messages;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The git log: commits reachable from HEAD, newest first, loaded {@value #PAGE} at a time in the background, and the
 * files the selected commit changed. Use on the FX thread.
 */
public final class HistoryViewModel {
    /** How many commits one page loads. */
    public static final int PAGE = 100;
    /** The editor kind of a commit. */
    public static final String COMMIT_KIND = "commit";

    private final GitRepo repo;
    private final UiJobs jobs;
    private final Consumer<ItemRef> opener;
    private final ObservableList<CommitInfo> commits = FXCollections.observableArrayList();
    private final ObservableList<String> selectedFiles = FXCollections.observableArrayList();
    private final ObjectProperty<CommitInfo> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty hasMore = new SimpleBooleanProperty(this, "hasMore");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    /** Bumped by every refresh, so a page that arrives after a newer refresh is dropped. */
    private int generation;

    /**
     * @param repo   the project's repository
     * @param jobs   where the reads run
     * @param opener opens an editor (the shell's {@code ctx::open})
     */
    public HistoryViewModel(GitRepo repo, UiJobs jobs, Consumer<ItemRef> opener) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.opener = Objects.requireNonNull(opener, "opener");
        selected.addListener((obs, old, now) -> loadFiles(now));
    }

    /** @return the commits loaded so far, newest first */
    public ObservableList<CommitInfo> commits() {
        return commits;
    }

    /** @return the paths the selected commit changed, sorted; empty when none is selected */
    public ObservableList<String> selectedFiles() {
        return selectedFiles;
    }

    /** @return the selected commit, or null */
    public ObjectProperty<CommitInfo> selectedProperty() {
        return selected;
    }

    /** @return true while older commits remain to be loaded */
    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore;
    }

    /** @return true while a page is loading */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Reloads from HEAD, as many commits as were shown (at least one page). */
    public void refresh() {
        int count = Math.max(PAGE, commits.size());
        int gen = ++generation;
        load(0, count, gen, true);
    }

    /** Loads the next page of older commits; does nothing while loading or at the end. */
    public void loadMore() {
        if (busy.get() || !hasMore.get()) {
            return;
        }
        load(commits.size(), PAGE, generation, false);
    }

    /** Opens the commit's details in an editor tab. */
    public void open(CommitInfo commit) {
        if (commit != null) {
            opener.accept(new ItemRef(COMMIT_KIND, commit.sha()));
        }
    }

    private void load(int offset, int limit, int gen, boolean replace) {
        busy.set(true);
        // One extra commit tells whether another page exists without a second call.
        jobs.run(Messages.get("git.job.history"), p -> repo.history(offset, limit + 1),
                page -> {
                    if (gen != generation) {
                        return; // a newer refresh replaced what this page belongs to
                    }
                    busy.set(false);
                    List<CommitInfo> shown = page.size() > limit ? page.subList(0, limit) : page;
                    hasMore.set(page.size() > limit);
                    if (replace) {
                        String keep = selected.get() == null ? null : selected.get().sha();
                        commits.setAll(shown);
                        selected.set(shown.stream().filter(c -> c.sha().equals(keep)).findFirst().orElse(null));
                    } else {
                        commits.addAll(shown);
                    }
                },
                error -> {
                    if (gen == generation) {
                        busy.set(false); // the job runner reported the failure
                    }
                });
    }

    private void loadFiles(CommitInfo commit) {
        selectedFiles.clear();
        if (commit == null) {
            return;
        }
        String sha = commit.sha();
        jobs.run(Messages.format("git.job.files", commit.shortSha()), p -> repo.changedFiles(sha),
                files -> {
                    CommitInfo now = selected.get();
                    if (now != null && now.sha().equals(sha)) {
                        selectedFiles.setAll(files);
                    }
                },
                error -> { }); // the job runner reported the failure; the file list stays empty
    }
}
