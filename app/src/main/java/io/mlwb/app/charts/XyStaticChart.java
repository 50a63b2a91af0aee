package io.mlwb.app.charts;

import io.mlwb.app.ui.Messages;
import java.util.Objects;
import java.util.function.Function;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The end-of-run plots: ROC curve, precision-recall curve, calibration plot and partial-dependence curve, each a
 * JFreeChart in a {@link ChartViewer}, coloured by the AtlantaFX theme and rebuilt when the theme switches. The data
 * are plain arrays (the evaluation's curves); every label comes from the bundle. Build on the FX thread.
 */
public final class XyStaticChart {
    private final ChartPalette palette = new ChartPalette();
    private final Function<ChartPalette, JFreeChart> build;
    private final ChartViewer viewer = new ChartViewer(null, false);
    private final StackPane node = new StackPane(palette.node(), viewer);

    private XyStaticChart(Function<ChartPalette, JFreeChart> build) {
        this.build = build;
        node.setMinSize(0, 0);
        node.getStyleClass().add("xy-static-chart");
        rebuild();
        palette.onChange(this::rebuild);
    }

    private void rebuild() {
        JFreeChart chart = build.apply(palette);
        ChartStyle.apply(chart, palette);
        viewer.setChart(chart);
    }

    /** @return the node to put in a pane */
    public Region node() {
        return node;
    }

    /** @return the chart shown (rebuilt on a theme switch) */
    public JFreeChart chart() {
        return viewer.getChart();
    }

    /**
     * The ROC curve with the chance diagonal.
     *
     * @param fpr false positive rates, in curve order
     * @param tpr true positive rates, as many
     * @param auc the area under the curve, shown in the legend
     * @return the chart
     */
    public static XyStaticChart roc(double[] fpr, double[] tpr, double auc) {
        check(fpr, tpr);
        return new XyStaticChart(p -> unitChart(p, Messages.get("charts.roc.x"), Messages.get("charts.roc.y"),
                Messages.format("charts.roc.curve", auc), new double[][] {fpr.clone(), tpr.clone()},
                Messages.get("charts.roc.chance"), new double[][] {{0, 1}, {0, 1}}, false));
    }

    /**
     * The precision-recall curve with the no-skill line at the positive rate.
     *
     * @param recall           recall values, in curve order
     * @param precision        precision values, as many
     * @param averagePrecision the area (average precision), shown in the legend
     * @param positiveRate     the share of positives (the no-skill precision); NaN draws no line
     * @return the chart
     */
    public static XyStaticChart precisionRecall(double[] recall, double[] precision, double averagePrecision,
            double positiveRate) {
        check(recall, precision);
        double[][] baseline = Double.isFinite(positiveRate) ? new double[][] {{0, 1}, {positiveRate, positiveRate}}
                : null;
        return new XyStaticChart(p -> unitChart(p, Messages.get("charts.pr.x"), Messages.get("charts.pr.y"),
                Messages.format("charts.pr.curve", averagePrecision), new double[][] {recall.clone(),
                    precision.clone()}, Messages.get("charts.pr.baseline"), baseline, false));
    }

    /**
     * The calibration (reliability) plot with the ideal diagonal.
     *
     * @param meanPredicted    each bin's mean predicted probability
     * @param fractionPositive each bin's observed share of positives, as many
     * @return the chart
     */
    public static XyStaticChart calibration(double[] meanPredicted, double[] fractionPositive) {
        check(meanPredicted, fractionPositive);
        return new XyStaticChart(p -> unitChart(p, Messages.get("charts.calibration.x"),
                Messages.get("charts.calibration.y"), Messages.get("charts.calibration.curve"),
                new double[][] {meanPredicted.clone(), fractionPositive.clone()},
                Messages.get("charts.calibration.ideal"), new double[][] {{0, 1}, {0, 1}}, true));
    }

    /**
     * A partial-dependence curve: the model's average prediction as one feature varies.
     *
     * @param feature           the feature's name (the x axis' label)
     * @param values            the feature values, increasing
     * @param averagePrediction the average prediction at each value, as many
     * @return the chart
     */
    public static XyStaticChart partialDependence(String feature, double[] values, double[] averagePrediction) {
        Objects.requireNonNull(feature, "feature");
        check(values, averagePrediction);
        return new XyStaticChart(p -> {
            DefaultXYDataset ds = new DefaultXYDataset();
            ds.addSeries(Messages.get("charts.pdp.curve"), new double[][] {values.clone(),
                averagePrediction.clone()});
            NumberAxis x = new NumberAxis(feature);
            x.setAutoRangeIncludesZero(false);
            NumberAxis y = new NumberAxis(Messages.get("charts.pdp.y"));
            y.setAutoRangeIncludesZero(false);
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, values.length <= 30);
            r.setSeriesPaint(0, ChartPalette.awt(p.series(0)));
            r.setSeriesStroke(0, ChartStyle.LINE);
            return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(ds, x, y, r), false);
        });
    }

    /** A chart on the unit square: the curve in the first series colour, a dashed muted reference line. */
    private static JFreeChart unitChart(ChartPalette p, String xLabel, String yLabel, String curveLabel,
            double[][] curve, String referenceLabel, double[][] reference, boolean shapes) {
        DefaultXYDataset ds = new DefaultXYDataset();
        ds.addSeries(curveLabel, curve);
        if (reference != null) {
            ds.addSeries(referenceLabel, reference);
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setRange(0, 1);
        x.setTickUnit(new NumberTickUnit(0.1)); // fewer, readable ticks on the unit square
        NumberAxis y = new NumberAxis(yLabel);
        y.setRange(0, 1.02);
        y.setTickUnit(new NumberTickUnit(0.1));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, ChartPalette.awt(p.series(0)));
        r.setSeriesStroke(0, ChartStyle.LINE);
        r.setSeriesShapesVisible(0, shapes);
        r.setSeriesPaint(1, ChartPalette.awt(p.color("muted")));
        r.setSeriesStroke(1, ChartStyle.DASHED);
        XYPlot plot = new XYPlot(ds, x, y, r);
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length);
        }
    }
}
