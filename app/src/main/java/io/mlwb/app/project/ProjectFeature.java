package io.mlwb.app.project;

import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.CatalogSection;
import io.mlwb.app.shell.CatalogSection.CatalogItem;
import io.mlwb.app.shell.CatalogState;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.EditorSpec;
import io.mlwb.app.shell.Feature;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.shell.ToolWindowSpec;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.dataset.DatasetRecord;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.core.error.UserError;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project tree and the plain file viewer: a left tool window "project" (Alt+1), the six catalog sections
 * (Datasets, Runs, Models, Model cards, Drift reports, Deployments), the action {@code project.refresh} and the
 * editor "text" (priority 0) for any project file.
 */
public final class ProjectFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectFeature.class);
    /** The tool window's id. */
    public static final String TOOL_WINDOW = "project";
    /** The refresh action's id. */
    public static final String REFRESH = "project.refresh";
    /** The plain text editor's id. */
    public static final String TEXT_EDITOR = "text";
    /** How many runs the Runs section lists (newest first). */
    static final int RUN_LIMIT = 200;

    /** A feature for {@link java.util.ServiceLoader}. */
    public ProjectFeature() {
        // found by ServiceLoader
    }

    @Override
    public void contribute(Contributions c) {
        // The tree lists every feature's sections: read them from the registry when the window is built, by which
        // time all features have contributed.
        c.toolWindow(new ToolWindowSpec(TOOL_WINDOW, Messages.get("project.title"), AppIcon.PROJECT,
                ToolWindowSpec.Side.LEFT, "Alt+1", ctx -> toolWindow(ctx, c.catalogSections())));
        for (CatalogSection s : sections()) {
            c.catalogSection(s);
        }
        c.action(new ActionSpec(REFRESH, Messages.get("project.action.refresh"), "Project", AppIcon.REFRESH, null,
                ActionSpec.needsProject(), WorkbenchContext::fireProjectChanged));
        c.editor(new EditorSpec(TEXT_EDITOR, ref -> ItemRef.FILE.equals(ref.kind()), 0, AppIcon.FILE_TEXT,
                ProjectFeature::textEditor));
    }

    /** @return the six catalog sections, with items from what the catalog holds today */
    static List<CatalogSection> sections() {
        return List.of(
                new CatalogSection("datasets", Messages.get("project.section.datasets"), AppIcon.DATASET, 10,
                        ProjectFeature::datasets),
                new CatalogSection("runs", Messages.get("project.section.runs"), AppIcon.RUNS, 20,
                        fromCatalog(cat -> new RunRepository(cat).list(0, RUN_LIMIT).stream()
                                .map(r -> new CatalogItem(r.name() == null || r.name().isBlank()
                                        ? Messages.format("project.run.unnamed", String.valueOf(r.id())) : r.name(),
                                        new ItemRef("run", String.valueOf(r.id())))).toList())),
                new CatalogSection("models", Messages.get("project.section.models"), AppIcon.MODEL, 30,
                        p -> List.of()),
                new CatalogSection("model-cards", Messages.get("project.section.modelCards"), AppIcon.MODEL_CARD,
                        40, p -> List.of()),
                new CatalogSection("drift-reports", Messages.get("project.section.driftReports"), AppIcon.DRIFT, 50,
                        p -> List.of()),
                new CatalogSection("deployments", Messages.get("project.section.deployments"), AppIcon.DEPLOYMENT,
                        60, p -> List.of()));
    }

    /**
     * The Datasets section: the datasets of mlwb.yaml by name, in its order, then those only the catalog knows
     * (profiled files not declared, datasets since removed from mlwb.yaml) in the catalog's order (by name); one
     * entry per name. A catalog-only name that is the project-relative path of an existing file (how a profiled
     * plain file is recorded) opens that file; any other opens {@code ItemRef("dataset", name)}. Works without mlwb.yaml or a
     * catalog; a catalog that cannot be read only leaves its names out (logged).
     */
    static List<CatalogItem> datasets(OpenProject p) {
        Map<String, CatalogItem> items = new LinkedHashMap<>();
        p.config().ifPresent(project -> project.config().datasets().forEach(
                d -> items.putIfAbsent(d.name(), new CatalogItem(d.name(), new ItemRef("dataset", d.name())))));
        Optional<Catalog> catalog = p.catalog();
        if (p.catalogState() != CatalogState.ERROR && catalog.isPresent()) {
            try {
                for (DatasetRecord d : new DatasetRepository(catalog.get()).list()) {
                    items.computeIfAbsent(d.name(), name -> new CatalogItem(name, catalogOnly(p.root(), name)));
                }
            } catch (UserError e) {
                LOG.warn("Could not list the catalog's datasets: {}", e.getMessage());
            }
        }
        return List.copyOf(items.values());
    }

    private static ItemRef catalogOnly(Path root, String name) {
        try {
            Path file = root.resolve(name).normalize();
            if (file.startsWith(root) && !file.equals(root) && Files.isRegularFile(file)) {
                return ItemRef.file(root.relativize(file).toString());
            }
        } catch (InvalidPathException e) {
            // not a path: a dataset name
        }
        return new ItemRef("dataset", name);
    }

    private static Function<OpenProject, List<CatalogItem>> fromCatalog(Function<Catalog, List<CatalogItem>> read) {
        return p -> {
            Optional<Catalog> catalog = p.catalog();
            return p.catalogState() == CatalogState.ERROR || catalog.isEmpty() ? List.of() : read.apply(catalog.get());
        };
    }

    private static Node toolWindow(WorkbenchContext ctx, List<CatalogSection> sections) {
        return ctx.project().map(p -> new ProjectTreeView(
                        new ProjectTreeViewModel(p, sections, ctx.jobs(), ctx::open), ctx).node())
                .orElseGet(() -> new Label(Messages.get("project.noProject")));
    }

    private static io.mlwb.app.shell.Editor textEditor(WorkbenchContext ctx, ItemRef ref) {
        OpenProject p = ctx.project().orElseThrow(() -> new IllegalStateException("No project is open"));
        return new TextFileEditor(new TextFileViewModel(p.root(), ref.id(), ctx.jobs()));
    }
}
