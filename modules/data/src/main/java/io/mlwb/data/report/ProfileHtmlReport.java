package io.mlwb.data.report;

import io.mlwb.data.profile.Alert;
import io.mlwb.data.profile.AlertGroups;
import io.mlwb.data.profile.AlertType;
import io.mlwb.data.profile.ColumnProfile;
import io.mlwb.data.profile.CorrelationMatrix;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.Histogram;
import io.mlwb.data.profile.NumericStats;
import io.mlwb.data.profile.TopValue;
import io.mlwb.data.table.DateStyle;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link DatasetProfile} as one self-contained HTML page for people without the app: inline CSS, inline
 * SVG charts (a histogram per numeric or date column, a bar chart of top values otherwise), an HTML heatmap of the
 * correlations, and no external resources or links. Plain Java without JavaFX, so the CLI can reuse it
 * ({@code mlwb profile --html}); its labels are English, as the CLI's output is.
 */
public final class ProfileHtmlReport {
    private static final int CHART_W = 360;
    private static final int CHART_H = 120;
    private static final String CSS = """
            :root{--fg:#1f2328;--muted:#656d76;--bg:#ffffff;--subtle:#f6f8fa;--border:#d0d7de;--bar:#0969da;\
            --warn:#9a6700;--pos:9,105,218;--neg:207,34,46}
            @media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--muted:#8d96a0;--bg:#0d1117;--subtle:#161b22;\
            --border:#30363d;--bar:#4493f8;--warn:#d29922;--pos:68,147,248;--neg:248,81,73}}
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);background:var(--bg);\
            margin:24px;max-width:1200px}
            h1{font-size:1.6em;margin-bottom:4px}h2{border-bottom:1px solid var(--border);padding-bottom:4px;\
            margin-top:32px}h3{margin:0 0 8px 0}
            .muted{color:var(--muted)}
            .cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:var(--subtle);border:1px solid var(--border);\
            border-radius:6px;padding:8px 14px;min-width:120px}.card .v{font-size:1.4em;font-weight:600}
            table{border-collapse:collapse;font-size:0.9em}td,th{border-bottom:1px solid var(--border);\
            padding:3px 8px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
            .column{border:1px solid var(--border);border-radius:6px;padding:12px;margin:12px 0;display:flex;\
            flex-wrap:wrap;gap:24px}
            .alert{color:var(--warn)}
            svg .bar{fill:var(--bar)}svg .axis{stroke:var(--border)}svg text{fill:var(--muted);font-size:10px}
            .heat td{width:34px;height:24px;text-align:center;font-size:0.75em;border:1px solid var(--bg)}
            .heat th{font-weight:normal;font-size:0.8em;white-space:nowrap}
            """;

    /** Creates a renderer; it keeps no state. */
    public ProfileHtmlReport() {
        // stateless
    }

    /**
     * @param name    the dataset's name, used as the page title
     * @param profile the profile to render
     * @return the whole HTML document
     */
    public String render(String name, DatasetProfile profile) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(name)).append(" \u2014 dataset profile</title><style>")
                .append(CSS).append("</style></head><body>\n");
        h.append("<h1>").append(esc(name)).append("</h1><p class=\"muted\">Dataset profile by ML Workbench</p>\n");
        long cells = profile.rows() * (long) profile.columnsCount();
        h.append("<div class=\"cards\">");
        card(h, "Rows", DatasetFormat.count(profile.rows()));
        card(h, "Columns", DatasetFormat.count(profile.columnsCount()));
        card(h, "Memory", DatasetFormat.bytes(profile.memoryBytes()));
        card(h, "Missing cells", DatasetFormat.count(profile.missingCells()) + " ("
                + DatasetFormat.percent(cells == 0 ? 0 : 100.0 * profile.missingCells() / cells) + ")");
        card(h, "Duplicate rows", DatasetFormat.count(profile.duplicateRows()));
        h.append("</div>\n");

        h.append("<h2>Alerts</h2>\n");
        if (profile.alerts().isEmpty()) {
            h.append("<p class=\"muted\">No alerts.</p>\n");
        } else {
            h.append("<table><tr><th>Type</th><th>Column</th><th>Detail</th></tr>");
            // repeated alerts of one type are one row (AlertGroups), with every column behind a disclosure
            for (AlertGroups.Group g : AlertGroups.group(profile.alerts())) {
                Alert a = g.alerts().get(0);
                String column = g.grouped() ? DatasetFormat.count(g.alerts().size())
                        + (g.type() == AlertType.HIGH_CORRELATION ? " pairs" : " columns")
                        : a.column() == null ? "" : a.column();
                h.append("<tr><td class=\"alert\">").append(esc(a.type().jsonName())).append("</td><td>")
                        .append(esc(column)).append("</td><td>").append(esc(g.text()));
                if (g.truncated()) {
                    h.append("<details><summary>All ").append(esc(DatasetFormat.count(g.alerts().size())))
                            .append("</summary>").append(esc(String.join(", ", g.subjects()))).append("</details>");
                }
                h.append("</td></tr>");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Columns</h2>\n<table><tr><th>Name</th><th>Type</th><th>Missing</th><th>Distinct</th>")
                .append("<th>Mean</th><th>Std</th><th>Min</th><th>Max</th><th>Top value</th></tr>");
        for (ColumnProfile c : profile.columns()) {
            ColumnRow r = new ColumnRow(c);
            h.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(r.type())).append("</td>");
            num(h, DatasetFormat.percent(c.missingPct()));
            num(h, DatasetFormat.count(c.distinct()));
            num(h, DatasetFormat.number(r.mean()));
            num(h, DatasetFormat.number(r.std()));
            num(h, DatasetFormat.number(r.min()));
            num(h, DatasetFormat.number(r.max()));
            h.append("<td>").append(esc(r.top())).append("</td></tr>");
        }
        h.append("</table>\n");

        for (ColumnProfile c : profile.columns()) {
            column(h, c, profile.rows());
        }

        correlations(h, "Pearson", profile.correlations().pearson(), true);
        correlations(h, "Spearman", profile.correlations().spearman(), true);
        correlations(h, "Cram\u00e9r's V", profile.correlations().cramersV(), false);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void card(StringBuilder h, String label, String value) {
        h.append("<div class=\"card\"><div class=\"muted\">").append(esc(label)).append("</div><div class=\"v\">")
                .append(esc(value)).append("</div></div>");
    }

    private static void num(StringBuilder h, String text) {
        h.append("<td class=\"n\">").append(esc(text)).append("</td>");
    }

    private static void column(StringBuilder h, ColumnProfile c, long rows) {
        h.append("<div class=\"column\"><div><h3>").append(esc(c.name())).append("</h3><p class=\"muted\">")
                .append(esc(c.type().yamlName())).append("</p><table>");
        row(h, "Count", DatasetFormat.count(c.count()));
        row(h, "Missing", DatasetFormat.count(c.missing()) + " (" + DatasetFormat.percent(c.missingPct()) + ")");
        row(h, "Distinct", DatasetFormat.count(c.distinct()));
        NumericStats n = c.numeric();
        if (n != null) {
            row(h, "Mean", DatasetFormat.number(n.mean()));
            row(h, "Std", DatasetFormat.number(n.std()));
            row(h, "Min", DatasetFormat.number(n.min()));
            row(h, "p5 / p25 / p50", DatasetFormat.number(n.p5()) + " / " + DatasetFormat.number(n.p25()) + " / "
                    + DatasetFormat.number(n.p50()));
            row(h, "p75 / p95", DatasetFormat.number(n.p75()) + " / " + DatasetFormat.number(n.p95()));
            row(h, "Max", DatasetFormat.number(n.max()));
            row(h, "Skewness", DatasetFormat.number(n.skewness()));
            row(h, "Kurtosis", DatasetFormat.number(n.kurtosis()));
            row(h, "Zeros / negatives / infinities", DatasetFormat.count(n.zeros()) + " / "
                    + DatasetFormat.count(n.negatives()) + " / " + DatasetFormat.count(n.infinities()));
        }
        DateStyle dates = null;
        if (c.date() != null) {
            dates = c.date().style();
            row(h, "From", c.date().minText());
            row(h, "To", c.date().maxText());
            row(h, "Kind", dateKind(dates));
        }
        h.append("</table></div><div>");
        if (c.histogram() != null) {
            histogram(h, c.histogram(), dates);
        } else if (!c.top().isEmpty()) {
            topBars(h, c.top(), rows);
        }
        h.append("</div></div>\n");
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><td class=\"muted\">").append(esc(label)).append("</td><td class=\"n\">").append(esc(value))
                .append("</td></tr>");
    }

    /** How a date column's values were written, in words. */
    private static String dateKind(DateStyle style) {
        return switch (style.kind()) {
            case DATE -> "dates";
            case LOCAL -> "date-times without a zone";
            case OFFSET -> "date-times at " + (style.offset().getTotalSeconds() == 0 ? "UTC (Z)"
                    : "UTC" + style.offset().getId());
        };
    }

    /**
     * An inline SVG histogram: one rect per bin, axis labels at the ends (and the middle, for dates). A date
     * column's ({@code dates} not null) edges are written as dates at the precision the span needs, its bins'
     * tooltips in full as the file writes its values.
     */
    static void histogram(StringBuilder h, Histogram hist, DateStyle dates) {
        long max = 1;
        for (long v : hist.counts()) {
            max = Math.max(max, v);
        }
        int n = hist.counts().length;
        double w = (double) CHART_W / Math.max(1, n);
        int plotH = CHART_H - 16;
        h.append("<svg width=\"").append(CHART_W).append("\" height=\"").append(CHART_H).append("\" viewBox=\"0 0 ")
                .append(CHART_W).append(' ').append(CHART_H).append("\" role=\"img\">");
        for (int i = 0; i < n; i++) {
            double bh = plotH * (double) hist.counts()[i] / max;
            h.append("<rect class=\"bar\" x=\"").append(fmt(i * w)).append("\" y=\"").append(fmt(plotH - bh))
                    .append("\" width=\"").append(fmt(Math.max(0.5, w - 1))).append("\" height=\"").append(fmt(bh))
                    .append("\"><title>").append(esc(edge(hist.edges()[i], dates))).append(" \u2013 ")
                    .append(esc(edge(hist.edges()[i + 1], dates))).append(": ")
                    .append(hist.counts()[i]).append("</title></rect>");
        }
        h.append("<line class=\"axis\" x1=\"0\" y1=\"").append(plotH).append("\" x2=\"").append(CHART_W)
                .append("\" y2=\"").append(plotH).append("\"/>");
        double span = hist.edges()[n] - hist.edges()[0];
        h.append("<text x=\"0\" y=\"").append(CHART_H - 3).append("\">")
                .append(esc(tick(hist.edges()[0], span, dates))).append("</text>");
        if (dates != null && n >= 2) {
            h.append("<text x=\"").append(fmt((n / 2) * w)).append("\" y=\"").append(CHART_H - 3)
                    .append("\" text-anchor=\"middle\">").append(esc(tick(hist.edges()[n / 2], span, dates)))
                    .append("</text>");
        }
        h.append("<text x=\"").append(CHART_W).append("\" y=\"").append(CHART_H - 3)
                .append("\" text-anchor=\"end\">").append(esc(tick(hist.edges()[n], span, dates)))
                .append("</text></svg>");
    }

    private static String tick(double v, double span, DateStyle dates) {
        return dates == null ? DatasetFormat.number(v) : DatasetFormat.dateTick(dates, v, span);
    }

    private static String edge(double v, DateStyle dates) {
        return dates == null || !Double.isFinite(v) ? DatasetFormat.number(v)
                : DatasetFormat.date(dates, Math.round(v));
    }

    /** An inline SVG bar chart of the top values, one horizontal bar each. */
    private static void topBars(StringBuilder h, List<TopValue> top, long rows) {
        int barH = 16;
        int labelW = 120;
        int height = top.size() * (barH + 4);
        long max = Math.max(1, top.get(0).count());
        h.append("<svg width=\"").append(CHART_W).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(CHART_W).append(' ').append(height).append("\" role=\"img\">");
        for (int i = 0; i < top.size(); i++) {
            TopValue t = top.get(i);
            double bw = (CHART_W - labelW - 50) * (double) t.count() / max;
            int y = i * (barH + 4);
            String label = DatasetFormat.value(t);
            if (label.length() > 18) {
                label = label.substring(0, 17) + "\u2026";
            }
            h.append("<text x=\"").append(labelW - 4).append("\" y=\"").append(y + barH - 4)
                    .append("\" text-anchor=\"end\">").append(esc(label)).append("</text>");
            h.append("<rect class=\"bar\" x=\"").append(labelW).append("\" y=\"").append(y).append("\" width=\"")
                    .append(fmt(Math.max(0.5, bw))).append("\" height=\"").append(barH).append("\"/>");
            h.append("<text x=\"").append(fmt(labelW + bw + 4)).append("\" y=\"").append(y + barH - 4).append("\">")
                    .append(esc(DatasetFormat.count(t.count()))).append(rows > 0 ? " (" + DatasetFormat.percent(
                            100.0 * t.count() / rows) + ")" : "").append("</text>");
        }
        h.append("</svg>");
    }

    private static void correlations(StringBuilder h, String title, CorrelationMatrix m, boolean diverging) {
        if (m.columns().size() < 2) {
            return;
        }
        h.append("<h2>").append(esc(title)).append("</h2>\n<table class=\"heat\"><tr><th></th>");
        for (String c : m.columns()) {
            h.append("<th title=\"").append(esc(c)).append("\">").append(esc(shortName(c))).append("</th>");
        }
        h.append("</tr>");
        for (int i = 0; i < m.columns().size(); i++) {
            h.append("<tr><th>").append(esc(m.columns().get(i))).append("</th>");
            for (int j = 0; j < m.columns().size(); j++) {
                double v = m.values()[i][j];
                String bg = Double.isNaN(v) ? "transparent" : "rgba(var(" + (v < 0 && diverging ? "--neg" : "--pos")
                        + ")," + fmt(Math.min(1, Math.abs(v))) + ")";
                h.append("<td style=\"background:").append(bg).append("\" title=\"").append(esc(m.columns().get(i)))
                        .append(" / ").append(esc(m.columns().get(j))).append(": ").append(DatasetFormat.number(v))
                        .append("\">").append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private static String shortName(String s) {
        return s.length() <= 6 ? s : s.substring(0, 5) + "\u2026";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** @return {@code s} with the HTML special characters escaped */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
