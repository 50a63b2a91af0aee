package io.mlwb.app.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The pane registry: everything features contributed (tool windows, editors, actions, menus, toolbar entries,
 * catalog sections), checked for duplicate ids at registration and for dangling references by {@link #check()}.
 */
public final class Contributions {
    private final List<ToolWindowSpec> toolWindows = new ArrayList<>();
    private final List<EditorSpec> editors = new ArrayList<>();
    private final List<ActionSpec> actions = new ArrayList<>();
    private final List<CatalogSection> sections = new ArrayList<>();
    private final List<MenuSpec> menus = new ArrayList<>();
    private final List<ToolbarEntry> toolbar = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    /** @return the contributions of the given features, in order */
    public static Contributions of(List<? extends Feature> features) {
        Contributions c = new Contributions();
        features.forEach(f -> f.contribute(c));
        return c;
    }

    /** @return the contributions of every feature on the class path ({@link ServiceLoader}) */
    public static Contributions discover() {
        List<Feature> features = new ArrayList<>();
        ServiceLoader.load(Feature.class).forEach(features::add);
        features.sort(Comparator.comparing(f -> f.getClass().getName()));
        return of(features);
    }

    /** Registers a tool window. */
    public void toolWindow(ToolWindowSpec spec) {
        unique("tool window", spec.id());
        toolWindows.add(spec);
    }

    /** Registers an editor type. */
    public void editor(EditorSpec spec) {
        unique("editor", spec.id());
        editors.add(spec);
    }

    /** Registers an action. */
    public void action(ActionSpec spec) {
        unique("action", spec.id());
        actions.add(spec);
    }

    /** Registers a catalog section. */
    public void catalogSection(CatalogSection section) {
        unique("catalog section", section.id());
        sections.add(section);
    }

    /** Registers a menu of the menu bar; actions name it by id. */
    public void menu(MenuSpec spec) {
        unique("menu", spec.id());
        menus.add(spec);
    }

    /**
     * Puts an action on the main toolbar.
     *
     * @param actionId an action some feature registers (checked by {@link #check()})
     * @param order    position on the toolbar, lower first
     */
    public void toolbar(String actionId, int order) {
        unique("toolbar entry", actionId);
        toolbar.add(new ToolbarEntry(actionId, order));
    }

    /**
     * Registers everything {@code other} holds, as if its features had contributed here (the shell adds the
     * features' parts to its own this way).
     */
    void addAll(Contributions other) {
        other.toolWindows.forEach(this::toolWindow);
        other.editors.forEach(this::editor);
        other.actions.forEach(this::action);
        other.sections.forEach(this::catalogSection);
        other.menus.forEach(this::menu);
        other.toolbar.forEach(t -> toolbar(t.actionId(), t.order()));
    }

    /**
     * Fails fast on references to parts nobody registered: a toolbar entry without its action, an action in a menu
     * that no feature registered.
     *
     * @return this, checked
     * @throws IllegalStateException naming the first dangling reference
     */
    public Contributions check() {
        Set<String> actionIds = new HashSet<>();
        actions.forEach(a -> actionIds.add(a.id()));
        Set<String> menuIds = new HashSet<>();
        menus.forEach(m -> menuIds.add(m.id()));
        for (ToolbarEntry t : toolbar) {
            if (!actionIds.contains(t.actionId())) {
                throw new IllegalStateException("The toolbar entry '" + t.actionId() + "' names no registered action");
            }
        }
        for (ActionSpec a : actions) {
            if (a.menu() != null && !menuIds.contains(a.menu())) {
                throw new IllegalStateException("The action '" + a.id() + "' goes into the menu '" + a.menu()
                        + "', which no feature registered");
            }
        }
        return this;
    }

    /** @return the menus, by order */
    public List<MenuSpec> menus() {
        return menus.stream().sorted(Comparator.comparingInt(MenuSpec::order)).toList();
    }

    /** @return the toolbar entries, by order (registration order among equal orders) */
    public List<ToolbarEntry> toolbar() {
        return toolbar.stream().sorted(Comparator.comparingInt(ToolbarEntry::order)).toList();
    }

    /** @return the action with this id, if registered */
    public Optional<ActionSpec> action(String id) {
        return actions.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** @return the tool windows, in registration order */
    public List<ToolWindowSpec> toolWindows() {
        return List.copyOf(toolWindows);
    }

    /** @return the editor types */
    public List<EditorSpec> editors() {
        return List.copyOf(editors);
    }

    /** @return the actions, in registration order */
    public List<ActionSpec> actions() {
        return List.copyOf(actions);
    }

    /** @return the catalog sections, by order */
    public List<CatalogSection> catalogSections() {
        return sections.stream().sorted(Comparator.comparingInt(CatalogSection::order)).toList();
    }

    /** @return the editor that opens {@code ref}: the matching spec with the highest priority */
    public Optional<EditorSpec> editorFor(ItemRef ref) {
        return editors.stream().filter(e -> e.handles().test(ref)).max(Comparator.comparingInt(EditorSpec::priority));
    }

    private void unique(String what, String id) {
        if (!ids.add(what + ":" + id)) {
            throw new IllegalStateException("Two features registered the " + what + " '" + id + "'");
        }
    }
}
