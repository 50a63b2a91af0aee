package io.mlwb.app.training;

import io.mlwb.app.project.ProjectFeature;
import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.CatalogSection;
import io.mlwb.app.shell.CatalogSection.CatalogItem;
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
import io.mlwb.catalog.run.RunRecord;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.core.project.Project;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local training in the workbench: the Training pane (editor kind {@code training}), the catalog section "Runs"
 * (newest first, live as runs start, end or are interrupted, also from a CLI process), and the action
 * {@code training.open} (menu Project, toolbar). A run item opens the pane on that run.
 */
public final class TrainingFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingFeature.class);
    /** The pane's editor kind. */
    public static final String KIND = "training";
    /** A run's item kind. */
    public static final String RUN_KIND = "run";
    /** The pane without a particular run. */
    public static final ItemRef REF = new ItemRef(KIND, "main");
    /** The open action's id. */
    public static final String OPEN_ACTION = "training.open";
    /** How many runs the section lists. */
    static final int SECTION_RUNS = 50;

    /** Created by {@link java.util.ServiceLoader}. */
    public TrainingFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.editor(new EditorSpec(KIND, ref -> KIND.equals(ref.kind()) || RUN_KIND.equals(ref.kind()), 10,
                AppIcon.RUNS, TrainingFeature::editor));
        c.catalogSection(new CatalogSection("runs", Messages.get("training.section"), AppIcon.RUNS, 20,
                TrainingFeature::items, TrainingFeature::concernsRuns));
        c.action(new ActionSpec(OPEN_ACTION, Messages.get("training.action.open"), ProjectFeature.MENU, AppIcon.RUNS,
                null, ActionSpec.needsWritableProject(), ctx -> ctx.open(REF)));
        c.toolbar(OPEN_ACTION, 45);
    }

    static boolean concernsRuns(CatalogEvent e) {
        return e instanceof CatalogEvent.RunCreated || e instanceof CatalogEvent.RunUpdated
                || e instanceof CatalogEvent.RunDeleted || e instanceof CatalogEvent.ChangesMissed;
    }

    /** The newest runs, labelled with status; runs on a background thread. */
    static List<CatalogItem> items(OpenProject project) {
        List<CatalogItem> out = new ArrayList<>();
        if (project.catalog().isEmpty()) {
            return out;
        }
        try {
            RunRepository runs = new RunRepository(project.catalog().get());
            for (RunRecord r : runs.list(0, SECTION_RUNS)) {
                Map<String, String> tags = runs.tags(r.id());
                String status = "interrupted".equals(tags.get(TrainingService.TAG_END))
                        ? Messages.get("training.interrupted") : r.status().dbValue();
                out.add(new CatalogItem(Messages.format("training.item", r.id(), r.name(), status),
                        new ItemRef(RUN_KIND, Long.toString(r.id()))));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not list runs: {}", e.getMessage());
        }
        return out;
    }

    /** The service over an open project, or null with the reason in {@code why}. */
    static TrainingService service(OpenProject p, StringBuilder why) {
        if (p.catalog().isEmpty()) {
            why.append(p.catalogMessage());
            return null;
        }
        Project project = p.config().orElse(null);
        if (project == null) {
            why.append(Messages.get("training.noConfig"));
            return null;
        }
        Catalog catalog = p.catalog().get();
        return new TrainingService(project, p.repo(), catalog, TrainingSettings.current(), Clock.systemUTC());
    }

    private static Editor editor(WorkbenchContext ctx, ItemRef ref) {
        TrainingViewModel vm;
        Subscription changes = Subscription.NONE;
        if (ctx.project().isEmpty()) {
            vm = new TrainingViewModel(null, java.nio.file.Path.of("."), ctx.jobs(), Messages.get("training.noProject"));
        } else {
            OpenProject p = ctx.project().get();
            StringBuilder why = new StringBuilder();
            TrainingService service = service(p, why);
            io.mlwb.training.engine.SweepService sweeps = service == null || p.config().isEmpty() ? null
                    : new io.mlwb.training.engine.SweepService(p.config().get(), p.catalog().orElseThrow(), service,
                    Clock.systemUTC());
            vm = new TrainingViewModel(service, sweeps, p.root(), p.config().map(Project::config).orElse(null),
                    ctx.jobs(), service == null ? why.toString() : null);
            if (service != null) {
                TrainingService marker = service;
                ctx.jobs().run(Messages.get("training.job.interrupted"), pr -> marker.markInterrupted(), ids -> { },
                        e -> { });
            }
            TrainingViewModel model = vm;
            changes = p.onCatalogChange(model::onCatalogChange);
        }
        vm.refreshSpecs();
        if (RUN_KIND.equals(ref.kind())) {
            try {
                vm.show(Long.parseLong(ref.id()));
            } catch (NumberFormatException e) {
                LOG.warn("Not a run id: {}", ref.id());
            }
        } else {
            vm.showLatestRunning();
        }
        Node node = TrainingView.create(vm);
        TrainingViewModel model = vm;
        Subscription sub = changes;
        return new Editor() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public String title() {
                return RUN_KIND.equals(ref.kind()) ? Messages.format("training.title.run", ref.id())
                        : Messages.get("training.title");
            }

            @Override
            public void dispose() {
                sub.close();
                model.dispose();
            }
        };
    }
}
