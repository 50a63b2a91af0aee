package io.mlwb.app.tracking;

import io.mlwb.app.lineage.LineageFeature;
import io.mlwb.app.project.ProjectFeature;
import io.mlwb.app.registry.RegistryFeature;
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
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.events.Subscription;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.RunDetails;
import io.mlwb.tracking.TrackingService;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.Node;

/**
 * Experiment tracking in the workbench: the runs table (editor kind {@code runs}) opened by the action
 * {@code tracking.runs} (menu Project, toolbar). It refreshes when runs are created, changed or deleted, also by
 * another process; double-clicking a run opens its detail editor (kind {@code run.detail}: overview, metrics,
 * artifacts, checkpoints, notes, audit), which has a button to the live Training pane.
 */
public final class TrackingFeature implements Feature {
    /** The runs table's editor kind. */
    public static final String KIND = "runs";
    /** The one runs table of a project. */
    public static final ItemRef REF = new ItemRef(KIND, "table");
    /** The open action's id. */
    public static final String OPEN_ACTION = "tracking.runs";
    /** A run's detail editor's kind (the item's id is the run's id). */
    public static final String DETAIL_KIND = "run.detail";

    /** Created by {@link java.util.ServiceLoader}. */
    public TrackingFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.editor(new EditorSpec(KIND, ref -> KIND.equals(ref.kind()), 10, AppIcon.CATALOG, TrackingFeature::editor));
        c.editor(new EditorSpec(DETAIL_KIND, ref -> DETAIL_KIND.equals(ref.kind()), 10, AppIcon.RUNS,
                TrackingFeature::detail));
        c.action(new ActionSpec(OPEN_ACTION, Messages.get("tracking.action.open"), ProjectFeature.MENU,
                AppIcon.CATALOG, null, ActionSpec.needsProject(), ctx -> ctx.open(REF)));
        c.toolbar(OPEN_ACTION, 46);
    }

    private static Editor editor(WorkbenchContext ctx, ItemRef ref) {
        OpenProject p = ctx.project().orElse(null);
        TrackingService service = p == null || p.catalog().isEmpty() ? null : new TrackingService(p.catalog().get());
        RunsTableViewModel vm = new RunsTableViewModel(service, ctx.jobs(), service == null
                ? (p == null ? Messages.get("tracking.noProject") : p.catalogMessage()) : null);
        Node node = RunsTableView.create(vm, id -> ctx.open(detailRef(id)),
                ids -> CompareFeature.open(ctx, ids));
        RunsTableView.addRunItem(node, vm, Messages.get("lineage.runs.item"),
                id -> LineageFeature.open(ctx, "run:" + id));
        if (p != null) {
            p.config().ifPresent(project -> vm.setNaming(project.config().naming()));
        }
        RegistryFeature.provideContext(node, ctx); // its Register model… item opens the registry's dialog
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

    /**
     * @param runId a run
     * @return the item that opens its detail editor
     */
    public static ItemRef detailRef(long runId) {
        return new ItemRef(DETAIL_KIND, Long.toString(runId));
    }

    private static Editor detail(WorkbenchContext ctx, ItemRef ref) {
        long id;
        try {
            id = Long.parseLong(ref.id());
        } catch (NumberFormatException e) {
            id = -1;
        }
        OpenProject p = ctx.project().orElse(null);
        String why = null;
        RunDetails details = null;
        TrainingService training = null;
        if (p == null) {
            why = Messages.get("tracking.noProject");
        } else if (p.catalog().isEmpty()) {
            why = p.catalogMessage();
        } else {
            Catalog catalog = p.catalog().get();
            details = new RunDetails(catalog);
            Project project = p.config().orElse(null);
            if (project != null) {
                training = new TrainingService(project, p.repo(), catalog, TrainingSettings.current(),
                        Clock.systemUTC());
            }
        }
        RunDetailViewModel vm = new RunDetailViewModel(id, details, training, p == null ? null : p.repo(),
                p == null ? Path.of(".") : p.root(), ctx.jobs(), new RunDetailDesktop(), why);
        vm.setOpenTraining(run -> ctx.open(new ItemRef("run", Long.toString(run))));
        Node node = RunDetailView.create(vm);
        RegistryFeature.provideContext(node, ctx);
        vm.refresh();
        Subscription changes = p == null ? Subscription.NONE : p.onCatalogChange(vm::onCatalogChange);
        long runId = id;
        return new Editor() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public String title() {
                return Messages.format("run.detail.tab", runId);
            }

            @Override
            public void dispose() {
                changes.close();
            }
        };
    }
}
