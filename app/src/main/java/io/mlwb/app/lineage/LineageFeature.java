package io.mlwb.app.lineage;

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
import io.mlwb.catalog.events.Subscription;
import io.mlwb.core.project.NamingRules;
import io.mlwb.tracking.lineage.LineageService;
import io.mlwb.tracking.registry.ModelRegistry;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/**
 * Lineage in the workbench: the editor kind {@value #KIND}, whose item id is a lineage id as {@code mlwb lineage}
 * takes it ({@code run:12}, {@code churn@champion}, {@code dataset:churn}...), showing data versions → profiles → runs
 * → model versions → cards → deployments as a graph with what is stale; the action {@value #ACTION} (Project menu,
 * command palette) asks for the id. Other panes open it with {@link #open} (the runs table's "Show lineage"). The
 * pane reads the graph again when runs, models, profiles, cards or deployments change, also by another process.
 */
public final class LineageFeature implements Feature {
    /** The Lineage pane's editor kind. */
    public static final String KIND = "lineage.graph";
    /** The action's id. */
    public static final String ACTION = "lineage.show";

    /** Created by {@link java.util.ServiceLoader}. */
    public LineageFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.editor(new EditorSpec(KIND, ref -> KIND.equals(ref.kind()), 10, AppIcon.BRANCH, LineageFeature::editor));
        c.action(new ActionSpec(ACTION, Messages.get("lineage.action.show"), ProjectFeature.MENU, AppIcon.BRANCH,
                null, ActionSpec.needsProject(), LineageFeature::ask));
    }

    /**
     * Opens (or selects) the Lineage pane of an id; the pane says so if the id names nothing.
     *
     * @param ctx the workbench
     * @param id  a lineage id: {@code run:12}, {@code NAME@VERSION}, {@code dataset:NAME}...
     */
    public static void open(WorkbenchContext ctx, String id) {
        ctx.open(ref(id));
    }

    /**
     * @param id a lineage id
     * @return the Lineage pane's item for it
     */
    public static ItemRef ref(String id) {
        return new ItemRef(KIND, id.strip());
    }

    private static void ask(WorkbenchContext ctx) {
        TextField id = new TextField();
        dialog(ctx, id).showAndWait().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .ifPresent(b -> open(ctx, id.getText()));
    }

    /**
     * @param ctx the workbench
     * @param id  the field the id is typed in
     * @return the dialog asking for an id, not yet shown; Show is enabled once something is typed
     */
    static Dialog<ButtonType> dialog(WorkbenchContext ctx, TextField id) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(ctx.window());
        d.setTitle(Messages.get("lineage.dialog.title"));
        d.setHeaderText(Messages.get("lineage.dialog.header"));
        id.setId("lineage-dialog-id");
        id.setPromptText(Messages.get("lineage.id.prompt"));
        id.setPrefColumnCount(28);
        Label label = new Label(Messages.get("lineage.dialog.id"));
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setLabelFor(id);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, label, id);
        d.getDialogPane().setContent(grid);
        ButtonType show = new ButtonType(Messages.get("lineage.dialog.open"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(show, ButtonType.CANCEL);
        Button ok = (Button) d.getDialogPane().lookupButton(show);
        ok.disableProperty().bind(id.textProperty().isEmpty());
        d.setOnShown(e -> id.requestFocus());
        return d;
    }

    /**
     * @param p an open project, or null
     * @return its lineage service, or null when it has no readable catalog
     */
    static LineageService service(OpenProject p) {
        if (p == null || p.catalogState() == CatalogState.ERROR || p.catalog().isEmpty()) {
            return null;
        }
        Catalog catalog = p.catalog().get();
        ModelRegistry registry = p.config().map(project -> ModelRegistry.of(catalog, project))
                .orElseGet(() -> new ModelRegistry(catalog, p.root(), NamingRules.none()));
        return new LineageService(catalog, registry);
    }

    private static Editor editor(WorkbenchContext ctx, ItemRef ref) {
        OpenProject p = ctx.project().orElse(null);
        LineageService service = service(p);
        LineageViewModel vm = new LineageViewModel(service, ctx.jobs(), ref.id(), service != null ? null
                : p == null ? Messages.get("lineage.noProject") : p.catalogMessage());
        vm.setOpener(ctx::open);
        Node node = LineageView.create(vm);
        vm.load();
        Subscription changes = p == null ? Subscription.NONE : p.onCatalogChange(batch -> {
            if (LineageViewModel.concerns(batch)) {
                vm.load();
            }
        });
        return new Editor() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public String title() {
                return Messages.format("lineage.tab", ref.id());
            }

            @Override
            public void dispose() {
                changes.close();
                vm.dispose();
            }
        };
    }
}
