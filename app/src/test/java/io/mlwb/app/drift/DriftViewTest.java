package io.mlwb.app.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.lineage.LineageFeature;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.testing.TestContext;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
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
 * The Drift pane as the shell opens it, over a real project with two declared datasets: the action opens a blank form,
 * the pickers offer the datasets, Run fills the summary, the table (drifted columns first, a red verdict cell, sortable)
 * and the detail of a clicked column; the recorded report's link opens its lineage; Commit report commits it.
 */
@ExtendWith(ApplicationExtension.class)
class DriftViewTest {
    private static final PseudoClass DRIFTED = PseudoClass.getPseudoClass("drifted");

    @TempDir
    Path dir;

    private Stage stage;
    private OpenProject project;
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
        if (project != null) {
            project.close();
        }
    }

    @Test
    void pickRunReadTheTableOpenLineageAndCommit(FxRobot robot) throws Exception {
        DriftProjects.create(dir);
        Files.createDirectories(dir.resolve(Project.STATE_DIR));
        project = OpenProject.open(dir);
        TestContext ctx = new TestContext(project);
        Contributions c = Contributions.of(List.of(new io.mlwb.app.project.ProjectFeature(), new DriftFeature())).check();
        c.action(DriftFeature.ACTION).orElseThrow().handler().accept(ctx);
        ItemRef ref = DriftFeature.ref("", "");
        assertEquals(List.of(ref), ctx.opened(), "the action opens a blank form");
        assertEquals(Messages.get("drift.action.compare"), c.action(DriftFeature.ACTION).orElseThrow().title());

        robot.interact(() -> {
            editor = c.editorFor(ref).orElseThrow().factory().apply(ctx, ref);
            stage.setScene(new Scene((javafx.scene.Parent) editor.node(), 1200, 760));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Messages.get("drift.tab"), editor.title());
        assertTrue(robot.lookup("#runButton").queryButton().isDisabled(), "nothing to compare yet");
        assertEquals(Messages.get("drift.status.empty"), robot.lookup("#driftMessage").queryAs(Label.class)
                .getText());
        @SuppressWarnings("unchecked")
        ComboBox<String> reference = robot.lookup("#referenceBox").queryAs(ComboBox.class);
        assertEquals(List.of("dataset:old", "dataset:new"), reference.getItems(), "the declared datasets");

        robot.interact(() -> reference.setValue("dataset:old"));
        robot.clickOn(robot.lookup("#currentBox").queryAs(ComboBox.class).getEditor()).write("dataset:new");
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of(), ctx.problems().problems(), "nothing reported");
        Label verdict = robot.lookup("#driftVerdict").queryAs(Label.class);
        assertEquals(Messages.get("drift.verdict.drift"), verdict.getText());
        assertTrue(verdict.getPseudoClassStates().contains(DRIFTED), "the badge turns red");
        assertEquals(Messages.format("drift.summary.counts", 2, 3), robot.lookup("#driftCounts").queryAs(Label.class)
                .getText());
        assertTrue(robot.lookup("#driftSchema").queryAs(Label.class).getText().contains("extra"));
        @SuppressWarnings("unchecked")
        TableView<DriftRow> table = robot.lookup("#driftColumns").queryAs(TableView.class);
        assertEquals(3, table.getItems().size());
        assertTrue(table.getItems().get(0).drifted() && table.getItems().get(1).drifted());
        List<Node> drifted = robot.lookup(".drift-cell").queryAll().stream()
                .filter(n -> Messages.get("drift.cell.drifted").equals(((TableCell<?, ?>) n).getText())).toList();
        assertEquals(2, drifted.size(), "two red verdict cells");
        assertTrue(drifted.stream().allMatch(n -> n.getPseudoClassStates().contains(DRIFTED)));
        assertFalse(robot.lookup(".drift-sparkline").queryAll().isEmpty(), "a sparkline per row");

        robot.clickOn("plan");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("plan", robot.lookup("#detailTitle").queryAs(Label.class).getText());
        assertEquals(Messages.format("drift.detail.new", "gold"), robot.lookup("#detailNew").queryAs(Label.class)
                .getText());
        DistributionChart chart = robot.lookup("#detailChart").queryAs(DistributionChart.class);
        assertTrue(chart.isVisible() && chart.getHeight() > 100, "the category bars: " + chart.getHeight());
        assertEquals(4, chart.categoriesShown());

        robot.clickOn(Messages.get("drift.col.name"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("income", "plan", "score"), table.getItems().stream().map(DriftRow::name).toList(),
                "sorted by name");

        Hyperlink link = robot.lookup("#reportLink").queryAs(Hyperlink.class);
        assertTrue(link.isVisible());
        assertTrue(link.getText().startsWith(Messages.format("drift.summary.recorded", "1")), link.getText());
        robot.clickOn(link);
        assertEquals(LineageFeature.ref("drift:1"), ctx.opened().get(ctx.opened().size() - 1));

        Button commit = robot.lookup("#commitReportButton").queryButton();
        assertFalse(commit.isDisabled());
        robot.clickOn(commit);
        WaitForAsyncUtils.waitForFxEvents();
        String notice = robot.lookup("#driftNotice").queryAs(Label.class).getText();
        assertTrue(notice.startsWith("Committed reports/drift/"), notice);
        assertEquals(List.of(), ctx.problems().problems(), "nothing reported");
    }
}
