package io.mlwb.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.core.settings.Settings;
import io.mlwb.core.settings.SettingsService;
import io.mlwb.core.settings.SettingsStore;
import io.mlwb.core.settings.Theme;
import io.mlwb.workspace.ProjectInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's state without a toolkit: real projects, repositories, catalogs and settings files. */
class WorkbenchViewModelTest {
    @TempDir
    Path tmp;

    private final ProblemsModel problems = new ProblemsModel();
    private SettingsService settings;
    private WorkbenchViewModel vm;

    @BeforeEach
    void setUp() {
        SettingsStore store = new SettingsStore(tmp.resolve("config"));
        settings = new SettingsService(store, Settings.defaults());
        vm = new WorkbenchViewModel(new InlineJobs(problems), problems, settings, new ProjectInitializer("test"));
    }

    @AfterEach
    void tearDown() {
        vm.closeProjectQuietly();
        settings.close();
    }

    @Test
    void initAndOpenSetsTitleBranchCatalogStateAndRecentProjects() {
        Path dir = tmp.resolve("churn");
        vm.initAndOpen(dir, "churn", null);
        assertTrue(vm.project().isPresent(), problems.problems().toString());
        assertEquals("churn \u2013 ML Workbench", vm.titleProperty().get());
        assertEquals("main", vm.branchProperty().get());
        assertFalse(vm.dirtyProperty().get());
        assertEquals(CatalogState.READ_WRITE, vm.catalogStateProperty().get());
        assertEquals(List.of(dir.toAbsolutePath()), vm.recentProjects());
        assertEquals(dir.toAbsolutePath(), settings.current().lastProject());
        assertTrue(problems.problems().isEmpty(), problems.problems().toString());
    }

    @Test
    void theCloseGuardIsAskedBeforeTheProjectGoesAndCanStopIt() {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        List<Runnable> asked = new java.util.ArrayList<>();
        vm.setCloseGuard(asked::add); // holds every change until the test lets it through
        vm.initAndOpen(a, "a", null);
        assertTrue(asked.isEmpty(), "nothing open: nothing to ask about");
        assertEquals("a", vm.project().orElseThrow().name());

        vm.closeProject();
        vm.initAndOpen(b, "b", null);
        vm.open(b, null);
        vm.openForReview(a, "HEAD", null);
        assertEquals(4, asked.size(), "close, new project, open and review each ask first");
        assertEquals("a", vm.project().orElseThrow().name(), "cancelled: the project stays");
        assertFalse(java.nio.file.Files.exists(b.resolve("mlwb.yaml")), "nothing was made before the answer");

        asked.get(1).run(); // the person saved or discarded: the new project is made and opened, asked once
        assertEquals("b", vm.project().orElseThrow().name());
        assertEquals(4, asked.size());
        asked.get(0).run();
        assertTrue(vm.project().isEmpty());
    }

    @Test
    void editingATrackedFileMakesTheTreeDirtyAfterRefresh() throws Exception {
        Path dir = tmp.resolve("p");
        vm.initAndOpen(dir, null, null);
        Files.writeString(dir.resolve("mlwb.yaml"), Files.readString(dir.resolve("mlwb.yaml")) + "# edit\n");
        vm.refreshGitState();
        assertTrue(vm.dirtyProperty().get());
    }

    @Test
    void openingAFolderThatIsNotAGitRepositoryReportsAUserError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plain"));
        vm.open(dir, null);
        assertTrue(vm.project().isEmpty());
        assertEquals(1, problems.problems().size());
        assertTrue(problems.problems().get(0).message().contains("git repository"), problems.problems().toString());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aMalformedConfigStillOpensTheProjectAndListsTheError() throws Exception {
        Path dir = tmp.resolve("p");
        new ProjectInitializer("test").init(dir, "p");
        Files.writeString(dir.resolve("mlwb.yaml"), "name: p\ntraining:\n  seed: abc\n");
        vm.open(dir, null);
        assertTrue(vm.project().isPresent());
        assertTrue(vm.project().get().config().isEmpty());
        assertTrue(problems.problems().stream().anyMatch(p -> p.message().contains("mlwb.yaml:3:")),
                problems.problems().toString());
    }

    @Test
    void themeIsRememberedInSettings() {
        assertEquals(Theme.LIGHT, vm.themeProperty().get());
        vm.toggleTheme();
        assertEquals(Theme.DARK, settings.current().appearance().theme());
    }

    @Test
    void tabsAreSavedPerProjectAndRestored() {
        Path dir = tmp.resolve("p");
        vm.initAndOpen(dir, null, null);
        vm.saveTabs(List.of(ItemRef.file("mlwb.yaml"), new ItemRef("run", "7")), 1);
        vm.closeProject();
        assertNull(settings.current().lastProject());
        assertTrue(vm.savedTabs().isEmpty());
        vm.open(dir, null);
        assertEquals(List.of(ItemRef.file("mlwb.yaml"), new ItemRef("run", "7")), vm.savedTabs());
        assertEquals(1, vm.savedSelectedTab());
    }

    @Test
    void sampleIsCopiedNeverWrittenInPlaceAndOpened() throws Exception {
        Path sample = Files.createDirectories(tmp.resolve("bundled/credit-risk/data"));
        Files.writeString(sample.getParent().resolve("mlwb.yaml"), "name: credit-risk\n");
        Files.writeString(sample.resolve("a.csv"), "x\n1\n");
        Path target = tmp.resolve("home/mlwb-projects/credit-risk");
        vm.installSampleAndOpen(sample.getParent(), target, null);
        assertTrue(vm.project().isPresent(), problems.problems().toString());
        assertEquals(target.toAbsolutePath(), vm.project().get().root());
        assertFalse(Files.exists(sample.getParent().resolve(".git")), "the bundled copy is never written");
        assertFalse(Files.exists(sample.getParent().resolve(".mlwb")));
        assertTrue(Files.isDirectory(target.resolve(".git")));
    }
}
