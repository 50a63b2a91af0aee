package io.mlwb.app.shell;

import io.mlwb.app.ui.LiveDrain;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.events.CatalogListener;
import io.mlwb.catalog.events.Subscription;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A project open in the workbench: its folder, configuration, git repository and catalog. Opening never fails on a
 * bad part: a malformed {@code mlwb.yaml} leaves {@link #config()} empty, a corrupt catalog leaves
 * {@link #catalog()} empty with state {@link CatalogState#ERROR}, and each such error is listed in
 * {@link #problems()} for the Problems tool window. Nothing on disk is rewritten to "repair" it.
 *
 * <p>Panes learn what changed in the catalog, here or in another process (a CLI training run), through
 * {@link #onCatalogChange(Consumer)}; {@link #close()} ends every such subscription.
 */
public final class OpenProject implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenProject.class);

    private final Path root;
    private final Project config;
    private final GitRepo repo;
    private final Catalog catalog;
    private final CatalogState catalogState;
    private final String catalogMessage;
    private final List<UserError> problems;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private OpenProject(Path root, Project config, GitRepo repo, Catalog catalog, CatalogState catalogState,
                        String catalogMessage, List<UserError> problems) {
        this.root = root;
        this.config = config;
        this.repo = repo;
        this.catalog = catalog;
        this.catalogState = catalogState;
        this.catalogMessage = catalogMessage;
        this.problems = List.copyOf(problems);
    }

    /**
     * Opens the project at {@code root} (a folder holding {@code mlwb.yaml}). Call off the FX thread.
     *
     * @throws UserError only when the folder does not exist or is not inside a git repository
     */
    public static OpenProject open(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UserError("The project folder " + dir + " does not exist.", "Choose another folder.");
        }
        List<UserError> problems = new ArrayList<>();
        GitRepo repo = GitRepo.open(dir);
        Project config = null;
        try {
            config = Project.load(dir);
            config.warnings().forEach(w -> problems.add(new UserError("mlwb.yaml: " + w, "")));
        } catch (UserError e) {
            problems.add(e);
        }
        Path catalogFile = dir.resolve(Project.STATE_DIR).resolve(Project.CATALOG_FILE);
        Catalog catalog = null;
        CatalogState state;
        String message = "";
        try {
            catalog = Catalog.open(catalogFile);
            state = catalog.readOnly() ? CatalogState.READ_ONLY : CatalogState.READ_WRITE;
            message = catalog.readOnlyReason().orElse("");
        } catch (UserError e) {
            // A newer schema can still be read; a corrupt file cannot, and is left exactly as it is.
            try {
                catalog = Catalog.openReadOnly(catalogFile);
                state = CatalogState.READ_ONLY;
                message = e.getMessage();
            } catch (UserError again) {
                state = CatalogState.ERROR;
                message = e.getMessage();
            }
            problems.add(e);
        }
        LOG.info("Opened project {} (catalog {})", dir, state);
        return new OpenProject(dir, config, repo, catalog, state, message, problems);
    }

    /** @return the project folder (absolute, normalized) */
    public Path root() {
        return root;
    }

    /** @return the project's name: from mlwb.yaml, else the folder's name */
    public String name() {
        return config != null ? config.config().name() : String.valueOf(root.getFileName());
    }

    /** @return the loaded configuration, empty when mlwb.yaml could not be read */
    public Optional<Project> config() {
        return Optional.ofNullable(config);
    }

    /** @return the git repository */
    public GitRepo repo() {
        return repo;
    }

    /** @return the catalog, empty when it could not be opened at all */
    public Optional<Catalog> catalog() {
        return Optional.ofNullable(catalog);
    }

    /** @return read-write, read-only or error */
    public CatalogState catalogState() {
        return catalogState;
    }

    /** @return why the catalog is read-only or failed; empty when read-write */
    public String catalogMessage() {
        return catalogMessage;
    }

    /** @return the errors and warnings met while opening */
    public List<UserError> problems() {
        return problems;
    }

    /**
     * Tells {@code onFx} on the FX thread what changed in the catalog: batches of {@link CatalogEvent}s, coalesced,
     * through a {@link LiveDrain} (at most ten deliveries a second, however fast the catalog is written). Changes by
     * other processes arrive within about a second. Any thread; needs the FX toolkit. A project whose catalog could
     * not be opened ({@link CatalogState#ERROR}) gives a subscription that never fires.
     *
     * @param onFx gets each batch on the FX thread; never an empty list
     * @return what unsubscribes (also done by {@link #close()}); any thread
     */
    public Subscription onCatalogChange(Consumer<List<CatalogEvent>> onFx) {
        Objects.requireNonNull(onFx, "onFx");
        LiveDrain<CatalogEvent> drain = LiveDrain.of(batch -> onFx.accept(CatalogEvent.coalesce(batch)));
        Subscription feed = subscribe(batch -> batch.forEach(drain::offer));
        if (feed == Subscription.NONE) {
            return Subscription.NONE;
        }
        AtomicBoolean done = new AtomicBoolean();
        onFxThread(() -> {
            if (!done.get()) {
                drain.start();
            }
        });
        return track(() -> {
            if (done.compareAndSet(false, true)) {
                feed.close();
                onFxThread(drain::stop);
            }
        });
    }

    /**
     * Hands each batch of catalog changes to {@code executor} as the catalog's watcher reads it (up to ~25 times a
     * second under a fast writer), without the FX thread's drain: for a consumer that filters first and rarely acts
     * (the project tree), or one that is not on the FX thread. With {@code Runnable::run} the sink runs on the
     * catalog's watcher thread and must return quickly. A project whose catalog could not be opened gives a
     * subscription that never fires.
     *
     * @param executor where {@code sink} runs
     * @param sink     gets each batch; never an empty list
     * @return what unsubscribes (also done by {@link #close()}); any thread
     */
    public Subscription onCatalogChange(Executor executor, Consumer<List<CatalogEvent>> sink) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(sink, "sink");
        Subscription sub = subscribe(batch -> executor.execute(() -> sink.accept(batch)));
        return sub == Subscription.NONE ? sub : track(sub);
    }

    private Subscription subscribe(CatalogListener listener) {
        if (catalog == null || catalogState == CatalogState.ERROR || closed) {
            return Subscription.NONE;
        }
        return catalog.events().subscribe(listener);
    }

    /** @return {@code sub}, closed by {@link #close()} unless closed before */
    private Subscription track(Subscription sub) {
        Subscription tracked = new Subscription() {
            @Override
            public void close() {
                sub.close();
                subscriptions.remove(this);
            }
        };
        subscriptions.add(tracked);
        if (closed) {   // the project closed meanwhile
            tracked.close();
        }
        return tracked;
    }

    private static void onFxThread(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /** Ends every catalog subscription, then closes the catalog and the repository. */
    @Override
    public void close() {
        closed = true;
        for (Subscription s : subscriptions) {
            s.close();
        }
        if (catalog != null) {
            catalog.close();
        }
        repo.close();
    }
}
