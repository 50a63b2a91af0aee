package io.mlwb.app.tracking;

import atlantafx.base.theme.Styles;
import io.mlwb.app.charts.ChartPalette;
import io.mlwb.app.charts.MetricChart;
import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.MetricAxis;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;

/**
 * One metric of the compared runs overlaid: a {@link MetricChart} (EMA over faint raw lines, log axis, LTTB to
 * {@link MetricChart#MAX_POINTS} points per line, exact raw values on hover) with the metric's name above it, a line
 * per run, its smoothing and log scale bound to the pane's. Runs 9 and 10 get colours of their own
 * ({@link CompareColors}) where the theme has eight. FX thread.
 */
final class CompareMetricChart {
    private static final double FAINT_OPACITY = 0.28;

    private final CompareViewModel vm;
    private final String metric;
    private final MetricChart chart;
    private final ChartPalette palette = new ChartPalette();
    private final VBox node;

    CompareMetricChart(CompareViewModel vm, String metric) {
        this.vm = vm;
        this.metric = metric;
        chart = new MetricChart(label(vm.xAxisProperty().get()), null);
        chart.smoothingProperty().bindBidirectional(vm.smoothingProperty());
        chart.logScaleProperty().bindBidirectional(vm.logScaleProperty());
        Label title = new Label(metric);
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setMnemonicParsing(false);
        VBox.setVgrow(chart.node(), Priority.ALWAYS);
        node = new VBox(2, title, chart.node());
        node.getChildren().add(palette.node());
        node.setMinSize(0, 0);
        node.getStyleClass().add("compare-metric-chart");
        // MetricChart colours by the theme's eight series colours; recolour runs 9 and 10 after each of its redraws
        chart.chart().addChangeListener(e -> extraColours());
        palette.onChange(this::extraColours);
        redraw();
    }

    static String label(MetricAxis axis) {
        return Messages.get(switch (axis) {
            case STEP -> "tracking.compare.xAxis.step";
            case EPOCH -> "tracking.compare.xAxis.epoch";
            case TIME -> "tracking.compare.xAxis.time";
        });
    }

    /** @return the node */
    Region node() {
        return node;
    }

    /** @return the metric */
    String metric() {
        return metric;
    }

    /** @return the chart */
    MetricChart chart() {
        return chart;
    }

    /** Redraws the runs' lines from the model on the chosen x axis. */
    void redraw() {
        chart.setXLabel(label(vm.xAxisProperty().get()));
        List<MetricChart.Line> lines = vm.lines(metric).stream().map(l -> new MetricChart.Line(l.label(), l.x(),
                l.y())).toList();
        chart.setLines(lines);
    }

    private void extraColours() {
        XYPlot plot = chart.chart().getXYPlot();
        XYItemRenderer lines = plot.getRenderer(0);
        XYItemRenderer faint = plot.getRenderer(1);
        for (int r = ChartPalette.SERIES_COLOURS; r < chart.lines().size(); r++) {
            javafx.scene.paint.Color c = CompareColors.run(palette, r);
            java.awt.Paint strong = ChartPalette.awt(c);
            if (!strong.equals(lines.getSeriesPaint(r))) { // only when changed: no endless change events
                lines.setSeriesPaint(r, strong, false);
                if (faint != null) {
                    faint.setSeriesPaint(r, ChartPalette.awt(c.deriveColor(0, 1, 1, FAINT_OPACITY)), false);
                }
            }
        }
    }
}
