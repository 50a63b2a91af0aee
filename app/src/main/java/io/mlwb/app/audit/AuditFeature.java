package io.mlwb.app.audit;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.project.ProjectFeature;
import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.CatalogSection;
import io.mlwb.app.shell.CatalogSection.CatalogItem;
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
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.events.Subscription;
import io.mlwb.catalog.audit.AuditService;
import io.mlwb.core.error.UserError;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in the workbench: the editor "audit" for {@link #REF}, the catalog section "Audit log" (one item,
 * with the number of entries), and the action {@code audit.open} (menu Project). On a project whose catalog cannot
 * be read the item and the action still open the pane, which says why.
 */
public final class AuditFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(AuditFeature.class);
    /** The editor's id and the item kind. */
    public static final String KIND = "audit";
    /** The one audit log of a project. */
    public static final ItemRef REF = new ItemRef(KIND, "log");
    /** The open action's id. */
    public static final String OPEN_ACTION = "audit.open";
    /** The catalog section's id. */
    public static final String SECTION = "audit";
    /** The section's place: after Datasets (10) and the sections later features add (runs, models, ...). */
    static final int SECTION_ORDER = 70;
    /** The toolbar button's place: after profiling (40), before the theme and palette buttons (900+). */
    static final int TOOLBAR_ORDER = 50;

    /** Created by {@link java.util.ServiceLoader}. */
    public AuditFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.editor(new EditorSpec(KIND, ref -> KIND.equals(ref.kind()), 10, AppIcon.AUDIT, AuditFeature::editor));
        c.catalogSection(new CatalogSection(SECTION, Messages.get("audit.section"), AppIcon.AUDIT, SECTION_ORDER,
                AuditFeature::items, AuditFeature::concernsTheLog));
        c.action(new ActionSpec(OPEN_ACTION, Messages.get("audit.action.open"), ProjectFeature.MENU, AppIcon.AUDIT,
                null, ActionSpec.needsProject(), ctx -> ctx.open(REF)));
        c.toolbar(OPEN_ACTION, TOOLBAR_ORDER);
    }

    /**
     * The section's one item, labelled with the number of entries. Runs on a background thread (it reads the
     * catalog). A catalog that cannot be read still gets the item: the pane it opens explains.
     */
    static List<CatalogItem> items(OpenProject project) {
        Optional<Catalog> catalog = readable(project);
        if (catalog.isEmpty()) {
            return List.of(new CatalogItem(Messages.get("audit.item.unreadable"), REF));
        }
        try {
            long entries = new AuditService(catalog.get()).count();
            return List.of(new CatalogItem(Messages.format("audit.item", entries), REF));
        } catch (UserError e) {
            LOG.warn("Could not count the audit entries: {}", e.getMessage());
            return List.of(new CatalogItem(Messages.get("audit.item.unreadable"), REF));
        }
    }

    /**
     * The pane's view model for what is open: over the project's catalog when it can be read (read-only included),
     * else one that explains why and never touches the catalog.
     */
    static AuditLogViewModel viewModel(Optional<OpenProject> project, UiJobs jobs) {
        if (project.isEmpty()) {
            return AuditLogViewModel.unavailable(Messages.get("audit.noProject"), jobs);
        }
        Optional<Catalog> catalog = readable(project.get());
        return catalog.isPresent()
                ? new AuditLogViewModel(new AuditService(catalog.get()), jobs)
                : AuditLogViewModel.unavailable(project.get().catalogMessage(), jobs);
    }

    private static Optional<Catalog> readable(OpenProject project) {
        return project.catalogState() == CatalogState.ERROR ? Optional.empty() : project.catalog();
    }

    private static Editor editor(WorkbenchContext ctx, ItemRef ref) {
        AuditLogViewModel vm = viewModel(ctx.project(), ctx.jobs());
        Node node = AuditLogView.create(vm);
        vm.refresh();
        // An entry appended by this window or by another process (a CLI command) shows up without a manual refresh.
        Subscription changes = ctx.project().map(p -> p.onCatalogChange(batch -> {
            if (batch.stream().anyMatch(AuditFeature::concernsTheLog)) {
                vm.refresh();
            }
        })).orElse(Subscription.NONE);
        return new Editor() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public String title() {
                return Messages.get("audit.title");
            }

            @Override
            public void dispose() {
                changes.close();
                vm.dispose();
            }
        };
    }

    /** @return whether the log shown may have changed with {@code e} (after missed changes: maybe) */
    static boolean concernsTheLog(CatalogEvent e) {
        return e instanceof CatalogEvent.AuditAppended || e instanceof CatalogEvent.ChangesMissed;
    }
}
