package io.mlwb.app.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.MenuSpec;
import io.mlwb.app.shell.ToolWindowSpec;
import io.mlwb.app.shell.ToolbarEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectFeatureTest {
    private final Contributions c = Contributions.of(List.of(new ProjectFeature()));

    @Test
    void contributesTheToolWindowMenuActionToolbarEntryAndTextEditor() {
        ToolWindowSpec window = c.toolWindows().get(0);
        assertEquals(ProjectFeature.TOOL_WINDOW, window.id());
        assertEquals(ToolWindowSpec.Side.LEFT, window.side());
        assertEquals(List.of(ProjectFeature.MENU), c.menus().stream().map(MenuSpec::id).toList());
        assertEquals(List.of(ProjectFeature.REFRESH), c.actions().stream().map(ActionSpec::id).toList());
        assertEquals(ProjectFeature.MENU, c.actions().get(0).menu());
        assertEquals(List.of(ProjectFeature.REFRESH), c.toolbar().stream().map(ToolbarEntry::actionId).toList());
        assertEquals(ProjectFeature.TEXT_EDITOR, c.editorFor(ItemRef.file("data/train.csv")).orElseThrow().id());
        assertTrue(c.editorFor(new ItemRef("dataset", "x")).isEmpty());
        c.check();
    }

    @Test
    void registersNoCatalogSectionOfItsOwn() {
        assertTrue(c.catalogSections().isEmpty(), "sections belong to the features that fill them");
    }

    @Test
    void isFoundByServiceLoader() {
        assertTrue(Contributions.discover().toolWindows().stream()
                .anyMatch(t -> t.id().equals(ProjectFeature.TOOL_WINDOW)));
    }
}
