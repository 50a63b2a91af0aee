package io.mlwb.app.deploy;

import io.mlwb.app.project.ProjectFeature;
import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.CatalogState;
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
import io.mlwb.core.project.Project;
import io.mlwb.core.project.RiskTier;
import io.mlwb.deploy.DeploymentService;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;

/**
 * Deployment in the workbench: the deployment wizard (editor kind {@value #KIND}; item id a version
 * {@code NAME@VERSION}, a model's name, or {@value #NEW}), opened from Project ▸ Deploy model…, the command palette,
 * the Deployments tool window and the registry pane's "Deploy…" button ({@link #deployButton}); and the Deployments
 * tool window with the history and Roll back. The actor is the OS user, as in the CLI.
 */
public final class DeployFeature implements Feature {
    /** The wizard's editor kind. */
    public static final String KIND = "deploy.wizard";
    /** The item id of a wizard with no version chosen yet. */
    public static final String NEW = "new";
    /** The action that opens the wizard. */
    public static final String ACTION = "deploy.wizard";
    /** The Deployments tool window's id. */
    public static final String TOOL_WINDOW = "deployments";

    /** Created by {@link java.util.ServiceLoader}. */
    public DeployFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.editor(new EditorSpec(KIND, ref -> KIND.equals(ref.kind()), 10, AppIcon.DEPLOYMENT, DeployFeature::editor));
        c.action(new ActionSpec(ACTION, Messages.get("deploy.action.wizard"), ProjectFeature.MENU, AppIcon.DEPLOYMENT,
                null, ActionSpec.needsWritableProject(), ctx -> ctx.open(ref(null))));
        c.toolWindow(new ToolWindowSpec(TOOL_WINDOW, Messages.get("deploy.history.toolWindow"), AppIcon.DEPLOYMENT,
                ToolWindowSpec.Side.BOTTOM, null, DeployFeature::toolWindow));
    }

    /**
     * @param version {@code NAME@VERSION} or a model's name, or null to choose in the wizard
     * @return the item that opens the wizard on it
     */
    public static ItemRef ref(String version) {
        return new ItemRef(KIND, version == null ? NEW : version);
    }

    static String actor() {
        return System.getProperty("user.name", "unknown");
    }

    /** @return the project's deployment service, or null without a project or a usable catalog */
    static DeploymentService service(OpenProject p) {
        if (p == null || p.catalog().isEmpty() || p.catalogState() == CatalogState.ERROR || p.config().isEmpty()) {
            return null;
        }
        return new DeploymentService(p.catalog().get(), p.config().get());
    }

    private static String why(OpenProject p) {
        return p == null ? Messages.get("deploy.noProject") : p.catalog().isEmpty()
                || p.catalogState() == CatalogState.ERROR ? p.catalogMessage() : null;
    }

    private static Editor editor(WorkbenchContext ctx, ItemRef ref) {
        OpenProject p = ctx.project().orElse(null);
        DeploymentService service = service(p);
        Project project = p == null ? null : p.config().orElse(null);
        ModelRegistry registry = service == null ? null : ModelRegistry.of(p.catalog().get(), project);
        RiskTier tier = project == null ? RiskTier.MEDIUM : project.config().riskTier();
        DeployWizardViewModel vm = new DeployWizardViewModel(service, registry, tier, ctx.jobs(), actor(),
                NEW.equals(ref.id()) ? null : ref.id(), why(p), ctx::fireProjectChanged);
        Node node = DeployWizardView.create(vm);
        return new Editor() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public String title() {
                return Messages.get("deploy.wizard.title") + (NEW.equals(ref.id()) ? "" : " " + ref.id());
            }

            @Override
            public void dispose() {
                vm.cancelSmokeTest();
            }
        };
    }

    private static ToolWindow toolWindow(WorkbenchContext ctx) {
        OpenProject p = ctx.project().orElse(null);
        DeploymentsViewModel vm = new DeploymentsViewModel(service(p), ctx.jobs(), actor(), why(p),
                ctx::fireProjectChanged);
        Node node = DeploymentsView.create(vm, () -> ctx.open(ref(null)));
        vm.refresh();
        Subscription changes = p == null ? Subscription.NONE : p.onCatalogChange(vm::onCatalogChange);
        return ToolWindow.of(node, changes::close);
    }

    /**
     * A "Deploy…" button for a pane that shows a registered version (the registry pane); it opens the wizard on the
     * version from the workbench of the nearest pane above it that marked itself with its {@link WorkbenchContext}
     * (node property keyed by {@code WorkbenchContext.class}).
     *
     * @param selected the version shown, or null
     * @return the button
     */
    public static Button deployButton(Supplier<ModelVersion> selected) {
        Button b = new Button(Messages.get("deploy.registry.deploy"), AppIcon.DEPLOYMENT.node());
        b.setId("deployVersionButton");
        b.setTooltip(new Tooltip(Messages.get("deploy.registry.deploy.tip")));
        b.setOnAction(e -> {
            ModelVersion v = selected.get();
            for (Node n = b; n != null; n = n.getParent()) {
                if (v != null && n.getProperties().get(WorkbenchContext.class) instanceof WorkbenchContext ctx) {
                    ctx.open(ref(v.ref()));
                    return;
                }
            }
        });
        return b;
    }
}
