package io.mlwb.app.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditService;
import io.mlwb.catalog.audit.AuditVerification;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Audit log pane over a real catalog: type a filter, click Refresh and Verify, see the rows and the result. */
@ExtendWith(ApplicationExtension.class)
class AuditLogViewTest {
    @TempDir
    Path dir;

    private Catalog catalog;

    @Start
    void start(Stage stage) {
        catalog = Catalog.open(dir.resolve("catalog.db"));
        AuditTestLogs.appendFive(catalog);
        var vm = new AuditLogViewModel(new AuditService(catalog), new InlineJobs());
        stage.setScene(new Scene(AuditLogView.create(vm), 1000, 500));
        stage.show();
        vm.refresh();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void filteringNarrowsTheTable(FxRobot robot) {
        TableView<?> table = robot.lookup("#table").queryTableView();
        assertEquals(5, table.getItems().size());
        assertEquals(Messages.format("audit.summary", 5, 5), label(robot, "#summaryLabel"));
        assertTrue(robot.lookup("#loadMoreButton").queryAs(Button.class).isDisabled(), "all five are shown");

        robot.clickOn("#filterField").write("grace");
        robot.clickOn("#refreshButton");

        assertEquals(2, table.getItems().size());
        assertTrue(robot.lookup("card.approve").tryQuery().isPresent(), "the rows show the entries");
        assertFalse(robot.lookup("dataset.profile").tryQuery().isPresent());
        assertEquals(Messages.format("audit.summary.filtered", 2, 2, "grace"), label(robot, "#summaryLabel"));

        robot.doubleClickOn("#filterField").eraseText(5).type(javafx.scene.input.KeyCode.ENTER);
        assertEquals(5, table.getItems().size(), "Enter in the filter applies it too");
    }

    @Test
    void verifyShowsTheResultNextToTheButton(FxRobot robot) throws Exception {
        assertEquals(Messages.get("audit.verify.notChecked"), label(robot, "#verifyLabel"));
        robot.clickOn("#verifyButton");
        assertEquals(Messages.format("audit.verify.intact", 5), label(robot, "#verifyLabel"));
        assertTrue(robot.lookup("#verifyLabel").queryAs(Label.class).getStyleClass().contains("success"));

        AuditTestLogs.tamper(catalog.file(), 2);
        robot.clickOn("#verifyButton");
        assertEquals(Messages.format("audit.verify.broken", 2, AuditVerification.HASH_MISMATCH, 2),
                label(robot, "#verifyLabel"));
        assertTrue(robot.lookup("#verifyLabel").queryAs(Label.class).getStyleClass().contains("danger"));
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
