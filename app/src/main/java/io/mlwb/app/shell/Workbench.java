package io.mlwb.app.shell;

import io.mlwb.app.jobs.FxJobs;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.app.problems.Problem;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.problems.Severity;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.settings.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench window: the menu bar, toolbar and status bar around the tool-window dock and the editor tabs, the
 * command palette above them, and the welcome screen when no project is open. Knows no feature: menus, actions,
 * toolbar entries, tool windows, editors and catalog sections come from {@link Contributions}. Implements
 * {@link WorkbenchContext} for every pane.
 */
public final class Workbench implements WorkbenchContext {
    private static final Logger LOG = LoggerFactory.getLogger(Workbench.class);

    private final Stage stage;
    private final Contributions contributions;
    private final ProblemsModel problems;
    private final FxJobs fxJobs;
    private final WorkbenchViewModel vm;
    private final List<Runnable> projectListeners = new ArrayList<>();
    private final BorderPane frame = new BorderPane();
    private final Menu recentMenu = new Menu();
    private final ProjectOpener opener;
    private final EditorTabs editors;
    private final ToolWindowDock dock;
    private final WindowLayoutKeeper layout;
    private final CommandPalette palette;
    private final Scene scene;

    /**
     * @param stage    the primary stage
     * @param features what the features contributed; the shell adds its own menus, actions and tool windows
     * @param problems the Problems list (also the error reporter)
     * @param fxJobs   background jobs, listed in the Jobs tool window
     * @param vm       the window's state
     * @throws IllegalStateException when a contribution names an action or menu nobody registered
     */
    public Workbench(Stage stage, Contributions features, ProblemsModel problems, FxJobs fxJobs,
                     WorkbenchViewModel vm) {
        this.stage = stage;
        this.problems = problems;
        this.fxJobs = fxJobs;
        this.vm = vm;
        this.opener = new ProjectOpener(stage, vm, problems);
        this.palette = new CommandPalette(this::allActions, this);
        Contributions shell = new Contributions();
        ShellActions.contribute(shell, new ShellActions.Targets(opener, vm,
                () -> PreferencesView.show(stage, new PreferencesViewModel(vm)), this::closeSelectedTab,
                palette::show, this::showHelp,
                this::quit), fxJobs, problems);
        Contributions all = new Contributions();
        all.addAll(shell);
        all.addAll(features);
        this.contributions = all.check();
        this.editors = new EditorTabs(contributions, problems, vm);
        vm.setCloseGuard(editors::confirmCloseAll); // unsaved editors are asked about before the project goes
        this.dock = new ToolWindowDock(shell.toolWindows(), features.toolWindows(), vm.settings(),
                () -> vm.project().isPresent(), editors.node());
        this.layout = new WindowLayoutKeeper(stage, vm.settings(), dock);

        recentMenu.setText(Messages.get("shell.menu.recent"));
        refreshRecentMenu();
        vm.recentProjects().addListener((ListChangeListener<Path>) c -> refreshRecentMenu());
        frame.setId("workbench");
        frame.setTop(new VBox(
                MenuBarBuilder.build(contributions, this, recentMenu, ShellActions.SAMPLE, dock.toggles()),
                MainToolBar.build(contributions, this, vm.projectProperty(), editors.selected())));
        frame.setBottom(StatusBar.build(vm, fxJobs, () -> selectTool(ShellActions.JOBS)));
        StackPane overlay = new StackPane(frame, palette);
        scene = new Scene(overlay, 1280, 800);
        applyTheme();
        vm.themeProperty().addListener((o, a, t) -> applyTheme());
        vm.fontSizeProperty().addListener((o, a, f) -> applyTheme());
        stage.setScene(scene);
        stage.titleProperty().bind(vm.titleProperty());
        layout.restore();
        installAccelerators();
        dock.start(this, problems);
        dock.installAccelerators(scene);

        vm.projectProperty().addListener((o, before, now) -> showProject(now));
        problems.problems().addListener((ListChangeListener<Problem>) c -> {
            // Bring Problems forward when an error arrives, the way an IDE does.
            while (c.next()) {
                if (c.wasAdded() && c.getAddedSubList().stream().anyMatch(p -> p.severity() == Severity.ERROR)) {
                    selectTool(ShellActions.PROBLEMS);
                }
            }
        });
        stage.setOnCloseRequest(e -> {
            // the window's close button quits as File > Quit does: unsaved editors are asked about first
            e.consume();
            quit();
        });
        showProject(null);
    }

    /** @return the scene (for tests and screenshots) */
    public Scene scene() {
        return scene;
    }

    /** @return the window's state */
    public WorkbenchViewModel viewModel() {
        return vm;
    }

    // ------------------------------------------------------------------ WorkbenchContext

    @Override
    public Optional<OpenProject> project() {
        return vm.project();
    }

    @Override
    public UiJobs jobs() {
        return fxJobs;
    }

    @Override
    public ErrorReporter errors() {
        return problems;
    }

    @Override
    public Window window() {
        return stage;
    }

    @Override
    public void fireProjectChanged() {
        vm.refreshGitState();
        List.copyOf(projectListeners).forEach(Runnable::run);
    }

    @Override
    public void addProjectListener(Runnable listener) {
        projectListeners.add(listener);
    }

    @Override
    public void open(ItemRef ref) {
        editors.open(this, ref);
    }

    @Override
    public void openForReview(Path dir, String revision, Runnable whenOpen) {
        vm.openForReview(dir, revision, p -> {
            if (whenOpen != null) {
                whenOpen.run();
            }
        });
    }

    // ------------------------------------------------------------------ actions

    /** @return every action: the shell's and the features' */
    public List<ActionSpec> allActions() {
        return contributions.actions();
    }

    /** @return everything registered: the shell's parts and the features' (for tests that check the registry) */
    public Contributions contributions() {
        return contributions;
    }

    /** Runs the action with this id if it exists and is enabled; returns whether it ran. */
    public boolean runAction(String id) {
        Optional<ActionSpec> a = contributions.action(id).filter(x -> x.enabled().test(this));
        a.ifPresent(x -> x.handler().accept(this));
        return a.isPresent();
    }

    private void showHelp() {
        HelpDialog.show(stage, allActions(), contributions.toolWindows());
    }

    private void installAccelerators() {
        for (ActionSpec a : contributions.actions()) {
            if (a.shortcut() != null && a.menu() == null) {
                // Menu items carry their own accelerators; palette-only actions get one here.
                scene.getAccelerators().put(KeyCombination.valueOf(a.shortcut()), () -> runAction(a.id()));
            }
        }
    }

    private void refreshRecentMenu() {
        recentMenu.getItems().clear();
        for (Path p : vm.recentProjects()) {
            MenuItem item = new MenuItem(p.getFileName() + "   " + p);
            item.setOnAction(e -> openFolder(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void applyTheme() {
        ThemeManager.apply(scene, vm.themeProperty().get(), vm.fontSizeProperty().get());
    }

    // ------------------------------------------------------------------ tool windows

    /** Shows or hides a tool window (and its side when it becomes empty); remembered in the layout. */
    public void setToolVisible(String id, boolean visible) {
        dock.setVisible(id, visible);
    }

    /** Shows the tool window with this id and selects it. */
    public void selectTool(String id) {
        dock.select(id);
    }

    /** @return whether the tool window is showing */
    public boolean toolVisible(String id) {
        return dock.visible(id);
    }

    // ------------------------------------------------------------------ project

    private void showProject(OpenProject p) {
        // The old project's tabs close (and its tool windows go) before the new one's are restored; neither
        // project's saved tabs are written in between.
        dock.close();
        projectListeners.clear();
        editors.switchProject(this);
        if (p == null) {
            frame.setCenter(new WelcomeView(this, vm).node());
            return;
        }
        dock.open(this, problems);
        frame.setCenter(dock.node());
    }

    /** @return the open editor tabs' items, in order */
    public List<ItemRef> openTabs() {
        return editors.openTabs();
    }

    /** Closes the selected editor tab, if any. */
    public void closeSelectedTab() {
        editors.closeSelected();
    }

    /** Opens {@code dir}: as a project, or offers to initialize it when it has no mlwb.yaml. */
    public void openFolder(Path dir) {
        opener.openFolder(dir);
    }

    /** Installs (first time) and opens the bundled credit-risk sample. */
    public void openSample() {
        opener.openSample();
    }

    // ------------------------------------------------------------------ window

    /** Remembers window bounds and split positions (tool-window visibility is remembered as it changes). */
    public void saveLayout() {
        layout.save();
    }

    /** Quits (File › Quit, the window's close button) once every unsaved editor was saved or discarded. */
    public void quit() {
        editors.confirmCloseAll(() -> {
            saveLayout();
            stage.close();
            Platform.exit();
        });
    }

    /** Closes the project, disposes the tool windows and stops background work. */
    public void dispose() {
        saveLayout();
        vm.closeProjectQuietly();
        dock.dispose();
        fxJobs.close();
    }

    /** @return the theme in use */
    Theme theme() {
        return vm.themeProperty().get();
    }

    /** @return the root node of the window's content, below the palette overlay */
    public Parent frame() {
        return frame;
    }

    /** @return the command palette */
    public CommandPalette palette() {
        return palette;
    }

    /** @return the workbench's problems */
    public ProblemsModel problems() {
        return problems;
    }

    static Logger log() {
        return LOG;
    }
}
