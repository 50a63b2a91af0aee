package io.mlwb.app.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Smoke test: a logged message appears in the Log window and is filtered out by level and by text. */
@ExtendWith(ApplicationExtension.class)
class LogViewTest {
    private static final Logger LOG = LoggerFactory.getLogger(LogViewTest.class);

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        LogView view = new LogView(new LogViewModel(UiLogAppender.install().buffer()));
        stage.setScene(new Scene((Parent) view.node(), 900, 300));
        stage.show();
    }

    @Test
    void loggedMessageShowsAndFiltersHideIt(FxRobot robot) throws Exception {
        String marker = "view-" + UUID.randomUUID();
        LOG.warn("Dataset drifted: {}", marker);

        TableView<LogLine> table = robot.lookup("#logTable").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> count(table, marker) == 1);
        assertTrue(robot.lookup(".log-warn").tryQuery().isPresent(), "the row is styled by level");

        ChoiceBox<LogLevel> level = robot.lookup("#logLevel").query();
        robot.interact(() -> level.setValue(LogLevel.ERROR));
        assertEquals(0, count(table, marker), "WARN is below ERROR");

        robot.interact(() -> level.setValue(LogLevel.INFO));
        assertEquals(1, count(table, marker));
        robot.clickOn("#logFilter").write("no-such-text");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, count(table, marker), "text filter hides it");

        robot.interact(() -> robot.lookup("#logFilter").queryTextInputControl().setText(marker.toUpperCase()));
        assertEquals(1, count(table, marker), "case-insensitive match");

        robot.clickOn("#logClearButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, count(table, marker));
    }

    private static long count(TableView<LogLine> table, String marker) {
        return table.getItems().stream().filter(l -> l.message().contains(marker)).count();
    }
}
