package io.mlwb.app.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.MlwbApp;
import io.mlwb.app.shell.Workbench;
import io.mlwb.app.testing.Snapshots;
import io.mlwb.core.settings.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
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
 * The card editor in the whole workbench over a real project: the file changed on disk under unsaved edits shows the
 * "changed on disk" bar (the real watcher), and closing the tab, the project or the window with unsaved edits asks
 * Save / Discard / Cancel. With {@code -Dmlwb.snapshotDir=DIR} it writes the bar and the prompt as PNGs, light and dark.
 */
@ExtendWith(ApplicationExtension.class)
class CardEditorUnsavedTest {
    @TempDir
    Path tmp;

    private MlwbApp.Started started;
    private Workbench wb;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
    }

    @AfterEach
    void stop() throws Exception {
        if (wb != null) {
            WaitForAsyncUtils.asyncFx(() -> {
                if (wb.viewModel().themeProperty().get() == Theme.DARK) {
                    wb.viewModel().toggleTheme(); // the user-agent stylesheet is the JVM's: leave it light
                }
                wb.dispose();
            }).get(20, TimeUnit.SECONDS);
            started.settings().close();
        }
    }

    @Test
    void changedOnDiskBarAndTheUnsavedChangesPrompt(FxRobot robot) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("credit"));
        Path card;
        try (CardProject p = new CardProject(root, "medium")) {
            card = p.card;
        }
        Files.writeString(card, withFilledTables(Files.readString(card)));
        robot.interact(() -> {
            try {
                started = MlwbApp.build(stage, Files.createDirectories(tmp.resolve("config")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            wb = started.workbench();
            stage.show();
            wb.viewModel().open(root, null);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> wb.project().isPresent());
        robot.interact(() -> wb.open(ModelCardFeature.ref("credit")));
        String original = Files.readString(card);
        TextArea source = robot.lookup("#cardSource").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> original.equals(source.getText()));
        TabPane tabs = robot.lookup("#editorTabs").queryAs(TabPane.class);
        preview(robot, "card-editor-preview-light.png");

        // unsaved edits, then the file changes on disk: the edits stay, the bar asks
        String mine = original.replace("## Model details\n\n", "## Model details\n\nMine.\n\n");
        robot.interact(() -> source.setText(mine));
        assertEquals("* credit card", tabs.getTabs().get(0).getText());
        String theirs = original.replace("## Model details\n\n", "## Model details\n\nTheirs.\n\n");
        Files.writeString(card, theirs);
        Node bar = robot.lookup("#cardDiskChange").query();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> bar.getParent().isVisible());
        assertTrue(robot.lookup("#cardDiskChange").queryAs(Label.class).getText()
                .startsWith("model-cards/credit.md changed on disk"));
        assertEquals(mine, source.getText());
        Snapshots.writeIfAsked(robot, wb.scene().getRoot(), "card-editor-changed-on-disk-light.png");

        // closing the tab asks; Cancel keeps it, edits and all
        robot.interact(() -> wb.closeSelectedTab());
        DialogPane prompt = robot.lookup("#unsavedChanges").queryAs(DialogPane.class);
        assertEquals("Save the changes to credit card?", prompt.getHeaderText());
        Snapshots.writeIfAsked(robot, prompt, "unsaved-changes-prompt-light.png");
        robot.clickOn("#unsavedCancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, tabs.getTabs().size());
        assertEquals(mine, source.getText());

        // dark: the same bar and prompt (Keep mine first; a second change brings the bar back)
        robot.clickOn("#cardDiskKeep");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(bar.getParent().isVisible());
        assertEquals("* credit card", tabs.getTabs().get(0).getText(), "still unsaved against the file on disk");
        robot.interact(() -> wb.runAction("view.theme"));
        preview(robot, "card-editor-preview-dark.png");
        String third = original.replace("## Model details\n\n", "## Model details\n\nThird.\n\n");
        Files.writeString(card, third);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> bar.getParent().isVisible());
        Snapshots.writeIfAsked(robot, wb.scene().getRoot(), "card-editor-changed-on-disk-dark.png");
        robot.interact(() -> wb.closeSelectedTab());
        Snapshots.writeIfAsked(robot, robot.lookup("#unsavedChanges").queryAs(DialogPane.class), "unsaved-changes-prompt-dark.png");
        robot.clickOn("#unsavedCancel");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#cardDiskKeep");

        // quitting asks too; Cancel keeps the window
        robot.interact(() -> wb.quit());
        assertTrue(robot.lookup("#unsavedChanges").tryQuery().isPresent());
        robot.clickOn("#unsavedCancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing());
        assertTrue(wb.project().isPresent());

        // closing the project: Discard closes it and leaves the file as it is on disk
        robot.interact(() -> wb.viewModel().closeProject());
        robot.clickOn("#unsavedDiscard");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(wb.project().isEmpty());
        assertTrue(robot.lookup("#welcome").tryQuery().isPresent());
        assertEquals(third, Files.readString(card));

        // open again (the tab comes back), edit, close the project: Save writes the edits, then it closes
        robot.interact(() -> wb.viewModel().open(root, null));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> wb.project().isPresent()
                && robot.lookup("#cardSource").tryQuery().isPresent()
                && third.equals(robot.lookup("#cardSource").queryAs(TextArea.class).getText()));
        TextArea again = robot.lookup("#cardSource").queryAs(TextArea.class);
        String saved = third.replace("Third.", "Saved on close.");
        robot.interact(() -> again.setText(saved));
        robot.interact(() -> wb.viewModel().closeProject());
        robot.clickOn("#unsavedSave");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> wb.project().isEmpty());
        assertEquals(saved, Files.readString(card));
    }

    /** A card as `mlwb card fill` leaves one: metrics and per-group tables in marked blocks. */
    static String withFilledTables(String card) {
        return card.replace("## Metrics\n\n", "## Metrics\n\n<!-- mlwb:auto metrics -->\n| Metric | Validation | Test |\n"
                        + "|---|---|---|\n| roc_auc | 0.8100 | 0.7900 |\n| accuracy | 0.7400 | 0.7300 |\n"
                        + "| f1 | 0.5200 | 0.4900 |\n<!-- mlwb:end metrics -->\n\n")
                .replace("## Quantitative analyses\n\n", "## Quantitative analyses\n\n<!-- mlwb:auto "
                        + "quantitative-analyses -->\n**sex** (test split)\n\n| Group | Rows | Selection rate | Recall | "
                        + "False-positive rate | AUC |\n|---|---|---|---|---|---|\n| F | 900 | 0.2100 | 0.6000 | 0.1000 "
                        + "| 0.7800 |\n| M | 1100 | 0.2500 | 0.6400 | 0.1300 | 0.7700 |\n\nDemographic-parity "
                        + "difference 0.0400.\n\n<!-- mlwb:end quantitative-analyses -->\n\n");
    }

    /** The Preview tab, scrolled to the metrics, as a PNG; then back to the Source tab. */
    private void preview(FxRobot robot, String name) throws Exception {
        robot.clickOn("Preview");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ScrollPane pane = robot.lookup("#cardPreview").queryAs(javafx.scene.control.ScrollPane.class);
        assertEquals(2, robot.from(pane).lookup(".card-chart").queryAll().size(), "metrics and per-group charts");
        Node metrics = robot.from(pane).lookup(".card-chart").query();
        robot.interact(() -> {
            double y = metrics.localToScene(0, 0).getY() - pane.getContent().localToScene(0, 0).getY();
            double h = pane.getContent().getBoundsInLocal().getHeight() - pane.getViewportBounds().getHeight();
            pane.setVvalue(Math.max(0, Math.min(1, (y - 120) / h)));
            for (String tool : List.of("git", "jobs", "log", "problems", "models")) {
                wb.setToolVisible(tool, false); // room for the preview
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        Snapshots.writeIfAsked(robot, wb.scene().getRoot(), name);
        robot.interact(() -> wb.setToolVisible("git", true));
        robot.clickOn("Source");
        WaitForAsyncUtils.waitForFxEvents();
    }
}
