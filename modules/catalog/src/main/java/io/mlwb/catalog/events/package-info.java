/**
 * Catalog change events (decision 0004): typed, JavaFX-free notices of what changed in the catalog, from this process
 * and from others.
 *
 * <p>Triggers on the tracked tables (profile, run and its tags and params, metric_block, model_card, deployment,
 * audit_log) append rows to {@code change_log}; each process's watcher thread polls {@code PRAGMA data_version} every
 * 250 ms on its own read connection (and is woken at once after a commit of this process), reads the rows after its
 * cursor, turns them into {@link io.mlwb.catalog.events.CatalogEvent}s, coalesces them and calls every
 * {@link io.mlwb.catalog.events.CatalogListener}.
 */
package io.mlwb.catalog.events;
