package io.mlwb.app.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.ui.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The plain viewer shows a text file's content, and the binary notice for a binary file. */
@ExtendWith(ApplicationExtension.class)
class TextFileEditorTest {
    @TempDir
    static Path dir;

    private TextFileEditor text;
    private TextFileEditor binary;

    @Start
    void start(Stage stage) throws Exception {
        Files.writeString(dir.resolve("train.py"), "import numpy\nprint(1)\n");
        Files.write(dir.resolve("weights.bin"), new byte[] {1, 2, 0, 3, 4});
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        text = new TextFileEditor(new TextFileViewModel(dir, "train.py", new InlineJobs(new ProblemsModel())));
        binary = new TextFileEditor(new TextFileViewModel(dir, "weights.bin", new InlineJobs(new ProblemsModel())));
        HBox box = new HBox(text.node(), binary.node());
        stage.setScene(new Scene(box, 800, 400));
        stage.show();
    }

    @Test
    void showsTextAndTheBinaryNotice(FxRobot robot) {
        assertEquals("train.py", text.title());
        TextArea area = robot.from((Parent) text.node()).lookup("#textContent").queryAs(TextArea.class);
        assertEquals("import numpy\nprint(1)\n", area.getText());
        assertTrue(area.isVisible());
        assertFalse(area.isEditable());

        Label message = robot.from((Parent) binary.node()).lookup("#textMessage").queryAs(Label.class);
        assertTrue(message.isVisible());
        assertEquals(Messages.format("project.editor.binary", 5L), message.getText());
        assertFalse(robot.from((Parent) binary.node()).lookup("#textContent").query().isVisible());
    }
}
