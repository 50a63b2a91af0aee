package io.mlwb.app.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.registry.RegistryFeature;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.testing.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
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
 * The card editor as the shell opens it, over a real project: a form edit shows in the source, the tab is dirty,
 * Ctrl+S writes the file; the card file opened from the project tree opens the editor; the registry's Card button
 * writes and opens the card of a model that has none.
 */
@ExtendWith(ApplicationExtension.class)
class CardEditorPaneTest {
    @TempDir
    Path dir;

    private Stage stage;
    private CardProject p;
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
    void aFormEditUpdatesTheSourceAndCtrlSWritesTheFile(FxRobot robot) throws Exception {
        p = new CardProject(dir, "medium");
        TestContext ctx = new TestContext(p.project);
        show(robot, ctx, new ModelCardFeature(), ModelCardFeature.ref("credit"));
        assertEquals("credit card", editor.title());
        TextArea source = robot.lookup("#cardSource").queryAs(TextArea.class);
        assertEquals(Files.readString(p.card), source.getText());
        assertTrue(robot.lookup("#cardSections").queryAs(Label.class).getText().startsWith("Required sections 0/"));
        assertEquals("draft", robot.lookup("#cardStatus").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#actingAs").queryAs(Label.class).getText().contains("@"));

        robot.clickOn("#field-license").eraseText(12).write("mit");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(source.getText().contains("\nlicense: mit\n"), source.getText());
        robot.clickOn("#section-1").write("Pre-screening of loan applications.");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(source.getText().contains("## Intended use\n\n"), source.getText());
        assertTrue(source.getText().contains("Pre-screening of loan applications."));
        assertTrue(editor.dirty().get());
        assertTrue(robot.lookup("#cardSections").queryAs(Label.class).getText().startsWith("Required sections 1/"));
        assertTrue(robot.lookup("#submitCardButton").queryAs(Button.class).isDisabled(), "save first");

        robot.press(KeyCode.CONTROL).press(KeyCode.S).release(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(source.getText(), Files.readString(p.card));
        assertFalse(editor.dirty().get());
        assertEquals("Saved.", robot.lookup("#cardMessage").queryAs(Label.class).getText());
        assertEquals(List.of(), ctx.problems().problems(), "nothing reported");

        // a source edit reaches the form when the source loses focus
        robot.interact(() -> {
            source.requestFocus();
            source.setText(source.getText().replace("license: mit", "license: bsd-3-clause"));
        });
        robot.clickOn("#field-owner");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("bsd-3-clause", robot.lookup("#field-license").queryAs(TextField.class).getText());
    }

    @Test
    void theCardFileOpensTheEditorAndTheRegistryButtonWritesAMissingCard(FxRobot robot) throws Exception {
        p = new CardProject(dir, "low");
        Contributions c = Contributions.of(List.of(new ModelCardFeature()));
        assertEquals(ModelCardFeature.KIND, c.editorFor(ItemRef.file("model-cards/credit.md")).orElseThrow().id());
        assertTrue(c.editorFor(ItemRef.file("data/credit.md")).isEmpty());

        Files.delete(p.card);
        p.catalog.inTransaction("forget the card", conn -> {
            try (var st = conn.createStatement()) {
                st.executeUpdate("DELETE FROM model_card");
            }
            return null;
        });
        TestContext ctx = new TestContext(p.project);
        show(robot, ctx, new RegistryFeature(), RegistryFeature.ref("credit"));
        robot.clickOn("#modelCardButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.exists(p.card), "written for the selected version");
        assertEquals(List.of(ModelCardFeature.ref("credit")), ctx.opened());
        assertEquals(List.of(), ctx.problems().problems());
    }

    private void show(FxRobot robot, TestContext ctx, io.mlwb.app.shell.Feature feature, ItemRef ref) {
        Contributions c = Contributions.of(List.of(feature));
        robot.interact(() -> {
            editor = c.editorFor(ref).orElseThrow().factory().apply(ctx, ref);
            Node node = editor.node();
            if (feature instanceof RegistryFeature) {
                RegistryFeature.provideContext(node, ctx);
            }
            stage.setScene(new Scene((Parent) node, 1200, 700));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
