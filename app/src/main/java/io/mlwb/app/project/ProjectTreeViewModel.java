package io.mlwb.app.project;

import io.mlwb.app.jobs.JobHandle;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.shell.CatalogSection;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.events.Subscription;
import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project tree: the project's files (lazily, folder by folder, directories first, then files, by name ignoring
 * case; {@code .git} hidden), then a "Catalog" node with the catalog sections. Each file and folder carries its git
 * status. Listing folders, reading the git status and loading catalog items run through {@link UiJobs}; results are
 * applied on the FX thread. Optionally watches the project folder and the catalog ({@link #startWatching(Executor)}):
 * a profile stored, a run created, changed or deleted, a card or deployment changed — here or by another process —
 * reloads the loaded catalog sections.
 */
public final class ProjectTreeViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectTreeViewModel.class);
    /** How long the folder must be quiet before a file-system change refreshes the tree. */
    static final Duration DEBOUNCE = Duration.ofMillis(300);
    private static final Comparator<Entry> ORDER = Comparator.comparing((Entry e) -> !e.directory())
            .thenComparing(Entry::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Entry::name);

    private final OpenProject project;
    private final List<CatalogSection> sections;
    private final UiJobs jobs;
    private final Consumer<ItemRef> opener;
    private final String prefix;
    private final ProjectNode root;
    private final ObjectProperty<GitStatuses> statuses = new SimpleObjectProperty<>(GitStatuses.EMPTY);
    private ProjectWatcher watcher;
    private Subscription catalogFeed = Subscription.NONE;
    /** True while a section reload is queued on the FX executor, so a burst of catalog changes queues one. */
    private final AtomicBoolean sectionReloadQueued = new AtomicBoolean();
    private final ConcurrentLinkedQueue<CatalogEvent> pendingEvents = new ConcurrentLinkedQueue<>();
    private Runnable onDiskChange = () -> { };
    private boolean closed;
    /** Jobs that may still run; cancelled on close, so a closed tree's late failures are not reported. */
    private final List<JobHandle> inFlight = new ArrayList<>();

    /** A folder entry as listed on a background thread. */
    record Entry(String name, boolean directory) {
    }

    /**
     * @param project  the open project
     * @param sections the catalog sections, in display order
     * @param jobs     where background work runs
     * @param opener   opens an item in an editor (the workbench's {@code open})
     */
    public ProjectTreeViewModel(OpenProject project, List<CatalogSection> sections, UiJobs jobs,
                                Consumer<ItemRef> opener) {
        this.project = Objects.requireNonNull(project);
        this.sections = List.copyOf(sections);
        this.jobs = Objects.requireNonNull(jobs);
        this.opener = Objects.requireNonNull(opener);
        Path repoRoot = project.repo().root();
        this.prefix = project.root().startsWith(repoRoot)
                ? repoRoot.relativize(project.root()).toString().replace('\\', '/') : "";
        this.root = new ProjectNode(ProjectNode.Kind.ROOT, String.valueOf(project.root().getFileName()), "", null,
                null);
    }

    /** @return the tree's root: the project folder */
    public ProjectNode root() {
        return root;
    }

    /** @return the latest git status snapshot */
    public ReadOnlyObjectProperty<GitStatuses> statusesProperty() {
        return statuses;
    }

    /**
     * Loads a node's children if not loaded yet (folders: their entries; the root also gets the "Catalog" node;
     * sections: their items). Reads the git status the first time the root is expanded.
     */
    public void expand(ProjectNode node) {
        if (closed || node.loaded() || !node.expandable()) {
            return;
        }
        node.setLoaded(true);
        switch (node.kind()) {
            case ROOT -> {
                refreshStatus();
                list(node);
            }
            case DIRECTORY -> list(node);
            case CATALOG -> node.mutableChildren().setAll(sections.stream()
                    .map(s -> new ProjectNode(ProjectNode.Kind.SECTION, s.title(), null, s, null)).toList());
            case SECTION -> loadItems(node);
            default -> { }
        }
    }

    /** Reads the git status again and re-lists every loaded folder and catalog section. */
    public void refresh() {
        if (closed) {
            return;
        }
        refreshStatus();
        forEachLoaded(root, n -> {
            if (n.kind() == ProjectNode.Kind.ROOT || n.kind() == ProjectNode.Kind.DIRECTORY) {
                list(n);
            } else if (n.kind() == ProjectNode.Kind.SECTION) {
                loadItems(n);
            }
        });
    }

    /**
     * Reads the git status again and re-lists the given folders where they are loaded (a file-watcher report).
     *
     * @param changedFolders project-relative folder paths ({@code ""} for the project folder)
     */
    public void refresh(Set<String> changedFolders) {
        if (closed) {
            return;
        }
        refreshStatus();
        for (String folder : changedFolders) {
            ProjectNode node = find(folder);
            if (node != null && node.loaded()) {
                list(node);
            }
        }
    }

    /** Opens a file or catalog item in its editor; folders and sections are not opened. */
    public void open(ProjectNode node) {
        if (node != null && node.ref() != null) {
            opener.accept(node.ref());
        }
    }

    /** @return the absolute path of a file-tree node, or null for catalog nodes */
    public Path absolutePath(ProjectNode node) {
        return node == null || node.path() == null ? null
                : node.path().isEmpty() ? project.root() : project.root().resolve(node.path()).normalize();
    }

    /**
     * Reloads the loaded catalog sections that {@code batch} concerns ({@link CatalogSection#reloadsOn}: the Datasets
     * section on a stored profile, the Audit log on an audit entry; metric points concern none). Call on the FX
     * thread; {@link #startWatching(Executor)} does, for every change to the catalog.
     *
     * @param batch catalog changes
     */
    public void onCatalogEvents(List<CatalogEvent> batch) {
        if (closed || !changesSections(batch)) {
            return;
        }
        forEachLoaded(root, n -> {
            if (n.kind() == ProjectNode.Kind.SECTION && batch.stream().anyMatch(n.section()::reloadsOn)) {
                loadItems(n);
            }
        });
    }

    /** @return whether any section may show what {@code batch} changed */
    boolean changesSections(List<CatalogEvent> batch) {
        return batch.stream().anyMatch(e -> sections.stream().anyMatch(s -> s.reloadsOn(e)));
    }

    /**
     * Starts watching the project folder and the catalog: file changes are debounced, catalog changes filtered
     * ({@link #onCatalogEvents}), and both applied through {@code onFx} (the FX thread's executor in the app). Does
     * nothing when already watching or closed; a failure to watch the folder is logged, and the tree still refreshes
     * on demand.
     */
    public void startWatching(Executor onFx) {
        if (closed || watcher != null) {
            return;
        }
        if (catalogFeed == Subscription.NONE) {
            // Filtered on the catalog's watcher thread: metric points during training never reach the FX thread here.
            catalogFeed = project.onCatalogChange(Runnable::run, batch -> {
                if (!changesSections(batch)) {
                    return;
                }
                pendingEvents.addAll(batch);
                if (sectionReloadQueued.compareAndSet(false, true)) {
                    // One FX task at a time, taking every batch that arrived meanwhile (each may concern its section).
                    onFx.execute(() -> {
                        sectionReloadQueued.set(false);
                        List<CatalogEvent> pending = new ArrayList<>();
                        for (CatalogEvent e; (e = pendingEvents.poll()) != null; ) {
                            pending.add(e);
                        }
                        onCatalogEvents(pending);
                    });
                }
            });
        }
        ProjectWatcher w = new ProjectWatcher(project.root(), DEBOUNCE, changed -> onFx.execute(() -> {
            refresh(changed);
            onDiskChange.run();
        }));
        try {
            w.start();
            watcher = w;
        } catch (IOException | RuntimeException e) {
            w.close();
            LOG.warn("Cannot watch {} for changes; use Refresh", project.root(), e);
        }
    }

    /**
     * @param listener run on the FX thread after the watcher saw files change on disk (the shell uses it to refresh
     *                 git state everywhere: status bar, Git tool window)
     */
    public void setOnDiskChange(Runnable listener) {
        this.onDiskChange = listener == null ? () -> { } : listener;
    }

    /** @return true while the project folder is watched (the catalog is watched alongside) */
    public boolean watching() {
        return watcher != null;
    }

    /** Stops watching the project folder and the catalog (the tree keeps its content). Idempotent. */
    public void stopWatching() {
        catalogFeed.close();
        catalogFeed = Subscription.NONE;
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    /** Stops watching; later refreshes do nothing. */
    @Override
    public void close() {
        closed = true;
        stopWatching();
        inFlight.forEach(JobHandle::cancel);
        inFlight.clear();
    }

    // ---------------------------------------------------------------- loading

    private void refreshStatus() {
        GitRepo repo = project.repo();
        track(jobs.run(Messages.get("project.job.status"),
                p -> GitStatuses.of(repo.status(), repo.ignoredPaths(), prefix),
                s -> {
                    statuses.set(s);
                    forEachLoaded(root, this::applyStatus);
                    applyStatus(root);
                },
                e -> { })); // the job runner reported the failure; the tree keeps its last statuses
    }

    private void track(JobHandle handle) {
        inFlight.removeIf(JobHandle::done);
        if (!handle.done()) {
            inFlight.add(handle);
        }
    }

    private void applyStatus(ProjectNode node) {
        for (ProjectNode child : node.children()) {
            if (child.path() != null) {
                child.setStatus(statuses.get().of(child.path()));
            }
        }
        if (node.path() != null) {
            node.setStatus(statuses.get().of(node.path()));
        }
    }

    private void list(ProjectNode folder) {
        Path dir = absolutePath(folder);
        track(jobs.run(Messages.format("project.job.list", folder.path().isEmpty() ? folder.label() : folder.path()),
                p -> listIfPresent(dir),
                entries -> entries.ifPresentOrElse(e -> apply(folder, e),
                        () -> folder.mutableChildren().clear()), // deleted meanwhile; its parent's refresh drops it
                e -> { })); // the job runner reported the failure
    }

    /** @return the folder's entries, or empty when it was deleted (or replaced by a file) meanwhile: not a failure */
    static Optional<List<Entry>> listIfPresent(Path dir) throws IOException {
        try {
            return Optional.of(listEntries(dir));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
    }

    /** Lists a folder: {@code .git} hidden, directories first, then files, by name ignoring case. */
    static List<Entry> listEntries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !".git".equals(String.valueOf(p.getFileName())))
                    .map(p -> new Entry(String.valueOf(p.getFileName()), Files.isDirectory(p)))
                    .sorted(ORDER).toList();
        }
    }

    private void apply(ProjectNode folder, List<Entry> entries) {
        Map<String, ProjectNode> old = new HashMap<>();
        for (ProjectNode n : folder.children()) {
            if (n.path() != null) {
                old.put(n.label() + (n.kind() == ProjectNode.Kind.DIRECTORY ? "/" : ""), n);
            }
        }
        List<ProjectNode> next = new ArrayList<>();
        for (Entry e : entries) {
            ProjectNode n = old.get(e.name() + (e.directory() ? "/" : ""));
            if (n == null) {
                String path = folder.path().isEmpty() ? e.name() : folder.path() + "/" + e.name();
                n = new ProjectNode(e.directory() ? ProjectNode.Kind.DIRECTORY : ProjectNode.Kind.FILE, e.name(), path,
                        null, null);
            }
            n.setStatus(statuses.get().of(n.path()));
            next.add(n);
        }
        if (folder.kind() == ProjectNode.Kind.ROOT && !sections.isEmpty()) {
            ProjectNode catalog = folder.children().stream().filter(n -> n.kind() == ProjectNode.Kind.CATALOG)
                    .findFirst().orElseGet(() -> new ProjectNode(ProjectNode.Kind.CATALOG,
                            Messages.get("project.catalog"), null, null, null));
            next.add(catalog);
        }
        if (!next.equals(folder.children())) {
            folder.mutableChildren().setAll(next);
        }
    }

    private void loadItems(ProjectNode sectionNode) {
        CatalogSection section = sectionNode.section();
        OpenProject p = project;
        track(jobs.run(Messages.format("project.job.items", section.title()),
                progress -> section.items().apply(p),
                items -> {
                    Map<ItemRef, ProjectNode> old = new HashMap<>();
                    sectionNode.children().forEach(n -> old.put(n.ref(), n));
                    List<ProjectNode> next = items.stream().map(i -> {
                        ProjectNode n = old.get(i.ref());
                        return n != null && n.label().equals(i.label()) ? n
                                : new ProjectNode(ProjectNode.Kind.ITEM, i.label(), null, null, i.ref());
                    }).toList();
                    if (!next.equals(sectionNode.children())) {
                        sectionNode.mutableChildren().setAll(next);
                    }
                },
                e -> { })); // the job runner reported the failure
    }

    private ProjectNode find(String path) {
        ProjectNode node = root;
        if (path.isEmpty()) {
            return node;
        }
        String sofar = "";
        for (String part : path.split("/")) {
            sofar = sofar.isEmpty() ? part : sofar + "/" + part;
            String want = sofar;
            node = node.children().stream().filter(n -> want.equals(n.path())).findFirst().orElse(null);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static void forEachLoaded(ProjectNode node, Consumer<ProjectNode> action) {
        if (!node.loaded()) {
            return;
        }
        action.accept(node);
        for (ProjectNode child : List.copyOf(node.children())) {
            forEachLoaded(child, action);
        }
    }
}
