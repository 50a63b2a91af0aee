package io.mlwb.app.git;

import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.EditorSpec;
import io.mlwb.app.shell.Feature;
import io.mlwb.app.shell.ToolWindowSpec;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;

/**
 * Git in the workbench: the Git tool window (log and local changes), the commit dialog ({@code git.commit}),
 * {@code git.refresh}, and the editor of a commit ({@code ItemRef("commit", sha)}).
 */
public final class GitFeature implements Feature {
    /** The tool window's id. */
    public static final String TOOL_WINDOW = "git";
    /** The menu the actions go into. */
    public static final String MENU = "Git";

    /** Created by {@link java.util.ServiceLoader}. */
    public GitFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions contributions) {
        contributions.toolWindow(new ToolWindowSpec(TOOL_WINDOW, Messages.get("git.toolWindow"), AppIcon.BRANCH,
                ToolWindowSpec.Side.BOTTOM, "Alt+9", GitToolWindowView::create));
        contributions.action(new ActionSpec("git.commit", Messages.get("git.action.commit"), MENU, AppIcon.COMMIT,
                "Shortcut+K", ActionSpec.needsProject(), CommitDialogView::open));
        // Git state may have changed outside the workbench (a terminal): every pane re-reads what it shows.
        contributions.action(new ActionSpec("git.refresh", Messages.get("git.action.refresh"), MENU, AppIcon.REFRESH,
                null, ActionSpec.needsProject(), WorkbenchContext::fireProjectChanged));
        contributions.editor(new EditorSpec(HistoryViewModel.COMMIT_KIND,
                ref -> HistoryViewModel.COMMIT_KIND.equals(ref.kind()), 10, AppIcon.COMMIT, CommitEditor::new));
    }
}
