package io.mlwb.app.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.ToolWindowSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectFeatureTest {
    @Test
    void contributesTheToolWindowSectionsActionAndTextEditor() {
        Contributions c = Contributions.of(List.of(new ProjectFeature()));

        ToolWindowSpec window = c.toolWindows().get(0);
        assertEquals(List.of("project", "Project", ToolWindowSpec.Side.LEFT, "Alt+1"),
                List.of(window.id(), window.title(), window.side(), window.shortcut()));
        assertEquals(List.of("datasets", "runs", "models", "model-cards", "drift-reports", "deployments"),
                c.catalogSections().stream().map(s -> s.id()).toList());
        assertEquals(List.of(10, 20, 30, 40, 50, 60), c.catalogSections().stream().map(s -> s.order()).toList());
        assertEquals(List.of("project.refresh"), c.actions().stream().map(a -> a.id()).toList());
        assertEquals("text", c.editorFor(ItemRef.file("data/train.csv")).orElseThrow().id());
        assertTrue(c.editorFor(new ItemRef("dataset", "x")).isEmpty());
    }

    @Test
    void isFoundByServiceLoader() {
        assertTrue(Contributions.discover().toolWindows().stream().anyMatch(t -> t.id().equals("project")));
    }
}
