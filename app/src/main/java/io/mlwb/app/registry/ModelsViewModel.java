package io.mlwb.app.registry;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.core.error.UserError;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import io.mlwb.tracking.registry.RegisteredModel;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Models tool window's state: one row per registered model (name, how many versions, its aliases, the latest
 * version in service, the summed cost of its versions' runs), read from {@link ModelRegistry#list()} as a job and
 * read again when the catalog says a model, a run, a card or a deployment changed (also by another process). Use on
 * the FX thread; no toolkit needed.
 */
public final class ModelsViewModel {
    /**
     * A model as the list shows it.
     *
     * @param name     its name
     * @param versions how many versions (retired ones too)
     * @param aliases  {@code champion → v3, challenger → v2}, or ""
     * @param latest   {@code v3}: the newest version not retired, or "" when all are
     * @param cost     the summed estimated cost of its versions' runs, or "" when unknown
     */
    public record Row(String name, int versions, String aliases, String latest, String cost) {
        static Row of(RegisteredModel m) {
            ModelVersion latest = m.latest();
            return new Row(m.name(), m.versions().size(), RegistryFormat.aliases(m),
                    latest == null ? "" : RegistryFormat.version(latest.version()), RegistryFormat.money(m.costUsd()));
        }
    }

    private final ModelRegistry registry;
    private final UiJobs jobs;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private boolean again;

    /**
     * @param registry the project's registry, or null (nothing to list; {@code why} says why)
     * @param jobs     where the registry is read
     * @param why      why there is no registry, or null
     */
    public ModelsViewModel(ModelRegistry registry, UiJobs jobs, String why) {
        this.registry = registry;
        this.jobs = jobs;
        if (registry == null) {
            message.set(why == null ? Messages.get("registry.noCatalog") : why);
        }
    }

    /** @return the models, by name */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** @return how many models, what is being done, or why nothing is listed */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return whether the registry is being read */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Reads the registry again (once more at the end when asked while reading). */
    public void refresh() {
        if (registry == null) {
            return;
        }
        if (busy.get()) {
            again = true;
            return;
        }
        busy.set(true);
        jobs.run(Messages.get("registry.job.list"), p -> registry.list().stream().map(Row::of).toList(), list -> {
            busy.set(false);
            rows.setAll(list);
            // an empty list says what to do in its placeholder
            message.set(list.isEmpty() ? "" : Messages.format("registry.models.count", list.size()));
            if (again) {
                again = false;
                refresh();
            }
        }, e -> {
            busy.set(false);
            again = false;
            message.set(UserError.find(e).map(UserError::getMessage).orElse(String.valueOf(e.getMessage())));
        });
    }

    /** @param batch what changed in the catalog: the list is read again when it concerns the registry */
    public void onCatalogChange(List<CatalogEvent> batch) {
        if (concerns(batch)) {
            refresh();
        }
    }

    /**
     * @param batch catalog events
     * @return whether any can change what the registry shows: a model, version or alias; a run (its cost, name);
     *     a card or deployment of a version; or changes the catalog could not name
     */
    static boolean concerns(List<CatalogEvent> batch) {
        return batch.stream().anyMatch(e -> e instanceof CatalogEvent.ModelChanged
                || e instanceof CatalogEvent.RunUpdated || e instanceof CatalogEvent.RunDeleted
                || e instanceof CatalogEvent.CardChanged || e instanceof CatalogEvent.DeploymentChanged
                || e instanceof CatalogEvent.ChangesMissed);
    }
}
