package io.mlwb.app.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Every icon renders as a node with the app-icon style class (and the headless toolkit works at all). */
@ExtendWith(ApplicationExtension.class)
class AppIconTest {
    private HBox box;

    @Start
    void start(Stage stage) {
        box = new HBox();
        for (AppIcon icon : AppIcon.values()) {
            box.getChildren().add(icon.node());
        }
        box.getChildren().add(new Label("icons"));
        stage.setScene(new Scene(box, 800, 100));
        stage.show();
    }

    @Test
    void everyIconHasANode(FxRobot robot) {
        assertTrue(box.getChildren().stream().limit(AppIcon.values().length)
                .allMatch(n -> n.getStyleClass().contains("app-icon")));
        assertTrue(robot.lookup("icons").tryQuery().isPresent());
    }
}
