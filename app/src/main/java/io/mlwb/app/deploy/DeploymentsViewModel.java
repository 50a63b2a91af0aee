package io.mlwb.app.deploy;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import io.mlwb.deploy.DeployResult;
import io.mlwb.deploy.DeployTarget;
import io.mlwb.deploy.DeploymentRecord;
import io.mlwb.deploy.DeploymentService;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The deployment history (every model, newest first) and "Roll back" on the selected deployment, through
 * {@link DeploymentService#list} and {@link DeploymentService#rollback}, each as a job. Read again when the catalog
 * says a deployment changed (also by {@code mlwb deploy} in another process).
 */
public final class DeploymentsViewModel {
    private final DeploymentService service;
    private final UiJobs jobs;
    private final String actor;
    private final Runnable onCommitted;
    private final ObservableList<DeploymentRecord> rows = FXCollections.observableArrayList();
    private final ObjectProperty<DeploymentRecord> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper canRollBack = new ReadOnlyBooleanWrapper(this, "canRollBack");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /**
     * @param service     the project's deployment service, or null without a usable catalog
     * @param jobs        runs the reads and rollbacks
     * @param actor       who rolls back
     * @param unavailable why there is no service, or null
     * @param onCommitted told after a rollback was committed
     */
    public DeploymentsViewModel(DeploymentService service, UiJobs jobs, String actor, String unavailable,
                                Runnable onCommitted) {
        this.service = service;
        this.jobs = jobs;
        this.actor = actor;
        this.onCommitted = onCommitted == null ? () -> { } : onCommitted;
        if (service == null) {
            error.set(unavailable == null ? Messages.get("deploy.noCatalog") : unavailable);
        }
        selected.addListener((o, was, is) -> canRollBack.set(rollbackable(is)));
        busy.addListener((o, was, is) -> canRollBack.set(!is && rollbackable(selected.get())));
    }

    private static boolean rollbackable(DeploymentRecord d) {
        return d != null && d.active() && d.previousDeploymentId() != null;
    }

    /** Reads the history again (a job); keeps the selection by id. */
    public void refresh() {
        if (service == null) {
            return;
        }
        Long keep = selected.get() == null ? null : selected.get().id();
        busy.set(true);
        jobs.run(Messages.get("deploy.job.history"), p -> service.list(null), list -> {
            busy.set(false);
            rows.setAll(list);
            selected.set(keep == null ? null : list.stream().filter(d -> d.id() == keep).findFirst().orElse(null));
        }, e -> busy.set(false));
    }

    /** Rolls back the selected deployment's model on its target (a job), then reads the history again. */
    public void rollBack() {
        DeploymentRecord d = selected.get();
        if (service == null || busy.get()) {
            return;
        }
        if (!rollbackable(d)) {
            error.set(Messages.get("deploy.history.cannotRollBack"));
            return;
        }
        busy.set(true);
        error.set("");
        message.set("");
        DeployTarget t = DeployTarget.parse(d.target());
        jobs.run(Messages.format("deploy.job.rollback", d.model(), t.id()), p -> service.rollback(d.model(), t, actor),
                (DeployResult r) -> {
                    busy.set(false);
                    message.set(Messages.format("deploy.history.rolledBack", d.ref(), r.deployment().id(),
                            r.deployment().ref(), r.folder()));
                    onCommitted.run();
                    refresh();
                }, e -> {
                    busy.set(false);
                    error.set(UserError.find(e).map(u -> u.getMessage() + " " + u.whatToDo())
                            .orElse(String.valueOf(e.getMessage())));
                });
    }

    /** Reads again after catalog changes that touch deployments. */
    void onCatalogChange(List<?> events) {
        if (events.stream().anyMatch(e -> e instanceof io.mlwb.catalog.events.CatalogEvent.DeploymentChanged)
                && !busy.get()) {
            refresh();
        }
    }

    /** @return the deployments, newest first */
    public ObservableList<DeploymentRecord> rows() {
        return rows;
    }

    /** @return the selected deployment */
    public ObjectProperty<DeploymentRecord> selectedProperty() {
        return selected;
    }

    /** @return whether a job runs */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return whether the selection can be rolled back now */
    public ReadOnlyBooleanProperty canRollBackProperty() {
        return canRollBack.getReadOnlyProperty();
    }

    /** @return what the last rollback did, or "" */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return the last failure, or why there is no history, or "" */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
