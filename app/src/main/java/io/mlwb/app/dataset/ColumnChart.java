package io.mlwb.app.dataset;

import io.mlwb.data.report.DatasetFormat;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.project.ColumnType;
import io.mlwb.data.profile.ColumnProfile;
import io.mlwb.data.profile.Histogram;
import io.mlwb.data.profile.TopValue;
import io.mlwb.data.table.DateStyle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultIntervalXYDataset;

/**
 * Builds the column detail's JFreeChart: a histogram for numeric and date columns, a horizontal bar chart of the
 * top values for the others. Colours come from the theme ({@link Palette}); backgrounds are transparent so the
 * pane's background shows through.
 */
final class ColumnChart {
    private static final Color TRANSPARENT = new Color(0, 0, 0, 0);
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private ColumnChart() {
    }

    /** @return the chart for {@code c}, or null when there is nothing to draw */
    static JFreeChart create(ColumnProfile c, Palette palette) {
        JFreeChart chart;
        if (c.histogram() != null) {
            chart = histogram(c, palette);
        } else if (!c.top().isEmpty()) {
            chart = topValues(c.top(), palette);
        } else {
            return null;
        }
        chart.setBackgroundPaint(TRANSPARENT);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getPlot().setBackgroundPaint(TRANSPARENT);
        chart.getPlot().setOutlineVisible(false);
        return chart;
    }

    private static JFreeChart histogram(ColumnProfile c, Palette palette) {
        Histogram h = c.histogram();
        int n = h.counts().length;
        // dates are drawn at their wall-clock time (a naive value as written, a zoned one at its offset) on a UTC
        // axis, so the machine's own zone never shifts them
        DateStyle dates = c.date() == null ? null : c.date().style();
        double[][] data = new double[6][n];
        for (int i = 0; i < n; i++) {
            double lo = wall(dates, h.edges()[i]);
            double hi = wall(dates, h.edges()[i + 1]);
            data[0][i] = (lo + hi) / 2;
            data[1][i] = lo;
            data[2][i] = hi;
            data[3][i] = h.counts()[i];
            data[4][i] = h.counts()[i];
            data[5][i] = h.counts()[i];
        }
        DefaultIntervalXYDataset ds = new DefaultIntervalXYDataset();
        ds.addSeries(c.name(), data);
        ValueAxis x;
        if (c.type() == ColumnType.DATETIME) {
            DateAxis da = new DateAxis(c.name(), UTC, Locale.ROOT);
            da.setStandardTickUnits(isoTickUnits());
            x = da;
        } else {
            NumberAxis na = new NumberAxis(c.name());
            na.setAutoRangeIncludesZero(false);
            x = na;
        }
        NumberAxis y = new NumberAxis(Messages.get("dataset.detail.rows"));
        XYBarRenderer r = new XYBarRenderer(0.05);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setSeriesPaint(0, palette.awt("chart-1"));
        XYPlot plot = new XYPlot(ds, x, y, r);
        style(plot.getDomainAxis(), palette);
        style(plot.getRangeAxis(), palette);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(palette.awt("border"));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        return chart;
    }

    private static double wall(DateStyle dates, double edge) {
        return dates == null || !Double.isFinite(edge) ? edge : dates.wallMillis(Math.round(edge));
    }

    /** Date ticks labelled as ISO dates at the precision of their step: 2023, 2023-01, 2023-01-21, 06:58. */
    static TickUnitSource isoTickUnits() {
        TickUnits units = new TickUnits();
        add(units, DateTickUnitType.MILLISECOND, "HH:mm:ss.SSS", 1, 5, 10, 25, 50, 100, 250, 500);
        add(units, DateTickUnitType.SECOND, "HH:mm:ss", 1, 5, 10, 30);
        add(units, DateTickUnitType.MINUTE, "HH:mm", 1, 2, 5, 10, 15, 20, 30);
        add(units, DateTickUnitType.HOUR, "MM-dd HH:mm", 1, 2, 4, 6, 12);
        add(units, DateTickUnitType.DAY, "yyyy-MM-dd", 1, 2, 7, 14);
        add(units, DateTickUnitType.MONTH, "yyyy-MM", 1, 2, 3, 4, 6);
        add(units, DateTickUnitType.YEAR, "yyyy", 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000);
        return units;
    }

    private static void add(TickUnits units, DateTickUnitType type, String pattern, int... multiples) {
        for (int m : multiples) {
            SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.ROOT);
            f.setTimeZone(UTC);
            units.add(new DateTickUnit(type, m, f));
        }
    }

    private static JFreeChart topValues(List<TopValue> top, Palette palette) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (TopValue t : top) {
            String label = DatasetFormat.value(t);
            if (label.length() > 30) {
                label = label.substring(0, 29) + "\u2026";
            }
            ds.addValue(t.count(), "", label);
        }
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis(Messages.get("dataset.detail.rows"));
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setMaximumBarWidth(0.08);
        r.setSeriesPaint(0, palette.awt("chart-2"));
        CategoryPlot plot = new CategoryPlot(ds, x, y, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        style(x, palette);
        style(y, palette);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(palette.awt("border"));
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    }

    private static void style(Axis a, Palette palette) {
        Color fg = palette.awt("fg");
        Color muted = palette.awt("muted");
        a.setLabelPaint(muted);
        a.setTickLabelPaint(fg);
        a.setAxisLinePaint(palette.awt("border"));
        a.setTickMarkPaint(palette.awt("border"));
        a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }
}
