package io.mlwb.app.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/** The pane registry: everything features contributed, checked for duplicate ids. */
public final class Contributions {
    private final List<ToolWindowSpec> toolWindows = new ArrayList<>();
    private final List<EditorSpec> editors = new ArrayList<>();
    private final List<ActionSpec> actions = new ArrayList<>();
    private final List<CatalogSection> sections = new ArrayList<>();
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
