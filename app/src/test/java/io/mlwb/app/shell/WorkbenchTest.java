package io.mlwb.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.MlwbApp;
import io.mlwb.app.git.GitFeature;
import io.mlwb.app.problems.Problem;
import io.mlwb.app.problems.Severity;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.settings.SettingsStore;
import io.mlwb.core.settings.TabRef;
import io.mlwb.core.settings.Theme;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole workbench, headless: the real features, jobs, settings and a copy of the bundled credit-risk sample
 * made into a real repository.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchTest {
    @TempDir
    static Path tmp;

    private MlwbApp.Started started;
    private Path config;
    private Workbench wb;

    @Start
    void start(Stage stage) throws Exception {
        config = Files.createDirectories(tmp.resolve("config-" + System.nanoTime()));
        started = MlwbApp.build(stage, config);
        wb = started.workbench();
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wb.dispose()).get(20, TimeUnit.SECONDS);
        started.settings().close();
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("sample-projects"))) {
            p = p.getParent();
        }
        return p;
    }

    private Path openSample(FxRobot robot) throws Exception {
        Path target = tmp.resolve("projects-" + System.nanoTime()).resolve("credit-risk");
        Path sample = repoRoot().resolve("sample-projects/credit-risk");
        robot.interact(() -> wb.viewModel().installSampleAndOpen(sample, target, null));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> wb.project().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return target;
    }

    @Test
    void welcomeScreenShowsWithoutAProject(FxRobot robot) {
        assertTrue(robot.lookup("#welcome").tryQuery().isPresent());
        assertTrue(robot.lookup("#welcomeSample").tryQuery().isPresent());
        assertEquals(WorkbenchViewModel.PRODUCT, robot.window(0).getScene().getWindow() instanceof Stage s ? s.getTitle() : "");
    }

    @Test
    void openingTheSampleShowsItsFilesTitleBranchAndCatalog(FxRobot robot) throws Exception {
        Path project = openSample(robot);
        assertTrue(Files.isRegularFile(project.resolve(".mlwb/catalog.db")));
        try (GitRepo repo = GitRepo.open(project)) {
            assertEquals(1, repo.history(0, 5).size());
            assertTrue(repo.status().clean());
        }
        Stage stage = (Stage) wb.window();
        assertEquals("credit-risk \u2013 ML Workbench", stage.getTitle());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#statusBranch").queryAs(Label.class)
                .getText().startsWith("main"));
        assertEquals("Catalog read-write", robot.lookup("#statusCatalog").queryAs(Label.class).getText());
        TreeView<?> tree = robot.lookup(".tree-view").queryAs(TreeView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("mlwb.yaml").tryQuery().isPresent());
        assertTrue(robot.lookup("data").tryQuery().isPresent());
        assertTrue(robot.lookup("README.md").tryQuery().isPresent());
        assertTrue(tree.getRoot().isExpanded());
    }

    @Test
    void openAndCloseTabsAndTheyComeBackAfterReopening(FxRobot robot) throws Exception {
        Path project = openSample(robot);
        robot.interact(() -> wb.open(ItemRef.file("mlwb.yaml")));
        robot.interact(() -> wb.open(ItemRef.file("README.md")));
        robot.interact(() -> wb.open(ItemRef.file("mlwb.yaml")));   // selects, does not duplicate
        TabPane tabs = robot.lookup("#editorTabs").queryAs(TabPane.class);
        assertEquals(2, tabs.getTabs().size());
        assertEquals("mlwb.yaml", tabs.getSelectionModel().getSelectedItem().getText());
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, tabs.getTabs().size());
        assertEquals("README.md", tabs.getTabs().get(0).getText());

        robot.interact(() -> wb.viewModel().closeProject());
        assertTrue(robot.lookup("#welcome").tryQuery().isPresent());
        robot.interact(() -> wb.viewModel().open(project, null));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> wb.openTabs().size() == 1);
        assertEquals(ItemRef.file("README.md"), wb.openTabs().get(0));
    }

    @Test
    void themeToggleSwitchesToDarkAndIsRemembered(FxRobot robot) {
        assertEquals(Theme.LIGHT, wb.viewModel().themeProperty().get());
        robot.interact(() -> wb.runAction("view.theme"));
        assertEquals(Theme.DARK, wb.viewModel().themeProperty().get());
        assertTrue(wb.scene().getRoot().getPseudoClassStates().contains(PseudoClass.getPseudoClass("dark")));
        assertEquals(Theme.DARK, started.settings().current().appearance().theme());
        robot.interact(() -> wb.runAction("view.theme"));
        assertEquals(Theme.LIGHT, wb.viewModel().themeProperty().get());
    }

    @Test
    void commandPaletteFindsAndRunsAnAction(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(wb.palette().showing());
        robot.write("toggle light");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(wb.palette().showing());
        assertEquals(Theme.DARK, wb.viewModel().themeProperty().get());
    }

    @Test
    void toolWindowsCanBeHiddenAndShownAgain(FxRobot robot) throws Exception {
        openSample(robot);
        assertTrue(wb.toolVisible("log"));
        robot.interact(() -> wb.setToolVisible("log", false));
        assertFalse(wb.toolVisible("log"));
        assertEquals(Boolean.FALSE, started.settings().current().window().toolWindowsVisible().get("log"));
        robot.interact(() -> wb.selectTool("log"));
        assertTrue(wb.toolVisible("log"));
    }

    @Test
    void aCorruptCatalogOpensTheProjectWithAnErrorAndLeavesTheFileUntouched(FxRobot robot) throws Exception {
        Path project = openSample(robot);
        robot.interact(() -> wb.viewModel().closeProject());
        Path db = project.resolve(".mlwb/catalog.db");
        Files.deleteIfExists(project.resolve(".mlwb/catalog.db-wal"));
        Files.deleteIfExists(project.resolve(".mlwb/catalog.db-shm"));
        byte[] garbage = "definitely not a sqlite database ".repeat(100).getBytes();
        Files.write(db, garbage);
        robot.interact(() -> wb.viewModel().open(project, null));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> wb.project().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(CatalogState.ERROR, wb.project().orElseThrow().catalogState());
        assertEquals("Catalog error", robot.lookup("#statusCatalog").queryAs(Label.class).getText());
        assertTrue(wb.problems().problems().stream().anyMatch(p -> p.message().contains("catalog.db")),
                wb.problems().problems().toString());
        assertTrue(java.util.Arrays.equals(garbage, Files.readAllBytes(db)), "the corrupt catalog is left as it was");
        assertTrue(robot.lookup("mlwb.yaml").tryQuery().isPresent(), "the files are still there to work with");
    }

    @Test
    void settingsFileIsWrittenWithTheOpenProject(FxRobot robot) throws Exception {
        Path project = openSample(robot);
        assertTrue(started.settings().flush());
        String json = Files.readString(config.resolve(SettingsStore.FILE_NAME));
        assertTrue(json.contains(project.toString()), json);
    }

    @Test
    void theToolbarShowsWhatTheFeaturesRegisteredInOrderEnabledAsTheirActionsAre(FxRobot robot) throws Exception {
        ToolBar bar = robot.lookup("#toolBar").queryAs(ToolBar.class);
        assertEquals(wb.contributions().toolbar().stream().map(t -> "tool-" + t.actionId()).toList(),
                bar.getItems().stream().map(javafx.scene.Node::getId).toList());
        assertTrue(Contributions.discover().toolbar().stream().allMatch(t -> bar.getItems().stream()
                .anyMatch(n -> ("tool-" + t.actionId()).equals(n.getId()))), "every feature entry is shown");
        Button commit = (Button) bar.getItems().stream().filter(n -> ("tool-" + GitFeature.COMMIT).equals(n.getId()))
                .findFirst().orElseThrow();
        assertTrue(commit.isDisabled(), "no project: nothing to commit");
        openSample(robot);
        assertFalse(commit.isDisabled(), "a project is open: Commit… is available");
    }

    @Test
    void theMenuBarHasTheShellsAndTheFeaturesMenusInOrder(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        List<String> expected = wb.contributions().menus().stream().map(m -> Messages.get(m.titleKey())).toList();
        assertEquals(expected, bar.getMenus().stream().map(javafx.scene.control.Menu::getText).toList());
        assertTrue(bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .anyMatch(i -> ("action-" + GitFeature.COMMIT).equals(i.getId())));
    }

    @Test
    void switchingProjectsKeepsEachProjectsSavedTabs(FxRobot robot) throws Exception {
        Path sample = repoRoot().resolve("sample-projects/credit-risk");
        Path base = tmp.resolve("switch-" + System.nanoTime());
        Path b = base.resolve("b").resolve("credit-risk");
        Path a = base.resolve("a").resolve("credit-risk");
        robot.interact(() -> wb.viewModel().installSampleAndOpen(sample, b, null));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> wb.project().map(p -> p.root().endsWith(
                Path.of("b", "credit-risk"))).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> wb.open(ItemRef.file("README.md")));
        Path bRoot = wb.project().orElseThrow().root();
        robot.interact(() -> wb.viewModel().installSampleAndOpen(sample, a, null));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> wb.project().map(p -> p.root().endsWith(
                Path.of("a", "credit-risk"))).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> wb.open(ItemRef.file("mlwb.yaml")));
        Path aRoot = wb.project().orElseThrow().root();

        robot.interact(() -> wb.viewModel().open(bRoot, null));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> wb.project().map(p -> p.root().equals(bRoot))
                .orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(ItemRef.file("README.md")), wb.openTabs());
        assertEquals(List.of(new TabRef("file", "README.md")),
                started.settings().current().session(bRoot).openTabs());
        assertEquals(List.of(new TabRef("file", "mlwb.yaml")),
                started.settings().current().session(aRoot).openTabs());
    }

    @Test
    void aToolWindowHiddenBeforeARestartIsUncheckedInTheViewMenu(FxRobot robot) throws Exception {
        assertTrue(toggle(wb, "log").isSelected());
        robot.interact(() -> wb.setToolVisible("log", false));
        robot.interact(() -> wb.dispose());
        assertTrue(started.settings().flush());
        MlwbApp.Started[] again = new MlwbApp.Started[1];
        robot.interact(() -> again[0] = MlwbApp.build(new Stage(), config));
        try {
            Workbench restarted = again[0].workbench();
            assertFalse(restarted.toolVisible("log"));
            assertFalse(toggle(restarted, "log").isSelected(), "the View menu matches the saved layout");
            assertTrue(toggle(restarted, "problems").isSelected());
        } finally {
            robot.interact(() -> again[0].workbench().dispose());
            again[0].settings().close();
        }
    }

    @Test
    void aFailedSettingsSaveIsReportedOnTheFxThread(FxRobot robot) throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("config-file-" + System.nanoTime()), "a file, not a folder");
        MlwbApp.Started[] broken = new MlwbApp.Started[1];
        robot.interact(() -> broken[0] = MlwbApp.build(new Stage(), notAFolder));
        Workbench w = broken[0].workbench();
        List<Boolean> onFx = new CopyOnWriteArrayList<>();
        robot.interact(() -> w.problems().problems().addListener(
                (ListChangeListener<Problem>) c -> onFx.add(Platform.isFxApplicationThread())));
        try {
            robot.interact(() -> w.viewModel().toggleTheme());   // schedules a save, which fails in the background
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !onFx.isEmpty());
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(onFx.stream().allMatch(Boolean::booleanValue), "Problems changed off the FX thread: " + onFx);
            assertTrue(w.problems().problems().stream().anyMatch(p -> p.severity() == Severity.WARNING),
                    w.problems().problems().toString());
        } finally {
            robot.interact(w::dispose);
            broken[0].settings().close();
        }
    }

    private static CheckMenuItem toggle(Workbench w, String toolId) {
        MenuBar bar = (MenuBar) w.scene().lookup("#menuBar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> ("toggle-" + toolId).equals(i.getId())).map(CheckMenuItem.class::cast)
                .findFirst().orElseThrow();
    }
}
