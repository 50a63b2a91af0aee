package io.mlwb.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    private static Settings sample(Path tmp) {
        Path project = tmp.resolve("credit-risk");
        return Settings.defaults()
                .withAppearance(new AppearanceSettings(Theme.DARK, 15.5))
                .withProjectOpened(tmp.resolve("old"))
                .withProjectOpened(project)
                .withWindow(WindowLayout.defaults().withBounds(40, 60.5, 1400, 900).withMaximized(true)
                        .withDivider("main", 0.3).withDivider("bottom", 0.75)
                        .withToolWindowVisible("jobs", true).withToolWindowVisible("log", false)
                        .withSelectedBottomTool("jobs"))
                .withSession(project, new ProjectSession(List.of(new TabRef("file", "data/applications_2023.csv"),
                        new TabRef("run", "42")), 1));
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void roundTripKeepsEverything(@TempDir Path tmp) throws IOException {
        SettingsStore store = new SettingsStore(tmp.resolve("cfg"));
        Settings s = sample(tmp);
        store.save(s);
        LoadResult loaded = store.load();
        assertEquals(s, loaded.settings());
        assertEquals(List.of(), loaded.warnings());
        assertEquals(List.of("settings.json"), files(tmp.resolve("cfg")), "no temp file or backup left");
    }

    @Test
    void centredWindowRoundTripsAsNull(@TempDir Path tmp) throws IOException {
        SettingsStore store = new SettingsStore(tmp);
        store.save(Settings.defaults());
        assertTrue(Files.readString(store.file()).contains("\"x\" : null"));
        LoadResult loaded = store.load();
        assertEquals(Settings.defaults(), loaded.settings());
        assertTrue(loaded.settings().window().centred());
    }

    @Test
    void noFileMeansDefaultsWithoutWarnings(@TempDir Path tmp) {
        LoadResult loaded = new SettingsStore(tmp.resolve("never-created")).load();
        assertEquals(Settings.defaults(), loaded.settings());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void missingFieldsTakeDefaultsSilentlyAndUnknownFieldsAreIgnored(@TempDir Path tmp) throws IOException {
        SettingsStore store = new SettingsStore(tmp);
        Files.writeString(store.file(), """
                {"appearance": {"theme": "dark", "futureOption": [1, 2]}, "plugins": {"x": 1}, "window": {}}
                """);
        LoadResult loaded = store.load();
        assertEquals(Settings.defaults().withAppearance(AppearanceSettings.defaults().withTheme(Theme.DARK)),
                loaded.settings());
        assertEquals(List.of(), loaded.warnings());
    }

    /** Each case breaks one field; only that field resets, with one warning naming it. */
    @Test
    void eachInvalidFieldDefaultsOnItsOwnWithAWarning(@TempDir Path tmp) throws IOException {
        SettingsStore store = new SettingsStore(tmp);
        Settings good = sample(tmp);
        String key = Settings.key(tmp.resolve("credit-risk"));
        // replace `find` with `replace` in the saved file; expect `expected` and one warning containing `warns`
        record Case(String find, String replace, Settings expected, String warns) { }
        List<Case> cases = List.of(
                new Case("\"theme\" : \"dark\"", "\"theme\" : \"purple\"",
                        good.withAppearance(good.appearance().withTheme(Theme.LIGHT)), "appearance.theme \"purple\""),
                new Case("\"fontSize\" : 15.5", "\"fontSize\" : \"big\"",
                        good.withAppearance(good.appearance().withFontSize(13)), "appearance.fontSize \"big\""),
                new Case("\"fontSize\" : 15.5", "\"fontSize\" : 40",
                        good.withAppearance(good.appearance().withFontSize(24)), "appearance.fontSize 40 is outside 9..24"),
                new Case("\"width\" : 1400.0", "\"width\" : -5",
                        good.withWindow(good.window().withBounds(40, 60.5, 1280, 900)), "window.width -5"),
                new Case("\"x\" : 40.0", "\"x\" : \"left\"",
                        good.withWindow(good.window().withBounds(Double.NaN, 60.5, 1400, 900)), "window.x \"left\""),
                new Case("\"maximized\" : true", "\"maximized\" : \"yes\"",
                        good.withWindow(good.window().withMaximized(false)), "window.maximized \"yes\""),
                new Case("\"main\" : 0.3", "\"main\" : 7",
                        good.withWindow(new WindowLayout(40, 60.5, 1400, 900, true, Map.of("bottom", 0.75),
                                good.window().toolWindowsVisible(), "jobs")), "window.dividers.main 7"),
                new Case("\"log\" : false", "\"log\" : 0",
                        good.withWindow(new WindowLayout(40, 60.5, 1400, 900, true, good.window().dividers(),
                                Map.of("jobs", true), "jobs")), "window.toolWindowsVisible.log 0"),
                new Case("\"selectedTab\" : 1", "\"selectedTab\" : 9",
                        good.withSession(tmp.resolve("credit-risk"), good.session(tmp.resolve("credit-risk"))
                                .withSelectedTab(0)), ".selectedTab 9"),
                new Case("\"kind\" : \"run\"", "\"kind\" : 3",
                        good.withSession(tmp.resolve("credit-risk"), new ProjectSession(List.of(
                                new TabRef("file", "data/applications_2023.csv")), 0)), ".openTabs[1]"),
                new Case("\"lastProject\" : \"", "\"lastProject\" : \"relative/",
                        good.withLastProject(null), "lastProject \"relative/"),
                new Case("\"recentProjects\" : [", "\"recentProjects\" : [ 17, ",
                        good, "recentProjects[0] 17"),
                new Case("\"appearance\" : {", "\"appearance\" : 5, \"ignored\" : {",
                        good.withAppearance(AppearanceSettings.defaults()), "appearance 5 is not an object"));
        store.save(good);
        String json = Files.readString(store.file());
        assertTrue(json.contains(key.replace("\\", "\\\\")), json);
        for (Case c : cases) {
            assertTrue(json.contains(c.find()), c.find() + " in " + json);
            Files.writeString(store.file(), json.replaceFirst(Pattern.quote(c.find()),
                    Matcher.quoteReplacement(c.replace())));
            LoadResult loaded = store.load();
            assertEquals(c.expected(), loaded.settings(), c.warns());
            assertEquals(1, loaded.warnings().size(), c.warns() + ": " + loaded.warnings());
            String warning = loaded.warnings().get(0);
            assertTrue(warning.startsWith("Settings file " + SettingsStore.display(store.file()) + ": "), warning);
            assertTrue(warning.contains(c.warns()), warning);
        }
    }

    @Test
    void garbageFileRestoresBackupAndKeepsTheCorruptCopy(@TempDir Path tmp) throws IOException {
        SettingsStore store = new SettingsStore(tmp, FIXED);
        Settings older = sample(tmp);
        store.save(older);
        store.save(older.withAppearance(AppearanceSettings.defaults())); // older is now the backup
        Files.writeString(store.file(), "{\"appearance\": {\"theme\": \"da");   // truncated by a crash
        LoadResult loaded = store.load();
        assertEquals(older, loaded.settings());
        assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
        String w = loaded.warnings().get(0);
        assertTrue(w.startsWith("Settings file " + SettingsStore.display(store.file()) + " was corrupt"), w);
        assertTrue(w.contains("restored from the backup"), w);
        assertTrue(w.contains("settings.json.corrupt-20260304-050607"), w);
        assertEquals("{\"appearance\": {\"theme\": \"da",
                Files.readString(tmp.resolve("settings.json.corrupt-20260304-050607")));
        assertFalse(Files.exists(store.file()), "the corrupt file must not become the next backup");

        // the next save keeps the good backup and writes a fresh file
        store.save(loaded.settings());
        assertEquals(older, store.load().settings());
        assertEquals(List.of(), store.load().warnings());
        assertEquals(List.of("settings.json", "settings.json.bak", "settings.json.corrupt-20260304-050607"), files(tmp));
    }

    @Test
    void secondCorruptionOnTheSameSecondGetsItsOwnCopy(@TempDir Path tmp) throws IOException {
        SettingsStore store = new SettingsStore(tmp, FIXED);
        Files.writeString(store.file(), "one");
        store.load();
        Files.writeString(store.file(), "two");
        store.load();
        assertEquals("one", Files.readString(tmp.resolve("settings.json.corrupt-20260304-050607")));
        assertEquals("two", Files.readString(tmp.resolve("settings.json.corrupt-20260304-050607-1")));
    }

    @Test
    void garbageFileAndGarbageBackupGiveDefaults(@TempDir Path tmp) throws IOException {
        SettingsStore store = new SettingsStore(tmp, FIXED);
        Files.write(store.file(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        Files.writeString(store.backupFile(), "[1, 2, 3]");
        LoadResult loaded = store.load();
        assertEquals(Settings.defaults(), loaded.settings());
        assertEquals(1, loaded.warnings().size());
        String w = loaded.warnings().get(0);
        assertTrue(w.contains("was corrupt"), w);
        assertTrue(w.contains("the backup was corrupt too; using the default settings"), w);
        assertTrue(Files.exists(tmp.resolve("settings.json.corrupt-20260304-050607")));
        assertEquals("[1, 2, 3]", Files.readString(store.backupFile()), "the backup is left alone");
    }

    @Test
    void emptyFileOrTrailingGarbageOrNonObjectCountsAsCorrupt(@TempDir Path tmp) throws IOException {
        for (String text : List.of("", "   \n", "{} trailing", "\"just a string\"", "null")) {
            Path dir = Files.createTempDirectory(tmp, "case");
            SettingsStore store = new SettingsStore(dir);
            Files.writeString(store.file(), text);
            LoadResult loaded = store.load();
            assertEquals(Settings.defaults(), loaded.settings(), text);
            assertEquals(1, loaded.warnings().size(), text);
            assertTrue(loaded.warnings().get(0).contains("was corrupt"), text + ": " + loaded.warnings());
        }
    }

    @Test
    void missingFileWithBackupRestoresTheBackup(@TempDir Path tmp) throws IOException {
        SettingsStore store = new SettingsStore(tmp);
        store.save(sample(tmp));
        Files.move(store.file(), store.backupFile());
        LoadResult loaded = store.load();
        assertEquals(sample(tmp), loaded.settings());
        assertTrue(loaded.warnings().get(0).contains("was missing; restored from the backup"), loaded.warnings().toString());
    }

    @Test
    void saveKeepsThePreviousFileAsBackup(@TempDir Path tmp) throws IOException {
        SettingsStore store = new SettingsStore(tmp.resolve("a/b"));
        store.save(Settings.defaults());
        assertFalse(Files.exists(store.backupFile()), "nothing to back up on the first save");
        String first = Files.readString(store.file());
        store.save(sample(tmp));
        assertEquals(first, Files.readString(store.backupFile()));
        String second = Files.readString(store.file());
        store.save(Settings.defaults());
        assertEquals(second, Files.readString(store.backupFile()));
        assertEquals(List.of("settings.json", "settings.json.bak"), files(tmp.resolve("a/b")));
    }

    @Test
    void failedSaveLeavesThePreviousFileAndNoTempFile(@TempDir Path tmp) throws IOException {
        SettingsStore store = new SettingsStore(tmp);
        store.save(Settings.defaults());
        String before = Files.readString(store.file());
        Files.createDirectory(store.backupFile()); // a folder where the backup should go: the copy fails
        Files.writeString(store.backupFile().resolve("x"), "keep the folder non-empty");
        assertThrows(IOException.class, () -> store.save(sample(tmp)));
        assertEquals(before, Files.readString(store.file()));
        assertEquals(List.of("settings.json", "settings.json.bak"), files(tmp));
    }

    @Test
    void defaultDirFollowsXdgConfigHome(@TempDir Path tmp) {
        assertEquals(tmp.resolve("mlwb"), SettingsStore.defaultDir(Map.of("XDG_CONFIG_HOME", tmp.toString())));
        Path home = Path.of(System.getProperty("user.home"), ".config", "mlwb");
        assertEquals(home, SettingsStore.defaultDir(Map.of()));
        assertEquals(home, SettingsStore.defaultDir(Map.of("XDG_CONFIG_HOME", "")));
        assertEquals(home, SettingsStore.defaultDir(Map.of("XDG_CONFIG_HOME", "relative/cfg")), "XDG: relative is invalid");
    }

    @Test
    void fileIsSettingsJsonInTheFolder(@TempDir Path tmp) {
        assertEquals(tmp.resolve("settings.json"), new SettingsStore(tmp).file());
    }
}
