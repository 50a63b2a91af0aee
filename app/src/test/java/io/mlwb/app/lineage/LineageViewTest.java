package io.mlwb.app.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.ui.Messages;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Lineage pane over a real catalog: one box per node, the stale ones marked with a badge, clicking a run opens
 * it, clicking a card re-roots (the pane scrolls to the node shown), Back, typing an id, an id that names nothing.
 */
@ExtendWith(ApplicationExtension.class)
class LineageViewTest {
    private LineageFixture fx;
    private LineageViewModel vm;
    private final List<ItemRef> opened = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        fx = new LineageFixture(Files.createTempDirectory("lineage-view"));
        fx.newDataVersion();
        vm = new LineageViewModel(fx.service(), new InlineJobs(), "run:" + fx.run1, null);
        vm.setOpener(opened::add);
        stage.setScene(new Scene((Parent) LineageView.create(vm), 1200, 760));
        stage.show();
        vm.load();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static Set<String> boxes(FxRobot robot) {
        return robot.lookup(".lineage-node").queryAll().stream().map(n -> (String) n.getUserData())
                .collect(Collectors.toSet());
    }

    private static Node box(FxRobot robot, String id) {
        return robot.lookup(".lineage-node").queryAll().stream().filter(n -> id.equals(n.getUserData())).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not drawn"));
    }

    @Test
    void drawsEveryNodeWithStaleOnesMarkedAndClicksOpenOrReRoot(FxRobot robot) {
        assertEquals(Set.of("run:" + fx.run1, "dataset:loans@1", "commit:" + LineageFixture.SHA, "model:credit@1",
                "card:4", "deployment:2"), boxes(robot));
        Node card = box(robot, "card:4");
        assertTrue(card.getPseudoClassStates().contains(PseudoClass.getPseudoClass("stale")));
        assertTrue(robot.from(card).lookup(".lineage-badge-stale").tryQuery().isPresent());
        assertEquals(Messages.get("lineage.badge.stale"),
                robot.from(card).lookup(".lineage-badge-stale").queryAs(Label.class).getText());
        assertTrue(box(robot, "run:" + fx.run1).getPseudoClassStates()
                .contains(PseudoClass.getPseudoClass("origin")));
        assertFalse(robot.lookup(".lineage-edge").queryAll().isEmpty());
        assertTrue(robot.lookup("#lineageSummary").queryAs(Label.class).getText().contains("5 stale"));

        robot.clickOn(box(robot, "run:" + fx.run1));
        assertEquals(List.of(new ItemRef(LineageViewModel.RUN_DETAIL_KIND, Long.toString(fx.run1))), opened);

        Node cardBox = box(robot, "card:4");
        robot.interact(cardBox::requestFocus); // focus scrolls it into view
        robot.clickOn(cardBox);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("card:4", vm.rootProperty().get());
        assertEquals(Set.of("card:4", "model:credit@1", "run:" + fx.run1, "dataset:loans@1",
                "commit:" + LineageFixture.SHA), boxes(robot), "upstream of the card only");
        robot.clickOn("#lineageBack");
        assertEquals("run:" + fx.run1, vm.rootProperty().get());

        robot.doubleClickOn("#lineageId").eraseText(40).write("dataset:loans").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("dataset:loans@2", vm.rootProperty().get());
        assertEquals(Set.of("dataset:loans@2"), boxes(robot), "nothing read the new version yet");

        robot.doubleClickOn("#lineageId").eraseText(40).write("run:99").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#lineageMessage").queryAs(Label.class).isVisible());
        assertTrue(boxes(robot).isEmpty());
    }
}
