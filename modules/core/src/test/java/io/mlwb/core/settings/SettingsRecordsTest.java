package io.mlwb.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsRecordsTest {

    @Test
    void defaultsAreLightThirteenPointCentred1280By800() {
        Settings d = Settings.defaults();
        assertEquals(Theme.LIGHT, d.appearance().theme());
        assertEquals(13.0, d.appearance().fontSize());
        assertEquals(1280.0, d.window().width());
        assertEquals(800.0, d.window().height());
        assertTrue(d.window().centred());
        assertFalse(d.window().maximized());
        assertEquals(List.of(), d.recentProjects().paths());
        assertEquals(Map.of(), d.projects());
        assertNull(d.lastProject());
    }

    @Test
    void fontSizeIsClamped() {
        assertEquals(9.0, AppearanceSettings.defaults().withFontSize(2).fontSize());
        assertEquals(24.0, AppearanceSettings.defaults().withFontSize(99).fontSize());
        assertEquals(15.5, AppearanceSettings.defaults().withFontSize(15.5).fontSize());
        assertEquals(13.0, AppearanceSettings.defaults().withFontSize(Double.NaN).fontSize());
    }

    @Test
    void selectedTabIsClampedIntoRange() {
        List<TabRef> tabs = List.of(new TabRef("file", "a.csv"), new TabRef("run", "7"));
        assertEquals(1, new ProjectSession(tabs, 5).selectedTab());
        assertEquals(0, new ProjectSession(tabs, -3).selectedTab());
        assertEquals(-1, new ProjectSession(List.of(), 2).selectedTab());
    }

    @Test
    void windowLayoutRejectsImpossibleValues() {
        WindowLayout d = WindowLayout.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withBounds(0, 0, 0, 800));
        assertThrows(IllegalArgumentException.class, () -> d.withBounds(0, 0, 100, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withDivider("main", 1.5));
        assertEquals(0.25, d.withDivider("main", 0.25).dividers().get("main"));
        assertFalse(d.withBounds(10, 20, 800, 600).centred());
    }

    @Test
    void sessionsAreKeyedByNormalisedAbsolutePath(@TempDir Path tmp) {
        ProjectSession s = new ProjectSession(List.of(new TabRef("file", "data/applications_2023.csv")), 0);
        Settings settings = Settings.defaults().withSession(tmp.resolve("p/./x/.."), s);
        assertEquals(Map.of(tmp.resolve("p").toAbsolutePath().toString(), s), settings.projects());
        assertEquals(s, settings.session(tmp.resolve("p")));
        assertEquals(ProjectSession.defaults(), settings.session(tmp.resolve("other")));
    }

    @Test
    void projectOpenedUpdatesRecentAndLast(@TempDir Path tmp) {
        Settings s = Settings.defaults().withProjectOpened(tmp.resolve("a")).withProjectOpened(tmp.resolve("b"));
        assertEquals(tmp.resolve("b"), s.lastProject());
        assertEquals(List.of(tmp.resolve("b"), tmp.resolve("a")), s.recentProjects().paths());
    }
}
