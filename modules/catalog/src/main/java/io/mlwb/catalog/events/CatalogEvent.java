package io.mlwb.catalog.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed in the catalog, as told to a {@link CatalogListener}. An event names the changed row, not its new
 * content: a listener reads what it shows again. Events come from every writer of the catalog file, this process or
 * another one (decision 0004).
 */
public sealed interface CatalogEvent {

    /**
     * A profile was stored.
     *
     * @param profileId   the profile's id
     * @param datasetName the name of its dataset; empty when unknown
     */
    record ProfileStored(long profileId, String datasetName) implements CatalogEvent {
        /** Checks the arguments. */
        public ProfileStored {
            datasetName = datasetName == null ? "" : datasetName;
        }
    }

    /**
     * A run was created. Changes made to it in the same batch (its tags, params, status) are folded into this event.
     *
     * @param runId the run's id
     */
    record RunCreated(long runId) implements CatalogEvent {
    }

    /**
     * A run changed: its status, end, cost, tags or params.
     *
     * @param runId the run's id
     */
    record RunUpdated(long runId) implements CatalogEvent {
    }

    /**
     * A run was deleted (with its metrics, tags and params).
     *
     * @param runId the run's id
     */
    record RunDeleted(long runId) implements CatalogEvent {
    }

    /**
     * Metric points were appended to a run.
     *
     * @param runId the run's id
     * @param names the metric names that got points, sorted
     */
    record MetricsAppended(long runId, Set<String> names) implements CatalogEvent {
        /** Copies the names, sorted. */
        public MetricsAppended {
            names = Collections.unmodifiableSortedSet(new TreeSet<>(names));
        }
    }

    /**
     * A model card was created, edited or deleted.
     *
     * @param cardId the card's id ({@code model_card.id})
     */
    record CardChanged(long cardId) implements CatalogEvent {
    }

    /**
     * A deployment was created, changed (status, traffic) or deleted.
     *
     * @param deploymentId the deployment's id
     */
    record DeploymentChanged(long deploymentId) implements CatalogEvent {
    }

    /**
     * A registered model changed: a version was registered, retired or moved to another stage, or an alias was set
     * or removed.
     *
     * @param modelId the model's id ({@code model.id})
     */
    record ModelChanged(long modelId) implements CatalogEvent {
    }

    /**
     * An audit entry was appended.
     *
     * @param seq    the entry's sequence number
     * @param action what was done ("profile.record", ...)
     */
    record AuditAppended(long seq, String action) implements CatalogEvent {
        /** Checks the arguments. */
        public AuditAppended {
            action = action == null ? "" : action;
        }
    }

    /**
     * Changes were made that this listener will not be told about one by one: the change log had already been
     * pruned past them when it was read (the computer slept, or the process was paused for a long time). Reload
     * everything shown.
     *
     * @param count how many changes were missed
     */
    record ChangesMissed(long count) implements CatalogEvent {
    }

    /**
     * Folds a batch: consecutive {@link MetricsAppended} of the same run become one (names merged); a
     * {@link RunUpdated} right after a {@link RunCreated} or {@link RunUpdated} of the same run is dropped; an
     * event equal to the one before it is dropped. Order is otherwise kept.
     *
     * @param events the events, in the order they happened
     * @return the folded list, never longer than {@code events}
     */
    static List<CatalogEvent> coalesce(List<? extends CatalogEvent> events) {
        Objects.requireNonNull(events, "events");
        List<CatalogEvent> out = new ArrayList<>(events.size());
        for (CatalogEvent e : events) {
            CatalogEvent last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (e.equals(last)) {
                continue;
            }
            if (e instanceof MetricsAppended m && last instanceof MetricsAppended lm && lm.runId() == m.runId()) {
                if (!lm.names().containsAll(m.names())) {
                    Set<String> names = new TreeSet<>(lm.names());
                    names.addAll(m.names());
                    out.set(out.size() - 1, new MetricsAppended(m.runId(), names));
                }
                continue;
            }
            if (e instanceof RunUpdated u && (last instanceof RunCreated c && c.runId() == u.runId()
                    || last instanceof RunUpdated lu && lu.runId() == u.runId())) {
                continue;
            }
            out.add(e);
        }
        return out;
    }
}
