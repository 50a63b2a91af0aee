package io.mlwb.app.git;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.vcs.Author;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.RepoStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The commit dialog: the changed files to choose from (all but conflicting ones chosen at first), the message, the
 * author from git config. Commit is possible once a message and a file are chosen; a failed commit keeps everything
 * as it was and says why. Use on the FX thread.
 */
public final class CommitDialogViewModel {
    private final GitRepo repo;
    private final UiJobs jobs;
    private final Runnable onCommitted;
    private final ObservableList<CommitFile> files =
            FXCollections.observableArrayList(f -> new Observable[] {f.selectedProperty()});
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringProperty author = new SimpleStringProperty(this, "author", "");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<CommitInfo> committed = new SimpleObjectProperty<>(this, "committed");
    private final BooleanBinding anySelected =
            Bindings.createBooleanBinding(() -> files.stream().anyMatch(f -> f.selectedProperty().get()), files);
    private final BooleanBinding canCommit = Bindings.createBooleanBinding(
            () -> !busy.get() && anySelected.get() && message.get() != null && !message.get().isBlank(),
            busy, anySelected, message);

    /**
     * @param repo        the project's repository
     * @param jobs        where reads and the commit run
     * @param onCommitted called after a successful commit (the shell's {@code ctx::fireProjectChanged})
     */
    public CommitDialogViewModel(GitRepo repo, UiJobs jobs, Runnable onCommitted) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.onCommitted = Objects.requireNonNull(onCommitted, "onCommitted");
    }

    /** @return the changed files, each with its check box state */
    public ObservableList<CommitFile> files() {
        return files;
    }

    /** @return the commit message being written */
    public StringProperty messageProperty() {
        return message;
    }

    /** @return "Name &lt;email&gt;" from git config, shown read-only */
    public ReadOnlyStringProperty authorProperty() {
        return author;
    }

    /** @return why the last commit failed (message and what to do), or empty */
    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    /** @return true while loading or committing */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** @return true when a message and at least one file are chosen and nothing runs */
    public BooleanBinding canCommitProperty() {
        return canCommit;
    }

    /** @return the commit made, or null until one succeeded (the dialog closes when it is set) */
    public ReadOnlyObjectProperty<CommitInfo> committedProperty() {
        return committed;
    }

    /** Reads the changed files and the author in the background. */
    public void load() {
        busy.set(true);
        record Loaded(RepoStatus status, Author author) {
        }
        jobs.run(Messages.get("git.job.status"), p -> new Loaded(repo.status(), repo.author()), loaded -> {
            busy.set(false);
            author.set(loaded.author().name() + " <" + loaded.author().email() + ">");
            // A path can be in two sets (removed from the index, still in the folder): list it once.
            Map<String, ChangeKind> byPath = new LinkedHashMap<>();
            FileChange.of(loaded.status()).forEach(c -> byPath.putIfAbsent(c.path(), c.kind()));
            // Conflicting files would be committed with their conflict markers: the person ticks them on purpose.
            files.setAll(byPath.entrySet().stream()
                    .map(e -> new CommitFile(e.getKey(), e.getValue(), e.getValue() != ChangeKind.CONFLICTING))
                    .toList());
        }, failure -> {
            busy.set(false);
            error.set(ChangesViewModel.describe(failure)); // the job runner reported the failure
        });
    }

    /** Chooses every file. */
    public void selectAll() {
        files.forEach(f -> f.selectedProperty().set(true));
    }

    /** Chooses no file. */
    public void selectNone() {
        files.forEach(f -> f.selectedProperty().set(false));
    }

    /** Commits the chosen files with the message; does nothing unless {@link #canCommitProperty()} holds. */
    public void commit() {
        if (!canCommit.get()) {
            return;
        }
        List<String> paths = files.stream().filter(f -> f.selectedProperty().get()).map(CommitFile::path).toList();
        String text = message.get().strip();
        busy.set(true);
        error.set("");
        jobs.run(Messages.get("git.job.commit"), p -> repo.commit(paths, text), made -> {
            busy.set(false);
            committed.set(made);
            onCommitted.run();
        }, failure -> {
            busy.set(false);
            error.set(ChangesViewModel.describe(failure)); // the job runner reported the failure
        });
    }
}
