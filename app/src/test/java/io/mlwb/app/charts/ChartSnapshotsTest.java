package io.mlwb.app.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.testing.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * With {@code -Dmlwb.snapshotDir=DIR}, writes PNG snapshots of every chart of the package, light and dark, for a
 * person to look at (labels that overlap, colours that vanish on the dark background).
 */
@ExtendWith(ApplicationExtension.class)
class ChartSnapshotsTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new BorderPane(), 720, 420));
        stage.show();
    }

    @Test
    void snapshotsForAPerson(FxRobot robot) throws Exception {
        Optional<Path> folder = Snapshots.folder();
        if (folder.isEmpty()) {
            return; // only on request: a person looks at these
        }
        Path dir = folder.get();
        int n = 101;
        double[] fpr = new double[n];
        double[] tpr = new double[n];
        double[] precision = new double[n];
        for (int i = 0; i < n; i++) {
            fpr[i] = i / 100.0;
            tpr[i] = Math.pow(fpr[i], 0.25);
            precision[i] = 0.2 + 0.8 * Math.pow(1 - fpr[i], 2) * 0.9 + 0.02;
        }
        double[] bins = {0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95};
        double[] observed = {0.02, 0.11, 0.22, 0.37, 0.41, 0.58, 0.7, 0.78, 0.9, 0.97};
        double[] income = new double[20];
        double[] pd = new double[20];
        for (int i = 0; i < 20; i++) {
            income[i] = 10_000 + i * 5_000;
            pd[i] = 0.4 / (1 + Math.exp((income[i] - 50_000) / 15_000.0)) + 0.05;
        }
        List<Supplier<Parent>> charts = List.of(
                () -> live(),
                () -> XyStaticChart.roc(fpr, tpr, 0.871).node(),
                () -> XyStaticChart.precisionRecall(fpr, precision, 0.64, 0.2).node(),
                () -> XyStaticChart.calibration(bins, observed).node(),
                () -> XyStaticChart.partialDependence("income", income, pd).node(),
                () -> new ConfusionMatrixView(List.of("approve", "decline"),
                        new long[][] {{4210, 388}, {262, 1140}}).node(),
                () -> longLegend(520, 300),
                () -> longLegend(340, 260));
        String[] names = {"live-loss", "roc", "pr", "calibration", "pdp", "confusion", "legend-520", "legend-340"};
        for (boolean dark : new boolean[] {false, true}) {
            for (int c = 0; c < charts.size(); c++) {
                Parent[] node = new Parent[1];
                int k = c;
                robot.interact(() -> {
                    node[0] = new BorderPane(charts.get(k).get());
                    ((BorderPane) node[0]).setStyle("-fx-background-color: -color-bg-default;");
                    stage.getScene().setRoot(node[0]);
                    Snapshots.theme(node[0], dark);
                });
                Thread.sleep(300); // a tick of the live chart
                robot.interact(() -> { });
                Path file = dir.resolve("chart-" + names[c] + (dark ? "-dark" : "-light") + ".png");
                Snapshots.write(robot, node[0], file);
                assertTrue(Files.size(file) > 0);
            }
        }
    }

    private static Parent live() {
        LiveLineChart chart = new LiveLineChart("step", "loss");
        Random rnd = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            double t = 0.9 * Math.exp(-i / 40_000.0) + 0.1;
            chart.append("train_loss", i, t + 0.08 * rnd.nextGaussian());
            if (i % 2000 == 0) {
                chart.append("val_loss", i, t * 1.1 + 0.03);
            }
        }
        chart.smoothingProperty().set(0.95);
        BorderPane p = new BorderPane(chart.node());
        p.setTop(chart.controls());
        return p;
    }

    /** A compare-style chart of six runs whose names (the legend's labels) are long. */
    private static Parent longLegend(double w, double h) {
        MetricChart chart = new MetricChart("step", "val/roc_auc");
        String[] names = {"mlp sweep lr=0.003 layers=[256,128,64] dropout=0.2 (#412)", "baseline (#3)",
            "gradient-boosted-trees-with-monotone-constraints-on-income-and-age (#57)",
            "logistic regression l2 C=1.0 class_weight=balanced (#18)", "mlp (#7)",
            "mlp sweep lr=0.001 layers=[256,128,64] dropout=0.2 (#413)"};
        List<MetricChart.Line> lines = new java.util.ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            double[] x = new double[50];
            double[] y = new double[50];
            for (int i = 0; i < 50; i++) {
                x[i] = i * 10;
                y[i] = 0.6 + 0.3 * (1 - Math.exp(-i / (8.0 + 3 * k)));
            }
            lines.add(new MetricChart.Line(names[k], x, y));
        }
        chart.setLines(lines);
        chart.node().setPrefSize(w, h);
        chart.node().setMaxSize(w, h);
        BorderPane p = new BorderPane();
        p.setLeft(chart.node());
        return p;
    }
}
