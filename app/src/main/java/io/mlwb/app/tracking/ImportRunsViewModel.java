package io.mlwb.app.tracking;

import io.mlwb.app.jobs.JobHandle;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.imports.ImportService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Import runs" dialog's state: which kind of source, which path, and the import as a cancellable job through
 * {@link ImportService} (the same use case as {@code mlwb runs import}).
 */
public final class ImportRunsViewModel {

    /**
     * A kind of source the person can pick.
     *
     * @param kind      the {@link ImportService} kind
     * @param label     what the dialog shows
     * @param directory whether the path is a folder (else a file)
     */
    public record SourceKind(String kind, String label, boolean directory) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** The kinds, in the order the dialog offers them. */
    public static final List<SourceKind> KINDS = List.of(
            new SourceKind("mlflow", Messages.get("tracking.import.kind.mlflowDb"), false),
            new SourceKind("mlflow", Messages.get("tracking.import.kind.mlruns"), true),
            new SourceKind("tensorboard", Messages.get("tracking.import.kind.tensorboard"), true),
            new SourceKind("dvclive", Messages.get("tracking.import.kind.dvclive"), true));

    private final ImportService service;
    private final UiJobs jobs;
    private final String actor;
    private final ObjectProperty<SourceKind> kind = new SimpleObjectProperty<>(KINDS.get(0));
    private final StringProperty path = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final BooleanBinding canStart;

    /**
     * @param service the import use case
     * @param jobs    where the import runs
     * @param actor   who imports, for the audit trail
     */
    public ImportRunsViewModel(ImportService service, UiJobs jobs, String actor) {
        this.service = Objects.requireNonNull(service, "service");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.actor = Objects.requireNonNull(actor, "actor");
        canStart = Bindings.createBooleanBinding(() -> !running.get() && problem() == null, path, kind, running);
    }

    /** @return the kind of source */
    public ObjectProperty<SourceKind> kindProperty() {
        return kind;
    }

    /** @return the source path as typed or chosen */
    public StringProperty pathProperty() {
        return path;
    }

    /** @return true while the import runs */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** @return what the last import did, in a sentence (empty before) */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** @return true when the path names something of the chosen shape and nothing runs */
    public BooleanBinding canStartProperty() {
        return canStart;
    }

    /** @return why the import cannot start yet, or null when it can */
    public String problem() {
        String p = path.get() == null ? "" : path.get().trim();
        if (p.isEmpty()) {
            return Messages.get("tracking.import.problem.noPath");
        }
        Path file = Path.of(p);
        if (!Files.exists(file)) {
            return Messages.format("tracking.import.problem.missing", p);
        }
        if (kind.get().directory() != Files.isDirectory(file)) {
            return Messages.format(kind.get().directory() ? "tracking.import.problem.notFolder"
                    : "tracking.import.problem.notFile", p);
        }
        return null;
    }

    /**
     * Starts the import as a job (progress and Cancel in the Jobs tool window; a cancelled import keeps the runs it
     * brought, and importing again brings the rest).
     *
     * @param onDone told the report on the FX thread
     * @return the job, or null when it cannot start
     */
    public JobHandle start(Consumer<ImportService.Report> onDone) {
        if (!canStart.get()) {
            return null;
        }
        SourceKind k = kind.get();
        Path source = Path.of(path.get().trim());
        running.set(true);
        outcome.set("");
        return jobs.run(Messages.format("tracking.import.job", source.getFileName()),
                progress -> service.importFrom(k.kind(), source, actor, progress),
                report -> {
                    running.set(false);
                    outcome.set(describe(report));
                    onDone.accept(report);
                },
                error -> running.set(false));
    }

    /**
     * @param r an import's report
     * @return it in one sentence
     */
    public static String describe(ImportService.Report r) {
        String s = Messages.format("tracking.import.done", r.imported().size(), r.points(), r.skipped().size());
        if (!r.complete()) {
            s += " " + Messages.get("tracking.import.partial");
        }
        if (!r.warnings().isEmpty()) {
            s += " " + Messages.format("tracking.import.warnings", r.warnings().size(), r.warnings().get(0));
        }
        return s;
    }
}
