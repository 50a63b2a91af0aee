package io.mlwb.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import io.mlwb.core.series.Ema;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.jfree.chart.axis.LogAxis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The static metric chart: a long series draws at most the cap per line, smoothing draws the EMA strong over the raw
 * line, the hover reads exact raw values from the full series, and the log axis turns non-positive values into gaps.
 */
@ExtendWith(ApplicationExtension.class)
class MetricChartTest {
    private MetricChart chart;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        chart = new MetricChart("step", "loss");
        BorderPane root = new BorderPane(chart.node());
        root.setTop(chart.controls());
        stage.setScene(new Scene(root, 800, 500));
        stage.show();
    }

    private static MetricChart.Line line(int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 1.0 / (1 + i / 100.0) + (i % 2 == 0 ? 0.05 : -0.05);
        }
        y[33_333] = 9.5; // a spike LTTB must keep
        return new MetricChart.Line("train/loss", x, y);
    }

    @Test
    void aLongSeriesDrawsAtMostTheCapSmoothedOverRaw(FxRobot robot) {
        MetricChart.Line l = line(100_000);
        robot.interact(() -> chart.setLines(List.of(l)));
        assertEquals(0.6, chart.smoothingProperty().get(), 1e-12, "the default smoothing");
        assertEquals(1, chart.drawn().getSeriesCount());
        assertEquals(MetricChart.MAX_POINTS, chart.drawn().getItemCount(0), "the smoothed line is downsampled");
        assertEquals(MetricChart.MAX_POINTS, chart.drawnRaw().getItemCount(0), "so is the faint raw line");
        boolean spike = false;
        for (int i = 0; i < chart.drawnRaw().getItemCount(0); i++) {
            spike |= chart.drawnRaw().getYValue(0, i) == 9.5;
        }
        assertTrue(spike, "the raw spike survives downsampling");
        double[] ema = Ema.smooth(l.y(), 0.6);
        assertEquals(ema[l.x().length - 1], chart.drawn().getYValue(0, MetricChart.MAX_POINTS - 1), 1e-12);

        robot.interact(() -> chart.smoothingProperty().set(0));
        assertEquals(0, chart.drawnRaw().getSeriesCount(), "no faint line without smoothing");
        assertEquals(9.5, max(chart), 0, "the main line is the raw one");
    }

    private static double max(MetricChart c) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < c.drawn().getItemCount(0); i++) {
            m = Math.max(m, c.drawn().getYValue(0, i));
        }
        return m;
    }

    @Test
    void longNamesAreShortenedInTheLegendAndWholeOnHover(FxRobot robot) {
        String longName = "run 412 'mlp sweep lr=0.003 layers=[256,128,64] dropout=0.2' val/roc_auc";
        MetricChart.Line l = new MetricChart.Line(longName, new double[] {0, 10}, new double[] {0.5, 0.7});
        MetricChart.Line other = new MetricChart.Line("train/loss", new double[] {0, 10}, new double[] {1, 0.5});
        robot.interact(() -> chart.setLines(List.of(l, other)));
        String key = chart.drawn().getSeriesKey(0).toString();
        assertEquals(ChartStyle.LEGEND_MAX, key.length(), key);
        assertTrue(key.startsWith("run 412 'mlp sweep") && key.endsWith("val/roc_auc") && key.contains("\u2026"), key);
        assertEquals("train/loss", chart.drawn().getSeriesKey(1).toString(), "short names stay whole");
        assertEquals("a".repeat(40), ChartStyle.legendLabel("a".repeat(40)));
    }

    /** The centre of what the chart drew for the entity {@code test} accepts, in the chart's coordinates. */
    private static java.awt.geom.Point2D centreOf(MetricChart chart,
                                                  java.util.function.Predicate<org.jfree.chart.entity.ChartEntity> test) {
        org.jfree.chart.entity.EntityCollection all = ((org.jfree.chart.fx.ChartViewer) chart.node().getChildrenUnmodifiable()
                .get(1)).getCanvas().getRenderingInfo().getEntityCollection();
        for (Object o : all.getEntities()) {
            org.jfree.chart.entity.ChartEntity e = (org.jfree.chart.entity.ChartEntity) o;
            if (test.test(e)) {
                java.awt.Rectangle r = e.getArea().getBounds();
                return new java.awt.geom.Point2D.Double(r.getCenterX(), r.getCenterY());
            }
        }
        throw new AssertionError("nothing drawn that matches");
    }

    @Test
    void hoveringAShortenedLegendItemOrAxisLabelShowsTheWholeName(FxRobot robot) {
        String longName = "run 412 'mlp sweep lr=0.003 layers=[256,128,64] dropout=0.2' val/roc_auc";
        String longMetric = "eval/holdout_2024_q3/calibration/expected_calibration_error_15_bins_by_segment";
        MetricChart.Line l = new MetricChart.Line(longName, new double[] {0, 10}, new double[] {0.5, 0.7});
        MetricChart.Line other = new MetricChart.Line("train/loss", new double[] {0, 10}, new double[] {1, 0.5});
        MetricChart[] c = new MetricChart[1];
        robot.interact(() -> {
            c[0] = new MetricChart("step", longMetric);
            c[0].setLines(List.of(l, other));
            c[0].node().setPrefSize(300, 220);
            c[0].node().setMaxSize(300, 220);
            BorderPane small = new BorderPane();
            small.setLeft(c[0].node());
            chart.node().getScene().setRoot(small);
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        MetricChart narrow = c[0];
        String key = narrow.drawn().getSeriesKey(0).toString();
        assertEquals(MetricChart.legendChars(300), key.length(), "shortened to what 300 px hold: " + key);
        assertTrue(key.length() < ChartStyle.LEGEND_MAX && key.endsWith("roc_auc"), key);
        String axis = narrow.chart().getXYPlot().getRangeAxis().getLabel();
        assertEquals(MetricChart.axisChars(220), axis.length(), axis);

        java.awt.geom.Point2D item = centreOf(narrow, e -> e instanceof org.jfree.chart.entity.LegendItemEntity li
                && key.equals(li.getSeriesKey()));
        robot.interact(() -> narrow.hoverAt(item.getX(), item.getY()));
        assertEquals(longName, narrow.hoverProperty().get(), "the hover over the legend item has the whole name");
        java.awt.geom.Point2D other2 = centreOf(narrow, e -> e instanceof org.jfree.chart.entity.LegendItemEntity li
                && "train/loss".equals(li.getSeriesKey()));
        robot.interact(() -> narrow.hoverAt(other2.getX(), other2.getY()));
        assertEquals("train/loss", narrow.hoverProperty().get());
        java.awt.geom.Point2D yAxis = centreOf(narrow, e -> e instanceof org.jfree.chart.entity.AxisEntity a
                && a.getAxis() == narrow.chart().getXYPlot().getRangeAxis());
        robot.interact(() -> narrow.hoverAt(yAxis.getX(), yAxis.getY()));
        assertEquals(longMetric, narrow.hoverProperty().get(), "the hover over the y axis has the whole metric name");

        assertEquals(ChartStyle.LEGEND_MAX, MetricChart.legendChars(800));
        assertEquals(12, MetricChart.legendChars(80), "never fewer than 12 characters");
        assertEquals("abc\u2026vwxyz", ChartStyle.legendLabel("abcdefghijklmnopqrstuvwxyz", 9));
    }

    @Test
    void hoverReadsTheExactRawValueNearestTheMouse(FxRobot robot) {
        MetricChart.Line l = new MetricChart.Line("val/auc", new double[] {0, 10, 20, 30},
                new double[] {0.5, 0.712345678901, 0.8, 0.81});
        robot.interact(() -> {
            chart.setLines(List.of(l));
            chart.smoothingProperty().set(0.5);
        });
        String text = chart.hoverText(12.0);
        assertTrue(text.startsWith("val/auc @ step 10: 0.712345678901"), text);
        double smoothed = Ema.smooth(l.y(), 0.5)[1];
        assertTrue(text.contains(Double.toString(smoothed)), text);
        assertEquals(3, MetricChart.nearest(l.x(), 1e9));
        assertEquals(0, MetricChart.nearest(l.x(), -5));
        assertEquals(1, MetricChart.nearest(l.x(), 15), "a tie goes to the earlier point");
        assertEquals(-1, MetricChart.nearest(new double[0], 1));
    }

    @Test
    void logScaleTurnsNonPositiveValuesIntoGaps(FxRobot robot) {
        MetricChart.Line l = new MetricChart.Line("lr", new double[] {0, 1, 2}, new double[] {0.1, 0, 0.01});
        robot.interact(() -> {
            chart.setLines(List.of(l));
            chart.smoothingProperty().set(0);
            chart.logScaleProperty().set(true);
        });
        assertTrue(chart.chart().getXYPlot().getRangeAxis() instanceof LogAxis);
        assertTrue(Double.isNaN(chart.drawn().getYValue(0, 1)));
        MetricChart.Frame f = MetricChart.frame(l, 0, false, 3);
        assertNull(f.smooth());
        assertEquals(0, f.y()[1], 0, "a linear axis keeps zero");
    }

    @Test
    void aFlatLineGetsAReadableRangeAndTicksAreCompact(FxRobot robot) {
        MetricChart.Line flat = new MetricChart.Line("lr", new double[] {0, 1, 2}, new double[] {1e-3, 1e-3, 1e-3});
        assertEquals(2e-4, MetricChart.minimumRange(List.of(flat)), 1e-15);
        MetricChart.Line moving = new MetricChart.Line("loss", new double[] {0, 1}, new double[] {0.15, 0.14});
        assertEquals(1e-8, MetricChart.minimumRange(List.of(moving)), 0);
        robot.interact(() -> {
            chart.setLines(List.of(flat));
            chart.smoothingProperty().set(0);
        });
        org.jfree.data.Range r = chart.chart().getXYPlot().getRangeAxis().getRange();
        assertTrue(r.getLength() >= 2e-4 && r.contains(1e-3), r.toString());
        MetricChart.CompactFormat f = new MetricChart.CompactFormat();
        assertEquals("280M", f.format(2.8e8));
        assertEquals("25.276G", f.format(2.5275990016e10));
        assertEquals("0.144", f.format(0.144));
        assertEquals("12345", f.format(12345));
        assertEquals("5E-5", f.format(5e-5));
        assertEquals("0", f.format(0));
    }
}
