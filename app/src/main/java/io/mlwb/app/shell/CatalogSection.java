package io.mlwb.app.shell;

import io.mlwb.app.ui.AppIcon;
import java.util.List;
import java.util.function.Function;

/**
 * A group of catalog items under the project tree's "Catalog" node (Datasets, Runs, Models, Model cards,
 * Drift reports, Deployments). Features fill their section's items; the shell lists them and opens the chosen
 * one as an editor.
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
