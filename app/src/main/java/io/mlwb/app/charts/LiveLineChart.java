package io.mlwb.app.charts;

import io.mlwb.app.ui.LiveDrain;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.series.Ema;
import io.mlwb.core.series.GrowableSeries;
import io.mlwb.core.series.SeriesRenderModel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * A live line chart of several named series (say {@code train_loss} and {@code val_loss}) that never stutters,
 * however long the run.
 *
 * <p>{@link #append} may be called from any thread, as fast as a training loop logs: it only adds the point to the
 * series' {@link GrowableSeries} and never touches the FX thread, so it cannot flood the FX queue. A timer on the FX
 * thread (the shared {@link LiveDrain}, polling, at most ten times a second, only while the chart is in a scene)
 * rebuilds the drawn lines when something changed — new points, the smoothing, the log scale, the visible x range
 * after a zoom — through one {@link SeriesRenderModel} per series: at most {@link SeriesRenderModel#DEFAULT_CAP}
 * points per line, chosen by LTTB over the visible range, always including its lowest and highest point. With
 * smoothing on (EMA, TensorBoard's weight), the smoothed line is drawn over the raw one, drawn faint.
 *
 * <p>Colours come from the AtlantaFX theme ({@link ChartPalette}) and follow a theme switch. Build it, and call
 * everything but {@link #append}, on the FX thread; {@link #dispose()} stops the timer for good.
 */
public final class LiveLineChart {
    private static final double FAINT_OPACITY = 0.28;

    private final ChartPalette palette = new ChartPalette();
    private final String yLabel;
    private final DefaultXYDataset emptyDataset = new DefaultXYDataset();
    private final XYPlot plot;
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final StackPane node;
    private final XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    private final XYLineAndShapeRenderer faint = new XYLineAndShapeRenderer(true, false);
    private final Map<String, Entry> byName = new ConcurrentHashMap<>();
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0);
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", false);
    private final LiveDrain<Void> timer;
    private volatile boolean disposed;
    private boolean forceRedraw = true;
    private int drawnSeries = -1;
    private double drawnFrom = Double.NaN;
    private double drawnTo = Double.NaN;
    private long redraws;

    /**
     * An empty chart. FX thread.
     *
     * @param xLabel the x axis' label (from a bundle), e.g. step or epoch
     * @param yLabel the y axis' label (from a bundle), e.g. loss
     */
    public LiveLineChart(String xLabel, String yLabel) {
        this.yLabel = yLabel;
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        x.setAutoRangeStickyZero(false);
        plot = new XYPlot(emptyDataset, x, linearAxis(), lines);
        plot.setDataset(1, new DefaultXYDataset());
        plot.setRenderer(1, faint);
        lines.setDrawSeriesLineAsPath(true);
        faint.setDrawSeriesLineAsPath(true);
        faint.setDefaultSeriesVisibleInLegend(false);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        viewer = new ChartViewer(chart, false);
        viewer.getStyleClass().add("live-line-chart");
        node = new StackPane(palette.node(), viewer);
        node.setMinSize(0, 0);
        restyle();
        palette.onChange(this::restyle);
        smoothing.addListener((o, was, now) -> forceRedraw = true);
        logScale.addListener((o, was, now) -> {
            plot.setRangeAxis(now ? logAxis() : linearAxis());
            restyle();
            forceRedraw = true;
        });
        timer = LiveDrain.polling(this::redrawIfChanged, LiveDrain.DEFAULT_PERIOD);
        node.sceneProperty().addListener((o, was, scene) -> {
            if (scene == null || disposed) {
                timer.stop();
            } else {
                timer.start();
            }
        });
    }

    private NumberAxis linearAxis() {
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        return y;
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
     * Declares a series and its legend label (from a bundle) before its first point; optional, {@link #append}
     * declares unknown series under their name. The order of declaration is the order of colours. Any thread.
     *
     * @param name  the series' name, e.g. {@code train_loss}
     * @param label what the legend shows
     * @return the series' points (appending to it directly is the same as {@link #append})
     */
    public GrowableSeries series(String name, String label) {
        return series(name, label, null);
    }

    /**
     * Declares a series that draws points held elsewhere: whoever fills {@code data} (any thread) fills the chart.
     * A series already declared under {@code name} keeps its own points. Any thread.
     *
     * @param name  the series' name
     * @param label what the legend shows
     * @param data  the points to draw, or null for a new, empty series
     * @return the series' points
     */
    public GrowableSeries series(String name, String label, GrowableSeries data) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        synchronized (entries) {
            Entry e = byName.get(name);
            if (e == null) {
                e = new Entry(name, label, data != null ? data : new GrowableSeries());
                byName.put(name, e);
                entries.add(e);
            }
            return e.data;
        }
    }

    /**
     * Adds a point to a series, declaring the series when it is new. Any thread; never blocks on the FX thread and
     * never queues work there: the next tick of the chart's timer draws it.
     *
     * @param name the series' name
     * @param x    the x value (step, epoch)
     * @param y    the y value; NaN draws a gap
     */
    public void append(String name, double x, double y) {
        Entry e = byName.get(name);
        GrowableSeries data = e != null ? e.data : series(name, name);
        data.append(x, y);
    }

    /** @return the smoothing weight, 0 (off) to {@link Ema#MAX_WEIGHT}; FX thread */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    /** @return whether the y axis is logarithmic (non-positive values are then not drawn); FX thread */
    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    /** @return the node to put in a pane: the chart, with the hidden theme palette it reads colours from */
    public Region node() {
        return node;
    }

    /**
     * A small tool bar for the chart: the smoothing slider and the log-scale check box, bound to
     * {@link #smoothingProperty()} and {@link #logScaleProperty()}.
     *
     * @return a new tool bar node
     */
    public Node controls() {
        Label label = new Label(Messages.get("charts.smoothing"));
        Slider slider = new Slider(0, Ema.MAX_WEIGHT, smoothing.get());
        slider.setPrefWidth(140);
        slider.valueProperty().bindBidirectional(smoothing);
        Label value = new Label();
        value.textProperty().bind(smoothing.asString("%.2f"));
        value.setMinWidth(32);
        CheckBox log = new CheckBox(Messages.get("charts.logScale"));
        log.selectedProperty().bindBidirectional(logScale);
        HBox bar = new HBox(8, label, slider, value, log);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 6, 2, 6));
        bar.getStyleClass().add("live-line-chart-controls");
        return bar;
    }

    /** @return the JFreeChart viewer (zoom with the mouse; a zoom redraws the visible range in detail) */
    public ChartViewer viewer() {
        return viewer;
    }

    /** @return the chart */
    public JFreeChart chart() {
        return chart;
    }

    /** Stops the timer for good: later appends are kept in the series but never drawn. FX thread. */
    public void dispose() {
        disposed = true;
        timer.stop();
    }

    /** @return whether the redraw timer runs */
    public boolean running() {
        return timer.running();
    }

    /** @return the dataset of the drawn main lines (smoothed, or raw when smoothing is off) */
    XYDataset drawn() {
        return plot.getDataset(0);
    }

    /** @return the dataset of the faint raw lines drawn behind smoothed ones */
    XYDataset drawnRaw() {
        return plot.getDataset(1);
    }

    /** @return how many times the lines were rebuilt */
    long redraws() {
        return redraws;
    }

    /** One tick: rebuilds the drawn lines when points arrived, a setting changed or the visible range moved. */
    void redrawIfChanged() {
        if (disposed) {
            return;
        }
        assert Platform.isFxApplicationThread();
        ValueAxis domain = plot.getDomainAxis();
        double from = domain.isAutoRange() ? Double.NaN : domain.getLowerBound();
        double to = domain.isAutoRange() ? Double.NaN : domain.getUpperBound();
        double weight = Math.max(0, Math.min(Ema.MAX_WEIGHT, smoothing.get()));
        List<Entry> now = List.copyOf(entries);
        boolean changed = forceRedraw || now.size() != drawnSeries || !same(from, drawnFrom) || !same(to, drawnTo);
        for (Entry e : now) {
            e.model.smoothing(weight);
            changed |= e.model.stale();
        }
        if (!changed) {
            return;
        }
        DefaultXYDataset main = new DefaultXYDataset();
        DefaultXYDataset raw = new DefaultXYDataset();
        boolean log = logScale.get();
        for (Entry e : now) {
            SeriesRenderModel.Frame f = e.model.render(from, to);
            if (f.smoothed()) {
                main.addSeries(e.label, new double[][] {f.smoothX(), positive(f.smoothY(), log)});
                raw.addSeries(e.label, new double[][] {f.x(), positive(f.y(), log)});
            } else {
                main.addSeries(e.label, new double[][] {f.x(), positive(f.y(), log)});
            }
        }
        chart.setNotify(false);
        plot.setDataset(0, main);
        plot.setDataset(1, raw);
        colourSeries(now);
        chart.setNotify(true); // one repaint for all series
        forceRedraw = false;
        drawnSeries = now.size();
        drawnFrom = from;
        drawnTo = to;
        redraws++;
    }

    private static boolean same(double a, double b) {
        return Double.compare(a, b) == 0;
    }

    /** On a log axis, values that are not positive become gaps. The frame's arrays are fresh, so in place. */
    private static double[] positive(double[] y, boolean log) {
        if (log) {
            for (int i = 0; i < y.length; i++) {
                if (!(y[i] > 0)) {
                    y[i] = Double.NaN;
                }
            }
        }
        return y;
    }

    private void colourSeries(List<Entry> now) {
        for (int i = 0; i < now.size(); i++) {
            javafx.scene.paint.Color c = palette.series(i);
            lines.setSeriesPaint(i, ChartPalette.awt(c), false);
            lines.setSeriesStroke(i, ChartStyle.LINE, false);
            faint.setSeriesPaint(i, ChartPalette.awt(c, FAINT_OPACITY), false);
            faint.setSeriesStroke(i, ChartStyle.FAINT, false);
        }
    }

    private void restyle() {
        ChartStyle.apply(chart, palette);
        colourSeries(List.copyOf(entries));
        chart.fireChartChanged();
    }

    /** A series: its points (written by any thread) and its render model (FX thread only). */
    private static final class Entry {
        final String name;
        final String label;
        final GrowableSeries data;
        final SeriesRenderModel model;

        Entry(String name, String label, GrowableSeries data) {
            this.name = name;
            this.label = label;
            this.data = data;
            this.model = new SeriesRenderModel(data);
        }
    }
}
