package io.mlwb.app.drift;

import io.mlwb.app.charts.ChartPalette;
import io.mlwb.app.ui.Messages;
import io.mlwb.drift.report.ColumnDistribution;
import io.mlwb.drift.report.DriftHtml;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A column's reference and current distributions on its PSI bins, drawn in the theme's colours: an overlaid histogram
 * of both sides' shares for numeric bins (the inner edges under the bar boundaries), paired horizontal bars per
 * category otherwise (at most {@link DriftHtml#MAX_CATEGORIES}, the most common). Redraws on resize and theme switch.
 */
final class DistributionChart extends Region {
    /** Reference bars: the theme's accent. */
    static final String REFERENCE = "accent";
    /** Current bars: the theme's first series colour. */
    static final String CURRENT = "chart-1";
    private static final double ALPHA = 0.55;
    private static final double ROW = 30;

    private final Canvas canvas = new Canvas();
    private final ChartPalette palette;
    private ColumnDistribution distribution;
    private List<String> added = List.of();
    private List<String> vanished = List.of();
    private List<Integer> shown = List.of();

    DistributionChart(ChartPalette palette) {
        this.palette = palette;
        getStyleClass().add("drift-distribution");
        getChildren().add(canvas);
        palette.onChange(this::draw);
        setMinHeight(120);
    }

    /**
     * @param d        what to draw, or null for nothing
     * @param added    categories to mark as new
     * @param vanished categories to mark as vanished
     */
    void show(ColumnDistribution d, List<String> added, List<String> vanished) {
        this.distribution = d;
        this.added = added;
        this.vanished = vanished;
        this.shown = d == null || d.numeric() ? List.of() : topCategories(d);
        setPrefHeight(d == null ? 120 : d.numeric() ? 220 : Math.max(120, shown.size() * ROW + 8));
        requestLayout();
        draw();
    }

    /** @return how many categories are drawn (0 for a histogram) */
    int categoriesShown() {
        return shown.size();
    }

    /** The categories drawn: all, or the most common past the cap, in their original order. */
    static List<Integer> topCategories(ColumnDistribution d) {
        double[] r = d.referenceShares();
        double[] c = d.currentShares();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            order.add(i);
        }
        if (order.size() > DriftHtml.MAX_CATEGORIES) {
            order.sort(Comparator.comparingDouble((Integer i) -> Math.max(r[i], c[i])).reversed());
            order = new ArrayList<>(order.subList(0, DriftHtml.MAX_CATEGORIES));
            order.sort(Comparator.naturalOrder());
        }
        return order;
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
        if (distribution == null || distribution.size() == 0 || w < 40 || h < 40) {
            return;
        }
        g.setFont(Font.font(11));
        if (distribution.numeric()) {
            histogram(g, w, h);
        } else {
            bars(g, w);
        }
    }

    private void histogram(GraphicsContext g, double w, double h) {
        ColumnDistribution d = distribution;
        double[] r = d.referenceShares();
        double[] c = d.currentShares();
        double max = 0.0001;
        for (int i = 0; i < r.length; i++) {
            max = Math.max(max, Math.max(r[i], c[i]));
        }
        double left = 48;
        double bottom = h - 36;
        double top = 8;
        double bw = (w - left - 8) / d.size();
        Color ref = fade(palette.color(REFERENCE));
        Color cur = fade(palette.color(CURRENT));
        for (int i = 0; i < d.size(); i++) {
            double x = left + i * bw;
            double rh = (bottom - top) * r[i] / max;
            double ch = (bottom - top) * c[i] / max;
            g.setFill(ref);
            g.fillRect(x + 1, bottom - rh, Math.max(1, bw - 2), rh);
            g.setFill(cur);
            g.fillRect(x + 1, bottom - ch, Math.max(1, bw - 2), ch);
        }
        g.setStroke(palette.color("border"));
        g.strokeLine(left, bottom + 0.5, w - 8, bottom + 0.5);
        g.setFill(palette.color("muted"));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(percent(max), left - 6, top + 4);
        g.fillText("0", left - 6, bottom);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < d.edges().length; i++) {
            g.fillText(edgeLabel(d, i), left + (i + 1) * bw, bottom + (i % 2 == 0 ? 4 : 18));
        }
    }

    private void bars(GraphicsContext g, double w) {
        ColumnDistribution d = distribution;
        double[] r = d.referenceShares();
        double[] c = d.currentShares();
        double max = 0.0001;
        for (int i : shown) {
            max = Math.max(max, Math.max(r[i], c[i]));
        }
        double labelW = Math.min(200, w * 0.3);
        double valueW = 120;
        double scale = Math.max(20, w - labelW - valueW - 12);
        double barH = 10;
        Color ref = fade(palette.color(REFERENCE));
        Color cur = fade(palette.color(CURRENT));
        for (int k = 0; k < shown.size(); k++) {
            int i = shown.get(k);
            double y = 4 + k * ROW;
            String label = d.labels().get(i);
            String text = label.length() > 28 ? label.substring(0, 27) + "\u2026" : label;
            if (added.contains(label)) {
                text += " " + Messages.get("drift.chart.new");
            } else if (vanished.contains(label)) {
                text += " " + Messages.get("drift.chart.vanished");
            }
            g.setFill(palette.color("fg"));
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(text, labelW - 8, y + barH);
            g.setFill(ref);
            g.fillRect(labelW, y, Math.max(r[i] > 0 ? 1 : 0, scale * r[i] / max), barH);
            g.setFill(cur);
            g.fillRect(labelW, y + barH, Math.max(c[i] > 0 ? 1 : 0, scale * c[i] / max), barH);
            g.setFill(palette.color("muted"));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(percent(r[i]) + " \u2192 " + percent(c[i]), labelW + scale * Math.max(r[i], c[i]) / max + 6,
                    y + barH);
        }
    }

    /** The text of inner edge {@code i}, from the bin labels ({@code ≤ a}, {@code a – b}, {@code > z}). */
    static String edgeLabel(ColumnDistribution d, int i) {
        String label = d.labels().get(i);
        if (i == 0) {
            return label.substring(2);
        }
        int dash = label.indexOf(" \u2013 ");
        return dash < 0 ? label : label.substring(dash + 3);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static Color fade(Color c) {
        return Color.color(c.getRed(), c.getGreen(), c.getBlue(), ALPHA);
    }
}
