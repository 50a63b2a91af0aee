package io.mlwb.app.git;

import atlantafx.base.theme.Styles;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.ui.Messages;
import io.mlwb.app.ui.Views;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** The editor tab of a commit ({@code ItemRef("commit", sha)}): its {@link CommitDetailsView}. */
public final class CommitEditor implements Editor {
    private final Node node;
    private final String title;

    /**
     * Builds the editor and starts loading the commit in the background.
     *
     * @param ctx the workbench
     * @param ref the commit, {@code ("commit", sha)}
     */
    public CommitEditor(WorkbenchContext ctx, ItemRef ref) {
        this.title = Messages.format("git.details.title", CommitDetailsViewModel.shortId(ref.id()));
        if (ctx.project().isEmpty()) {
            Label none = new Label(Messages.get("git.noProject"));
            none.getStyleClass().add(Styles.TEXT_MUTED);
            this.node = none;
            return;
        }
        OpenProject project = ctx.project().get();
        var vm = new CommitDetailsViewModel(project.repo(), ctx.jobs(), ref.id());
        this.node = Views.load(new CommitDetailsView(vm));
        vm.load();
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public String title() {
        return title;
    }
}
