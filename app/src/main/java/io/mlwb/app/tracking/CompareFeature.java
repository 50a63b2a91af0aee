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
import io.mlwb.catalog.events.Subscription;
import java.util.List;
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
 * Compare 2 to 10 runs: the editor kind {@value #KIND} (item id: the run ids, comma-separated, e.g. {@code "12,15,19"})
 * with overlaid metric charts, a params/metrics diff, parallel coordinates and a scatter plot; the action
 * {@value #ACTION} (Project menu, command palette) asks for the run ids. Other panes open it with {@link #open}. The
 * pane reads the runs again when the catalog says one of them changed, also by another process.
 */
public final class CompareFeature implements Feature {
    /** The Compare pane's editor kind. */
    public static final String KIND = "runs.compare";
    /** The action's id. */
    public static final String ACTION = "tracking.compare";

    /** Created by {@link java.util.ServiceLoader}. */
    public CompareFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.editor(new EditorSpec(KIND, ref -> KIND.equals(ref.kind()), 10, AppIcon.CATALOG, CompareFeature::editor));
        c.action(new ActionSpec(ACTION, Messages.get("tracking.compare.action"), ProjectFeature.MENU,
                AppIcon.CATALOG, null, ActionSpec.needsProject(), CompareFeature::ask));
    }

    /**
     * Opens (or selects) the Compare pane for these runs; the pane says what is wrong with them, if anything.
     *
     * @param ctx the workbench
     * @param ids 2 to 10 run ids, in the order to show them
     */
    public static void open(WorkbenchContext ctx, List<Long> ids) {
        ctx.open(ref(ids));
    }

    /**
     * @param ids run ids
     * @return the Compare pane's item for them
     */
    public static ItemRef ref(List<Long> ids) {
        return new ItemRef(KIND, CompareViewModel.refId(ids));
    }

    private static void ask(WorkbenchContext ctx) {
        CompareDialogViewModel vm = new CompareDialogViewModel();
        dialog(ctx, vm).showAndWait().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .ifPresent(b -> open(ctx, vm.ids()));
    }

    /**
     * @param ctx the workbench
     * @param vm  the dialog's state
     * @return the dialog asking for run ids, not yet shown
     */
    static Dialog<ButtonType> dialog(WorkbenchContext ctx, CompareDialogViewModel vm) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(ctx.window());
        d.setTitle(Messages.get("tracking.compare.dialog.title"));
        d.setHeaderText(Messages.get("tracking.compare.dialog.header"));
        TextField ids = new TextField();
        ids.setId("compare-ids");
        ids.setPromptText("12, 15, 19");
        ids.setPrefColumnCount(28);
        ids.textProperty().bindBidirectional(vm.textProperty());
        Label label = new Label(Messages.get("tracking.compare.dialog.ids"));
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setLabelFor(ids);
        Label problem = new Label();
        problem.setId("compare-ids-problem");
        problem.getStyleClass().add("text-muted");
        problem.setWrapText(true);
        problem.setMaxWidth(420);
        problem.textProperty().bind(vm.problemProperty());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, label, ids);
        grid.add(problem, 1, 1);
        d.getDialogPane().setContent(grid);
        ButtonType compare = new ButtonType(Messages.get("tracking.compare.dialog.open"),
                ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(compare, ButtonType.CANCEL);
        Button ok = (Button) d.getDialogPane().lookupButton(compare);
        ok.disableProperty().bind(vm.canOpenProperty().not());
        d.setOnShown(e -> ids.requestFocus());
        return d;
    }

    private static Editor editor(WorkbenchContext ctx, ItemRef ref) {
        OpenProject p = ctx.project().orElse(null);
        CompareViewModel vm = new CompareViewModel(p == null ? null : p.catalog().orElse(null), ctx.jobs(), ref.id(),
                p == null ? Messages.get("tracking.compare.noCatalog") : p.catalog().isEmpty()
                        ? p.catalogMessage() : null);
        Node node = CompareView.create(vm);
        vm.load();
        Subscription changes = p == null ? Subscription.NONE : p.onCatalogChange(batch -> {
            if (vm.concerns(batch)) {
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
                return vm.title();
            }

            @Override
            public void dispose() {
                changes.close();
            }
        };
    }
}
