package io.mlwb.app.shell;

import io.mlwb.app.ui.AppIcon;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A feature's editor type: which items it opens and how to build the editor.
 *
 * @param id       unique id, e.g. "dataset"
 * @param handles  true for the items this editor opens (e.g. kind "dataset", or kind "file" with a .csv path);
 *                 when several match, the one registered with the highest {@code priority} wins
 * @param priority higher wins; the shell's plain text viewer uses 0
 * @param icon     the tab's icon
 * @param factory  builds the editor (FX thread); long work must go through {@link WorkbenchContext#jobs()}
 */
public record EditorSpec(String id, Predicate<ItemRef> handles, int priority, AppIcon icon,
                         BiFunction<WorkbenchContext, ItemRef, Editor> factory) {
}
