package io.mlwb.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectTemplateTest {
    private final ProjectConfigLoader loader = new ProjectConfigLoader();

    @Test
    void templateParsesBackToTheNamedDefaultsWithoutWarnings() {
        LoadedConfig loaded = loader.parse(ProjectTemplate.render("credit-risk"), "mlwb.yaml");
        assertEquals(ProjectConfig.named("credit-risk"), loaded.config());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void awkwardNamesStayText() {
        for (String name : List.of("no", "2024", "a: b # c", "quote \" and \\ slash", "tab\there", "ünïcödé")) {
            assertEquals(name, loader.parse(ProjectTemplate.render(name), "mlwb.yaml").config().name(), name);
        }
    }

    @Test
    void everySectionIsPresent() {
        String text = ProjectTemplate.render("p");
        for (String key : ConfigBinder.TOP_KEYS) {
            assertTrue(text.lines().anyMatch(l -> l.startsWith(key + ":") || l.startsWith("# " + key + ":")), key);
        }
    }

    @Test
    void blankNameIsRefused() {
        assertThrows(UserError.class, () -> ProjectTemplate.render("  "));
    }
}
