package io.mlwb.app.shell;

import io.mlwb.app.jobs.FxJobs;
import io.mlwb.app.jobs.JobsView;
import io.mlwb.app.jobs.JobsViewModel;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.log.LogView;
import io.mlwb.app.log.LogViewModel;
import io.mlwb.app.log.UiLogAppender;
import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.problems.ProblemsView;
import io.mlwb.app.problems.ProblemsViewModel;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.settings.Settings;
import io.mlwb.core.settings.Theme;
import io.mlwb.core.settings.WindowLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench window: menus and toolbar, the Project tool window on the left, editor tabs in the centre, tool
 * windows (Jobs, Log, Problems, and those features contribute) at the bottom, a status bar, and the command palette.
 * With no project open it shows the welcome screen. Implements {@link WorkbenchContext} for every pane.
 */
public final class Workbench implements WorkbenchContext {
    private static final Logger LOG = LoggerFactory.getLogger(Workbench.class);
    private static final String DIVIDER_MAIN = "main";
    private static final String DIVIDER_EDITOR = "editor";

    private final Stage stage;
    private final Contributions contributions;
    private final ProblemsModel problems;
    private final FxJobs fxJobs;
    private final UiJobs jobs;
    private final WorkbenchViewModel vm;
    private final List<Runnable> projectListeners = new ArrayList<>();
    private final List<ActionSpec> actions = new ArrayList<>();

    private final BorderPane frame = new BorderPane();
    private final StackPane overlay = new StackPane();
    private final TabPane editors = new TabPane();
    private final StackPane editorArea = new StackPane();
    private final TabPane leftTools = new TabPane();
    private final TabPane bottomTools = new TabPane();
    private final TabPane rightTools = new TabPane();
    private final SplitPane mainSplit = new SplitPane();
    private final SplitPane centerSplit = new SplitPane();
    private final Map<String, Tab> toolTabs = new LinkedHashMap<>();
    private final Map<String, TabPane> toolSides = new LinkedHashMap<>();
    private final Map<String, CheckMenuItem> toolToggles = new LinkedHashMap<>();
    private final Menu recentMenu = new Menu();
    private final CommandPalette palette;
    private final Scene scene;
    private boolean restoringTabs;

    /**
     * @param stage         the primary stage
     * @param contributions what the features contributed
     * @param problems      the Problems list (also the error reporter)
     * @param fxJobs        background jobs, listed in the Jobs tool window
     * @param vm            the window's state
     */
    public Workbench(Stage stage, Contributions contributions, ProblemsModel problems, FxJobs fxJobs,
                     WorkbenchViewModel vm) {
        this.stage = stage;
        this.contributions = contributions;
        this.problems = problems;
        this.fxJobs = fxJobs;
        this.jobs = fxJobs;
        this.vm = vm;
        this.palette = new CommandPalette(this::allActions, this);
        registerShellActions();
        actions.addAll(contributions.actions());

        frame.setId("workbench");
        frame.setTop(new VBox(buildMenuBar(), buildToolBar()));
        frame.setBottom(buildStatusBar());
        editors.setId("editorTabs");
        editors.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        editors.getStyleClass().add("editor-tabs");
        leftTools.setId("leftTools");
        bottomTools.setId("bottomTools");
        rightTools.setId("rightTools");
        for (TabPane p : List.of(leftTools, bottomTools, rightTools)) {
            p.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            p.getStyleClass().add("tool-tabs");
        }
        Label placeholder = new Label(Messages.get("shell.editor.empty"));
        placeholder.setId("editorPlaceholder");
        placeholder.getStyleClass().add("editor-placeholder");
        placeholder.setWrapText(true);
        placeholder.visibleProperty().bind(Bindings.isEmpty(editors.getTabs()));
        editors.visibleProperty().bind(Bindings.isNotEmpty(editors.getTabs()));
        editorArea.getChildren().addAll(placeholder, editors);
        centerSplit.setOrientation(Orientation.VERTICAL);
        centerSplit.setId("centerSplit");
        mainSplit.setId("mainSplit");
        addBuiltInToolWindows();

        overlay.getChildren().addAll(frame, palette);
        scene = new Scene(overlay, 1280, 800);
        Settings s = vm.settings().current();
        ThemeManager.apply(scene, s.appearance().theme(), s.appearance().fontSize());
        vm.themeProperty().addListener((o, a, t) ->
                ThemeManager.apply(scene, t, vm.settings().current().appearance().fontSize()));
        stage.setScene(scene);
        stage.titleProperty().bind(vm.titleProperty());
        applyWindowLayout(s.window());
        installAccelerators();

        vm.projectProperty().addListener((o, before, now) -> showProject(now));
        editors.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> saveTabs());
        bottomTools.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> {
            if (tab != null && vm.project().isPresent()) {
                vm.settings().update(s2 -> s2.withWindow(s2.window().withSelectedBottomTool((String) tab.getUserData())));
            }
        });
        problems.problems().addListener((javafx.collections.ListChangeListener<io.mlwb.app.problems.Problem>) c -> {
            // Bring Problems forward when an error arrives, the way an IDE does.
            while (c.next()) {
                if (c.wasAdded() && c.getAddedSubList().stream()
                        .anyMatch(p -> p.severity() == io.mlwb.app.problems.Severity.ERROR)) {
                    selectTool("problems");
                }
            }
        });
        stage.setOnCloseRequest(e -> saveLayout());
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
        return jobs;
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
        for (Tab t : editors.getTabs()) {
            if (ref.equals(t.getUserData())) {
                editors.getSelectionModel().select(t);
                return;
            }
        }
        Optional<EditorSpec> spec = contributions.editorFor(ref);
        if (spec.isEmpty()) {
            problems.warning(Messages.get("shell.editor.source"), Messages.format("shell.editor.none", ref.kind(), ref.id()),
                    Messages.get("shell.editor.none.todo"));
            return;
        }
        Editor editor;
        try {
            editor = spec.get().factory().apply(this, ref);
        } catch (RuntimeException e) {
            problems.error(Messages.get("shell.editor.source"), e);
            return;
        }
        Tab tab = new Tab(editor.title(), editor.node());
        tab.setUserData(ref);
        tab.setGraphic(spec.get().icon().node());
        tab.setTooltip(new Tooltip(ref.kind() + ": " + ref.id()));
        tab.setOnClosed(e -> {
            editor.dispose();
            saveTabs();
        });
        editors.getTabs().add(tab);
        editors.getSelectionModel().select(tab);
        saveTabs();
    }

    // ------------------------------------------------------------------ actions

    /** @return every action: the shell's and the features' */
    public List<ActionSpec> allActions() {
        return List.copyOf(actions);
    }

    /** Runs the action with this id if it exists and is enabled; returns whether it ran. */
    public boolean runAction(String id) {
        for (ActionSpec a : actions) {
            if (a.id().equals(id) && a.enabled().test(this)) {
                a.handler().accept(this);
                return true;
            }
        }
        return false;
    }

    private void registerShellActions() {
        actions.add(new ActionSpec("file.open", Messages.get("shell.action.open"), "File", AppIcon.FOLDER_OPEN,
                "Shortcut+O", c -> true, c -> chooseAndOpen()));
        actions.add(new ActionSpec("file.new", Messages.get("shell.action.new"), "File", AppIcon.PLUS,
                "Shortcut+Shift+N", c -> true, c -> newProject()));
        actions.add(new ActionSpec("file.sample", Messages.get("shell.action.sample"), "File", AppIcon.DATASET,
                null, c -> SampleProjects.bundledDir().isPresent(), c -> openSample()));
        actions.add(new ActionSpec("file.closeProject", Messages.get("shell.action.closeProject"), "File", null,
                null, ActionSpec.needsProject(), c -> vm.closeProject()));
        actions.add(new ActionSpec("editor.close", Messages.get("shell.action.closeTab"), "File", AppIcon.CLOSE,
                "Shortcut+W", c -> true, c -> closeSelectedTab()));
        actions.add(new ActionSpec("app.preferences", Messages.get("shell.action.preferences"), "File", AppIcon.SETTINGS,
                "Shortcut+Comma", c -> true, c -> PreferencesDialog.show(stage, vm)));
        actions.add(new ActionSpec("app.quit", Messages.get("shell.action.quit"), "File", null,
                "Shortcut+Q", c -> true, c -> quit()));
        actions.add(new ActionSpec("view.theme", Messages.get("shell.action.theme"), "View", AppIcon.THEME,
                "Shortcut+Shift+T", c -> true, c -> vm.toggleTheme()));
        actions.add(new ActionSpec("view.palette", Messages.get("shell.action.palette"), "View", AppIcon.COMMAND,
                "Shortcut+Shift+A", c -> true, c -> palette.show()));
        actions.add(new ActionSpec("help.shortcuts", Messages.get("shell.action.shortcuts"), "Help", AppIcon.HELP,
                "F1", c -> true, c -> HelpDialog.show(stage, allActions())));
    }

    private void installAccelerators() {
        for (ActionSpec a : actions) {
            if (a.shortcut() != null && a.menu() == null) {
                // Menu items carry their own accelerators; palette-only actions get one here.
                scene.getAccelerators().put(KeyCombination.valueOf(a.shortcut()), () -> {
                    if (a.enabled().test(this)) {
                        a.handler().accept(this);
                    }
                });
            }
        }
        for (ToolWindowSpec t : allToolWindows()) {
            if (t.shortcut() != null) {
                scene.getAccelerators().put(KeyCombination.valueOf(t.shortcut()), () -> toggleTool(t.id()));
            }
        }
    }

    // ------------------------------------------------------------------ menus, status bar

    private MenuBar buildMenuBar() {
        Map<String, Menu> menus = new LinkedHashMap<>();
        for (String name : List.of("File", "Edit", "View", "Project", "Git", "Help")) {
            Menu m = new Menu(Messages.get("shell.menu." + name.toLowerCase(java.util.Locale.ROOT)));
            m.setId("menu" + name);
            menus.put(name, m);
        }
        recentMenu.setText(Messages.get("shell.menu.recent"));
        refreshRecentMenu();
        vm.recentProjects().addListener((javafx.collections.ListChangeListener<Path>) c -> refreshRecentMenu());
        List<ActionSpec> all = new ArrayList<>(actions);
        for (ActionSpec a : all) {
            if (a.menu() == null) {
                continue;
            }
            Menu m = menus.computeIfAbsent(a.menu(), Menu::new);
            MenuItem item = new MenuItem(a.title());
            item.setId("action-" + a.id());
            if (a.icon() != null) {
                item.setGraphic(a.icon().node());
            }
            if (a.shortcut() != null) {
                item.setAccelerator(KeyCombination.valueOf(a.shortcut()));
            }
            item.setOnAction(e -> {
                if (a.enabled().test(this)) {
                    a.handler().accept(this);
                }
            });
            m.setOnShowing(e -> m.getItems().forEach(mi -> actionFor(mi).ifPresent(x -> mi.setDisable(!x.enabled().test(this)))));
            m.getItems().add(item);
            if (a.id().equals("file.sample")) {
                m.getItems().add(recentMenu);
                m.getItems().add(new SeparatorMenuItem());
            }
        }
        Menu view = menus.get("View");
        view.getItems().add(new SeparatorMenuItem());
        for (ToolWindowSpec t : allToolWindows()) {
            CheckMenuItem item = new CheckMenuItem(t.title());
            item.setId("toggle-" + t.id());
            item.setSelected(true);
            if (t.shortcut() != null) {
                item.setAccelerator(KeyCombination.valueOf(t.shortcut()));
            }
            item.setOnAction(e -> setToolVisible(t.id(), item.isSelected()));
            toolToggles.put(t.id(), item);
            view.getItems().add(item);
        }
        MenuBar bar = new MenuBar(menus.values().stream().filter(m -> !m.getItems().isEmpty()).toArray(Menu[]::new));
        bar.setId("menuBar");
        return bar;
    }

    /** The actions on the toolbar, in order; ids that no installed feature provides are skipped. */
    static final List<String> TOOLBAR = List.of("file.open", "project.refresh", "git.commit", "dataset.profile",
            "view.theme", "view.palette");

    private Node buildToolBar() {
        javafx.scene.control.ToolBar bar = new javafx.scene.control.ToolBar();
        bar.setId("toolBar");
        bar.getStyleClass().add("main-toolbar");
        List<Runnable> refreshers = new ArrayList<>();
        for (String id : TOOLBAR) {
            actions.stream().filter(a -> a.id().equals(id)).findFirst().ifPresent(a -> {
                javafx.scene.control.Button b = new javafx.scene.control.Button();
                b.setId("tool-" + a.id());
                b.setGraphic((a.icon() == null ? AppIcon.COMMAND : a.icon()).node());
                b.getStyleClass().addAll(atlantafx.base.theme.Styles.BUTTON_ICON, atlantafx.base.theme.Styles.FLAT);
                b.setTooltip(new Tooltip(a.title() + (a.shortcut() == null ? ""
                        : "  (" + a.shortcut().replace("Shortcut", "Ctrl") + ")")));
                b.setOnAction(e -> {
                    if (a.enabled().test(this)) {
                        a.handler().accept(this);
                    }
                });
                refreshers.add(() -> b.setDisable(!a.enabled().test(this)));
                bar.getItems().add(b);
            });
        }
        Runnable refreshAll = () -> refreshers.forEach(Runnable::run);
        vm.projectProperty().addListener((o, a, b) -> refreshAll.run());
        editors.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> refreshAll.run());
        refreshAll.run();
        return bar;
    }

    private Optional<ActionSpec> actionFor(MenuItem mi) {
        String id = mi.getId();
        return id != null && id.startsWith("action-")
                ? actions.stream().filter(a -> a.id().equals(id.substring(7))).findFirst() : Optional.empty();
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

    private Node buildStatusBar() {
        Label branch = new Label();
        branch.setId("statusBranch");
        branch.setGraphic(AppIcon.BRANCH.node());
        branch.textProperty().bind(Bindings.createStringBinding(() -> vm.project().isEmpty() ? ""
                : vm.branchProperty().get() + (vm.dirtyProperty().get() ? " *" : ""),
                vm.branchProperty(), vm.dirtyProperty(), vm.projectProperty()));
        branch.setTooltip(new Tooltip(Messages.get("shell.status.branch.tip")));
        Label catalog = new Label();
        catalog.setId("statusCatalog");
        catalog.textProperty().bind(Bindings.createStringBinding(() -> {
            CatalogState st = vm.catalogStateProperty().get();
            return st == null ? "" : Messages.get("shell.status.catalog." + st.name().toLowerCase(java.util.Locale.ROOT));
        }, vm.catalogStateProperty()));
        catalog.graphicProperty().bind(Bindings.createObjectBinding(() -> {
            CatalogState st = vm.catalogStateProperty().get();
            return st == null ? null : (st == CatalogState.READ_WRITE ? AppIcon.DATASET : st == CatalogState.READ_ONLY
                    ? AppIcon.LOCK : AppIcon.ERROR).node();
        }, vm.catalogStateProperty()));
        Tooltip catalogTip = new Tooltip();
        catalogTip.textProperty().bind(vm.catalogMessageProperty());
        catalog.setTooltip(catalogTip);
        catalog.getStyleClass().add("status-catalog");
        vm.catalogStateProperty().addListener((o, a, st) -> {
            catalog.getStyleClass().removeAll("catalog-error", "catalog-readonly");
            if (st == CatalogState.ERROR) {
                catalog.getStyleClass().add("catalog-error");
            } else if (st == CatalogState.READ_ONLY) {
                catalog.getStyleClass().add("catalog-readonly");
            }
        });
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(14, 14);
        spinner.setMaxSize(14, 14);
        spinner.visibleProperty().bind(fxJobs.runningCountProperty().greaterThan(0));
        Label running = new Label();
        running.setId("statusJobs");
        running.textProperty().bind(Bindings.createStringBinding(() -> fxJobs.runningCountProperty().get() == 0 ? ""
                : Messages.format("shell.status.jobs", fxJobs.runningCountProperty().get()), fxJobs.runningCountProperty()));
        running.setOnMouseClicked(e -> selectTool("jobs"));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(14, branch, catalog, gap, spinner, running);
        bar.setId("statusBar");
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    // ------------------------------------------------------------------ tool windows

    private List<ToolWindowSpec> allToolWindows() {
        List<ToolWindowSpec> all = new ArrayList<>(builtInToolWindows());
        all.addAll(contributions.toolWindows());
        return all;
    }

    private List<ToolWindowSpec> builtInToolWindows() {
        return List.of(
                new ToolWindowSpec("jobs", Messages.get("shell.tool.jobs"), AppIcon.JOBS, ToolWindowSpec.Side.BOTTOM,
                        "Alt+6", c -> new JobsView(new JobsViewModel(fxJobs)).node()),
                new ToolWindowSpec("log", Messages.get("shell.tool.log"), AppIcon.LOG, ToolWindowSpec.Side.BOTTOM,
                        "Alt+7", c -> new LogView(new LogViewModel(UiLogAppender.install().buffer())).node()),
                new ToolWindowSpec("problems", Messages.get("shell.tool.problems"), AppIcon.PROBLEMS,
                        ToolWindowSpec.Side.BOTTOM, "Alt+8", c -> new ProblemsView(new ProblemsViewModel(problems)).node()));
    }

    private void addBuiltInToolWindows() {
        for (ToolWindowSpec t : builtInToolWindows()) {
            addToolTab(t, t.factory().apply(this));
        }
    }

    private void addToolTab(ToolWindowSpec t, Node content) {
        Tab tab = new Tab(t.title(), content);
        tab.setId("tool-" + t.id());
        tab.setGraphic(t.icon().node());
        tab.setUserData(t.id());
        TabPane side = switch (t.side()) {
            case LEFT -> leftTools;
            case BOTTOM -> bottomTools;
            case RIGHT -> rightTools;
        };
        toolTabs.put(t.id(), tab);
        toolSides.put(t.id(), side);
        if (vm.settings().current().window().toolWindowsVisible().getOrDefault(t.id(), true)) {
            side.getTabs().add(tab);
        }
    }

    /** Shows or hides a tool window (and its side when it becomes empty); remembered in the layout. */
    public void setToolVisible(String id, boolean visible) {
        Tab tab = toolTabs.get(id);
        TabPane side = toolSides.get(id);
        if (tab == null) {
            return;
        }
        if (visible && !side.getTabs().contains(tab)) {
            side.getTabs().add(tab);
            side.getSelectionModel().select(tab);
        } else if (!visible) {
            side.getTabs().remove(tab);
        }
        CheckMenuItem toggle = toolToggles.get(id);
        if (toggle != null) {
            toggle.setSelected(visible);
        }
        vm.settings().update(s -> s.withWindow(s.window().withToolWindowVisible(id, visible)));
        layoutSplits();
    }

    private void toggleTool(String id) {
        Tab tab = toolTabs.get(id);
        if (tab == null) {
            return;
        }
        TabPane side = toolSides.get(id);
        boolean shown = side.getTabs().contains(tab);
        if (shown && side.getSelectionModel().getSelectedItem() != tab) {
            side.getSelectionModel().select(tab);
        } else {
            setToolVisible(id, !shown);
        }
    }

    /** Shows the tool window with this id and selects it. */
    public void selectTool(String id) {
        Tab tab = toolTabs.get(id);
        if (tab == null) {
            return;
        }
        if (!toolSides.get(id).getTabs().contains(tab)) {
            setToolVisible(id, true);
        }
        toolSides.get(id).getSelectionModel().select(tab);
    }

    /** @return whether the tool window is showing */
    public boolean toolVisible(String id) {
        Tab tab = toolTabs.get(id);
        return tab != null && toolSides.get(id).getTabs().contains(tab);
    }

    private void layoutSplits() {
        if (vm.project().isEmpty()) {
            return;
        }
        WindowLayout w = vm.settings().current().window();
        List<Node> main = new ArrayList<>();
        if (!leftTools.getTabs().isEmpty()) {
            main.add(leftTools);
        }
        main.add(centerSplit);
        if (!rightTools.getTabs().isEmpty()) {
            main.add(rightTools);
        }
        if (!mainSplit.getItems().equals(main)) {
            mainSplit.getItems().setAll(main);
        }
        List<Node> center = new ArrayList<>();
        center.add(editorArea);
        if (!bottomTools.getTabs().isEmpty()) {
            center.add(bottomTools);
        }
        if (!centerSplit.getItems().equals(center)) {
            centerSplit.getItems().setAll(center);
        }
        if (main.get(0) == leftTools) {
            mainSplit.setDividerPosition(0, w.dividers().getOrDefault(DIVIDER_MAIN, 0.22));
            SplitPane.setResizableWithParent(leftTools, false);
        }
        if (center.size() > 1) {
            centerSplit.setDividerPosition(0, w.dividers().getOrDefault(DIVIDER_EDITOR, 0.70));
            SplitPane.setResizableWithParent(bottomTools, false);
        }
    }

    // ------------------------------------------------------------------ project lifecycle

    private void showProject(OpenProject p) {
        for (Tab t : List.copyOf(editors.getTabs())) {
            editors.getTabs().remove(t);
            if (t.getOnClosed() != null) {
                t.getOnClosed().handle(null);
            }
        }
        // Feature tool windows are built per project.
        for (ToolWindowSpec t : contributions.toolWindows()) {
            Tab old = toolTabs.remove(t.id());
            if (old != null) {
                toolSides.get(t.id()).getTabs().remove(old);
            }
        }
        projectListeners.clear();
        if (p == null) {
            frame.setCenter(new WelcomeView(this, vm).node());
            return;
        }
        for (ToolWindowSpec t : contributions.toolWindows()) {
            Node content;
            try {
                content = t.factory().apply(this);
            } catch (RuntimeException e) {
                problems.error(t.title(), e);
                content = new Label(Messages.get("shell.tool.failed"));
            }
            addToolTab(t, content);
        }
        if (!leftTools.getTabs().isEmpty()) {
            leftTools.getSelectionModel().selectFirst();
        }
        String bottom = vm.settings().current().window().selectedBottomTool();
        selectTool(bottom != null && toolTabs.containsKey(bottom) ? bottom : "git");
        frame.setCenter(mainSplit);
        layoutSplits();
        restoreTabs();
    }

    private void restoreTabs() {
        restoringTabs = true;
        try {
            for (ItemRef ref : vm.savedTabs()) {
                open(ref);
            }
            int sel = vm.savedSelectedTab();
            if (sel >= 0 && sel < editors.getTabs().size()) {
                editors.getSelectionModel().select(sel);
            }
        } finally {
            restoringTabs = false;
        }
    }

    private void saveTabs() {
        if (restoringTabs || vm.project().isEmpty()) {
            return;
        }
        List<ItemRef> refs = editors.getTabs().stream().map(t -> (ItemRef) t.getUserData()).toList();
        vm.saveTabs(refs, editors.getSelectionModel().getSelectedIndex());
    }

    /** @return the open editor tabs' items, in order */
    public List<ItemRef> openTabs() {
        return editors.getTabs().stream().map(t -> (ItemRef) t.getUserData()).toList();
    }

    /** Closes the selected editor tab, if any. */
    public void closeSelectedTab() {
        Tab t = editors.getSelectionModel().getSelectedItem();
        if (t != null) {
            editors.getTabs().remove(t);
            if (t.getOnClosed() != null) {
                t.getOnClosed().handle(null);
            }
        }
    }

    /** Opens {@code dir}: as a project, or offers to initialize it when it has no mlwb.yaml. */
    public void openFolder(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            problems.error(Messages.get("shell.open.source"), WorkbenchViewModel.missingFolder(dir));
            return;
        }
        if (WorkbenchViewModel.isProject(dir)) {
            vm.open(dir, null);
            return;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, Messages.format("shell.init.question", dir),
                ButtonType.YES, ButtonType.NO);
        ask.initOwner(stage);
        ask.setHeaderText(Messages.get("shell.init.header"));
        ask.showAndWait().filter(b -> b == ButtonType.YES).ifPresent(b -> vm.initAndOpen(dir, null, null));
    }

    private void chooseAndOpen() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Messages.get("shell.action.open"));
        java.io.File f = chooser.showDialog(stage);
        if (f != null) {
            openFolder(f.toPath());
        }
    }

    private void newProject() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Messages.get("shell.action.new"));
        java.io.File f = chooser.showDialog(stage);
        if (f == null) {
            return;
        }
        TextInputDialog name = new TextInputDialog(f.getName());
        name.initOwner(stage);
        name.setHeaderText(Messages.get("shell.new.name"));
        name.showAndWait().ifPresent(n -> vm.initAndOpen(f.toPath(), n, null));
    }

    /** Installs (first time) and opens the bundled credit-risk sample. */
    public void openSample() {
        Optional<Path> bundled = SampleProjects.bundledDir();
        if (bundled.isEmpty()) {
            problems.warning(Messages.get("shell.open.source"), Messages.get("shell.sample.missing"),
                    Messages.get("shell.sample.missing.todo"));
            return;
        }
        vm.installSampleAndOpen(bundled.get().resolve(SampleProjects.CREDIT_RISK),
                SampleProjects.userCopy(SampleProjects.CREDIT_RISK), null);
    }

    // ------------------------------------------------------------------ window layout

    private void applyWindowLayout(WindowLayout w) {
        stage.setWidth(w.width());
        stage.setHeight(w.height());
        if (!Double.isNaN(w.x()) && !Double.isNaN(w.y())) {
            stage.setX(w.x());
            stage.setY(w.y());
        }
        stage.setMaximized(w.maximized());
    }

    /** Remembers window bounds, split positions and tool-window visibility. */
    public void saveLayout() {
        vm.settings().update(s -> {
            WindowLayout w = s.window();
            if (!stage.isMaximized() && stage.getWidth() > 0 && stage.getHeight() > 0) {
                w = w.withBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            }
            w = w.withMaximized(stage.isMaximized());
            if (mainSplit.getItems().size() > 1 && mainSplit.getItems().get(0) == leftTools) {
                w = w.withDivider(DIVIDER_MAIN, clamp(mainSplit.getDividerPositions()[0]));
            }
            if (centerSplit.getItems().size() > 1) {
                w = w.withDivider(DIVIDER_EDITOR, clamp(centerSplit.getDividerPositions()[0]));
            }
            return s.withWindow(w);
        });
    }

    private static double clamp(double v) {
        return Math.max(0.05, Math.min(0.95, v));
    }

    private void quit() {
        saveLayout();
        stage.close();
        Platform.exit();
    }

    /** Closes the project and stops background work. */
    public void dispose() {
        saveLayout();
        vm.closeProjectQuietly();
        fxJobs.close();
    }

    /** Shows a message that the theme changed; used by tests to reach the theme. */
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
