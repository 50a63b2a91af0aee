package io.mlwb.app.git;

import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.EditorSpec;
import io.mlwb.app.shell.Feature;
import io.mlwb.app.shell.MenuSpec;
import io.mlwb.app.shell.ToolWindow;
import io.mlwb.app.shell.ToolWindowSpec;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;

/**
 * Git in the workbench: the Git tool window (log and local changes), the Git menu with the commit dialog
 * ({@code git.commit}, also on the toolbar) and {@code git.refresh}, and the editor of a commit
 * ({@code ItemRef("commit", sha)}).
 */
public final class GitFeature implements Feature {
    /** The tool window's id. */
    public static final String TOOL_WINDOW = "git";
    /** The Git menu's id. */
    public static final String MENU = "git";
    /** The commit action's id (in the menu and on the toolbar). */
    public static final String COMMIT = "git.commit";
    /** The refresh action's id. */
    public static final String REFRESH = "git.refresh";

    /** Created by {@link java.util.ServiceLoader}. */
    public GitFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions contributions) {
        contributions.toolWindow(new ToolWindowSpec(TOOL_WINDOW, Messages.get("git.toolWindow"), AppIcon.BRANCH,
                ToolWindowSpec.Side.BOTTOM, "Alt+9", ctx -> ToolWindow.of(GitToolWindowView.create(ctx))));
        contributions.menu(new MenuSpec(MENU, "git.menu", 50));
        contributions.action(new ActionSpec(COMMIT, Messages.get("git.action.commit"), MENU, AppIcon.COMMIT,
                "Shortcut+K", ActionSpec.needsWritableProject(), CommitDialogView::open));
        // Git state may have changed outside the workbench (a terminal): every pane re-reads what it shows.
        contributions.action(new ActionSpec(REFRESH, Messages.get("git.action.refresh"), MENU, AppIcon.REFRESH,
                null, ActionSpec.needsProject(), WorkbenchContext::fireProjectChanged));
        contributions.editor(new EditorSpec(HistoryViewModel.COMMIT_KIND,
                ref -> HistoryViewModel.COMMIT_KIND.equals(ref.kind()), 10, AppIcon.COMMIT, CommitEditor::new));
        contributions.toolbar(COMMIT, 30);
    }
}
