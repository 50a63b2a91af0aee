package io.mlwb.app.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.ToolWindow;
import io.mlwb.app.testing.TestContext;
import io.mlwb.app.tracking.TrackingFeature;
import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
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
 * The registry panes as the shell opens them, over a real project: a model's pane with two versions where an alias is
 * set and a version retired through the dialogs; the Models tool window opening a model; Register model from the runs
 * table's context menu, stopped by a breaking signature and registered anyway.
 */
@ExtendWith(ApplicationExtension.class)
class RegistryPaneTest {
    @TempDir
    Path dir;

    private Stage stage;
    private RegistryProject p;
    private Editor editor;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (editor != null) {
            WaitForAsyncUtils.asyncFx(editor::dispose);
        }
        if (p != null) {
            p.close();
        }
    }

    @Test
    void anAliasIsSetAndAVersionRetiredThroughTheDialogs(FxRobot robot) throws Exception {
        p = new RegistryProject(dir);
        long run1 = p.run("baseline", RegistryProject.SIG, 0.004);
        p.registry().register(run1, "churn", "champion", "the baseline", false, "ada");
        p.registry().register(p.run("tuned", RegistryProject.SIG, 0.25), "churn", null, null, false, "bob");
        TestContext ctx = new TestContext(p.project);
        show(robot, ctx, new RegistryFeature(), RegistryFeature.ref("churn"));
        assertEquals("churn", editor.title());
        TableView<ModelVersion> table = versions(robot);
        assertEquals(2, table.getItems().size());
        assertEquals("churn@2", robot.lookup("#versionRef").queryAs(Label.class).getText(), "the newest selected");

        robot.clickOn("v1");
        assertEquals("churn@1", robot.lookup("#versionRef").queryAs(Label.class).getText());
        assertEquals("the baseline", robot.lookup("#versionDescription").queryAs(Label.class).getText());
        robot.clickOn("#setAliasButton");
        robot.clickOn("#aliasBox .text-field").write("challenger");
        robot.clickOn("#aliasOk");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Map.of("champion", 1, "challenger", 1), p.registry().model("churn").orElseThrow().aliases());
        assertTrue(robot.lookup(".alias-chip").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().equals("challenger")), "shown as a chip");

        robot.clickOn("#retireButton");
        robot.clickOn("#retireRationale").write("AUC below the tuned run");
        robot.clickOn("#retireOk");
        WaitForAsyncUtils.waitForFxEvents();
        ModelVersion v1 = p.registry().resolve(ModelRef.parse("churn@1"));
        assertTrue(v1.retired());
        assertEquals("churn@2", v1.successor(), "the newer version in service is proposed");
        assertEquals("AUC below the tuned run", v1.retireRationale());
        assertEquals(Map.of(), p.registry().model("churn").orElseThrow().aliases());
        assertEquals("churn@1", robot.lookup("#versionRef").queryAs(Label.class).getText(), "still selected");
        String retirement = robot.lookup("#versionRetirement").queryAs(Label.class).getText();
        assertTrue(retirement.contains("AUC below the tuned run") && retirement.contains("churn@2"), retirement);
        assertTrue(robot.lookup("#retireButton").queryAs(Button.class).isDisabled());
        TableRow<?> row = robot.lookup(".retired-row").queryAs(TableRow.class);
        assertEquals(1, ((ModelVersion) row.getItem()).version());
        assertTrue(row.getTooltip().getText().contains("AUC below the tuned run"));
        assertEquals(List.of(), ctx.problems().problems(), "nothing reported");

        robot.clickOn("#" + "openRunButton");
        assertEquals(List.of(new ItemRef("run.detail", Long.toString(run1))), ctx.opened());
    }

    @Test
    void theModelsToolWindowListsModelsAndOpensOne(FxRobot robot) throws Exception {
        p = new RegistryProject(dir);
        p.registry().register(p.run("a", RegistryProject.SIG, 0.5), "churn", "champion", null, false, "ada");
        TestContext ctx = new TestContext(p.project);
        ToolWindow[] w = new ToolWindow[1];
        robot.interact(() -> {
            w[0] = Contributions.of(List.of(new RegistryFeature())).toolWindows().get(0).factory().apply(ctx);
            stage.setScene(new Scene((Parent) w[0].node(), 900, 300));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> models = robot.lookup("#modelsTable").queryAs(TableView.class);
        assertEquals(List.of(new ModelsViewModel.Row("churn", 1, "champion → v1", "v1", "$0.50")), models.getItems());
        robot.doubleClickOn("churn");
        assertEquals(List.of(RegistryFeature.ref("churn")), ctx.opened());
        robot.interact(w[0]::dispose);
    }

    @Test
    void registerModelFromTheRunsTableStopsAtABreakingSignatureThenRegistersAnyway(FxRobot robot) throws Exception {
        p = new RegistryProject(dir);
        p.registry().register(p.run("first", RegistryProject.SIG, null), "churn", null, null, false, "ada");
        p.run("retyped", RegistryProject.RETYPED, null);
        TestContext ctx = new TestContext(p.project);
        show(robot, ctx, new TrackingFeature(), TrackingFeature.REF);
        robot.clickOn("retyped");
        // Monocle's headless robot sends no context-menu request on a right click: open the table's menu as one would
        javafx.scene.control.Control runs = robot.lookup("#runsTable").queryAs(javafx.scene.control.Control.class);
        robot.interact(() -> runs.getContextMenu().show(runs, javafx.geometry.Side.TOP, 40, 60));
        robot.clickOn(Messages.get("registry.register.action"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("churn", robot.lookup("#registerName .text-field").queryTextInputControl().getText(),
                "the registered name is proposed");
        robot.clickOn("#registerOk");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("• inputs.plan: kind categorical → numeric (breaking)",
                robot.lookup("#breakingChanges").queryAs(Label.class).getText());
        Button ok = robot.lookup("#registerOk").queryAs(Button.class);
        assertEquals(Messages.get("registry.register.anyway"), ok.getText());
        assertEquals(1, p.registry().model("churn").orElseThrow().versions().size());
        assertEquals(List.of(), ctx.problems().problems(), "an expected refusal is not a problem");
        robot.clickOn(ok);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, p.registry().model("churn").orElseThrow().versions().size());
        assertTrue(robot.lookup("#registerOk").tryQuery().isEmpty(), "the dialog closed");
        assertEquals(List.of(RegistryFeature.ref("churn")), ctx.opened(), "the model's pane opens");
    }

    @SuppressWarnings("unchecked")
    private static TableView<ModelVersion> versions(FxRobot robot) {
        return robot.lookup("#versionsTable").queryAs(TableView.class);
    }

    private void show(FxRobot robot, TestContext ctx, io.mlwb.app.shell.Feature feature, ItemRef ref) {
        Contributions c = Contributions.of(List.of(feature));
        robot.interact(() -> {
            editor = c.editorFor(ref).orElseThrow().factory().apply(ctx, ref);
            Node node = editor.node();
            stage.setScene(new Scene((Parent) node, 1200, 700));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
