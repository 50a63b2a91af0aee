package io.mlwb.app.project;

import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.CatalogSection;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.EditorSpec;
import io.mlwb.app.shell.Feature;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.MenuSpec;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.shell.ToolWindow;
import io.mlwb.app.shell.ToolWindowSpec;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import java.util.List;
import javafx.scene.control.Label;

/**
 * The project tree and the plain file viewer: a left tool window "project" (Alt+1) listing the files and the catalog
 * sections other features register, the Project menu, the action {@code project.refresh} (also on the toolbar) and
 * the editor "text" (priority 0) for any project file.
 */
public final class ProjectFeature implements Feature {
    /** The tool window's id. */
    public static final String TOOL_WINDOW = "project";
    /** The refresh action's id. */
    public static final String REFRESH = "project.refresh";
    /** The plain text editor's id. */
    public static final String TEXT_EDITOR = "text";
    /** The Project menu's id; features whose actions act on the whole project put them there. */
    public static final String MENU = "project";

    /** A feature for {@link java.util.ServiceLoader}. */
    public ProjectFeature() {
        // found by ServiceLoader
    }

    @Override
    public void contribute(Contributions c) {
        // The tree lists every feature's sections: read them from the registry when the window is built, by which
        // time all features have contributed.
        c.toolWindow(new ToolWindowSpec(TOOL_WINDOW, Messages.get("project.title"), AppIcon.PROJECT,
                ToolWindowSpec.Side.LEFT, "Alt+1", ctx -> toolWindow(ctx, c.catalogSections())));
        c.menu(new MenuSpec(MENU, "project.menu", 40));
        c.action(new ActionSpec(REFRESH, Messages.get("project.action.refresh"), MENU, AppIcon.REFRESH, null,
                ActionSpec.needsProject(), WorkbenchContext::fireProjectChanged));
        c.toolbar(REFRESH, 20);
        c.editor(new EditorSpec(TEXT_EDITOR, ref -> ItemRef.FILE.equals(ref.kind()), 0, AppIcon.FILE_TEXT,
                ProjectFeature::textEditor));
    }

    private static ToolWindow toolWindow(WorkbenchContext ctx, List<CatalogSection> sections) {
        if (ctx.project().isEmpty()) {
            return ToolWindow.of(new Label(Messages.get("project.noProject")));
        }
        ProjectTreeView view = new ProjectTreeView(
                new ProjectTreeViewModel(ctx.project().get(), sections, ctx.jobs(), ctx::open), ctx);
        return ToolWindow.of(view.node(), view::dispose);
    }

    private static io.mlwb.app.shell.Editor textEditor(WorkbenchContext ctx, ItemRef ref) {
        OpenProject p = ctx.project().orElseThrow(() -> new IllegalStateException("No project is open"));
        return new TextFileEditor(new TextFileViewModel(p.root(), ref.id(), ctx.jobs()));
    }
}
