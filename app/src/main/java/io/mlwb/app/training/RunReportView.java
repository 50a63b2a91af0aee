package io.mlwb.app.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.app.ui.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The end-of-run views of a finished run, from its {@code evaluation.json} and {@code explanation.json}: ROC, PR and
 * calibration curves with the confusion matrix at the decision threshold; the per-group fairness table with the
 * disparity measures (and a mitigation's before/after); permutation importance, partial-dependence curves and the
 * attributions of a chosen test row.
 */
final class RunReportView {
    private RunReportView() {
    }

    static Node evaluation(TrainingViewModel.RunReport r) {
        JsonNode test = r.evaluation() == null ? null : r.evaluation().path("test").path("metrics");
        if (test == null || test.isMissingNode() || !test.has("roc")) {
            return empty();
        }
        double[][] rocXy = xy(test.path("roc"));
        double[][] prXy = xy(test.path("pr"));
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        for (JsonNode b : test.path("calibration")) {
            px.add(b.path("mean_predicted").asDouble());
            py.add(b.path("observed_rate").asDouble());
        }
        double positiveRate = test.path("count").asDouble() > 0
                ? test.path("positives").asDouble() / test.path("count").asDouble() : Double.NaN;
        Node roc = sized(io.mlwb.app.charts.XyStaticChart.roc(rocXy[0], rocXy[1], test.path("roc_auc").asDouble(
                Double.NaN)).node());
        Node pr = sized(io.mlwb.app.charts.XyStaticChart.precisionRecall(prXy[0], prXy[1],
                test.path("pr_auc").asDouble(Double.NaN), positiveRate).node());
        Node cal = sized(io.mlwb.app.charts.XyStaticChart.calibration(arr(px), arr(py)).node());
        JsonNode c = test.path("confusion");
        io.mlwb.app.charts.ConfusionMatrixView matrix = new io.mlwb.app.charts.ConfusionMatrixView(
                List.of(Messages.get("training.report.negative"), Messages.get("training.report.positive")),
                new long[][] {{Math.round(c.path("tn").asDouble()), Math.round(c.path("fp").asDouble())},
                    {Math.round(c.path("fn").asDouble()), Math.round(c.path("tp").asDouble())}});
        GridPane cm = new GridPane();
        cm.setHgap(10);
        cm.setVgap(4);
        cm.setPadding(new Insets(8));
        cm.add(bold(Messages.format("training.report.confusion", fmt(test.path("threshold").asDouble()))), 0, 0, 2, 1);
        cm.add(matrix.node(), 0, 1, 2, 1);
        int row = 2;
        for (String k : List.of("roc_auc", "pr_auc", "accuracy", "precision", "recall", "f1", "log_loss", "brier")) {
            if (test.has(k)) {
                cm.add(new Label(k), 0, row);
                cm.add(new Label(fmt(test.path(k).asDouble())), 1, row++);
            }
        }
        cm.setId("trainingConfusion");
        cm.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox box = new HBox(6, roc, pr, cal, cm);
        for (Node n : List.of(roc, pr, cal)) {
            HBox.setHgrow(n, Priority.ALWAYS);
        }
        return box;
    }

    static Node fairness(TrainingViewModel.RunReport r) {
        JsonNode fair = r.evaluation() == null ? null : r.evaluation().path("test").path("fairness");
        if (fair == null || fair.isMissingNode() || fair.isEmpty()) {
            return emptyText(Messages.get("training.report.noFairness"));
        }
        TableView<String[]> table = new TableView<>();
        table.setId("trainingFairness");
        String[] heads = {"training.report.attr", "training.report.group", "training.report.count",
            "training.report.selection", "training.report.tpr", "training.report.fpr", "training.report.accuracy",
            "training.report.auc"};
        for (int i = 0; i < heads.length; i++) {
            int col = i;
            TableColumn<String[], String> c = new TableColumn<>(Messages.get(heads[i]));
            c.setCellValueFactory(cd -> new SimpleStringProperty(cd.getValue()[col]));
            table.getColumns().add(c);
        }
        VBox notes = new VBox(4);
        fair.fields().forEachRemaining(e -> {
            JsonNode rep = e.getValue();
            for (JsonNode g : rep.path("groups")) {
                table.getItems().add(new String[] {e.getKey(), g.path("group").asText(), g.path("count").asText(),
                    fmt(g.path("selection_rate").asDouble()), fmt(g.path("true_positive_rate").asDouble()),
                    fmt(g.path("false_positive_rate").asDouble()), fmt(g.path("accuracy").asDouble()),
                    g.has("roc_auc") ? fmt(g.path("roc_auc").asDouble()) : ""});
            }
            Label l = new Label(Messages.format("training.report.disparity", e.getKey(),
                    fmt(rep.path("demographic_parity_difference").asDouble()),
                    fmt(rep.path("disparate_impact_ratio").asDouble()),
                    fmt(rep.path("equal_opportunity_difference").asDouble()))
                    + (rep.path("four_fifths_violated").asBoolean() ? "  " + Messages.get("training.report.fourFifths")
                    : ""));
            l.setWrapText(true);
            notes.getChildren().add(l);
        });
        JsonNode m = r.evaluation().path("mitigation");
        if (!m.isMissingNode()) {
            notes.getChildren().add(bold(Messages.format("training.report.mitigation", m.path("method").asText(),
                    m.path("attribute").asText())));
            for (String side : List.of("before", "after")) {
                JsonNode s = m.path(side);
                notes.getChildren().add(new Label(Messages.format("training.report.side", side,
                        fmt(s.path("fairness").path("demographic_parity_difference").asDouble()),
                        fmt(s.path("fairness").path("disparate_impact_ratio").asDouble()),
                        fmt(s.path("performance").path("accuracy").asDouble()),
                        fmt(s.path("performance").path("f1").asDouble()))));
            }
        }
        notes.setPadding(new Insets(6));
        notes.setMaxWidth(420);
        HBox box = new HBox(6, table, notes);
        HBox.setHgrow(table, Priority.ALWAYS);
        return box;
    }

    static Node explanations(TrainingViewModel.RunReport r) {
        JsonNode ex = r.explanation();
        if (ex == null) {
            return emptyText(Messages.get("training.report.noExplanation"));
        }
        DefaultCategoryDataset imp = new DefaultCategoryDataset();
        int n = 0;
        for (JsonNode i : ex.path("permutation_importance").path("importances")) {
            if (n++ >= 12) {
                break;
            }
            imp.addValue(i.path("mean_drop").asDouble(), "drop", i.path("name").asText());
        }
        ChartViewer importance = viewer(bars(Messages.get("training.report.importance"), imp));
        JsonNode firstPdp = ex.path("partial_dependence").path(0);
        String pdpName = firstPdp.path("name").asText("");
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (JsonNode p : firstPdp.path("points")) {
            x.add(p.has("raw_value") ? p.path("raw_value").asDouble() : p.path("value").asDouble());
            y.add(p.path("mean_prediction").asDouble());
        }
        Node pdp = sized(io.mlwb.app.charts.XyStaticChart.partialDependence(pdpName, arr(x), arr(y)).node());
        ComboBox<String> rows = new ComboBox<>();
        rows.setId("trainingAttributionRow");
        ChartViewer attribution = viewer(bars(Messages.get("training.report.attribution"), new DefaultCategoryDataset()));
        JsonNode attrs = ex.path("attributions");
        for (JsonNode a : attrs) {
            rows.getItems().add(Messages.format("training.report.row", a.path("row").asText(),
                    fmt(a.path("prediction").asDouble()), fmt(a.path("label").asDouble())));
        }
        rows.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            int idx = b.intValue();
            if (idx < 0) {
                return;
            }
            DefaultCategoryDataset d = new DefaultCategoryDataset();
            for (JsonNode c : attrs.get(idx).path("contributions")) {
                d.addValue(c.path("value").asDouble(), "contribution", c.path("name").asText());
            }
            attribution.setChart(bars(Messages.format("training.report.attributionOf",
                    fmt(attrs.get(idx).path("baseline").asDouble()), fmt(attrs.get(idx).path("prediction").asDouble())),
                    d));
        });
        if (!rows.getItems().isEmpty()) {
            rows.getSelectionModel().select(0);
        }
        VBox right = new VBox(4, rows, attribution);
        VBox.setVgrow(attribution, Priority.ALWAYS);
        HBox box = new HBox(6, importance, pdp, right);
        for (Node part : List.of(importance, pdp, right)) {
            HBox.setHgrow(part, Priority.ALWAYS);
        }
        return box;
    }

    private static JFreeChart bars(String title, DefaultCategoryDataset d) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        x.setTickLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        x.setTickLabelPaint(new java.awt.Color(0x8A, 0x8A, 0x8A));
        y.setTickLabelPaint(new java.awt.Color(0x8A, 0x8A, 0x8A));
        BarRenderer br = new BarRenderer();
        br.setSeriesPaint(0, new java.awt.Color(0x4C, 0x8D, 0xF6));
        br.setShadowVisible(false);
        br.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        CategoryPlot plot = new CategoryPlot(d, x, y, br);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(new java.awt.Color(0, 0, 0, 0));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(title, new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 12),
                plot, false);
        chart.getTitle().setPaint(new java.awt.Color(0x8A, 0x8A, 0x8A));
        chart.setBackgroundPaint(new java.awt.Color(0, 0, 0, 0));
        return chart;
    }

    private static double[][] xy(JsonNode points) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (JsonNode p : points) {
            x.add(p.path("x").asDouble());
            y.add(p.path("y").asDouble());
        }
        return new double[][] {arr(x), arr(y)};
    }

    private static Node sized(javafx.scene.layout.Region r) {
        r.setMinSize(200, 150);
        r.setPrefSize(320, 220);
        return r;
    }

    private static double[] arr(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    private static ChartViewer viewer(JFreeChart c) {
        ChartViewer v = new ChartViewer(c, false);
        v.setMinSize(200, 150);
        v.setPrefSize(320, 220);
        return v;
    }

    private static Label bold(String s) {
        Label l = new Label(s);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    private static String count(JsonNode n) {
        return Long.toString(Math.round(n.asDouble()));
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static Node empty() {
        return emptyText(Messages.get("training.report.none"));
    }

    private static Node emptyText(String s) {
        Label l = new Label(s);
        l.setPadding(new Insets(12));
        return new ScrollPane(l);
    }
}
