package io.mlwb.app.shell;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.core.settings.ProjectSession;
import io.mlwb.core.settings.SettingsService;
import io.mlwb.core.settings.TabRef;
import io.mlwb.core.settings.Theme;
import io.mlwb.vcs.WorkTreeState;
import io.mlwb.workspace.ProjectInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench window's state: which project is open, the window title, the status bar's git and catalog facts,
 * recent projects and the theme. Opening, initializing and installing the sample run as jobs; results arrive on the
 * FX thread. No JavaFX nodes here: tested without a toolkit.
 */
public final class WorkbenchViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchViewModel.class);
    /** Product name in the window title. */
    public static final String PRODUCT = Messages.get("shell.product");

    private final UiJobs jobs;
    private final ErrorReporter errors;
    private final SettingsService settings;
    private final ProjectInitializer initializer;

    private final ObjectProperty<OpenProject> project = new SimpleObjectProperty<>();
    private final StringProperty title = new SimpleStringProperty(PRODUCT);
    private final StringProperty branch = new SimpleStringProperty("");
    private final BooleanProperty dirty = new SimpleBooleanProperty();
    private final ObjectProperty<CatalogState> catalogState = new SimpleObjectProperty<>();
    private final StringProperty catalogMessage = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final DoubleProperty fontSize = new SimpleDoubleProperty();
    private final ObservableList<Path> recentProjects = FXCollections.observableArrayList();
    private Consumer<Runnable> closeGuard = Runnable::run;

    /**
     * @param jobs        where background work runs
     * @param errors      where failures go
     * @param settings    the app's settings (theme, recent projects, sessions)
     * @param initializer makes folders projects
     */
    public WorkbenchViewModel(UiJobs jobs, ErrorReporter errors, SettingsService settings, ProjectInitializer initializer) {
        this.jobs = jobs;
        this.errors = errors;
        this.settings = settings;
        this.initializer = initializer;
        title.bind(Bindings.createStringBinding(() -> project.get() == null ? PRODUCT
                : project.get().review().map(r -> Messages.format("shell.title.review", project.get().name(),
                        r.revision(), PRODUCT)).orElseGet(() -> Messages.format("shell.title", project.get().name(),
                        PRODUCT)), project));
        theme.set(settings.current().appearance().theme());
        fontSize.set(settings.current().appearance().fontSize());
        recentProjects.setAll(settings.current().recentProjects().existing());
    }

    /**
     * Sets what is asked before the open project is closed or replaced (the window asks about unsaved editors): it
     * gets the change as a continuation and runs it, on the FX thread, once the project may go, or never (cancelled).
     * Open, open for review, new project, sample and close all go through it; closing quietly on exit does not.
     *
     * @param guard the guard; the default lets every change through at once
     */
    public void setCloseGuard(Consumer<Runnable> guard) {
        this.closeGuard = java.util.Objects.requireNonNull(guard, "guard");
    }

    private void guarded(Runnable change) {
        if (project.get() == null) {
            change.run();
        } else {
            closeGuard.accept(change);
        }
    }

    /** @return the open project, or null on the welcome screen */
    public ReadOnlyObjectProperty<OpenProject> projectProperty() {
        return project;
    }

    /** @return the open project */
    public Optional<OpenProject> project() {
        return Optional.ofNullable(project.get());
    }

    /** @return the window title: "project – ML Workbench" */
    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    /** @return the current branch, "detached at abc1234", or "no commits yet" */
    public StringProperty branchProperty() {
        return branch;
    }

    /** @return whether tracked files have uncommitted changes */
    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    /** @return read-write / read-only / error, or null with no project */
    public ObjectProperty<CatalogState> catalogStateProperty() {
        return catalogState;
    }

    /** @return why the catalog is read-only or failed */
    public StringProperty catalogMessageProperty() {
        return catalogMessage;
    }

    /** @return true while a project is being opened */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** @return the theme; setting it is remembered */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** @return the base font size in points; change it with {@link #setAppearance} */
    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    /**
     * Uses and remembers a theme and a base font size.
     *
     * @param t    the theme
     * @param size the font size in points (clamped by the settings)
     */
    public void setAppearance(Theme t, double size) {
        settings.update(s -> s.withAppearance(s.appearance().withTheme(t).withFontSize(size)));
        fontSize.set(settings.current().appearance().fontSize());
        theme.set(t);
    }

    /** @return recent projects that still exist, newest first */
    public ObservableList<Path> recentProjects() {
        return recentProjects;
    }

    /** Switches between light and dark, and remembers it. */
    public void toggleTheme() {
        setTheme(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    /** @param t the theme to use and remember */
    public void setTheme(Theme t) {
        theme.set(t);
        settings.update(s -> s.withAppearance(s.appearance().withTheme(t)));
    }

    /** @return whether {@code dir} holds an mlwb.yaml (else the view offers to initialize it) */
    public static boolean isProject(Path dir) {
        return Files.isRegularFile(dir.resolve(Project.CONFIG_FILE));
    }

    /**
     * Opens the project in {@code dir} in the background; the previous one is closed when the new one is open.
     *
     * @param dir      the project folder
     * @param whenOpen called on the FX thread with the opened project (e.g. to restore tabs); may be null
     */
    public void open(Path dir, Consumer<OpenProject> whenOpen) {
        guarded(() -> openNow(dir, whenOpen));
    }

    private void openNow(Path dir, Consumer<OpenProject> whenOpen) {
        Path root = dir.toAbsolutePath().normalize();
        busy.set(true);
        jobs.run(Messages.format("shell.job.open", root.getFileName()), p -> OpenProject.open(root), opened -> {
            busy.set(false);
            setProject(opened);
            opened.problems().forEach(e -> errors.error(Messages.get("shell.open.source"), e));
            settings.update(s -> s.withProjectOpened(root));
            recentProjects.setAll(settings.current().recentProjects().existing());
            refreshGitState();
            if (whenOpen != null) {
                whenOpen.accept(opened);
            }
        }, error -> {
            busy.set(false);
        });
    }

    /**
     * Opens the project in {@code dir} read-only at a revision, for review ({@link OpenProject#openForReview}), in the
     * background. Neither the recent projects nor the last project change, and its tabs are not remembered: the
     * review's folder is temporary.
     *
     * @param dir      the project folder
     * @param revision a tag, branch or commit
     * @param whenOpen called on the FX thread with the opened project; may be null
     */
    public void openForReview(Path dir, String revision, Consumer<OpenProject> whenOpen) {
        guarded(() -> openForReviewNow(dir, revision, whenOpen));
    }

    private void openForReviewNow(Path dir, String revision, Consumer<OpenProject> whenOpen) {
        Path root = dir.toAbsolutePath().normalize();
        busy.set(true);
        jobs.run(Messages.format("shell.job.review", root.getFileName(), revision),
                p -> OpenProject.openForReview(root, revision), opened -> {
                    busy.set(false);
                    setProject(opened);
                    opened.problems().forEach(e -> errors.error(Messages.get("shell.open.source"), e));
                    refreshGitState();
                    if (whenOpen != null) {
                        whenOpen.accept(opened);
                    }
                }, error -> busy.set(false));
    }

    /**
     * Makes {@code dir} a new project (git, mlwb.yaml, catalog, first commit), then opens it.
     *
     * @param dir      the folder
     * @param name     the project's name, or null for the folder's name
     * @param whenOpen called with the opened project; may be null
     */
    public void initAndOpen(Path dir, String name, Consumer<OpenProject> whenOpen) {
        guarded(() -> initAndOpenNow(dir, name, whenOpen));
    }

    private void initAndOpenNow(Path dir, String name, Consumer<OpenProject> whenOpen) {
        busy.set(true);
        jobs.run(Messages.format("shell.job.init", dir.getFileName()), p -> initializer.init(dir, name),
                done -> openNow(done.root(), whenOpen), error -> {
                    busy.set(false);
                });
    }

    /**
     * Copies the bundled sample project to {@code target} (unless it is already there), makes it a repository with a
     * first commit, and opens it. Never writes into the bundled copy.
     *
     * @param sample   the bundled sample folder (read only)
     * @param target   where the person's copy goes, e.g. ~/mlwb-projects/credit-risk
     * @param whenOpen called with the opened project; may be null
     */
    public void installSampleAndOpen(Path sample, Path target, Consumer<OpenProject> whenOpen) {
        guarded(() -> installSampleAndOpenNow(sample, target, whenOpen));
    }

    private void installSampleAndOpenNow(Path sample, Path target, Consumer<OpenProject> whenOpen) {
        busy.set(true);
        jobs.run(Messages.get("shell.job.sample"), p -> {
            if (!isProject(target)) {
                SampleProjects.copy(sample, target);
                initializer.adopt(target, "Add sample project " + target.getFileName());
            }
            return target;
        }, t -> openNow(t, whenOpen), error -> {
            busy.set(false);
        });
    }

    /** Closes the open project (the welcome screen shows), once its unsaved editors are saved or discarded. */
    public void closeProject() {
        guarded(() -> {
            setProject(null);
            settings.update(s -> s.withLastProject(null));
        });
    }

    /** Closes the open project without forgetting it (on exit: it re-opens next start). */
    public void closeProjectQuietly() {
        setProject(null);
    }

    /** Re-reads branch and dirty state in the background (after commits, file changes). */
    public void refreshGitState() {
        OpenProject p = project.get();
        if (p == null) {
            return;
        }
        if (p.review().isPresent()) {
            // the project's own work tree is not what is shown: name the revision instead of its branch
            branch.set(Messages.format("shell.branch.review", p.review().get().revision(),
                    p.review().get().commit().shortSha()));
            dirty.set(false);
            return;
        }
        jobs.run(Messages.get("shell.job.gitState"), progress -> p.repo().workTreeState(), state -> {
            if (project.get() == p) {
                applyGitState(state);
            }
        }, error -> { }); // the job runner reported the failure
    }

    private void applyGitState(WorkTreeState state) {
        if (state.detached()) {
            String sha = state.commitSha() == null ? "?" : state.commitSha().substring(0, Math.min(7, state.commitSha().length()));
            branch.set(Messages.format("shell.branch.detached", sha));
        } else if (state.commitSha() == null) {
            branch.set(Messages.format("shell.branch.noCommits", state.branch()));
        } else {
            branch.set(state.branch());
        }
        dirty.set(state.dirty());
    }

    private void setProject(OpenProject next) {
        OpenProject previous = project.get();
        project.set(next);
        if (next == null) {
            branch.set("");
            dirty.set(false);
            catalogState.set(null);
            catalogMessage.set("");
        } else {
            catalogState.set(next.catalogState());
            catalogMessage.set(next.catalogMessage());
        }
        if (previous != null && previous != next) {
            try {
                previous.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing project {} failed", previous.root(), e);
            }
        }
    }

    /** @return the tabs to re-open for the open project, as saved last time */
    public List<ItemRef> savedTabs() {
        OpenProject p = project.get();
        if (p == null || p.readOnly()) {
            return List.of();
        }
        return settings.current().session(p.root()).openTabs().stream().map(t -> new ItemRef(t.kind(), t.id())).toList();
    }

    /** @return the index of the tab selected last time, or -1 */
    public int savedSelectedTab() {
        OpenProject p = project.get();
        return p == null ? -1 : settings.current().session(p.root()).selectedTab();
    }

    /**
     * Remembers the open tabs of the open project.
     *
     * @param tabs     open tabs in order
     * @param selected index of the selected one, or -1
     */
    public void saveTabs(List<ItemRef> tabs, int selected) {
        OpenProject p = project.get();
        if (p == null || p.readOnly()) {
            return;
        }
        List<TabRef> refs = tabs.stream().map(r -> new TabRef(r.kind(), r.id())).toList();
        settings.update(s -> s.withSession(p.root(), new ProjectSession(refs, selected)));
    }

    /** @return the settings, for the window layout and preferences */
    public SettingsService settings() {
        return settings;
    }

    /** @return a user error for a folder chosen that does not exist */
    static UserError missingFolder(Path dir) {
        return new UserError(Messages.format("shell.open.missing", dir), Messages.get("shell.open.missing.todo"));
    }
}
