package io.mlwb.app.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/** The one look of every chart in this package: transparent backgrounds, theme text and grid colours. */
final class ChartStyle {
    static final Color TRANSPARENT = new Color(0, 0, 0, 0);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final BasicStroke LINE = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final BasicStroke FAINT = new BasicStroke(1.0f);
    static final BasicStroke DASHED = new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {5f, 4f}, 0f);

    private ChartStyle() {
    }

    /** Applies the theme to the chart's background, plot, axes and legend. */
    static void apply(JFreeChart chart, ChartPalette palette) {
        chart.setBackgroundPaint(TRANSPARENT);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(4, 4, 4, 14)); // room for the last x tick label
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(TRANSPARENT);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(ChartPalette.awt(palette.color("border")));
        plot.setRangeGridlinePaint(ChartPalette.awt(palette.color("border")));
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            axis(plot.getDomainAxis(i), palette);
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            axis(plot.getRangeAxis(i), palette);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setBackgroundPaint(TRANSPARENT);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            legend.setItemPaint(ChartPalette.awt(palette.color("fg")));
            legend.setItemFont(TICK_FONT);
            legend.setPosition(RectangleEdge.TOP);
            // room between items, so "train loss" and the next item's line do not touch
            legend.setItemLabelPadding(new org.jfree.chart.ui.RectangleInsets(2, 2, 2, 12));
        }
    }

    static void axis(Axis axis, ChartPalette palette) {
        if (axis == null) {
            return;
        }
        Color fg = ChartPalette.awt(palette.color("fg"));
        Color muted = ChartPalette.awt(palette.color("muted"));
        axis.setLabelPaint(fg);
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelPaint(muted);
        axis.setTickLabelFont(TICK_FONT);
        axis.setAxisLinePaint(muted);
        axis.setTickMarkPaint(muted);
    }

    /** Legend labels longer than this are shortened in the middle; the hover text keeps the whole name. */
    public static final int LEGEND_MAX = 40;

    /**
     * @param label a series' name (a run name and a metric key can be long)
     * @return the name as a legend shows it: whole up to {@value #LEGEND_MAX} characters, else its start and end with
     *         an ellipsis between (the end tells series of one run apart)
     */
    public static String legendLabel(String label) {
        return legendLabel(label, LEGEND_MAX);
    }

    /**
     * @param label a series' or axis' name
     * @param max   the most characters shown, at least 3
     * @return the name whole up to {@code max} characters, else its start and end with an ellipsis between
     */
    public static String legendLabel(String label, int max) {
        if (label == null || label.length() <= max) {
            return label;
        }
        int head = max / 2 - 1;
        int tail = max - head - 1;
        return label.substring(0, head) + "\u2026" + label.substring(label.length() - tail);
    }
}
