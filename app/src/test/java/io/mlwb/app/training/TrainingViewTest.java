package io.mlwb.app.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.catalog.Catalog;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainResult;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
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
 * The Training pane over a real run (trained by the real service into a real catalog): opening it on the run shows
 * its epochs, its end-of-run tabs and the spec form; the form's Save writes the spec.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingViewTest {
    @TempDir
    static Path root;

    private Catalog catalog;
    private TrainingViewModel vm;
    private TrainResult run;

    @Start
    void start(Stage stage) throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("training"));
        Files.writeString(root.resolve("mlwb.yaml"), """
                schema_version: 1
                name: pane
                datasets:
                  - name: loans
                    path: data/loans.csv
                    target: y
                    sensitive_attributes: [grp]
                """);
        Random r = new Random(4);
        StringBuilder sb = new StringBuilder("a,b,grp,y\n");
        for (int i = 0; i < 800; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            sb.append(String.format(Locale.ROOT, "%.3f,%.3f,%s,%d%n", a, b, i % 2 == 0 ? "g1" : "g2",
                    a + 0.5 * b + 0.5 * r.nextGaussian() > 0 ? 1 : 0));
        }
        Files.writeString(root.resolve("data/loans.csv"), sb.toString());
        Files.writeString(root.resolve("training/spec.yaml"), """
                dataset: loans   # the declared dataset
                model: {type: logistic_regression}
                split: {strategy: random, stratified: true}
                epochs: 4
                seed: 3
                device: cpu
                """);
        Project project = Project.load(root);
        catalog = Catalog.open(project.catalogFile());
        TrainingService service = new TrainingService(project, null, catalog, new TrainingSettings(0.1, 2.5, 0, true),
                Clock.systemUTC());
        run = service.train(TrainRequest.spec(Path.of("training/spec.yaml"), java.util.List.of()), null, null,
                Progress.NONE);
        vm = new TrainingViewModel(service, new io.mlwb.training.engine.SweepService(project, catalog, service,
                Clock.systemUTC()), root, project.config(), new InlineJobs(), null);
        vm.refreshSpecs();
        stage.setScene(new Scene((javafx.scene.Parent) TrainingView.create(vm), 1300, 850));
        stage.show();
        vm.show(run.runId());
    }

    @AfterEach
    void close() {
        vm.dispose();
        catalog.close();
    }

    @Test
    void aFinishedRunShowsItsEpochsReportAndSpecForm(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.reportProperty().get() != null
                && vm.epochs().size() == run.epochs());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> epochs = robot.lookup("#trainingEpochs").queryTableView();
        assertEquals(run.epochs(), epochs.getItems().size());
        assertEquals(TrainingViewModel.State.FINISHED, vm.stateProperty().get());
        TabPane tabs = robot.lookup("#trainingReportTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        assertTrue(robot.lookup("#trainingConfusion").tryQuery().isPresent(), "the evaluation tab shows the matrix");
        robot.interact(() -> tabs.getSelectionModel().select(2));
        TableView<?> fairness = robot.lookup("#trainingFairness").queryTableView();
        assertEquals(2, fairness.getItems().size(), "one row per group of grp");
        robot.interact(() -> tabs.getSelectionModel().select(3));
        assertTrue(robot.lookup("#trainingAttributionRow").tryQuery().isPresent());

        assertEquals("training/spec.yaml", vm.selectedSpecProperty().get());
        robot.interact(() -> vm.form().value("epochs").set("7"));
        robot.clickOn("#trainingFormSave");
        String saved = Files.readString(root.resolve("training/spec.yaml"));
        assertTrue(saved.contains("epochs: 7") && saved.contains("# the declared dataset"), saved);
        assertTrue(robot.lookup("#trainingFormMessage").queryAs(Label.class).getText().contains("1"));
    }
}
