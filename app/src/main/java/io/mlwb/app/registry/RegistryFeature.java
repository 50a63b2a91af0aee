package io.mlwb.app.registry;

import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.EditorSpec;
import io.mlwb.app.shell.Feature;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.shell.ToolWindow;
import io.mlwb.app.shell.ToolWindowSpec;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.events.Subscription;
import io.mlwb.core.project.NamingRules;
import io.mlwb.tracking.registry.ModelRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.stage.WindowEvent;

/**
 * The model registry in the workbench: the Models tool window (every registered model; Alt+5), the editor kind
 * {@value #KIND} (item id: the model's name) with its versions, their aliases, stages, lineage facts and retirement,
 * and the Register model dialog, which the runs table's context menu and the run detail's header open through
 * {@link #registerItem} and {@link #registerButton}. Every pane reads the registry again when the catalog says a model
 * changed, also by another process (the CLI's {@code mlwb models}). The actor of every change is the OS user, as in
 * the CLI.
 */
public final class RegistryFeature implements Feature {
    /** A model's pane's editor kind; the item's id is the model's name. */
    public static final String KIND = "model.registry";
    /** The Models tool window's id. */
    public static final String TOOL_WINDOW = "models";
    /** The run detail editor's kind (the tracking feature's; named here so the packages do not depend both ways). */
    static final String RUN_DETAIL_KIND = "run.detail";

    /** Created by {@link java.util.ServiceLoader}. */
    public RegistryFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.toolWindow(new ToolWindowSpec(TOOL_WINDOW, Messages.get("registry.toolWindow"), AppIcon.MODEL,
                ToolWindowSpec.Side.BOTTOM, "Alt+5", RegistryFeature::toolWindow));
        c.editor(new EditorSpec(KIND, ref -> KIND.equals(ref.kind()), 10, AppIcon.MODEL, RegistryFeature::editor));
    }

    /**
     * @param name a model's name
     * @return the item that opens its pane
     */
    public static ItemRef ref(String name) {
        return new ItemRef(KIND, name);
    }

    /** @return who changes the registry: the OS user, as the CLI records it */
    static String actor() {
        return System.getProperty("user.name", "unknown");
    }

    /**
     * @param p the open project, or null
     * @return its registry, or null when there is no project or no catalog
     */
    static ModelRegistry registry(OpenProject p) {
        if (p == null || p.catalog().isEmpty()) {
            return null;
        }
        return new ModelRegistry(p.catalog().get(), p.root(), naming(p));
    }

    private static NamingRules naming(OpenProject p) {
        return p == null ? NamingRules.none() : p.config().map(c -> c.config().naming()).orElse(NamingRules.none());
    }

    private static String why(OpenProject p) {
        return p == null ? Messages.get("registry.noProject") : p.catalog().isEmpty() ? p.catalogMessage() : null;
    }

    private static ToolWindow toolWindow(WorkbenchContext ctx) {
        OpenProject p = ctx.project().orElse(null);
        ModelsViewModel vm = new ModelsViewModel(registry(p), ctx.jobs(), why(p));
        Node node = ModelsView.create(vm, name -> ctx.open(ref(name)));
        provideContext(node, ctx);
        vm.refresh();
        Subscription changes = p == null ? Subscription.NONE : p.onCatalogChange(vm::onCatalogChange);
        return ToolWindow.of(node, changes::close);
    }

    private static Editor editor(WorkbenchContext ctx, ItemRef ref) {
        OpenProject p = ctx.project().orElse(null);
        ModelRegistryViewModel vm = new ModelRegistryViewModel(registry(p), ctx.jobs(), ref.id(), actor(), why(p));
        vm.setOpenRun(id -> ctx.open(new ItemRef(RUN_DETAIL_KIND, Long.toString(id))));
        vm.setOpenLineage(id -> io.mlwb.app.lineage.LineageFeature.open(ctx, id));
        Node node = ModelRegistryView.create(vm, ctx::window);
        provideContext(node, ctx);
        vm.load();
        Subscription changes = p == null ? Subscription.NONE : p.onCatalogChange(vm::onCatalogChange);
        return new Editor() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public String title() {
                return ref.id();
            }

            @Override
            public void dispose() {
                changes.close();
            }
        };
    }

    // ---------------------------------------------------------------- Register model…

    /**
     * Asks how to register a run's model (name, alias, description), registers it, and opens the model's pane.
     *
     * @param ctx   the workbench
     * @param runId the run
     */
    public static void register(WorkbenchContext ctx, long runId) {
        OpenProject p = ctx.project().orElse(null);
        if (p != null && p.readOnly()) {
            ctx.errors().warning(Messages.get("registry.register.title"), Messages.get("registry.register.readOnly"),
                    Messages.get("registry.register.readOnly.todo"));
            return;
        }
        RegisterModelViewModel vm = new RegisterModelViewModel(registry(p), p == null ? null
                : p.catalog().orElse(null), ctx.jobs(), runId, actor(), naming(p));
        vm.load();
        RegisterModelDialog.create(ctx.window(), vm).showAndWait();
        ModelRegistry.Registration done = vm.registeredProperty().get();
        if (done != null) {
            // what did not go as it should (no git tag, a dirty work tree) outlives the dialog in Problems
            done.warnings().forEach(w -> ctx.errors().warning(Messages.get("registry.register.title"), w, ""));
            ctx.open(ref(done.version().model()));
        }
    }

    /**
     * Marks {@code node} as a pane of this workbench, so that {@link #registerItem} and {@link #registerButton} inside
     * it find the workbench. The tracking feature marks its runs table and run detail editors.
     *
     * @param node a pane's root
     * @param ctx  the workbench
     */
    public static void provideContext(Node node, WorkbenchContext ctx) {
        node.getProperties().put(WorkbenchContext.class, ctx);
    }

    /**
     * @param node a node in a pane
     * @return the workbench of the nearest pane above it marked by {@link #provideContext}
     */
    static Optional<WorkbenchContext> contextOf(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getProperties().get(WorkbenchContext.class) instanceof WorkbenchContext ctx) {
                return Optional.of(ctx);
            }
        }
        return Optional.empty();
    }

    /**
     * A context-menu item "Register model…" for a table of runs: enabled when one run is selected and the table sits
     * in a pane marked by {@link #provideContext}.
     *
     * @param owner    the table (the menu's owner)
     * @param selected the selected runs' ids
     * @return the item
     */
    public static MenuItem registerItem(Node owner, Supplier<List<Long>> selected) {
        MenuItem item = new MenuItem(Messages.get("registry.register.action"));
        item.setId("registerModelItem");
        item.setOnAction(e -> {
            List<Long> ids = selected.get();
            Optional<WorkbenchContext> ctx = contextOf(owner);
            if (ids.size() == 1 && ctx.isPresent()) {
                register(ctx.get(), ids.get(0));
            }
        });
        item.parentPopupProperty().addListener((o, was, popup) -> {
            if (popup != null) {
                popup.addEventHandler(WindowEvent.WINDOW_SHOWING, e -> item.setDisable(
                        selected.get().size() != 1 || contextOf(owner).isEmpty()));
            }
        });
        return item;
    }

    /**
     * A button "Register model…" for a run's pane; it does nothing outside a pane marked by {@link #provideContext}.
     *
     * @param runId the run
     * @return the button
     */
    public static Button registerButton(long runId) {
        Button b = new Button(Messages.get("registry.register.action"), AppIcon.MODEL.node());
        b.setId("registerModelButton");
        b.setOnAction(e -> contextOf(b).ifPresent(ctx -> register(ctx, runId)));
        return b;
    }
}
