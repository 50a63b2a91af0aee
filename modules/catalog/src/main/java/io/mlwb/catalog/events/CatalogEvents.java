package io.mlwb.catalog.events;

/** Where listeners subscribe to a catalog's changes: {@code catalog.events().subscribe(listener)}. */
public interface CatalogEvents {
    /**
     * Subscribes a listener to the changes committed from now on, by this process or any other. The first
     * subscription starts the catalog's watcher thread. Own commits arrive within tens of milliseconds, another
     * process's within about a quarter of a second (one poll of {@code PRAGMA data_version}).
     *
     * @param listener called on the watcher thread with each batch
     * @return what unsubscribes it
     */
    Subscription subscribe(CatalogListener listener);
}
