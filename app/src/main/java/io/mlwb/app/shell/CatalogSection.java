package io.mlwb.app.shell;

import io.mlwb.app.ui.AppIcon;
import io.mlwb.catalog.events.CatalogEvent;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A group of catalog items under the project tree's "Catalog" node (e.g. the dataset feature's Datasets). Only the
 * feature that fills a section and opens its items registers it, so there are no empty placeholders; the shell
 * lists the items and opens the chosen one as an editor.
 *
 * @param id    stable id, e.g. "datasets"
 * @param title shown in the tree
 * @param icon  its icon
 * @param order position among sections (lower first)
 * @param items    lists the items; runs on a background thread (may read the catalog), so it must not touch JavaFX
 * @param reloadOn which catalog changes (this process's or another's, see {@link OpenProject#onCatalogChange}) may
 *                 change the items: the tree lists them again when one arrives (and after
 *                 {@link CatalogEvent.ChangesMissed}). Tested on the catalog's watcher thread: keep it cheap
 */
public record CatalogSection(String id, String title, AppIcon icon, int order,
                             Function<OpenProject, List<CatalogItem>> items, Predicate<CatalogEvent> reloadOn) {

    /** Checks the parts. */
    public CatalogSection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(reloadOn, "reloadOn");
    }

    /**
     * A section whose items change only on a manual refresh (no catalog change concerns them).
     *
     * @param id    stable id
     * @param title shown in the tree
     * @param icon  its icon
     * @param order position among sections
     * @param items lists the items (background thread)
     */
    public CatalogSection(String id, String title, AppIcon icon, int order,
                          Function<OpenProject, List<CatalogItem>> items) {
        this(id, title, icon, order, items, e -> false);
    }

    /**
     * @param e a catalog change
     * @return whether the items may have changed with it
     */
    public boolean reloadsOn(CatalogEvent e) {
        return e instanceof CatalogEvent.ChangesMissed || reloadOn.test(e);
    }

    /**
     * One item in a section.
     *
     * @param label what the tree shows
     * @param ref   what opens when it is double-clicked
     */
    public record CatalogItem(String label, ItemRef ref) {
    }
}
