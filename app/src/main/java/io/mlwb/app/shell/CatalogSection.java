package io.mlwb.app.shell;

import io.mlwb.app.ui.AppIcon;
import java.util.List;
import java.util.function.Function;

/**
 * A group of catalog items under the project tree's "Catalog" node (e.g. the dataset feature's Datasets). Only the
 * feature that fills a section and opens its items registers it, so there are no empty placeholders; the shell
 * lists the items and opens the chosen one as an editor.
 *
 * @param id    stable id, e.g. "datasets"
 * @param title shown in the tree
 * @param icon  its icon
 * @param order position among sections (lower first)
 * @param items lists the items; runs on a background thread (may read the catalog), so it must not touch JavaFX
 */
public record CatalogSection(String id, String title, AppIcon icon, int order,
                             Function<OpenProject, List<CatalogItem>> items) {

    /**
     * One item in a section.
     *
     * @param label what the tree shows
     * @param ref   what opens when it is double-clicked
     */
    public record CatalogItem(String label, ItemRef ref) {
    }
}
