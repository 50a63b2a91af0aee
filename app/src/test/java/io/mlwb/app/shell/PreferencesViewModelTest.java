package io.mlwb.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.core.settings.AppearanceSettings;
import io.mlwb.core.settings.Settings;
import io.mlwb.core.settings.SettingsService;
import io.mlwb.core.settings.SettingsStore;
import io.mlwb.core.settings.Theme;
import io.mlwb.workspace.ProjectInitializer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preferences form's state, without a toolkit. */
class PreferencesViewModelTest {
    @TempDir
    Path tmp;

    private SettingsService settings;
    private WorkbenchViewModel workbench;
    private PreferencesViewModel prefs;

    @BeforeEach
    void setUp() {
        settings = new SettingsService(new SettingsStore(tmp), Settings.defaults());
        workbench = new WorkbenchViewModel(new InlineJobs(), new ProblemsModel(), settings,
                new ProjectInitializer("test"));
        prefs = new PreferencesViewModel(workbench);
    }

    @AfterEach
    void tearDown() {
        settings.close();
    }

    @Test
    void startsFromWhatIsInUse() {
        assertEquals(Theme.LIGHT, prefs.themeProperty().get());
        assertEquals(AppearanceSettings.DEFAULT_FONT_SIZE, prefs.fontSizeProperty().get());
        assertTrue(prefs.validProperty().get());
    }

    @Test
    void applyUsesAndRemembersTheEdit() {
        prefs.themeProperty().set(Theme.DARK);
        prefs.fontSizeProperty().set(16.0);
        assertEquals(Theme.LIGHT, workbench.themeProperty().get(), "nothing changes before apply");
        assertTrue(prefs.apply());
        assertEquals(Theme.DARK, workbench.themeProperty().get());
        assertEquals(16.0, workbench.fontSizeProperty().get());
        assertEquals(Theme.DARK, settings.current().appearance().theme());
        assertEquals(16.0, settings.current().appearance().fontSize());
    }

    @Test
    void cancelDropsTheEdit() {
        prefs.themeProperty().set(Theme.DARK);
        prefs.fontSizeProperty().set(20.0);
        prefs.cancel();
        assertEquals(Theme.LIGHT, prefs.themeProperty().get());
        assertEquals(AppearanceSettings.DEFAULT_FONT_SIZE, prefs.fontSizeProperty().get());
        assertEquals(Theme.LIGHT, settings.current().appearance().theme());
    }

    @Test
    void aFontSizeOutOfRangeOrMissingIsNotApplied() {
        for (Double bad : new Double[] {null, AppearanceSettings.MAX_FONT_SIZE + 1, AppearanceSettings.MIN_FONT_SIZE - 1,
                Double.NaN}) {
            prefs.fontSizeProperty().set(bad);
            assertFalse(prefs.validProperty().get(), String.valueOf(bad));
            assertFalse(prefs.apply());
        }
        assertEquals(AppearanceSettings.DEFAULT_FONT_SIZE, settings.current().appearance().fontSize());
    }
}
