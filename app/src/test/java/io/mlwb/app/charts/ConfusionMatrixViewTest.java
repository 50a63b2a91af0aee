package io.mlwb.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.app.ui.Messages;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The confusion matrix shows each count with its row share, and the axis titles from the bundle. */
@ExtendWith(ApplicationExtension.class)
class ConfusionMatrixViewTest {
    private ConfusionMatrixView view;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        view = new ConfusionMatrixView(List.of("approve", "decline"), new long[][] {{850, 150}, {40, 160}});
        stage.setScene(new Scene(view.node(), 400, 300));
        stage.show();
    }

    @Test
    void showsCountsAndRowShares(FxRobot robot) {
        Set<String> texts = robot.from(view.node()).lookup(".label").queryAllAs(Label.class).stream()
                .map(Label::getText).collect(Collectors.toSet());
        for (String count : List.of("850", "150", "40", "160")) {
            assertTrue(texts.contains(count), count + " in " + texts);
        }
        assertTrue(texts.contains(Messages.format("charts.confusion.rowShare", 85.0)), texts.toString());
        assertTrue(texts.contains(Messages.format("charts.confusion.rowShare", 20.0)), texts.toString());
        assertTrue(texts.contains(Messages.get("charts.confusion.predicted")));
        assertTrue(texts.contains(Messages.get("charts.confusion.actual")));
        assertTrue(texts.contains("decline"));

        robot.interact(() -> view.show(List.of("a", "b", "c"), new long[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}}));
        long cells = robot.from(view.node()).lookup(".confusion-count").queryAll().size();
        assertEquals(9, cells);
        assertThrows(IllegalArgumentException.class, () -> view.show(List.of("a"), new long[][] {{1, 2}}));
    }
}
