package io.mlwb.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.ToolWindow;
import io.mlwb.app.testing.Snapshots;
import io.mlwb.app.testing.TestContext;
import io.mlwb.deploy.SmokeTestResult;
import io.mlwb.deploy.DeploymentRecord;
import io.mlwb.deploy.DeploymentService;
import io.mlwb.deploy.export.ServingFormat;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
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
 * The deployment wizard walked on a real project (the credit-risk sample, high risk tier, its MLP trained and
 * registered): an unapproved version only goes on as staging; SageMaker with a canary and rollback alarms; a secret
 * in the identity field keeps Next disabled; review shows every file; Generate commits them; the smoke test passes and
 * shows latency, throughput and the cost per 1,000 predictions; the Deployments tool window rolls a second deployment
 * back. With {@code -Dmlwb.snapshotDir=DIR} it writes a PNG of every step, light and dark, for a person to look at.
 */
@ExtendWith(ApplicationExtension.class)
class DeployWizardPaneTest {
    @TempDir
    Path dir;

    private Stage stage;
    private DeployProject p;
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
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(
                new PrimerLight().getUserAgentStylesheet()));
    }

    @Test
    void walkTheWizardOnATrainedModelThenRollBack(FxRobot robot) throws Exception {
        p = new DeployProject(dir);
        TestContext ctx = new TestContext(p.project);
        Contributions c = Contributions.of(List.of(new DeployFeature()));
        assertEquals(DeployFeature.ACTION, c.actions().stream().filter(a -> a.id().equals(DeployFeature.ACTION))
                .findFirst().orElseThrow().id(), "in the Project menu and the palette");
        robot.interact(() -> {
            editor = c.editorFor(DeployFeature.ref("credit-risk@1")).orElseThrow().factory().apply(ctx,
                    DeployFeature.ref("credit-risk@1"));
            stage.setScene(new Scene((Parent) editor.node(), 1100, 720));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Button next = robot.lookup("#nextButton").queryAs(Button.class);

        // 1. version: no card, high risk: staging or nothing
        assertEquals("credit-risk@1", robot.lookup("#versionBox").queryAs(ComboBox.class).getValue());
        assertTrue(next.isDisabled());
        assertTrue(text(robot, "#problemLabel").contains("not approved"), text(robot, "#problemLabel"));
        assertFalse(robot.lookup("#stagingBadge").queryAs(Label.class).isVisible());
        snap(robot, "1-version-unapproved");
        robot.clickOn("#stagingCheck");
        assertFalse(next.isDisabled());
        assertTrue(robot.lookup("#stagingBadge").queryAs(Label.class).isVisible(), "clearly marked");
        snap(robot, "1-version");
        robot.clickOn(next);

        // 1b. format: measured side by side, the int8 export chosen
        snap(robot, "1b-format-before");
        robot.clickOn("#measureButton");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<FormatRow> formats = robot.lookup("#formatTable").queryAs(TableView.class);
        assertEquals(3, formats.getItems().size(), text(robot, "#errorLabel"));
        assertTrue(formats.getItems().stream().allMatch(FormatRow::available), formats.getItems().toString());
        assertTrue(text(robot, "#runMetricLabel").contains("AUC"), text(robot, "#runMetricLabel"));
        @SuppressWarnings("unchecked")
        ComboBox<ServingFormat> formatBox = robot.lookup("#formatBox").queryAs(ComboBox.class);
        assertEquals(List.of(ServingFormat.DJL, ServingFormat.ONNX, ServingFormat.ONNX_INT8), formatBox.getItems());
        robot.interact(() -> formatBox.setValue(ServingFormat.ONNX_INT8));
        assertFalse(next.isDisabled(), text(robot, "#problemLabel"));
        snap(robot, "1b-format");
        robot.clickOn(next);

        // 2. target: SageMaker, with the serverless option and its caveat; KServe's note
        assertTrue(next.isDisabled(), "no target yet");
        robot.clickOn("#targetKserve");
        assertTrue(text(robot, "#targetNote").contains("serverless mode"), text(robot, "#targetNote"));
        robot.clickOn("#targetSagemaker");
        robot.clickOn("#serverlessCheck");
        assertTrue(robot.lookup("#serverlessCaveat").queryAs(Label.class).isVisible());
        assertTrue(text(robot, "#serverlessCaveat").contains("cold start"));
        snap(robot, "2-target-serverless");
        robot.clickOn("#serverlessCheck");
        snap(robot, "2-target");
        robot.clickOn(next);

        // 3. compute: instance types from the price table
        @SuppressWarnings("unchecked")
        ComboBox<String> instances = robot.lookup("#instanceBox").queryAs(ComboBox.class);
        assertTrue(instances.getItems().contains("ml.m5.large"), instances.getItems().toString());
        assertEquals("ml.m5.large", instances.getValue());
        assertFalse(next.isDisabled());
        snap(robot, "3-compute");
        robot.clickOn(next);

        // 4. rollout: canary with auto-rollback on errors and latency
        @SuppressWarnings("unchecked")
        ComboBox<io.mlwb.deploy.Strategy> strategy = robot.lookup("#strategyBox").queryAs(ComboBox.class);
        robot.interact(() -> strategy.setValue(io.mlwb.deploy.Strategy.A_B));
        assertTrue(next.isDisabled(), "an A/B split needs another version");
        assertTrue(text(robot, "#problemLabel").contains("other version"), text(robot, "#problemLabel"));
        robot.interact(() -> strategy.setValue(io.mlwb.deploy.Strategy.CANARY));
        robot.clickOn("#latencyCheck");
        assertFalse(next.isDisabled(), text(robot, "#problemLabel"));
        snap(robot, "4-rollout");
        robot.clickOn(next);

        // 5. security: a key is refused, a role name is taken
        robot.clickOn("#identityField").write("AKIAIOSFODNN7EXAMPLE");
        assertTrue(next.isDisabled());
        assertTrue(text(robot, "#problemLabel").contains("never a key"), text(robot, "#problemLabel"));
        snap(robot, "5-security-secret");
        robot.interact(() -> robot.lookup("#identityField").queryTextInputControl().setText("credit-risk-serving"));
        assertFalse(next.isDisabled());
        snap(robot, "5-security");
        robot.clickOn(next);
        WaitForAsyncUtils.waitForFxEvents();

        // 6. review: every file, nothing written yet
        @SuppressWarnings("unchecked")
        ListView<String> fileList = robot.lookup("#fileList").queryAs(ListView.class);
        assertTrue(fileList.getItems().containsAll(List.of("01-create-model.json", "02-create-endpoint-config.json",
                "03-create-endpoint.json", "04-put-metric-alarm-5xx.json", "05-put-metric-alarm-latency.json",
                "Dockerfile", "README.md")), fileList.getItems().toString());
        robot.interact(() -> fileList.getSelectionModel().select("01-create-model.json"));
        assertTrue(robot.lookup("#fileArea").queryAs(TextArea.class).getText().contains("credit-risk-serving"));
        assertTrue(Files.notExists(dir.resolve("deploy")), "review writes nothing");
        assertTrue(text(robot, "#warningsLabel").contains("staging"), text(robot, "#warningsLabel"));
        robot.interact(() -> fileList.getSelectionModel().select("Dockerfile"));
        String dockerfile = robot.lookup("#fileArea").queryAs(TextArea.class).getText();
        assertTrue(dockerfile.contains("\"--format\", \"onnx\"]") && dockerfile.contains("model-int8.onnx"),
                dockerfile);
        snap(robot, "6-review");
        robot.clickOn(next);

        // 7. generate: written, recorded, committed with the version in the message
        assertTrue(next.isDisabled());
        robot.clickOn("#generateButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.isRegularFile(dir.resolve("deploy/sagemaker/credit-risk-v1/01-create-model.json")));
        try (GitRepo git = GitRepo.open(dir)) {
            assertTrue(git.head().orElseThrow().message().contains("credit-risk@1"));
        }
        assertTrue(text(robot, "#commitLabel").startsWith("Commit "), text(robot, "#commitLabel"));
        snap(robot, "7-generate");
        assertFalse(next.isDisabled());
        robot.clickOn(next);

        // 8. smoke test: the served predictions match the in-app ones; latency, throughput, cost
        assertEquals(0, robot.lookup("#progressBar").queryAs(ProgressBar.class).getProgress(), 1e-9,
                "not the format measurement's full bar before a run");
        snap(robot, "8-smoke-before");
        robot.clickOn("#smokeButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#matchLabel").startsWith("Passed"), text(robot, "#matchLabel") + " / "
                + text(robot, "#errorLabel"));
        assertTrue(text(robot, "#p99Label").endsWith(" ms"), text(robot, "#p99Label"));
        assertTrue(text(robot, "#throughputLabel").contains("predictions/s"));
        assertTrue(text(robot, "#costLabel").contains("per 1,000 predictions on ml.m5.large"),
                text(robot, "#costLabel"));
        assertTrue(text(robot, "#healthLabel").contains("/ping"), text(robot, "#healthLabel"));
        assertTrue(text(robot, "#smokeFormatLabel").startsWith("Served as ONNX int8"),
                text(robot, "#smokeFormatLabel"));
        DeploymentService service = DeployFeature.service(p.project);
        SmokeTestResult recorded = service.lastSmokeTest(ModelRef.parse("credit-risk@1")).orElseThrow();
        assertTrue(recorded.passed());
        assertNotNull(recorded.deploymentId());
        assertEquals("onnx-int8", recorded.format());
        assertEquals("onnx-int8", service.get(recorded.deploymentId()).servingFormat());
        snap(robot, "8-smoke");
        assertEquals(List.of(), ctx.problems().problems(), "nothing reported");

        // history: a second deployment of the same version replaces the first; Roll back restores it
        service.deploy(io.mlwb.deploy.DeployTarget.SAGEMAKER, ModelRef.parse("credit-risk@1"),
                io.mlwb.deploy.DeployConfig.defaults().withStaging(true), null, "tester");
        ToolWindow[] w = new ToolWindow[1];
        robot.interact(() -> {
            w[0] = Contributions.of(List.of(new DeployFeature())).toolWindows().get(0).factory().apply(ctx);
            stage.setScene(new Scene((Parent) w[0].node(), 1100, 320));
        });
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<DeploymentRecord> table = robot.lookup("#deploymentsTable").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        assertEquals("Format", table.getColumns().get(3).getText());
        assertEquals("onnx-int8", table.getColumns().get(3).getCellData(1), "the wizard's deployment, as served");
        robot.interact(() -> table.getSelectionModel().select(0));
        snap(robot, "history");
        robot.clickOn("#rollBackButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, table.getItems().size());
        assertEquals("rollback", table.getItems().get(0).strategy());
        assertEquals("rolled_back", table.getItems().get(1).status());
        assertTrue(text(robot, "#deploymentsMessage").startsWith("Rolled back"), text(robot, "#deploymentsMessage"));
        snap(robot, "history-rolled-back");
        robot.interact(w[0]::dispose);

        // the registry pane's Deploy… opens the wizard on the selected version
        Editor[] registry = new Editor[1];
        robot.interact(() -> {
            Contributions r = Contributions.of(List.of(new io.mlwb.app.registry.RegistryFeature()));
            registry[0] = r.editorFor(io.mlwb.app.registry.RegistryFeature.ref("credit-risk")).orElseThrow()
                    .factory().apply(ctx, io.mlwb.app.registry.RegistryFeature.ref("credit-risk"));
            stage.setScene(new Scene((Parent) registry[0].node(), 1100, 560));
        });
        WaitForAsyncUtils.waitForFxEvents();
        snap(robot, "registry-deploy-button");
        robot.clickOn("#deployVersionButton");
        assertEquals(DeployFeature.ref("credit-risk@1"), ctx.opened().get(ctx.opened().size() - 1));
        robot.interact(registry[0]::dispose);
    }

    @Test
    void theFormatStepMeasuresWithProgressCancelsAndOffersOnlyWhatIsAvailable(FxRobot robot) throws Exception {
        p = new DeployProject(dir);
        io.mlwb.app.jobs.InlineJobs jobs = new io.mlwb.app.jobs.InlineJobs();
        TestContext ctx = new TestContext(p.project, jobs);
        robot.interact(() -> {
            editor = Contributions.of(List.of(new DeployFeature())).editorFor(DeployFeature.ref("credit-risk@1"))
                    .orElseThrow().factory().apply(ctx, DeployFeature.ref("credit-risk@1"));
            stage.setScene(new Scene((Parent) editor.node(), 1100, 720));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Button next = robot.lookup("#nextButton").queryAs(Button.class);
        robot.clickOn("#stagingCheck");
        robot.clickOn(next);
        @SuppressWarnings("unchecked")
        ComboBox<ServingFormat> formatBox = robot.lookup("#formatBox").queryAs(ComboBox.class);
        assertEquals(List.of(ServingFormat.DJL), formatBox.getItems(), "only model.zip before measuring");
        assertFalse(next.isDisabled(), "model.zip needs no measuring");

        // cancelled: nothing measured, nothing reported, model.zip still the choice
        jobs.cancelNext();
        robot.clickOn("#measureButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#formatProgressLabel").contains("cancelled"), text(robot, "#formatProgressLabel"));
        assertTrue(robot.lookup("#formatTable").queryAs(TableView.class).getItems().isEmpty());
        assertEquals(List.of(), jobs.reported());
        assertFalse(next.isDisabled());

        // measured: a row per format with its figures; the choice reaches the configuration
        robot.clickOn("#measureButton");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<FormatRow> table = robot.lookup("#formatTable").queryAs(TableView.class);
        assertEquals(List.of(ServingFormat.DJL, ServingFormat.ONNX, ServingFormat.ONNX_INT8),
                table.getItems().stream().map(FormatRow::format).toList());
        for (FormatRow r : table.getItems()) {
            assertTrue(r.size().endsWith("KB") && r.p50().endsWith(" ms") && r.metric().startsWith("0."),
                    r.toString());
        }
        assertEquals("+0.00000", table.getItems().get(0).change());
        assertEquals(1.0, robot.lookup("#formatProgress").queryAs(javafx.scene.control.ProgressBar.class)
                .getProgress(), 1e-9);
        robot.interact(() -> formatBox.setValue(ServingFormat.ONNX));
        snap(robot, "format-step");
        assertFalse(next.isDisabled(), text(robot, "#problemLabel"));
        robot.clickOn(next);
        assertTrue(robot.lookup("#pageTARGET").query().isVisible(), "on to the target");
        assertEquals(List.of(), jobs.reported());
    }

    @Test
    void onAShortEditorThePagesScrollAndNoTextOrButtonIsCutShort(FxRobot robot) throws Exception {
        p = new DeployProject(dir);
        TestContext ctx = new TestContext(p.project);
        robot.interact(() -> {
            editor = Contributions.of(List.of(new DeployFeature())).editorFor(DeployFeature.ref("credit-risk@1"))
                    .orElseThrow().factory().apply(ctx, DeployFeature.ref("credit-risk@1"));
            stage.setScene(new Scene((Parent) editor.node(), 900, 430));   // the app's editor at 1280 x 800
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Button back = robot.lookup("#backButton").queryAs(Button.class);
        Button next = robot.lookup("#nextButton").queryAs(Button.class);

        // a long reason beside Back and Next wraps; the buttons keep their labels
        assertTrue(text(robot, "#problemLabel").contains("not approved"), text(robot, "#problemLabel"));
        assertWhole(back);
        assertWhole(next);
        snap(robot, "short-1-version");
        robot.clickOn("#stagingCheck");
        robot.clickOn(next);

        // format: the help text is whole and the page scrolls
        Label help = (Label) robot.lookup("#pageFORMAT").queryAs(javafx.scene.layout.VBox.class).getChildren().get(0);
        assertWhole(help);
        ScrollPane scroll = robot.lookup("#pageScroll").queryAs(ScrollPane.class);
        assertTrue(robot.lookup("#pageStack").queryAs(Parent.class).getLayoutBounds().getHeight()
                > scroll.getViewportBounds().getHeight(), "taller than the editor: it scrolls");
        snap(robot, "short-1b-format");
        robot.clickOn(next);

        // target: the serverless caveat is whole
        robot.clickOn("#targetSagemaker");
        robot.clickOn("#serverlessCheck");
        assertWhole(robot.lookup("#serverlessCaveat").queryAs(Label.class));
        snap(robot, "short-2-target-serverless");
        robot.clickOn("#serverlessCheck");
        robot.clickOn(next);
        assertEquals(0.0, scroll.getVvalue(), "a page opens at its top");
        robot.clickOn(next);

        // rollout: hidden rows leave no gap; they come back in place
        Node rollback = robot.lookup("#errorCheck").queryAs(Node.class).getParent();
        @SuppressWarnings("unchecked")
        ComboBox<io.mlwb.deploy.Strategy> strategy = robot.lookup("#strategyBox").queryAs(ComboBox.class);
        assertEquals(io.mlwb.deploy.Strategy.CANARY, strategy.getValue(), "mlwb.yaml's default_strategy (canary)");
        robot.interact(() -> strategy.setValue(io.mlwb.deploy.Strategy.ALL_AT_ONCE));
        assertEquals(1, GridPane.getRowIndex(rollback), "right under the strategy for all at once");
        robot.interact(() -> strategy.setValue(io.mlwb.deploy.Strategy.CANARY));
        assertEquals(1, GridPane.getRowIndex(robot.lookup("#percentSpinner").queryAs(Node.class)));
        assertEquals(2, GridPane.getRowIndex(robot.lookup("#bakeSpinner").queryAs(Node.class)));
        assertEquals(3, GridPane.getRowIndex(rollback));
        Label rollbackNote = robot.lookup("#rollbackNote").queryAs(Label.class);
        assertFalse(rollbackNote.isVisible(), "SageMaker rolls back on its alarms");
        snap(robot, "short-4-rollout");

        // a target without automatic rollback says so, and its conditions cannot be ticked
        robot.clickOn(back);
        robot.clickOn(back);
        robot.clickOn("#targetLocal");
        robot.clickOn(next);
        assertFalse(robot.lookup("#minSpinner").queryAs(Node.class).isVisible(), "no replicas on loopback");
        assertFalse(robot.lookup("#metricBox").queryAs(Node.class).isVisible());
        snap(robot, "short-3b-compute-local");
        robot.clickOn(back);
        robot.clickOn("#targetKubernetes");
        robot.clickOn(next);
        assertTrue(robot.lookup("#minSpinner").queryAs(Node.class).isVisible());
        robot.clickOn(next);
        assertTrue(rollbackNote.isVisible() && rollbackNote.getText().contains("no automatic rollback"),
                rollbackNote.getText());
        assertTrue(robot.lookup("#errorCheck").queryAs(CheckBox.class).isDisabled());
        assertWhole(rollbackNote);
        snap(robot, "short-4b-rollout-kubernetes");
    }

    /** The node is laid out at least as large as it needs for all of its text (nothing shown as "…"). */
    private static void assertWhole(javafx.scene.control.Labeled l) {
        assertTrue(l.getWidth() >= l.prefWidth(-1) - 0.5 || l.isWrapText(), l.getText() + ": width " + l.getWidth()
                + " < " + l.prefWidth(-1));
        assertTrue(l.getHeight() >= l.prefHeight(l.getWidth()) - 0.5, l.getText() + ": height " + l.getHeight()
                + " < " + l.prefHeight(l.getWidth()));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class) != null ? robot.lookup(id).queryAs(Label.class).getText() : "";
    }

    /** With -Dmlwb.snapshotDir, writes the scene as it is now, light and dark. */
    private void snap(FxRobot robot, String name) throws Exception {
        Optional<Path> folder = Snapshots.folder();
        if (folder.isEmpty()) {
            return;
        }
        for (boolean dark : new boolean[] {false, true}) {
            robot.interact(() -> {
                Parent root = stage.getScene().getRoot();
                Snapshots.theme(root, dark);
                root.applyCss();
                root.layout();
            });
            WaitForAsyncUtils.waitForFxEvents();
            Snapshots.write(robot, stage.getScene(), folder.get().resolve("deploy-" + name + (dark ? "-dark" : "-light")
                    + ".png"));
        }
        robot.interact(() -> Snapshots.theme(stage.getScene().getRoot(), false));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
