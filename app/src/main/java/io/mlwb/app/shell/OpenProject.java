package io.mlwb.app.shell;

import io.mlwb.app.ui.LiveDrain;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.events.CatalogListener;
import io.mlwb.catalog.events.Subscription;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.RevisionSnapshot;
import java.io.IOException;
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
    private final Review review;
    private volatile boolean closed;

    /**
     * A project opened read-only at a revision ({@link #openForReview}).
     *
     * @param revision the revision as asked for, e.g. {@code model/credit-default/v1}
     * @param commit   the commit it names
     * @param source   the project's own folder (its work tree is never touched)
     * @param snapshot the private temporary folder holding the revision's files (deleted on {@link #close()})
     */
    public record Review(String revision, CommitInfo commit, Path source, Path snapshot) {
    }

    private OpenProject(Path root, Project config, GitRepo repo, Catalog catalog, CatalogState catalogState,
                        String catalogMessage, List<UserError> problems, Review review) {
        this.review = review;
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
        return open(dir, GitRepo.open(dir), dir.resolve(Project.STATE_DIR).resolve(Project.CATALOG_FILE), null);
    }

    /**
     * Opens the project at {@code root} read-only at a revision, for review: the revision's files are written from
     * the repository's objects into a private temporary folder ({@link RevisionSnapshot}), which becomes
     * {@link #root()}; the project's own work tree, index and branch are not touched. The catalog is the project's own
     * and stays writable (review comments are stored there); {@link #readOnly()} tells panes and actions not to edit,
     * train or register. The temporary folder is deleted on {@link #close()}. Call off the FX thread.
     *
     * @param root     the project folder
     * @param revision a tag ({@code model/credit-default/v1}), branch or commit
     * @return the project at that revision
     * @throws UserError when the folder does not exist, is not in a git repository, or the revision names no commit
     */
    public static OpenProject openForReview(Path root, String revision) {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UserError("The project folder " + dir + " does not exist.", "Choose another folder.");
        }
        GitRepo repo = GitRepo.open(dir);
        Path base = null;
        try {
            base = Files.createTempDirectory("mlwb-review-");
            Path snapshot = base.resolve(String.valueOf(dir.getFileName()));
            CommitInfo commit = RevisionSnapshot.export(repo, revision, snapshot);
            Path state = dir.resolve(Project.STATE_DIR);
            try {
                // the catalog and run artifacts (.mlwb, git-ignored) are the project's own: evidence paths resolve
                Files.createSymbolicLink(snapshot.resolve(Project.STATE_DIR), state);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.info("No link to {} in the review folder ({}); run artifacts are read from the project", state,
                        e.toString());
            }
            return open(snapshot, repo, state.resolve(Project.CATALOG_FILE),
                    new Review(revision.strip(), commit, dir, base));
        } catch (IOException e) {
            deleteTree(base);
            repo.close();
            throw new UserError("Cannot make a folder for the review: " + e.getMessage(),
                    "Check the temporary folder (java.io.tmpdir) has space.");
        } catch (RuntimeException e) {
            deleteTree(base);
            repo.close();
            throw e;
        }
    }

    private static OpenProject open(Path dir, GitRepo repo, Path catalogFile, Review review) {
        List<UserError> problems = new ArrayList<>();
        Project config = null;
        try {
            config = Project.load(dir);
            config.warnings().forEach(w -> problems.add(new UserError("mlwb.yaml: " + w, "")));
        } catch (UserError e) {
            problems.add(e);
        }
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
        LOG.info("Opened project {} (catalog {}{})", dir, state, review == null ? ""
                : ", read-only at " + review.revision());
        return new OpenProject(dir, config, repo, catalog, state, message, problems, review);
    }

    /** @return the revision this project is open at for review; empty for the project's own work tree */
    public Optional<Review> review() {
        return Optional.ofNullable(review);
    }

    /** @return whether panes and actions must not edit, train or register (open for review at a revision) */
    public boolean readOnly() {
        return review != null;
    }

    private static void deleteTree(Path base) {
        if (base == null || !Files.exists(base, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // not following links: the link to the project's .mlwb is removed, never what it points at
        try (var walk = Files.walk(base)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!Files.isSymbolicLink(p)) {
                    p.toFile().setWritable(true);
                }
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete the review folder {}", base, e);
        }
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
        if (review != null) {
            deleteTree(review.snapshot());
        }
    }
}
