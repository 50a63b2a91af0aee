package io.mlwb.app.charts;

import io.mlwb.app.ui.Messages;
import io.mlwb.core.series.Ema;
import io.mlwb.core.series.Lttb;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * A static metric chart of one or more recorded series (say one metric of a run, or the same metric of several runs):
 * EMA smoothing (TensorBoard's debiased weight, {@link Ema}) drawn strong over the raw series drawn faint, a
 * logarithmic y axis on request, and at most {@link #MAX_POINTS} points drawn per line (LTTB, {@link Lttb}), however
 * long the series. Hovering shows, for every line, the raw point nearest the mouse's x with its exact value (and the
 * smoothed value there), from the full series, not the drawn one.
 *
 * <p>Several charts can share one smoothing slider and log toggle: bind their {@link #smoothingProperty()} and
 * {@link #logScaleProperty()} to the properties of one chart's {@link #controls()}, or build controls with
 * {@link #controls(DoubleProperty, BooleanProperty)}. Colours follow the AtlantaFX theme. FX thread.
 */
public final class MetricChart {
    /** The most points drawn per line (raw and smoothed each). */
    public static final int MAX_POINTS = 2000;
    /** The largest smoothing weight the slider offers. */
    public static final double MAX_SMOOTHING = 0.99;
    /** The smoothing a new chart starts with. */
    public static final double DEFAULT_SMOOTHING = 0.6;
    private static final double FAINT_OPACITY = 0.28;

    /**
     * A line: a label and its points in x order.
     *
     * @param label the legend's label
     * @param x     x values, non-decreasing (step, epoch or seconds)
     * @param y     y values, as many; NaN is a gap
     */
    public record Line(String label, double[] x, double[] y) {
        /** Checks the lengths. */
        public Line {
            Objects.requireNonNull(label, "label");
            if (x.length != y.length) {
                throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length);
            }
        }
    }

    /**
     * What is drawn of a line.
     *
     * @param x      the raw points drawn (at most the cap)
     * @param y      their values (non-positive ones NaN on a log axis)
     * @param smooth the smoothed values of the whole line, or null when smoothing is off
     * @param sx     the smoothed points drawn, or null
     * @param sy     their values, or null
     */
    record Frame(double[] x, double[] y, double[] smooth, double[] sx, double[] sy) {
    }

    private final ChartPalette palette = new ChartPalette();
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", DEFAULT_SMOOTHING);
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", false);
    private final ReadOnlyStringWrapper hover = new ReadOnlyStringWrapper(this, "hover", "");
    private final XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    private final XYLineAndShapeRenderer faint = new XYLineAndShapeRenderer(true, false);
    private final XYPlot plot;
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final StackPane node;
    private final Tooltip tooltip = new Tooltip();
    private String yLabel;
    private int legendMax = ChartStyle.LEGEND_MAX;
    private int axisMax = Integer.MAX_VALUE;
    private List<Line> data = List.of();
    private List<Frame> frames = List.of();
    private String xLabel;

    /**
     * An empty chart. FX thread.
     *
     * @param xLabel the x axis' label, e.g. step
     * @param yLabel the y axis' label, e.g. the metric's name
     */
    public MetricChart(String xLabel, String yLabel) {
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        x.setAutoRangeStickyZero(false);
        plot = new XYPlot(new DefaultXYDataset(), x, linearAxis(), lines);
        plot.setDataset(1, new DefaultXYDataset());
        plot.setRenderer(1, faint);
        lines.setDrawSeriesLineAsPath(true);
        faint.setDrawSeriesLineAsPath(true);
        faint.setDefaultSeriesVisibleInLegend(false);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        viewer = new ChartViewer(chart, false);
        viewer.getStyleClass().add("metric-chart");
        node = new StackPane(palette.node(), viewer);
        node.setMinSize(0, 0);
        tooltip.setShowDelay(Duration.millis(50));
        tooltip.setHideDelay(Duration.millis(100));
        tooltip.setShowDuration(Duration.INDEFINITE);
        tooltip.textProperty().bind(hover.getReadOnlyProperty());
        viewer.setOnMouseMoved(e -> hoverAt(e.getX(), e.getY()));
        viewer.setOnMouseExited(e -> hover.set(""));
        hover.addListener((o, was, now) -> {
            if (now.isEmpty()) {
                Tooltip.uninstall(viewer, tooltip);
            } else if (was.isEmpty()) {
                Tooltip.install(viewer, tooltip);
            }
        });
        restyle();
        palette.onChange(this::restyle);
        // long names are shortened to what the chart's size leaves room for (the hover shows them whole)
        node.widthProperty().addListener((o, was, now) -> {
            int max = legendChars(now.doubleValue());
            if (max != legendMax) {
                legendMax = max;
                publish();
            }
        });
        node.heightProperty().addListener((o, was, now) -> {
            int max = axisChars(now.doubleValue());
            if (max != axisMax) {
                axisMax = max;
                labelAxis();
            }
        });
        smoothing.addListener((o, was, now) -> redraw());
        logScale.addListener((o, was, now) -> {
            plot.setRangeAxis(now ? logAxis() : linearAxis());
            labelAxis();
            restyle();
            redraw();
        });
    }

    /**
     * @param width the chart's width in pixels
     * @return how many characters a legend label may have there: whole up to {@link ChartStyle#LEGEND_MAX}, at least
     *         12, so that one item (its line, label and padding) fits the width and items wrap instead of overlapping
     */
    static int legendChars(double width) {
        if (!(width > 0)) {
            return ChartStyle.LEGEND_MAX;
        }
        return (int) Math.max(12, Math.min(ChartStyle.LEGEND_MAX, Math.floor((width - 60) / 6.5)));
    }

    /**
     * @param height the chart's height in pixels
     * @return how many characters the vertical y-axis label may have there (at least 8), so it stays beside the plot
     */
    static int axisChars(double height) {
        if (!(height > 0)) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(8, Math.floor((height - 70) / 7.0));
    }

    /** Gives the y axis its label, shortened to the room the chart's height leaves. */
    private void labelAxis() {
        plot.getRangeAxis().setLabel(yLabel == null ? null : ChartStyle.legendLabel(yLabel, axisMax));
    }

    private NumberAxis linearAxis() {
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        y.setNumberFormatOverride(new CompactFormat());
        return y;
    }

    /**
     * The smallest y range the linear axis shows: a flat line (a constant learning rate, total memory) gets a range
     * of 20% of its value around it instead of ticks in the ninth decimal.
     */
    static double minimumRange(List<Line> lines) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (double v : l.y()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            return 1e-8;
        }
        double scale = Math.max(Math.abs(min), Math.abs(max));
        if (max - min <= 1e-6 * scale || scale == 0) {
            return scale == 0 ? 1 : 0.2 * scale;
        }
        return 1e-8;
    }

    /** Tick labels: plain decimals in the usual range, k/M/G/T for large values, E notation only for tiny ones. */
    static final class CompactFormat extends java.text.NumberFormat {
        private static final long serialVersionUID = 1L;
        private static final String[] SI = {"", "k", "M", "G", "T", "P"};

        @Override
        public StringBuffer format(double v, StringBuffer to, java.text.FieldPosition pos) {
            double a = Math.abs(v);
            if (a >= 1e5 && Double.isFinite(v)) {
                int k = Math.min(SI.length - 1, (int) Math.floor(Math.log10(a) / 3));
                double m = v / Math.pow(1000, k);
                return to.append(new java.text.DecimalFormat("0.###", java.text.DecimalFormatSymbols.getInstance(
                        java.util.Locale.ROOT)).format(m)).append(SI[k]);
            }
            String pattern = a != 0 && a < 1e-3 ? "0.###E0" : "0.########";
            return to.append(new java.text.DecimalFormat(pattern, java.text.DecimalFormatSymbols.getInstance(
                    java.util.Locale.ROOT)).format(v));
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, java.text.FieldPosition pos) {
            return format((double) v, to, pos);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition pos) {
            return null; // tick labels are never read back
        }
    }

    private LogAxis logAxis() {
        LogAxis y = new LogAxis(yLabel);
        y.setSmallestValue(1e-12);
        y.setBase(10);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0, new java.text.DecimalFormat("0.###E0")));
        y.setAutoTickUnitSelection(true);
        return y;
    }

    /**
     * Replaces the lines drawn. FX thread.
     *
     * @param lines the lines, in colour order
     */
    public void setLines(List<Line> lines) {
        data = List.copyOf(lines);
        redraw();
    }

    /** @return the lines shown */
    public List<Line> lines() {
        return data;
    }

    /** @param label the x axis' new label (after switching between step, epoch and time) */
    public void setXLabel(String label) {
        xLabel = label;
        plot.getDomainAxis().setLabel(label);
    }

    /** @return the smoothing weight, 0 (off) to {@link #MAX_SMOOTHING}; default {@link #DEFAULT_SMOOTHING} */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    /** @return whether the y axis is logarithmic (non-positive values are then not drawn) */
    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    /** @return what the hover tooltip says now (empty when the mouse is not over the plot) */
    public ReadOnlyStringProperty hoverProperty() {
        return hover.getReadOnlyProperty();
    }

    /** @return the node to put in a pane */
    public Region node() {
        return node;
    }

    /** @return the chart */
    public JFreeChart chart() {
        return chart;
    }

    /** @return a tool bar with this chart's smoothing slider and log-scale check box */
    public Node controls() {
        return controls(smoothing, logScale);
    }

    /**
     * A tool bar for one or more charts: bind each chart's properties to the ones given.
     *
     * @param smoothing the smoothing weight the slider edits
     * @param logScale  the log-scale flag the check box edits
     * @return a new tool bar node
     */
    public static Node controls(DoubleProperty smoothing, BooleanProperty logScale) {
        Label label = new Label(Messages.get("charts.smoothing"));
        Slider slider = new Slider(0, MAX_SMOOTHING, smoothing.get());
        slider.setId("metricSmoothing");
        slider.setPrefWidth(160);
        slider.valueProperty().bindBidirectional(smoothing);
        Label value = new Label();
        value.textProperty().bind(smoothing.asString("%.2f"));
        value.setMinWidth(36);
        CheckBox log = new CheckBox(Messages.get("charts.logScale"));
        log.setId("metricLogScale");
        log.selectedProperty().bindBidirectional(logScale);
        HBox bar = new HBox(8, label, slider, value, log);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 6, 2, 6));
        bar.getStyleClass().add("metric-chart-controls");
        return bar;
    }

    /** @return the dataset of the strong lines (smoothed, or raw when smoothing is off) */
    XYDataset drawn() {
        return plot.getDataset(0);
    }

    /** @return the dataset of the faint raw lines behind smoothed ones */
    XYDataset drawnRaw() {
        return plot.getDataset(1);
    }

    private void redraw() {
        double w = Math.max(0, Math.min(MAX_SMOOTHING, smoothing.get()));
        boolean log = logScale.get();
        List<Frame> now = new ArrayList<>();
        for (Line l : data) {
            now.add(frame(l, w, log, MAX_POINTS));
        }
        frames = now;
        publish();
    }

    /** Hands the frames to the plot under legend keys shortened to the room there is (no points recomputed). */
    private void publish() {
        DefaultXYDataset main = new DefaultXYDataset();
        DefaultXYDataset raw = new DefaultXYDataset();
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            String key = unique(main, data.get(i).label(), i, legendMax);
            if (f.smooth() != null) {
                main.addSeries(key, new double[][] {f.sx(), f.sy()});
                raw.addSeries(key, new double[][] {f.x(), f.y()});
            } else {
                main.addSeries(key, new double[][] {f.x(), f.y()});
            }
        }
        chart.setNotify(false);
        if (plot.getRangeAxis() instanceof NumberAxis y) {
            y.setAutoRangeMinimumSize(minimumRange(data));
        }
        plot.setDataset(0, main);
        plot.setDataset(1, raw);
        colour();
        chart.setNotify(true);
    }

    /**
     * Two lines with the same label would be one series to JFreeChart; the second gets its index appended. A long
     * label is shortened in the middle to {@code max} characters.
     */
    private static String unique(DefaultXYDataset ds, String label, int index, int max) {
        String shown = ChartStyle.legendLabel(label, max);
        return ds.indexOf(shown) < 0 ? shown : shown + " (" + (index + 1) + ")";
    }

    /**
     * What the hover says over the legend or the y axis: a line's whole label (its legend item may show it
     * shortened), or the axis' whole label.
     *
     * @param sx x in the chart's coordinates
     * @param sy y in the chart's coordinates
     * @return the text, or null when the point is over neither
     */
    String labelAt(double sx, double sy) {
        org.jfree.chart.ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
        org.jfree.chart.entity.EntityCollection entities = info == null ? null : info.getEntityCollection();
        org.jfree.chart.entity.ChartEntity e = entities == null ? null : entities.getEntity(sx, sy);
        if (e instanceof org.jfree.chart.entity.LegendItemEntity item && item.getSeriesKey() != null) {
            int i = drawn().indexOf(item.getSeriesKey());
            return i >= 0 && i < data.size() ? data.get(i).label() : null;
        }
        if (e instanceof org.jfree.chart.entity.AxisEntity axis && axis.getAxis() == plot.getRangeAxis()
                && yLabel != null) {
            return yLabel;
        }
        return null;
    }

    /**
     * What to draw of a line: the raw points downsampled to the cap and, with smoothing, the EMA of the whole line
     * downsampled to the cap. On a log axis non-positive values become gaps.
     *
     * @param l      the line
     * @param weight the smoothing weight, 0 for none
     * @param log    log axis
     * @param cap    the most points per drawn line, at least 3
     * @return the frame
     */
    static Frame frame(Line l, double weight, boolean log, int cap) {
        double[] y = log ? positive(l.y()) : l.y();
        double[][] r = Lttb.select(l.x(), y, Lttb.downsample(l.x(), y, l.x().length, cap));
        if (weight <= 0) {
            return new Frame(r[0], r[1], null, null, null);
        }
        double[] smooth = Ema.smooth(l.y(), Math.min(weight, Ema.MAX_WEIGHT));
        double[] sy = log ? positive(smooth) : smooth;
        double[][] s = Lttb.select(l.x(), sy, Lttb.downsample(l.x(), sy, l.x().length, cap));
        return new Frame(r[0], r[1], smooth, s[0], s[1]);
    }

    private static double[] positive(double[] y) {
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] > 0)) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    /**
     * @param x      x values, non-decreasing
     * @param target an x
     * @return the index of the value nearest {@code target}, -1 for an empty array
     */
    static int nearest(double[] x, double target) {
        if (x.length == 0) {
            return -1;
        }
        int lo = 0;
        int hi = x.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0 && Math.abs(x[lo - 1] - target) <= Math.abs(x[lo] - target)) {
            return lo - 1;
        }
        return lo;
    }

    /**
     * The hover text at an x: per line, the raw point nearest it with its exact value (and the smoothed value).
     *
     * @param x the x in data units
     * @return the text, empty when there are no points
     */
    String hoverText(double x) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < data.size(); i++) {
            Line l = data.get(i);
            int k = nearest(l.x(), x);
            if (k < 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('\n');
            }
            Frame f = i < frames.size() ? frames.get(i) : null;
            sb.append(l.label()).append(" @ ").append(xLabel).append(' ').append(number(l.x()[k])).append(": ")
                    .append(exact(l.y()[k]));
            if (f != null && f.smooth() != null) {
                sb.append("  (").append(Messages.get("charts.smoothed")).append(' ').append(exact(f.smooth()[k]))
                        .append(')');
            }
        }
        return sb.toString();
    }

    /** @return the value exactly as stored (the shortest decimal that reads back as the same double) */
    static String exact(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    void hoverAt(double sx, double sy) {
        String label = labelAt(sx, sy);
        if (label != null) {
            hover.set(label);
            return;
        }
        PlotRenderingInfo info = viewer.getCanvas().getRenderingInfo() == null ? null
                : viewer.getCanvas().getRenderingInfo().getPlotInfo();
        if (info == null || data.isEmpty()) {
            hover.set("");
            return;
        }
        java.awt.geom.Rectangle2D area = info.getDataArea();
        if (!area.contains(sx, sy)) {
            hover.set("");
            return;
        }
        ValueAxis axis = plot.getDomainAxis();
        double x = axis.java2DToValue(sx, area, plot.getDomainAxisEdge());
        hover.set(hoverText(x));
    }

    private void colour() {
        for (int i = 0; i < Math.max(data.size(), 1); i++) {
            javafx.scene.paint.Color c = palette.series(i);
            lines.setSeriesPaint(i, ChartPalette.awt(c), false);
            lines.setSeriesStroke(i, ChartStyle.LINE, false);
            faint.setSeriesPaint(i, ChartPalette.awt(c, FAINT_OPACITY), false);
            faint.setSeriesStroke(i, ChartStyle.FAINT, false);
        }
    }

    private void restyle() {
        ChartStyle.apply(chart, palette);
        colour();
        chart.fireChartChanged();
    }
}
