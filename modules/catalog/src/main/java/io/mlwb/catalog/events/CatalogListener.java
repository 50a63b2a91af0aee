package io.mlwb.catalog.events;

import java.util.List;

/**
 * Told what changed in the catalog. Called on the catalog's watcher thread ({@code mlwb-catalog-watch}), never
 * under a catalog lock, so it may read the catalog; it should hand heavy work to another thread. An exception it
 * throws is logged and does not reach the writer or the other listeners.
 */
@FunctionalInterface
public interface CatalogListener {
    /**
     * @param batch the changes since the previous call, in commit order, coalesced
     *              ({@link CatalogEvent#coalesce}); never empty
     */
    void onEvents(List<CatalogEvent> batch);
}
