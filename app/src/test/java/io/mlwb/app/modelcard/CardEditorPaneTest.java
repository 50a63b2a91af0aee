package io.mlwb.app.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.registry.RegistryFeature;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.testing.Snapshots;
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

    @Test
    void thePreviewHidesPromptsAndDrawsTheAutofilledTables(FxRobot robot) throws Exception {
        p = new CardProject(dir, "medium");
        String text = Files.readString(p.card)
                .replace("## Metrics\n\n", "## Metrics\n\n<!-- mlwb:auto metrics -->\n| Metric | Validation | Test |\n"
                        + "|---|---|---|\n| roc_auc | 0.8100 | 0.7900 |\n| accuracy | 0.7400 | 0.7300 |\n"
                        + "<!-- mlwb:end metrics -->\n\nSee the table: <!-- an inline note --> AUC holds.\n\n")
                .replace("## Quantitative analyses\n\n", "## Quantitative analyses\n\n<!-- mlwb:auto "
                        + "quantitative-analyses -->\n**sex** (test split)\n\n| Group | Rows | Selection rate | Recall | "
                        + "False-positive rate | AUC |\n|---|---|---|---|---|---|\n| F | 900 | 0.2100 | 0.6000 | 0.1000 "
                        + "| 0.7800 |\n| M | 1100 | 0.2500 | 0.6400 | 0.1300 | — |\n\nDemographic-parity difference "
                        + "0.0400.\n\n<!-- mlwb:end quantitative-analyses -->\n\n");
        Files.writeString(p.card, text);
        TestContext ctx = new TestContext(p.project);
        show(robot, ctx, new ModelCardFeature(), ModelCardFeature.ref("credit"));
        robot.clickOn("Preview");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ScrollPane preview = robot.lookup("#cardPreview").queryAs(javafx.scene.control.ScrollPane.class);
        List<String> shown = robot.from(preview).lookup((Node n) -> n instanceof javafx.scene.text.Text).queryAll()
                .stream().map(n -> ((javafx.scene.text.Text) n).getText()).toList();
        String all = String.join("", shown);
        assertTrue(all.contains("AUC holds."), all);
        assertFalse(all.contains("<!--") || all.contains("mlwb:auto") || all.contains("an inline note")
                || all.contains("(required)"), "no prompt, marker or comment is shown: " + all);
        List<javafx.scene.chart.BarChart<?, ?>> charts = new java.util.ArrayList<>();
        for (Node n : robot.from(preview).lookup(".card-chart").queryAll()) {
            charts.add((javafx.scene.chart.BarChart<?, ?>) n);
        }
        assertEquals(List.of("Metrics (validation and test)", "Per group: sex (test split)"), charts.stream()
                .map(javafx.scene.chart.Chart::getTitle).toList());
        assertEquals(List.of("Validation", "Test"), charts.get(0).getData().stream().map(s -> s.getName()).toList());
        assertEquals(2, charts.get(0).getData().get(0).getData().size(), "roc_auc and accuracy");
        assertEquals(List.of("Selection rate", "Recall", "False-positive rate"), charts.get(1).getData().stream()
                .map(s -> s.getName()).toList());
        assertEquals(Files.readString(p.card), text, "the card keeps its comments");
        Snapshots.writeIfAsked(robot, stage.getScene().getRoot(), "card-preview-charts.png");
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
