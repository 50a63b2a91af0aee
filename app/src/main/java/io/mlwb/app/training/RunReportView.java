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
        if (r.evaluation() != null && r.evaluation().path("multi_class").asBoolean()) {
            return multiClassEvaluation(r.evaluation().path("test"));
        }
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

    /**
     * A multi-class evaluation: one-vs-rest ROC, PR and calibration of the class chosen in a selector, the k × k
     * confusion matrix and the macro metrics with each class's precision, recall and F1.
     */
    private static Node multiClassEvaluation(JsonNode test) {
        List<String> classes = new ArrayList<>();
        test.path("classes").forEach(c -> classes.add(c.asText()));
        JsonNode cm = test.path("confusion");
        if (classes.isEmpty() || cm.size() != classes.size()) {
            return empty();
        }
        long[][] counts = new long[classes.size()][classes.size()];
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                counts[i][j] = cm.path(i).path(j).asLong();
            }
        }
        JsonNode ovr = test.path("one_vs_rest");
        ComboBox<String> pick = new ComboBox<>();
        pick.setId("trainingEvaluationClass");
        ovr.forEach(c -> pick.getItems().add(c.path("class").asText()));
        HBox curves = new HBox(6);
        pick.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() < 0) {
                return;
            }
            JsonNode c = ovr.get(b.intValue());
            double[][] rocXy = xy(c.path("roc"));
            double[][] prXy = xy(c.path("pr"));
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (JsonNode bin : c.path("calibration")) {
                px.add(bin.path("mean_predicted").asDouble());
                py.add(bin.path("observed_rate").asDouble());
            }
            double rate = c.path("count").asDouble() > 0 ? c.path("positives").asDouble() / c.path("count").asDouble()
                    : Double.NaN;
            List<Node> charts = List.of(
                    sized(io.mlwb.app.charts.XyStaticChart.roc(rocXy[0], rocXy[1], c.path("roc_auc").asDouble(
                            Double.NaN)).node()),
                    sized(io.mlwb.app.charts.XyStaticChart.precisionRecall(prXy[0], prXy[1],
                            c.path("pr_auc").asDouble(Double.NaN), rate).node()),
                    sized(io.mlwb.app.charts.XyStaticChart.calibration(arr(px), arr(py)).node()));
            curves.getChildren().setAll(charts);
            charts.forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        });
        if (!pick.getItems().isEmpty()) {
            pick.getSelectionModel().select(0);
        }
        HBox selector = new HBox(6, new Label(Messages.get("training.report.classCurves")), pick);
        selector.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox left = new VBox(4, selector, curves);
        VBox.setVgrow(curves, Priority.ALWAYS);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        grid.setPadding(new Insets(8));
        grid.add(bold(Messages.get("training.report.confusionMulti")), 0, 0, 4, 1);
        grid.add(new io.mlwb.app.charts.ConfusionMatrixView(classes, counts).node(), 0, 1, 4, 1);
        int row = 2;
        JsonNode m = test.path("metrics");
        for (String k : List.of("accuracy", "macro_precision", "macro_recall", "macro_f1", "log_loss")) {
            if (m.has(k)) {
                grid.add(new Label(k), 0, row);
                grid.add(new Label(fmt(m.path(k).asDouble())), 1, row++);
            }
        }
        grid.add(bold(Messages.get("training.report.class")), 0, row);
        grid.add(bold("precision"), 1, row);
        grid.add(bold("recall"), 2, row);
        grid.add(bold("f1"), 3, row++);
        for (JsonNode c : test.path("per_class")) {
            grid.add(new Label(c.path("class").asText()), 0, row);
            grid.add(new Label(fmt(c.path("precision").asDouble(Double.NaN))), 1, row);
            grid.add(new Label(fmt(c.path("recall").asDouble(Double.NaN))), 2, row);
            grid.add(new Label(fmt(c.path("f1").asDouble(Double.NaN))), 3, row++);
        }
        grid.setId("trainingConfusion");
        grid.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ScrollPane side = new ScrollPane(grid);
        // the matrix stays readable: the curves give way first (a wide matrix of many classes scrolls)
        side.setMinViewportWidth(Math.min(160 + 75 * classes.size(), 620));
        HBox box = new HBox(6, left, side);
        HBox.setHgrow(left, Priority.ALWAYS);
        return box;
    }

    static Node fairness(TrainingViewModel.RunReport r) {
        JsonNode fair = r.evaluation() == null ? null : r.evaluation().path("test").path("fairness");
        if (fair == null || fair.isMissingNode() || fair.isEmpty()) {
            return emptyText(Messages.get("training.report.noFairness"));
        }
        if (r.evaluation().path("multi_class").asBoolean()) {
            return multiClassFairness(fair);
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

    /** Per group rows, accuracy, macro F1 and the selection rate of each class; per class its disparities. */
    private static Node multiClassFairness(JsonNode fair) {
        TableView<String[]> table = new TableView<>();
        table.setId("trainingFairness");
        List<String> classes = new ArrayList<>();
        fair.fields().next().getValue().path("classes").forEach(c -> classes.add(c.asText()));
        List<String> heads = new ArrayList<>(List.of(Messages.get("training.report.attr"),
                Messages.get("training.report.group"), Messages.get("training.report.count"),
                Messages.get("training.report.accuracy"), Messages.get("training.report.macroF1")));
        int shown = Math.min(classes.size(), 10);
        for (int c = 0; c < shown; c++) {
            heads.add(Messages.format("training.report.selectionOf", classes.get(c)));
        }
        for (int i = 0; i < heads.size(); i++) {
            int col = i;
            TableColumn<String[], String> c = new TableColumn<>(heads.get(i));
            c.setCellValueFactory(cd -> new SimpleStringProperty(cd.getValue()[col]));
            c.setPrefWidth(Math.max(i == 1 ? 90 : 60, 8 * heads.get(i).length() + 28)); // headers unabridged
            table.getColumns().add(c);
        }
        VBox notes = new VBox(4);
        fair.fields().forEachRemaining(e -> {
            JsonNode rep = e.getValue();
            for (JsonNode g : rep.path("groups")) {
                String[] cells = new String[heads.size()];
                cells[0] = e.getKey();
                cells[1] = g.path("group").asText();
                cells[2] = g.path("count").asText();
                cells[3] = fmt(g.path("accuracy").asDouble(Double.NaN));
                cells[4] = fmt(g.path("macro_f1").asDouble(Double.NaN));
                for (int c = 0; c < shown; c++) {
                    cells[5 + c] = fmt(g.path("selection_rates").path(classes.get(c)).asDouble(Double.NaN));
                }
                table.getItems().add(cells);
            }
            Label worst = bold(Messages.format("training.report.worstClass", e.getKey(),
                    fmt(rep.path("worst_disparate_impact_ratio").asDouble(Double.NaN)),
                    rep.path("worst_class").asText("–"))
                    + (rep.path("four_fifths_violated").asBoolean() ? "  " + Messages.get("training.report.fourFifths")
                    : ""));
            worst.setWrapText(true);
            notes.getChildren().add(worst);
            for (JsonNode c : rep.path("per_class")) {
                Label l = new Label(Messages.format("training.report.classDisparity", e.getKey(),
                        c.path("label").asText(), fmt(c.path("demographic_parity_difference").asDouble(Double.NaN)),
                        fmt(c.path("disparate_impact_ratio").asDouble(Double.NaN)))
                        + (c.path("four_fifths_violated").asBoolean() ? "  \u26a0" : ""));
                l.setWrapText(true);
                notes.getChildren().add(l);
            }
        });
        notes.setPadding(new Insets(6));
        notes.setMaxWidth(420);
        ScrollPane side = new ScrollPane(notes);
        side.setFitToWidth(true);
        side.setMinWidth(320);
        HBox box = new HBox(6, table, side);
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
        boolean multi = ex.path("multi_class").asBoolean();
        JsonNode curves = ex.path("partial_dependence");
        String pdpName = curves.path(0).path("name").asText("");
        List<JsonNode> ofTop = new ArrayList<>();
        for (JsonNode c : curves) {
            if (c.path("name").asText("").equals(pdpName)) {
                ofTop.add(c);
            }
        }
        VBox pdpBox = new VBox(4);
        java.util.function.IntConsumer showPdp = idx -> {
            JsonNode c = ofTop.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                    : ofTop.get(idx);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (JsonNode p : c.path("points")) {
                x.add(p.has("raw_value") ? p.path("raw_value").asDouble() : p.path("value").asDouble());
                y.add(p.path("mean_prediction").asDouble());
            }
            String title = multi ? Messages.format("training.report.pdpOf", pdpName, c.path("class").asText())
                    : pdpName;
            Node chart = sized(io.mlwb.app.charts.XyStaticChart.partialDependence(title, arr(x), arr(y)).node());
            VBox.setVgrow(chart, Priority.ALWAYS);
            if (pdpBox.getChildren().isEmpty() || !multi) {
                pdpBox.getChildren().setAll(chart);
            } else {
                pdpBox.getChildren().set(pdpBox.getChildren().size() - 1, chart);
            }
        };
        if (multi && !ofTop.isEmpty()) {
            ComboBox<String> cls = new ComboBox<>();
            cls.setId("trainingPdpClass");
            ofTop.forEach(c -> cls.getItems().add(c.path("class").asText()));
            HBox selector = new HBox(6, new Label(Messages.get("training.report.class")), cls);
            selector.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            pdpBox.getChildren().add(selector);
            if (ex.has("partial_dependence_note")) {
                Label note = new Label(Messages.format("training.report.pdpNote",
                        ex.path("partial_dependence_note").asText()));
                note.setWrapText(true);
                pdpBox.getChildren().add(note);
            }
            pdpBox.getChildren().add(new Label());
            cls.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
                if (b.intValue() >= 0) {
                    showPdp.accept(b.intValue());
                }
            });
            cls.getSelectionModel().select(0);
        } else {
            showPdp.accept(0);
        }
        Node pdp = pdpBox;
        ComboBox<String> rows = new ComboBox<>();
        rows.setId("trainingAttributionRow");
        ChartViewer attribution = viewer(bars(Messages.get("training.report.attribution"), new DefaultCategoryDataset()));
        JsonNode attrs = ex.path("attributions");
        for (JsonNode a : attrs) {
            rows.getItems().add(multi ? Messages.format("training.report.rowMulti", a.path("row").asText(),
                    a.path("class").asText(), fmt(a.path("prediction").asDouble()), a.path("label").asText())
                    : Messages.format("training.report.row", a.path("row").asText(),
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
