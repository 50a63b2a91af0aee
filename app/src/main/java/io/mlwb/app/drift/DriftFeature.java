package io.mlwb.app.drift;

import io.mlwb.app.lineage.LineageFeature;
import io.mlwb.app.project.ProjectFeature;
import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.CatalogState;
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
import io.mlwb.core.project.Project;
import io.mlwb.drift.DriftOptions;
import io.mlwb.drift.service.DriftService;
import io.mlwb.vcs.GitRepo;
import java.time.Clock;
import javafx.scene.Node;

/**
 * Data drift in the workbench: the editor kind {@value #KIND}, a pane comparing a reference with a current dataset
 * through the project's {@link DriftService} (the same use case as {@code mlwb drift}), and the action {@value #ACTION}
 * ("Compare data for drift…", Project menu and command palette) that opens it. The item id is empty for a blank form,
 * or {@code REFERENCE\nCURRENT} to open it with both sides filled in ({@link #open(WorkbenchContext, String, String)});
 * nothing runs until Run is pressed.
 */
public final class DriftFeature implements Feature {
    /** The Drift pane's editor kind. */
    public static final String KIND = "drift.compare";
    /** The action's id. */
    public static final String ACTION = "drift.compare";

    /** Created by {@link java.util.ServiceLoader}. */
    public DriftFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.editor(new EditorSpec(KIND, ref -> KIND.equals(ref.kind()), 10, AppIcon.DRIFT, DriftFeature::editor));
        c.action(new ActionSpec(ACTION, Messages.get("drift.action.compare"), ProjectFeature.MENU, AppIcon.DRIFT,
                null, ActionSpec.needsProject(), ctx -> ctx.open(ref("", ""))));
    }

    /**
     * Opens (or selects) the Drift pane with both sides filled in; it does not run.
     *
     * @param ctx       the workbench
     * @param reference the reference data, as {@code mlwb drift} takes it
     * @param current   the current data
     */
    public static void open(WorkbenchContext ctx, String reference, String current) {
        ctx.open(ref(reference, current));
    }

    /**
     * @param reference the reference data, or ""
     * @param current   the current data, or ""
     * @return the Drift pane's item: an empty id for a blank form
     */
    public static ItemRef ref(String reference, String current) {
        String r = reference == null ? "" : reference.strip();
        String c = current == null ? "" : current.strip();
        return new ItemRef(KIND, r.isEmpty() && c.isEmpty() ? "" : r + "\n" + c);
    }

    /**
     * @param ctx the workbench
     * @param ref the pane's item
     * @return its view model over the open project (a blank one, whose Run fails with what to do, without one)
     */
    static DriftViewModel viewModel(WorkbenchContext ctx, ItemRef ref) {
        OpenProject p = ctx.project().orElse(null);
        Project project = p == null ? null : p.config().orElse(null);
        Catalog catalog = p == null || p.catalogState() == CatalogState.ERROR ? null : p.catalog().orElse(null);
        GitRepo repo = p == null ? null : p.repo();
        DriftOptions options = project == null ? DriftOptions.defaults() : DriftOptions.from(project.config().drift());
        DriftService service = new DriftService(project, catalog, repo);
        DriftViewModel vm = new DriftViewModel(service, options, () -> DriftViewModel.choices(service), service::models,
                p == null ? null : p.root(), repo, ctx.jobs(),
                System.getProperty("user.name", "unknown"), Clock.systemUTC());
        String id = ref.id();
        int nl = id.indexOf('\n');
        if (nl >= 0) {
            vm.referenceProperty().set(id.substring(0, nl));
            vm.currentProperty().set(id.substring(nl + 1));
        }
        vm.setLineageOpener(lineage -> LineageFeature.open(ctx, lineage));
        vm.setOnCommitted(ctx::fireProjectChanged);
        return vm;
    }

    private static Editor editor(WorkbenchContext ctx, ItemRef ref) {
        DriftViewModel vm = viewModel(ctx, ref);
        Node node = DriftView.create(vm);
        vm.loadChoices();
        return new Editor() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public String title() {
                return Messages.get("drift.tab");
            }

            @Override
            public void dispose() {
                vm.dispose();
                DriftView.dispose(node);
            }
        };
    }
}
