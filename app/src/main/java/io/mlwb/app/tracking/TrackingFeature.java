package io.mlwb.app.tracking;

import io.mlwb.app.project.ProjectFeature;
import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.EditorSpec;
import io.mlwb.app.shell.Feature;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.events.Subscription;
import io.mlwb.tracking.TrackingService;
import javafx.scene.Node;

/**
 * Experiment tracking in the workbench: the runs table (editor kind {@code runs}) opened by the action
 * {@code tracking.runs} (menu Project, toolbar). It refreshes when runs are created, changed or deleted, also by
 * another process; double-clicking a run opens it in the Training pane.
 */
public final class TrackingFeature implements Feature {
    /** The runs table's editor kind. */
    public static final String KIND = "runs";
    /** The one runs table of a project. */
    public static final ItemRef REF = new ItemRef(KIND, "table");
    /** The open action's id. */
    public static final String OPEN_ACTION = "tracking.runs";

    /** Created by {@link java.util.ServiceLoader}. */
    public TrackingFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.editor(new EditorSpec(KIND, ref -> KIND.equals(ref.kind()), 10, AppIcon.CATALOG, TrackingFeature::editor));
        c.action(new ActionSpec(OPEN_ACTION, Messages.get("tracking.action.open"), ProjectFeature.MENU,
                AppIcon.CATALOG, null, ActionSpec.needsProject(), ctx -> ctx.open(REF)));
        c.toolbar(OPEN_ACTION, 46);
    }

    private static Editor editor(WorkbenchContext ctx, ItemRef ref) {
        OpenProject p = ctx.project().orElse(null);
        TrackingService service = p == null || p.catalog().isEmpty() ? null : new TrackingService(p.catalog().get());
        RunsTableViewModel vm = new RunsTableViewModel(service, ctx.jobs(), service == null
                ? (p == null ? Messages.get("tracking.noProject") : p.catalogMessage()) : null);
        Node node = RunsTableView.create(vm, id -> ctx.open(new ItemRef("run", Long.toString(id))));
        vm.refresh();
        Subscription changes = p == null ? Subscription.NONE : p.onCatalogChange(batch -> {
            if (batch.stream().anyMatch(e -> e instanceof CatalogEvent.RunCreated || e instanceof CatalogEvent.RunUpdated
                    || e instanceof CatalogEvent.RunDeleted || e instanceof CatalogEvent.ChangesMissed)) {
                vm.refresh();
            }
        });
        return new Editor() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public String title() {
                return Messages.get("tracking.title");
            }

            @Override
            public void dispose() {
                changes.close();
            }
        };
    }
}
