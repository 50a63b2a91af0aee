package io.mlwb.app.drift;

import io.mlwb.app.charts.ChartPalette;
import io.mlwb.app.ui.Messages;
import io.mlwb.drift.report.DriftHtml;
import io.mlwb.drift.time.DriftOverTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A column's statistical-process-control chart over the time windows, in the theme's colours: its PSI per window as a
 * line with points, the centre line, the 2σ and 3σ (UCL) limits dashed, and the windows where a rule fired marked as
 * larger points in the danger colour. Redraws on resize and theme switch.
 */
final class ControlChart extends Region {
    private static final double LEFT = 52;
    private static final double RIGHT = 56;
    private static final double TOP = 10;
    private static final double BOTTOM = 40;

    private final Canvas canvas = new Canvas();
    private final ChartPalette palette;
    private double[] series;
    private DriftOverTime.Control control;
    private List<String> labels = List.of();

    ControlChart(ChartPalette palette) {
        this.palette = palette;
        getStyleClass().add("drift-control-chart");
        getChildren().add(canvas);
        palette.onChange(this::draw);
        setMinHeight(160);
        setPrefHeight(220);
    }

    /**
     * @param series  PSI per window (NaN where a window has no value), or null for nothing
     * @param control its limits and alarms, or null
     * @param labels  the windows' names
     */
    void show(double[] series, DriftOverTime.Control control, List<String> labels) {
        this.series = series;
        this.control = control;
        this.labels = labels;
        draw();
    }

    /** @return how many windows are drawn as alarms */
    int alarmsShown() {
        return series == null || control == null ? 0 : alarmWindows().size();
    }

    private Set<Integer> alarmWindows() {
        Set<Integer> s = new HashSet<>();
        control.alarms().forEach(a -> s.add(a.window()));
        return s;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (series == null || series.length == 0 || w < LEFT + RIGHT + 20 || h < TOP + BOTTOM + 20) {
            return;
        }
        g.setFont(Font.font(11));
        double max = 0.001;
        for (double v : series) {
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
            }
        }
        if (control != null) {
            max = Math.max(max, control.ucl());
        }
        max *= 1.1;
        double plotW = w - LEFT - RIGHT;
        double bottom = h - BOTTOM;
        double plotH = bottom - TOP;
        double step = series.length == 1 ? 0 : plotW / (series.length - 1);
        double x0 = series.length == 1 ? LEFT + plotW / 2 : LEFT;
        final double top = max;
        java.util.function.DoubleUnaryOperator y = v -> bottom - plotH * v / top;

        g.setStroke(palette.color("border"));
        g.setLineWidth(1);
        g.setLineDashes();
        g.strokeLine(LEFT, bottom + 0.5, w - RIGHT, bottom + 0.5);
        g.strokeLine(LEFT - 0.5, TOP, LEFT - 0.5, bottom);
        g.setFill(palette.color("muted"));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 3; i++) {
            double v = max * i / 3;
            g.fillText(DriftHtml.number(v), LEFT - 6, y.applyAsDouble(v));
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        int every = Math.max(1, (int) Math.ceil(series.length * 64 / Math.max(1, plotW)));
        for (int i = 0; i < series.length; i += every) {
            g.fillText(i < labels.size() ? labels.get(i) : Integer.toString(i + 1), x0 + i * step, bottom + 6);
        }

        if (control != null) {
            limit(g, y.applyAsDouble(control.centre()), palette.color("muted"), false,
                    Messages.get("drift.time.chart.centre"), w);
            limit(g, y.applyAsDouble(control.centre() + 2 * control.sigma()), palette.color("accent"), true,
                    Messages.get("drift.time.chart.sigma2"), w);
            limit(g, y.applyAsDouble(control.ucl()), palette.color("danger"), true,
                    Messages.get("drift.time.chart.sigma3"), w);
        }

        Color line = palette.color("chart-1");
        g.setStroke(line);
        g.setLineWidth(2);
        g.setLineDashes();
        boolean pen = false;
        g.beginPath();
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                pen = false;
                continue;
            }
            double px = x0 + i * step;
            double py = y.applyAsDouble(series[i]);
            if (pen) {
                g.lineTo(px, py);
            } else {
                g.moveTo(px, py);
                pen = true;
            }
        }
        g.stroke();
        Set<Integer> alarms = control == null ? Set.of() : alarmWindows();
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                continue;
            }
            double px = x0 + i * step;
            double py = y.applyAsDouble(series[i]);
            if (alarms.contains(i)) {
                g.setFill(palette.color("danger"));
                g.fillOval(px - 6, py - 6, 12, 12);
                g.setStroke(palette.color("bg"));
                g.setLineWidth(1.5);
                g.strokeOval(px - 6, py - 6, 12, 12);
            } else {
                g.setFill(line);
                g.fillOval(px - 3.5, py - 3.5, 7, 7);
            }
        }
    }

    private void limit(GraphicsContext g, double py, Color colour, boolean dashed, String label, double w) {
        g.setStroke(colour);
        g.setLineWidth(1.2);
        if (dashed) {
            g.setLineDashes(6, 4);
        } else {
            g.setLineDashes();
        }
        g.strokeLine(LEFT, py, w - RIGHT, py);
        g.setLineDashes();
        g.setFill(colour);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(label, w - RIGHT + 4, py);
    }
}
