package io.mlwb.app.tracking;

import io.mlwb.app.charts.ChartPalette;
import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.CompareModel;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * One metric of the compared runs, overlaid: a line per run in its colour (legend: run name and id), the smoothed
 * line over a faint raw one when smoothing is on, a log y axis on demand, x by step or time. The lines come from
 * {@link CompareModel#draw} (at most {@link CompareModel#DRAWN_POINTS} points each); hovering shows each run's exact
 * raw value nearest to the mouse by x, and a crosshair there. FX thread.
 */
final class CompareMetricChart {
    private static final double FAINT_OPACITY = 0.25;
    private static final BasicStroke LINE = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke FAINT = new BasicStroke(1.0f);
    private static final java.awt.Color TRANSPARENT = new java.awt.Color(0, 0, 0, 0);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final CompareViewModel vm;
    private final String metric;
    private final ChartPalette palette = new ChartPalette();
    private final XYPlot plot = new XYPlot();
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final Label hover = new Label();
    private final StackPane node;
    private final XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    private final XYLineAndShapeRenderer faint = new XYLineAndShapeRenderer(true, false);

    CompareMetricChart(CompareViewModel vm, String metric) {
        this.vm = vm;
        this.metric = metric;
        plot.setRenderer(0, lines);
        plot.setRenderer(1, faint);
        lines.setDrawSeriesLineAsPath(true);
        faint.setDrawSeriesLineAsPath(true);
        faint.setDefaultSeriesVisibleInLegend(false);
        plot.setDomainCrosshairLockedOnData(false);
        plot.setRangeCrosshairVisible(false);
        chart = new JFreeChart(metric, TITLE_FONT, plot, true);
        viewer = new ChartViewer(chart, false);
        viewer.getCanvas().setTooltipEnabled(false);
        hover.getStyleClass().add("compare-hover");
        hover.setVisible(false);
        hover.setMouseTransparent(true);
        hover.setStyle("-fx-background-color: -color-bg-overlay; -fx-border-color: -color-border-default; "
                + "-fx-padding: 4 6 4 6; -fx-font-size: 11px;");
        StackPane.setAlignment(hover, Pos.TOP_RIGHT);
        StackPane.setMargin(hover, new Insets(34, 18, 0, 0));
        node = new StackPane(palette.node(), viewer, hover);
        node.setMinSize(0, 0);
        node.setPrefHeight(320);
        node.getStyleClass().add("compare-metric-chart");
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX e) {
                // zoom is the viewer's own
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX e) {
                hoverAt(e.getTrigger().getX(), e.getTrigger().getY());
            }
        });
        viewer.setOnMouseExited(e -> clearHover());
        palette.onChange(this::redraw);
        redraw();
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
    JFreeChart chart() {
        return chart;
    }

    /** @return the drawn main lines (smoothed, or raw when smoothing is off) */
    XYDataset drawn() {
        return plot.getDataset(0);
    }

    /** @return the faint raw lines behind smoothed ones */
    XYDataset drawnRaw() {
        return plot.getDataset(1);
    }

    /** @return the hover box */
    Label hoverLabel() {
        return hover;
    }

    /** Rebuilds the lines from the model and the settings. */
    void redraw() {
        CompareModel m = vm.modelProperty().get();
        DefaultXYDataset main = new DefaultXYDataset();
        DefaultXYDataset raw = new DefaultXYDataset();
        if (m != null && m.commonMetrics().contains(metric)) {
            double weight = vm.smoothingProperty().get();
            boolean log = vm.logScaleProperty().get();
            CompareModel.XAxis x = vm.xAxisProperty().get();
            for (int r = 0; r < m.runs().size(); r++) {
                CompareModel.Drawn d = m.draw(r, metric, x, weight, log);
                CompareModel.Line top = d.smooth() != null ? d.smooth() : d.raw();
                main.addSeries(m.label(r), new double[][] {top.x(), top.y()});
                if (d.smooth() != null) {
                    raw.addSeries(m.label(r), new double[][] {d.raw().x(), d.raw().y()});
                }
            }
        }
        chart.setNotify(false);
        NumberAxis domain = new NumberAxis(Messages.get(vm.xAxisProperty().get() == CompareModel.XAxis.STEP
                ? "tracking.compare.xAxis.step" : "tracking.compare.xAxis.time"));
        domain.setAutoRangeIncludesZero(false);
        plot.setDomainAxis(domain);
        plot.setRangeAxis(vm.logScaleProperty().get() ? logAxis() : linearAxis());
        plot.setDataset(0, main);
        plot.setDataset(1, raw);
        style(m == null ? 0 : m.runs().size());
        chart.setNotify(true);
        clearHover();
    }

    private NumberAxis linearAxis() {
        NumberAxis y = new NumberAxis(null);
        y.setAutoRangeIncludesZero(false);
        return y;
    }

    private LogAxis logAxis() {
        LogAxis y = new LogAxis(null);
        y.setSmallestValue(1e-12);
        y.setBase(10);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0, new java.text.DecimalFormat("0.###E0")));
        y.setAutoTickUnitSelection(true);
        return y;
    }

    private void style(int runs) {
        styleChart(chart, palette);
        plot.setDomainCrosshairPaint(ChartPalette.awt(palette.color("muted")));
        plot.setDomainCrosshairStroke(new BasicStroke(1f));
        for (int r = 0; r < runs; r++) {
            javafx.scene.paint.Color c = CompareColors.run(palette, r);
            lines.setSeriesPaint(r, ChartPalette.awt(c), false);
            lines.setSeriesStroke(r, LINE, false);
            faint.setSeriesPaint(r, ChartPalette.awt(c.deriveColor(0, 1, 1, FAINT_OPACITY)), false);
            faint.setSeriesStroke(r, FAINT, false);
        }
    }

    /** The Compare pane's chart look: transparent, theme text and grid colours, legend at the bottom. */
    static void styleChart(JFreeChart chart, ChartPalette palette) {
        java.awt.Color fg = ChartPalette.awt(palette.color("fg"));
        java.awt.Color muted = ChartPalette.awt(palette.color("muted"));
        java.awt.Color border = ChartPalette.awt(palette.color("border"));
        chart.setBackgroundPaint(TRANSPARENT);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(4, 4, 4, 14));
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setPaint(fg);
            title.setFont(TITLE_FONT);
            title.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(TRANSPARENT);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(border);
        plot.setRangeGridlinePaint(border);
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        for (ValueAxis a : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            a.setLabelPaint(fg);
            a.setLabelFont(LABEL_FONT);
            a.setTickLabelPaint(muted);
            a.setTickLabelFont(TICK_FONT);
            a.setAxisLinePaint(muted);
            a.setTickMarkPaint(muted);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setBackgroundPaint(TRANSPARENT);
            legend.setFrame(BlockBorder.NONE);
            legend.setItemPaint(fg);
            legend.setItemFont(TICK_FONT);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
    }

    /** Shows the runs' raw points nearest to the mouse's x, with a crosshair there. */
    void hoverAt(double mouseX, double mouseY) {
        ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
        if (info == null || info.getPlotInfo() == null) {
            return;
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        if (area == null || area.getWidth() <= 0 || !area.contains(mouseX, mouseY)) {
            clearHover();
            return;
        }
        double x = plot.getDomainAxis().java2DToValue(mouseX, area, plot.getDomainAxisEdge());
        showHover(x);
    }

    /**
     * @param x an x value on the chart
     */
    void showHover(double x) {
        List<String> text = vm.hover(metric, x);
        if (text.isEmpty()) {
            clearHover();
            return;
        }
        hover.setText(String.join("\n", text));
        hover.setVisible(true);
        plot.setDomainCrosshairValue(x, true);
        plot.setDomainCrosshairVisible(true);
    }

    private void clearHover() {
        hover.setVisible(false);
        plot.setDomainCrosshairVisible(false);
    }
}
