package io.mlwb.app.shell;

import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.settings.SettingsService;
import io.mlwb.core.settings.WindowLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;

/**
 * Docks tool windows left, bottom and right of the editor area: builds the shell's own once and the features' when
 * a project opens, disposes the features' when it closes (and all on {@link #dispose()}), shows and hides them
 * (remembered in the window layout), keeps the View menu's toggles in step, and lays out the split panes.
 */
final class ToolWindowDock {
    private static final String DIVIDER_MAIN = "main";
    private static final String DIVIDER_EDITOR = "editor";

    private final SettingsService settings;
    private final BooleanSupplier projectOpen;
    private final Node editorArea;
    private final List<ToolWindowSpec> specs;
    private final List<ToolWindowSpec> shellSpecs;
    private final List<ToolWindowSpec> featureSpecs;
    private final TabPane leftTools = new TabPane();
    private final TabPane bottomTools = new TabPane();
    private final TabPane rightTools = new TabPane();
    private final SplitPane mainSplit = new SplitPane();
    private final SplitPane centerSplit = new SplitPane();
    private final Map<String, Tab> tabs = new LinkedHashMap<>();
    private final Map<String, TabPane> sides = new LinkedHashMap<>();
    private final Map<String, ToolWindow> built = new LinkedHashMap<>();
    private final Map<String, CheckMenuItem> toggles = new LinkedHashMap<>();

    /**
     * @param shellSpecs   the shell's tool windows, built once by {@link #start}
     * @param featureSpecs the features' tool windows, built per project by {@link #open}
     * @param settings    where visibility, the selected bottom tool and the dividers are remembered
     * @param projectOpen whether a project is open (the splits are laid out only then)
     * @param editorArea  the editor tabs and their placeholder
     */
    ToolWindowDock(List<ToolWindowSpec> shellSpecs, List<ToolWindowSpec> featureSpecs, SettingsService settings,
                   BooleanSupplier projectOpen, Node editorArea) {
        this.shellSpecs = List.copyOf(shellSpecs);
        this.featureSpecs = List.copyOf(featureSpecs);
        List<ToolWindowSpec> all = new ArrayList<>(shellSpecs);
        all.addAll(featureSpecs);
        this.specs = List.copyOf(all);
        this.settings = settings;
        this.projectOpen = projectOpen;
        this.editorArea = editorArea;
        leftTools.setId("leftTools");
        bottomTools.setId("bottomTools");
        rightTools.setId("rightTools");
        for (TabPane p : List.of(leftTools, bottomTools, rightTools)) {
            p.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            p.getStyleClass().add("tool-tabs");
        }
        centerSplit.setOrientation(Orientation.VERTICAL);
        centerSplit.setId("centerSplit");
        mainSplit.setId("mainSplit");
        for (ToolWindowSpec t : this.specs) {
            CheckMenuItem item = new CheckMenuItem(t.title());
            item.setId("toggle-" + t.id());
            item.setSelected(savedVisible(t.id()));
            if (t.shortcut() != null) {
                item.setAccelerator(KeyCombination.valueOf(t.shortcut()));
            }
            item.setOnAction(e -> setVisible(t.id(), item.isSelected()));
            toggles.put(t.id(), item);
        }
        bottomTools.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> {
            if (tab != null && projectOpen.getAsBoolean()) {
                settings.update(s -> s.withWindow(s.window().withSelectedBottomTool((String) tab.getUserData())));
            }
        });
    }

    /** @return the View menu's show/hide items, one per tool window, checked as the saved layout says */
    List<CheckMenuItem> toggles() {
        return List.copyOf(toggles.values());
    }

    /** @return the node that holds the tool windows and the editor area */
    Node node() {
        return mainSplit;
    }

    /** Binds each tool window's shortcut (show, select, or hide it) in {@code scene}. */
    void installAccelerators(Scene scene) {
        for (ToolWindowSpec t : specs) {
            if (t.shortcut() != null) {
                scene.getAccelerators().put(KeyCombination.valueOf(t.shortcut()), () -> toggle(t.id()));
            }
        }
    }

    /** Builds the shell's tool windows (once). */
    void start(WorkbenchContext ctx, ErrorReporter errors) {
        shellSpecs.forEach(t -> build(t, ctx, errors));
    }

    /**
     * Builds the features' tool windows for the open project and docks those the layout shows. Selects the bottom
     * tool window the layout remembers, else the first bottom one a feature registered.
     *
     * @param ctx    passed to the factories
     * @param errors where a factory's failure goes (its tab then says it failed)
     */
    void open(WorkbenchContext ctx, ErrorReporter errors) {
        featureSpecs.forEach(t -> build(t, ctx, errors));
        if (!leftTools.getTabs().isEmpty()) {
            leftTools.getSelectionModel().selectFirst();
        }
        String bottom = settings.current().window().selectedBottomTool();
        if (bottom != null && tabs.containsKey(bottom) && visible(bottom)) {
            bottomTools.getSelectionModel().select(tabs.get(bottom));
        } else if (!bottomTools.getTabs().isEmpty()) {
            bottomTools.getSelectionModel().selectFirst(); // nothing remembered: the leftmost tool (Jobs)
        }
        layoutSplits();
    }

    private void build(ToolWindowSpec t, WorkbenchContext ctx, ErrorReporter errors) {
        Node content;
        try {
            ToolWindow w = t.factory().apply(ctx);
            built.put(t.id(), w);
            content = w.node();
        } catch (RuntimeException e) {
            errors.error(t.title(), e);
            content = new Label(Messages.get("shell.tool.failed"));
        }
        addTab(t, content);
    }

    /** Takes the features' tool windows out and disposes them (project closed, or another one opening). */
    void close() {
        featureSpecs.forEach(t -> remove(t.id()));
    }

    /** Takes every tool window out and disposes it (the workbench closes). */
    void dispose() {
        specs.forEach(t -> remove(t.id()));
    }

    private void remove(String id) {
        Tab tab = tabs.remove(id);
        TabPane side = sides.remove(id);
        if (tab != null) {
            side.getTabs().remove(tab);
        }
        ToolWindow w = built.remove(id);
        if (w != null) {
            try {
                w.dispose();
            } catch (RuntimeException e) {
                Workbench.log().warn("Disposing the tool window {} failed", id, e);
            }
        }
    }

    private void addTab(ToolWindowSpec t, Node content) {
        Tab tab = new Tab(t.title(), content);
        tab.setId("tool-" + t.id());
        tab.setGraphic(t.icon().node());
        tab.setUserData(t.id());
        TabPane side = switch (t.side()) {
            case LEFT -> leftTools;
            case BOTTOM -> bottomTools;
            case RIGHT -> rightTools;
        };
        tabs.put(t.id(), tab);
        sides.put(t.id(), side);
        if (savedVisible(t.id())) {
            side.getTabs().add(tab);
        }
    }

    private boolean savedVisible(String id) {
        return settings.current().window().toolWindowsVisible().getOrDefault(id, true);
    }

    /** Shows or hides a tool window (and its side when it becomes empty); remembered in the layout. */
    void setVisible(String id, boolean visible) {
        Tab tab = tabs.get(id);
        if (tab == null) {
            return;
        }
        TabPane side = sides.get(id);
        if (visible && !side.getTabs().contains(tab)) {
            side.getTabs().add(tab);
            side.getSelectionModel().select(tab);
        } else if (!visible) {
            side.getTabs().remove(tab);
        }
        CheckMenuItem toggle = toggles.get(id);
        if (toggle != null) {
            toggle.setSelected(visible);
        }
        settings.update(s -> s.withWindow(s.window().withToolWindowVisible(id, visible)));
        layoutSplits();
    }

    private void toggle(String id) {
        Tab tab = tabs.get(id);
        if (tab == null) {
            return;
        }
        TabPane side = sides.get(id);
        boolean shown = side.getTabs().contains(tab);
        if (shown && side.getSelectionModel().getSelectedItem() != tab) {
            side.getSelectionModel().select(tab);
        } else {
            setVisible(id, !shown);
        }
    }

    /** Shows the tool window with this id and selects it. */
    void select(String id) {
        Tab tab = tabs.get(id);
        if (tab == null) {
            return;
        }
        if (!sides.get(id).getTabs().contains(tab)) {
            setVisible(id, true);
        }
        sides.get(id).getSelectionModel().select(tab);
    }

    /** @return whether the tool window is showing */
    boolean visible(String id) {
        Tab tab = tabs.get(id);
        return tab != null && sides.get(id).getTabs().contains(tab);
    }

    /** @return {@code w} with the current divider positions */
    WindowLayout withDividers(WindowLayout w) {
        WindowLayout out = w;
        if (mainSplit.getItems().size() > 1 && mainSplit.getItems().get(0) == leftTools) {
            out = out.withDivider(DIVIDER_MAIN, clamp(mainSplit.getDividerPositions()[0]));
        }
        if (centerSplit.getItems().size() > 1) {
            out = out.withDivider(DIVIDER_EDITOR, clamp(centerSplit.getDividerPositions()[0]));
        }
        return out;
    }

    private static double clamp(double v) {
        return Math.max(0.05, Math.min(0.95, v));
    }

    private void layoutSplits() {
        if (!projectOpen.getAsBoolean()) {
            return;
        }
        WindowLayout w = settings.current().window();
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
}
