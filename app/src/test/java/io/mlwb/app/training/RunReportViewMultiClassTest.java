package io.mlwb.app.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The end-of-run tabs of a real 3-class run: class selectors for the curves, per-class fairness columns. */
@ExtendWith(ApplicationExtension.class)
class RunReportViewMultiClassTest {
    @TempDir
    static Path root;

    private TrainingViewModel.RunReport report;
    private VBox box;

    @Start
    void start(Stage stage) throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("training"));
        Files.writeString(root.resolve("mlwb.yaml"), """
                schema_version: 1
                name: kinds
                datasets:
                  - name: kinds
                    path: data/kinds.csv
                    target: kind
                    sensitive_attributes: [grp]
                """);
        Random r = new Random(6);
        StringBuilder sb = new StringBuilder("x1,x2,grp,kind\n");
        for (int i = 0; i < 600; i++) {
            double a = r.nextGaussian();
            double t = a + 0.2 * r.nextGaussian();
            sb.append(String.format(Locale.ROOT, "%.3f,%.3f,%s,%s%n", a, r.nextGaussian(), i % 2 == 0 ? "g1" : "g2",
                    t < -0.5 ? "alpha" : t > 0.5 ? "gamma" : "beta"));
        }
        Files.writeString(root.resolve("data/kinds.csv"), sb.toString());
        Files.writeString(root.resolve("training/spec.yaml"), """
                dataset: kinds
                model: {type: mlp, layers: [8]}
                loss: cross_entropy
                split: {strategy: random, stratified: true}
                epochs: 3
                seed: 3
                device: cpu
                """);
        Project project = Project.load(root);
        TrainResult run;
        try (Catalog catalog = Catalog.open(project.catalogFile())) {
            run = new TrainingService(project, null, catalog, new TrainingSettings(0.1, 2.5, 0, true),
                    Clock.systemUTC()).train(TrainRequest.spec(Path.of("training/spec.yaml"), List.of()), null, null,
                    Progress.NONE);
        }
        ObjectMapper json = new ObjectMapper();
        report = new TrainingViewModel.RunReport(run.runId(),
                json.readTree(run.runDir().resolve("evaluation.json").toFile()),
                json.readTree(run.runDir().resolve("explanation.json").toFile()));
        box = new VBox(6, RunReportView.evaluation(report), RunReportView.fairness(report),
                RunReportView.explanations(report));
        stage.setScene(new Scene(box, 1300, 900));
        stage.show();
    }

    @Test
    void classSelectorsSwitchTheCurvesAndFairnessHasAColumnPerClass(FxRobot robot) {
        ComboBox<?> evalClass = robot.lookup("#trainingEvaluationClass").queryComboBox();
        assertEquals(List.of("alpha", "beta", "gamma"), evalClass.getItems());
        assertTrue(robot.lookup("#trainingConfusion").tryQuery().isPresent());
        robot.interact(() -> evalClass.getSelectionModel().select(2));

        TableView<?> fairness = robot.lookup("#trainingFairness").queryTableView();
        assertEquals(2, fairness.getItems().size(), "one row per group of grp");
        List<String> heads = fairness.getColumns().stream().map(c -> c.getText()).toList();
        assertTrue(heads.contains("Sel. alpha") && heads.contains("Sel. gamma") && heads.contains("Macro F1"),
                heads.toString());

        ComboBox<?> pdpClass = robot.lookup("#trainingPdpClass").queryComboBox();
        assertEquals(List.of("alpha", "beta", "gamma"), pdpClass.getItems());
        robot.interact(() -> pdpClass.getSelectionModel().select(1));
        ComboBox<?> rows = robot.lookup("#trainingAttributionRow").queryComboBox();
        assertEquals(6, rows.getItems().size());
        assertTrue(rows.getItems().get(0).toString().contains("P("), rows.getItems().get(0).toString());
    }
}
