package io.mlwb.app.dataset;

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
import io.mlwb.catalog.dataset.DatasetRecord;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.Project;
import io.mlwb.data.history.ProfileService;
import io.mlwb.data.history.ProfileSettings;
import io.mlwb.data.read.ReadOptions;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Dataset profiling in the workbench: the editor "dataset" (priority 10) for {@code ItemRef("dataset", name)} (a
 * dataset of mlwb.yaml) and for data files ({@code .csv .tsv .jsonl}, optionally {@code .gz}, and {@code .parquet}),
 * which it opens instead of the plain text viewer; and the action {@code dataset.profile} (menu Project), which
 * profiles the dataset tab used last again.
 */
public final class DatasetFeature implements Feature {
    /** The editor's id and the item kind of a dataset declared in mlwb.yaml. */
    public static final String KIND = "dataset";
    /** The profile action's id. */
    public static final String PROFILE_ACTION = "dataset.profile";
    /** The editor's priority: above the text viewer (0). */
    public static final int PRIORITY = 10;
    /** File names the editor opens (compared in lower case). */
    static final List<String> EXTENSIONS = List.of(".csv", ".tsv", ".jsonl", ".csv.gz", ".tsv.gz", ".jsonl.gz", ".parquet");

    /** Open dataset editors, the one focused last first. */
    private final Deque<DatasetEditor> open = new ArrayDeque<>();

    /** Created by {@link java.util.ServiceLoader}. */
    public DatasetFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.editor(new EditorSpec(KIND, DatasetFeature::handles, PRIORITY, AppIcon.DATASET, this::editor));
        c.action(new ActionSpec(PROFILE_ACTION, Messages.get("dataset.action.profile"), ProjectFeature.MENU,
                AppIcon.DATASET, null, ctx -> ctx.project().isPresent() && !open.isEmpty(), this::profileCurrent));
        c.toolbar(PROFILE_ACTION, 40);
        c.catalogSection(new CatalogSection(SECTION, Messages.get("dataset.section"), AppIcon.DATASET, 10,
                DatasetFeature::sectionItems, e -> e instanceof CatalogEvent.ProfileStored));
    }

    /** @return true for a declared dataset and for a project file with a data extension */
    static boolean handles(ItemRef ref) {
        if (KIND.equals(ref.kind())) {
            return true;
        }
        if (!ItemRef.FILE.equals(ref.kind())) {
            return false;
        }
        String name = ref.id().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private Editor editor(WorkbenchContext ctx, ItemRef ref) {
        Optional<OpenProject> project = ctx.project();
        DatasetSource source = project.map(p -> source(p, ref))
                .orElseGet(() -> DatasetSource.unavailable(ref.id(), new UserError(
                        Messages.get("dataset.error.noProject"), Messages.get("dataset.error.noProject.todo"))));
        ProfileService service = project.map(DatasetFeature::service)
                .orElseGet(() -> ProfileService.withoutProject(ProfileSettings.current()));
        DatasetViewModel vm = new DatasetViewModel(source, service, ctx.jobs(), ctx.errors());
        DatasetHistoryViewModel history = project.isPresent() && source.file() != null
                ? new DatasetHistoryViewModel(service, source, ctx.jobs()) : null;
        DatasetEditor editor = new DatasetEditor(vm, history);
        return track(editor);
    }

    /**
     * The profiling service of an open project: over its folder, repository and catalog. A catalog in
     * {@link CatalogState#ERROR} is left out, so the service profiles without recording (and says so); a read-only
     * one is passed on, and the service reuses from it without writing.
     *
     * @param project the open project
     * @return the service
     */
    static ProfileService service(OpenProject project) {
        Catalog catalog = project.catalogState() == CatalogState.ERROR ? null : project.catalog().orElse(null);
        return new ProfileService(ProfileSettings.current(), Clock.systemUTC(), project.root(), project.repo(),
                catalog);
    }

    private Editor track(DatasetEditor editor) {
        open.addFirst(editor);
        editor.node().focusWithinProperty().addListener((o, was, now) -> {
            if (now && open.remove(editor)) {
                open.addFirst(editor);
            }
        });
        return new Editor() {
            @Override
            public javafx.scene.Node node() {
                return editor.node();
            }

            @Override
            public String title() {
                return editor.title();
            }

            @Override
            public void dispose() {
                open.remove(editor);
                editor.dispose();
            }
        };
    }

    private void profileCurrent(WorkbenchContext ctx) {
        DatasetEditor editor = open.peekFirst();
        if (editor != null) {
            editor.viewModel().profileAgain();
        }
    }

    /**
     * Resolves what {@code ref} names in {@code project}: a declared dataset by name (its file and read options from
     * mlwb.yaml), or a project file by path (with the options of the declared dataset at that path, if any).
     * Never throws: a dataset that cannot be resolved gives a source with its problem.
     */
    static DatasetSource source(OpenProject project, ItemRef ref) {
        Optional<Project> config = project.config();
        try {
            if (KIND.equals(ref.kind())) {
                DatasetConfig d = config.flatMap(p -> p.config().dataset(ref.id())).orElseThrow(() -> new UserError(
                        Messages.format("dataset.error.unknown", ref.id()), Messages.get("dataset.error.unknown.todo"),
                        ExitCode.BAD_INPUT, null));
                return declared(config.get(), d);
            }
            Path root = project.root();
            Path file = root.resolve(ref.id()).normalize();
            if (!file.startsWith(root)) {
                throw new UserError(Messages.format("dataset.error.outside", ref.id()),
                        Messages.get("dataset.error.outside.todo"), ExitCode.BAD_INPUT, null);
            }
            if (config.isPresent()) {
                for (DatasetConfig d : config.get().config().datasets()) {
                    if (safeResolve(config.get(), d).filter(file::equals).isPresent()) {
                        DatasetSource s = declared(config.get(), d);
                        return new DatasetSource(String.valueOf(file.getFileName()), s.file(), s.options(),
                                s.config(), null);
                    }
                }
            }
            return DatasetSource.ofFile(file);
        } catch (UserError e) {
            return DatasetSource.unavailable(ref.id(), e);
        }
    }

    private static DatasetSource declared(Project project, DatasetConfig d) {
        return new DatasetSource(d.name(), project.resolve(d), ReadOptions.from(d), d, null);
    }

    private static Optional<Path> safeResolve(Project project, DatasetConfig d) {
        try {
            return Optional.of(project.resolve(d));
        } catch (UserError e) {
            return Optional.empty();
        }
    }

    /** The Datasets catalog section's id. */
    static final String SECTION = "datasets";

    /**
     * The Datasets section: the datasets of mlwb.yaml by name, in its order, then those only the catalog knows
     * (profiled files not declared, datasets since removed from mlwb.yaml) in the catalog's order (by name); one
     * entry per name. A catalog-only name that is the project-relative path of an existing file (how a profiled
     * plain file is recorded) opens that file; any other opens {@code ItemRef("dataset", name)}. Works without
     * mlwb.yaml or a catalog; a catalog that cannot be read only leaves its names out (logged). Runs in the
     * background.
     */
    static List<CatalogItem> sectionItems(OpenProject p) {
        Map<String, CatalogItem> items = new LinkedHashMap<>();
        p.config().ifPresent(project -> project.config().datasets().forEach(
                d -> items.putIfAbsent(d.name(), new CatalogItem(d.name(), new ItemRef(KIND, d.name())))));
        Optional<Catalog> catalog = p.catalog();
        if (p.catalogState() != CatalogState.ERROR && catalog.isPresent()) {
            try {
                for (DatasetRecord d : new DatasetRepository(catalog.get()).list()) {
                    items.computeIfAbsent(d.name(), name -> new CatalogItem(name, catalogOnly(p.root(), name)));
                }
            } catch (UserError e) {
                LoggerFactory.getLogger(DatasetFeature.class).warn("Could not list the catalog's datasets: {}",
                        e.getMessage());
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
        return new ItemRef(KIND, name);
    }
}
