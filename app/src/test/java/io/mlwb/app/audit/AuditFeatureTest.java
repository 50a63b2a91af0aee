package io.mlwb.app.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.CatalogSection;
import io.mlwb.app.shell.CatalogSection.CatalogItem;
import io.mlwb.app.shell.CatalogState;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.testing.TestContext;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.project.Project;
import io.mlwb.vcs.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
 * The feature as the shell sees it, over real projects: its section item and action open the pane, and on a project
 * whose catalog file is corrupt the pane opens, says why, runs nothing and leaves the file byte for byte.
 */
@ExtendWith(ApplicationExtension.class)
class AuditFeatureTest {
    private static final byte[] GARBAGE = "definitely not a sqlite database ".repeat(100)
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private Stage stage;
    private OpenProject project;
    private Editor editor;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void closeProject() {
        if (editor != null) {
            WaitForAsyncUtils.asyncFx(editor::dispose);
        }
        if (project != null) {
            project.close();
        }
    }

    @Test
    void aCorruptCatalogOpensThePaneWithTheReasonAndLeavesTheFileAlone(FxRobot robot) throws Exception {
        Path db = project(dir);
        Files.write(db, GARBAGE);
        project = OpenProject.open(dir);
        assertEquals(CatalogState.ERROR, project.catalogState());

        List<CatalogItem> items = section().items().apply(project);
        assertEquals(List.of(new CatalogItem(Messages.get("audit.item.unreadable"), AuditFeature.REF)), items,
                "the item is still there, and opens the pane that explains");

        InlineJobs jobs = new InlineJobs();
        show(robot, new TestContext(project, jobs));

        assertTrue(robot.lookup("#unavailableBox").query().isVisible());
        String why = robot.lookup("#unavailableLabel").queryAs(Label.class).getText();
        assertEquals(Messages.format("audit.unavailable", project.catalogMessage()), why);
        assertTrue(why.contains("catalog.db"), why);
        assertTrue(robot.lookup(Messages.get("audit.unavailable.todo")).tryQuery().isPresent(), "what to do");
        assertFalse(robot.lookup("#table").queryAs(TableView.class).isVisible());
        for (String control : List.of("#refreshButton", "#verifyButton", "#loadMoreButton")) {
            assertTrue(robot.lookup(control).queryAs(Button.class).isDisabled(), control);
        }
        assertTrue(robot.lookup("#filterField").queryAs(TextField.class).isDisabled());

        assertEquals(List.of(), jobs.titles(), "nothing ran against the catalog");
        assertArrayEquals(GARBAGE, Files.readAllBytes(db), "the corrupt catalog is left as it was");
        assertFalse(Files.exists(db.resolveSibling(Project.CATALOG_FILE + "-wal")));
    }

    @Test
    void theSectionItemCountsTheEntriesAndThePaneListsThem(FxRobot robot) throws Exception {
        project(dir);
        project = OpenProject.open(dir);
        AuditTestLogs.appendFive(project.catalog().orElseThrow());

        assertEquals(List.of(new CatalogItem(Messages.format("audit.item", 5), AuditFeature.REF)),
                section().items().apply(project));

        show(robot, new TestContext(project));
        assertEquals(5, robot.lookup("#table").queryTableView().getItems().size());
        assertFalse(robot.lookup("#unavailableBox").query().isVisible());
        assertEquals(Messages.get("audit.title"), editor.title());
    }

    @Test
    void anEntryWrittenByAnotherProcessAppearsWithoutARefresh(FxRobot robot) throws Exception {
        Path db = project(dir);
        project = OpenProject.open(dir);
        AuditTestLogs.appendFive(project.catalog().orElseThrow());
        show(robot, new TestContext(project));
        assertEquals(5, robot.lookup("#table").queryTableView().getItems().size());

        try (Catalog other = Catalog.open(db)) {   // as the CLI would, on its own connection
            new AuditLog(other).append("cli <cli@example.com>", "approve_schema", "dataset", "loans", Map.of());
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#table").queryTableView().getItems().size() == 6);
        assertEquals(6, robot.lookup("#table").queryTableView().getItems().size());
    }

    @Test
    void aReadOnlyCatalogStillListsAndVerifies(FxRobot robot) throws Exception {
        Path db = project(dir);
        try (Catalog catalog = Catalog.open(db)) {
            AuditTestLogs.appendFive(catalog);
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             var st = c.createStatement()) {
            st.executeUpdate("PRAGMA user_version = " + (Catalog.supportedSchemaVersion() + 1));
        }
        project = OpenProject.open(dir);
        assertEquals(CatalogState.READ_ONLY, project.catalogState());

        show(robot, new TestContext(project));
        assertEquals(5, robot.lookup("#table").queryTableView().getItems().size());
        robot.clickOn("#verifyButton");
        assertEquals(Messages.format("audit.verify.intact", 5),
                robot.lookup("#verifyLabel").queryAs(Label.class).getText());
    }

    @Test
    void theActionOpensTheLogOfTheOpenProject() throws Exception {
        project(dir);
        project = OpenProject.open(dir);
        ActionSpec open = Contributions.of(List.of(new AuditFeature())).actions().stream()
                .filter(a -> a.id().equals(AuditFeature.OPEN_ACTION)).findFirst().orElseThrow();
        var ctx = new TestContext(project);
        assertTrue(open.enabled().test(ctx));
        assertFalse(open.enabled().test(new TestContext(null)), "needs a project");
        open.handler().accept(ctx);
        assertEquals(List.of(AuditFeature.REF), ctx.opened());
    }

    private void show(FxRobot robot, TestContext ctx) {
        Contributions c = Contributions.of(List.of(new AuditFeature()));
        robot.interact(() -> {
            editor = c.editorFor(AuditFeature.REF).orElseThrow().factory().apply(ctx, AuditFeature.REF);
            stage.setScene(new Scene((javafx.scene.Parent) editor.node(), 1000, 500));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static CatalogSection section() {
        return Contributions.of(List.of(new AuditFeature())).catalogSections().stream()
                .filter(s -> s.id().equals(AuditFeature.SECTION)).findFirst().orElseThrow();
    }

    /** Makes {@code root} a git-backed project with mlwb.yaml; returns where its catalog lives. */
    private static Path project(Path root) throws Exception {
        GitRepo.init(root).close();
        Files.writeString(root.resolve("mlwb.yaml"), "name: audited\n");
        Path db = root.resolve(Project.STATE_DIR).resolve(Project.CATALOG_FILE);
        Files.createDirectories(db.getParent());
        return db;
    }
}
