package io.mlwb.drift.report;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.drift.ColumnDrift;
import io.mlwb.drift.DatasetDrift;
import io.mlwb.drift.DriftOptions;
import io.mlwb.drift.service.DriftService;
import io.mlwb.drift.time.DriftOverTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a drift comparison ({@link DriftService.Result}) as one self-contained HTML page for people without the
 * app: inline CSS and inline SVG only, no script, no external resource or link. It holds the verdict with the share
 * against its threshold and both sides' labels, hashes and commits; a table of every column (test, statistic,
 * p-value, PSI and its band, missing rates, verdict), drifted columns first; the schema differences, missing-rate
 * changes and new or vanished categories; and per column the reference and current distributions on the bins PSI was
 * measured on (overlaid histograms for numbers, paired bars for categories), plus drift over time and the model
 * section when the comparison has them. Plain Java, shared by {@code mlwb drift --html} and the Drift pane's
 * export; labels are English, as the CLI's output is. Light or dark follows the reader's system.
 */
public final class DriftHtml {
    /** Categories drawn per column; the rest are counted in a line under the chart. */
    public static final int MAX_CATEGORIES = 20;
    private static final int CHART_W = 640;
    private static final int CHART_H = 170;
    private static final String CSS = """
            :root{--fg:#1f2328;--muted:#656d76;--bg:#ffffff;--subtle:#f6f8fa;--border:#d0d7de;--ref:#0969da;\
            --cur:#d1580f;--danger:#cf222e;--danger-bg:#ffebe9;--ok:#1a7f37;--ok-bg:#dafbe1;--warn:#9a6700;\
            --warn-bg:#fff8c5}
            @media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--muted:#8d96a0;--bg:#0d1117;--subtle:#161b22;\
            --border:#30363d;--ref:#4493f8;--cur:#f0883e;--danger:#f85149;--danger-bg:#3c1618;--ok:#3fb950;\
            --ok-bg:#12261e;--warn:#d29922;--warn-bg:#2e2410}}
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);background:var(--bg);\
            margin:24px;max-width:1200px}
            h1{font-size:1.6em;margin-bottom:4px}h2{border-bottom:1px solid var(--border);padding-bottom:4px;\
            margin-top:32px}h3{margin:0 0 4px 0;font-size:1.1em}
            .muted{color:var(--muted)}code{font-size:0.9em}
            .badge{display:inline-block;padding:3px 12px;border-radius:999px;font-weight:600;border:1px solid}
            .badge.drift{background:var(--danger-bg);color:var(--danger);border-color:var(--danger)}
            .badge.ok{background:var(--ok-bg);color:var(--ok);border-color:var(--ok)}\
            .badge.none{color:var(--muted);border-color:var(--border)}
            .cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:12px}.card{background:var(--subtle);\
            border:1px solid var(--border);border-radius:6px;padding:8px 14px;min-width:140px}\
            .card .v{font-size:1.3em;font-weight:600}.card.side{max-width:460px}.card.side .v{font-size:1em;\
            word-break:break-all}
            table{border-collapse:collapse;font-size:0.9em}td,th{border-bottom:1px solid var(--border);\
            padding:4px 8px;text-align:left;vertical-align:top}th{background:var(--subtle);white-space:nowrap}\
            th.sorted::after{content:" \\25BC";color:var(--muted)}td.n{text-align:right;\
            font-variant-numeric:tabular-nums;white-space:nowrap}
            td.drifted{background:var(--danger-bg);color:var(--danger);font-weight:600}td.ok{color:var(--ok)}
            .band-stable{color:var(--ok)}.band-moderate{color:var(--warn)}.band-significant{color:var(--danger);\
            font-weight:600}
            a{color:var(--ref);text-decoration:none}a:hover{text-decoration:underline}
            .column{border:1px solid var(--border);border-radius:6px;padding:12px;margin:12px 0}
            .column.is-drifted{border-left:4px solid var(--danger)}
            .facts{margin:2px 0 8px 0}.note{color:var(--warn)}
            .legend{font-size:0.85em;color:var(--muted)}.sw{display:inline-block;width:10px;height:10px;\
            border-radius:2px;margin:0 4px 0 10px;vertical-align:baseline}.sw.ref{background:var(--ref);opacity:.55}\
            .sw.cur{background:var(--cur);opacity:.55}
            svg .ref{fill:var(--ref);fill-opacity:.45}svg .cur{fill:var(--cur);fill-opacity:.45}\
            svg .cur-line{stroke:var(--cur);stroke-width:1.5;fill:none}svg .axis{stroke:var(--border)}\
            svg text{fill:var(--muted);font-size:10px}svg text.lbl{fill:var(--fg)}
            .heat td{text-align:center;min-width:38px;font-size:0.8em}.heat .stable{background:var(--ok-bg)}\
            .heat .moderate{background:var(--warn-bg)}.heat .significant{background:var(--danger-bg);\
            color:var(--danger)}
            ul.tight{margin:4px 0;padding-left:20px}
            """;

    /** Creates a renderer; it keeps no state. */
    public DriftHtml() {
        // stateless
    }

    /**
     * Renders with the distributions counted here from the result's tables.
     *
     * @param result  the comparison
     * @param options the options it was made with (for the bins)
     * @return the whole HTML document
     */
    public String render(DriftService.Result result, DriftOptions options) {
        return render(result, DriftDistributions.of(result, options));
    }

    /**
     * Writes the page to {@code out} (through a temporary file next to it, so a reader never sees half a page).
     *
     * @param result        the comparison
     * @param distributions per column, its two sides on its bins ({@link DriftDistributions})
     * @param out           the file to write
     * @throws UserError when the file cannot be written
     */
    public void write(DriftService.Result result, Map<String, ColumnDistribution> distributions, Path out) {
        String html = render(result, distributions);
        Path abs = out.toAbsolutePath();
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserError("Cannot write the drift report " + out + ": " + e.getMessage(),
                    "Check the path and that its folder is writable.", ExitCode.BAD_INPUT, e);
        }
    }

    /**
     * @param result        the comparison
     * @param distributions per column, its two sides on its bins; a column without one gets no chart
     * @return the whole HTML document
     */
    public String render(DriftService.Result result, Map<String, ColumnDistribution> distributions) {
        DatasetDrift d = result.drift();
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "Drift: " + result.reference().label() + " \u2192 " + result.current().label();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        h.append("<h1>Data drift</h1><p class=\"muted\">").append(esc(result.reference().label()))
                .append(" (reference) \u2192 ").append(esc(result.current().label()))
                .append(" (current). Report by ML Workbench; definitions in docs/drift.md.</p>\n");
        summary(h, result);
        warnings(h, result.warnings());

        List<ColumnDrift> columns = sorted(d.columns());
        h.append("<h2>Columns</h2>\n");
        h.append("<p class=\"muted\">Drifted columns first, then by PSI. A p-value test drifts when p \u2264 its "
                + "threshold, a distance when the statistic \u2265 its threshold.</p>\n");
        h.append("<table class=\"columns\"><thead><tr><th>Column</th><th>Type</th><th>Test</th><th>Statistic</th>")
                .append("<th>p-value</th><th>Threshold</th><th>PSI</th><th>PSI band</th><th>Missing ref \u2192 cur")
                .append("</th><th class=\"sorted\">Verdict</th></tr></thead><tbody>\n");
        for (int i = 0; i < columns.size(); i++) {
            ColumnDrift c = columns.get(i);
            h.append("<tr><td><a href=\"#col-").append(i).append("\">").append(esc(c.name())).append("</a></td><td>")
                    .append(esc(type(c))).append("</td><td>").append(esc(test(c))).append("</td>");
            num(h, number(c.statistic()));
            num(h, pValue(c.pValue()));
            num(h, number(c.threshold()));
            num(h, number(c.psi()));
            h.append("<td class=\"band-").append(c.psiBand() == null ? "none" : c.psiBand().jsonName()).append("\">")
                    .append(c.psiBand() == null ? "\u2014" : esc(c.psiBand().jsonName())).append("</td>");
            num(h, percent(c.missingRef()) + " \u2192 " + percent(c.missingCur()));
            h.append(verdictCell(c)).append("</tr>\n");
        }
        h.append("</tbody></table>\n");

        schema(h, d);
        missing(h, columns);
        categories(h, columns);

        h.append("<h2>Distributions</h2>\n<p class=\"legend\">Share of each side's non-missing values per bin (the bins "
                + "PSI is measured on):<span class=\"sw ref\"></span>reference<span class=\"sw cur\"></span>current"
                + "</p>\n");
        for (int i = 0; i < columns.size(); i++) {
            column(h, i, columns.get(i), distributions.get(columns.get(i).name()));
        }
        overTime(h, result.overTime());
        model(h, result.model());
        h.append("</body></html>\n");
        return h.toString();
    }

    /** Drifted columns first, then by PSI (highest first), then by name: the order a reviewer reads in. */
    static List<ColumnDrift> sorted(List<ColumnDrift> columns) {
        List<ColumnDrift> out = new ArrayList<>(columns);
        out.sort(Comparator.comparing((ColumnDrift c) -> !c.drifted())
                .thenComparing(c -> c.psi() == null || c.psi().isNaN() ? Double.NEGATIVE_INFINITY : c.psi(),
                        Comparator.reverseOrder())
                .thenComparing(ColumnDrift::name));
        return out;
    }

    private static void summary(StringBuilder h, DriftService.Result r) {
        DatasetDrift d = r.drift();
        h.append("<p><span class=\"badge ").append(d.datasetDrift() ? "drift\">Dataset drift detected"
                : "ok\">No dataset drift").append("</span></p>\n<div class=\"cards\">");
        card(h, "Drifted columns", d.drifted() + " of " + d.compared());
        card(h, "Drift share", String.format(Locale.ROOT, "%.2f", d.share()) + " (threshold "
                + String.format(Locale.ROOT, "%.2f", d.driftShare()) + ")");
        card(h, "Schema changes", Integer.toString(d.added().size() + d.removed().size() + d.retyped().size()));
        if (r.reportId() != null) {
            card(h, "Recorded", "drift report " + r.reportId());
        }
        h.append("</div>\n<div class=\"cards\">");
        side(h, "Reference", r.reference());
        side(h, "Current", r.current());
        h.append("</div>\n");
    }

    private static void side(StringBuilder h, String what, DriftService.Source s) {
        h.append("<div class=\"card side\"><div class=\"muted\">").append(what).append("</div><div class=\"v\">")
                .append(esc(s.label())).append("</div><div class=\"muted\">")
                .append(String.format(Locale.ROOT, "%,d rows \u00b7 %,d columns", s.table().rowCount(),
                        s.table().columns().size()));
        if (s.sha256() != null) {
            h.append(" \u00b7 sha256 <code title=\"").append(esc(s.sha256())).append("\">")
                    .append(esc(s.sha256().substring(0, Math.min(12, s.sha256().length())))).append("</code>");
        }
        if (s.commit() != null) {
            h.append(" \u00b7 commit <code title=\"").append(esc(s.commit())).append("\">")
                    .append(esc(s.commit().substring(0, Math.min(10, s.commit().length())))).append("</code>");
        }
        h.append("</div></div>");
    }

    private static void warnings(StringBuilder h, List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        h.append("<h2>Warnings</h2>\n<ul class=\"tight\">");
        for (String w : warnings) {
            h.append("<li class=\"note\">").append(esc(w)).append("</li>");
        }
        h.append("</ul>\n");
    }

    private static void schema(StringBuilder h, DatasetDrift d) {
        h.append("<h2>Schema differences</h2>\n");
        if (d.added().isEmpty() && d.removed().isEmpty() && d.retyped().isEmpty() && d.ignored().isEmpty()) {
            h.append("<p class=\"muted\">None: both sides have the same columns with the same types.</p>\n");
            return;
        }
        h.append("<table><tr><th>Change</th><th>Columns</th></tr>");
        if (!d.added().isEmpty()) {
            h.append("<tr><td>Added (only in the current data, not tested)</td><td>").append(esc(String.join(", ",
                    d.added()))).append("</td></tr>");
        }
        if (!d.removed().isEmpty()) {
            h.append("<tr><td>Removed (only in the reference, not tested)</td><td>").append(esc(String.join(", ",
                    d.removed()))).append("</td></tr>");
        }
        for (DatasetDrift.Retyped t : d.retyped()) {
            h.append("<tr><td>Retyped</td><td>").append(esc(t.name())).append(": ")
                    .append(esc(t.reference().yamlName())).append(" \u2192 ").append(esc(t.current().yamlName()))
                    .append("</td></tr>");
        }
        if (!d.ignored().isEmpty()) {
            h.append("<tr><td>Ignored (id, time or <code>ignore: true</code>)</td><td>")
                    .append(esc(String.join(", ", d.ignored()))).append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static void missing(StringBuilder h, List<ColumnDrift> columns) {
        List<ColumnDrift> changed = columns.stream().filter(c -> c.missingRef() != c.missingCur())
                .sorted(Comparator.comparingDouble((ColumnDrift c) -> Math.abs(c.missingCur() - c.missingRef()))
                        .reversed()).toList();
        h.append("<h2>Missing values</h2>\n");
        if (changed.isEmpty()) {
            h.append("<p class=\"muted\">No column's missing rate changed.</p>\n");
            return;
        }
        h.append("<table><tr><th>Column</th><th>Reference</th><th>Current</th><th>Change</th></tr>");
        for (ColumnDrift c : changed) {
            double delta = (c.missingCur() - c.missingRef()) * 100;
            h.append("<tr><td>").append(esc(c.name())).append("</td>");
            num(h, percent(c.missingRef()));
            num(h, percent(c.missingCur()));
            num(h, String.format(Locale.ROOT, Math.abs(delta) < 0.1 ? "%+.2f pp" : "%+.1f pp", delta));
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private static void categories(StringBuilder h, List<ColumnDrift> columns) {
        List<ColumnDrift> changed = columns.stream().filter(c -> !c.newCategories().isEmpty()
                || !c.vanishedCategories().isEmpty()).toList();
        h.append("<h2>New and vanished categories</h2>\n");
        if (changed.isEmpty()) {
            h.append("<p class=\"muted\">Every category is on both sides.</p>\n");
            return;
        }
        h.append("<table><tr><th>Column</th><th>New (only in the current data)</th><th>Vanished (only in the "
                + "reference)</th></tr>");
        for (ColumnDrift c : changed) {
            h.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(list(c.newCategories())))
                    .append("</td><td>").append(esc(list(c.vanishedCategories()))).append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static String list(List<String> values) {
        if (values.isEmpty()) {
            return "\u2014";
        }
        int shown = Math.min(values.size(), 30);
        String s = String.join(", ", values.subList(0, shown));
        return shown < values.size() ? s + " \u2026 (" + values.size() + " in all)" : s;
    }

    private static void column(StringBuilder h, int index, ColumnDrift c, ColumnDistribution dist) {
        h.append("<div class=\"column").append(c.drifted() ? " is-drifted" : "").append("\" id=\"col-")
                .append(index).append("\"><h3>").append(esc(c.name())).append(" <span class=\"badge ")
                .append(c.drifted() ? "drift\">drifted" : c.counted() ? "ok\">stable" : "none\">not compared")
                .append("</span></h3>");
        h.append("<div class=\"facts muted\">").append(esc(type(c))).append(" \u00b7 ").append(esc(test(c)));
        if (c.statistic() != null) {
            h.append(" ").append(esc(number(c.statistic())));
        }
        if (c.pValue() != null) {
            h.append(", p = ").append(esc(pValue(c.pValue())));
        }
        if (c.psi() != null) {
            h.append(" \u00b7 PSI ").append(esc(number(c.psi()))).append(" (").append(esc(c.psiBand().jsonName()))
                    .append(")");
        }
        h.append(" \u00b7 ").append(String.format(Locale.ROOT, "%,d", c.countRef())).append(" vs ")
                .append(String.format(Locale.ROOT, "%,d", c.countCur())).append(" values</div>");
        if (c.note() != null) {
            h.append("<div class=\"note\">").append(esc(c.note())).append("</div>");
        }
        if (dist == null || dist.size() == 0) {
            h.append("<p class=\"muted\">No distribution to draw.</p>");
        } else if (dist.numeric()) {
            histogram(h, dist);
        } else {
            bars(h, dist, c);
        }
        h.append("</div>\n");
    }

    /** Both sides' shares per numeric bin, overlaid: reference and current as translucent bars on one axis. */
    private static void histogram(StringBuilder h, ColumnDistribution d) {
        double[] r = d.referenceShares();
        double[] c = d.currentShares();
        double max = 0.0001;
        for (int i = 0; i < r.length; i++) {
            max = Math.max(max, Math.max(r[i], c[i]));
        }
        int n = d.size();
        int left = 40;
        int plotH = CHART_H - 34;
        double w = (double) (CHART_W - left) / n;
        h.append("<svg width=\"").append(CHART_W).append("\" height=\"").append(CHART_H).append("\" viewBox=\"0 0 ")
                .append(CHART_W).append(' ').append(CHART_H).append("\" role=\"img\"><title>")
                .append(esc(d.column())).append(": reference and current shares per bin</title>");
        h.append("<text x=\"").append(left - 4).append("\" y=\"10\" text-anchor=\"end\">").append(percent(max))
                .append("</text><text x=\"").append(left - 4).append("\" y=\"").append(plotH)
                .append("\" text-anchor=\"end\">0</text>");
        for (int i = 0; i < n; i++) {
            double x = left + i * w;
            double rh = plotH * r[i] / max;
            double ch = plotH * c[i] / max;
            String tip = d.labels().get(i) + ": reference " + percent(r[i]) + " (" + d.reference()[i]
                    + "), current " + percent(c[i]) + " (" + d.current()[i] + ")";
            h.append("<g><title>").append(esc(tip)).append("</title>");
            rect(h, "ref", x + 1, plotH - rh, w - 2, rh);
            rect(h, "cur", x + 1, plotH - ch, w - 2, ch);
            h.append("</g>");
        }
        h.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(plotH).append("\" x2=\"")
                .append(CHART_W).append("\" y2=\"").append(plotH).append("\"/>");
        // the inner edges under the boundaries they stand for, alternating rows so long numbers do not collide
        for (int i = 0; i < d.edges().length; i++) {
            String label = edgeLabel(d, i);
            double x = left + (i + 1) * w;
            h.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(plotH + (i % 2 == 0 ? 13 : 26))
                    .append("\" text-anchor=\"middle\">").append(esc(label)).append("</text>");
        }
        h.append("</svg>");
    }

    /** The text of inner edge {@code i}, taken from the bin labels (which formatted it as the column's values). */
    private static String edgeLabel(ColumnDistribution d, int i) {
        String first = d.labels().get(i);
        if (i == 0) {
            return first.substring(2); // "≤ x"
        }
        int dash = first.indexOf(" \u2013 ");
        return dash < 0 ? first : first.substring(dash + 3);
    }

    /** Paired horizontal bars per category: reference above current, the most common first past the cap. */
    private static void bars(StringBuilder h, ColumnDistribution d, ColumnDrift c) {
        double[] r = d.referenceShares();
        double[] cu = d.currentShares();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            order.add(i);
        }
        if (order.size() > MAX_CATEGORIES) {
            order.sort(Comparator.comparingDouble((Integer i) -> Math.max(r[i], cu[i])).reversed());
            order = new ArrayList<>(order.subList(0, MAX_CATEGORIES));
            order.sort(Comparator.naturalOrder());
        }
        double max = 0.0001;
        for (int i : order) {
            max = Math.max(max, Math.max(r[i], cu[i]));
        }
        int labelW = 150;
        int barH = 9;
        int rowH = 2 * barH + 8;
        int valueW = 120;
        int height = order.size() * rowH + 4;
        double scale = CHART_W - labelW - valueW;
        h.append("<svg width=\"").append(CHART_W).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(CHART_W).append(' ').append(height).append("\" role=\"img\"><title>")
                .append(esc(d.column())).append(": reference and current shares per category</title>");
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            int y = k * rowH + 2;
            String label = d.labels().get(i);
            String mark = c.newCategories().contains(label) ? " (new)" : c.vanishedCategories().contains(label)
                    ? " (vanished)" : "";
            String shown = label.length() > 20 ? label.substring(0, 19) + "\u2026" : label;
            h.append("<g><title>").append(esc(label + mark + ": reference " + percent(r[i]) + " ("
                    + d.reference()[i] + "), current " + percent(cu[i]) + " (" + d.current()[i] + ")"))
                    .append("</title>");
            h.append("<text class=\"lbl\" x=\"").append(labelW - 6).append("\" y=\"").append(y + barH + 4)
                    .append("\" text-anchor=\"end\">").append(esc(shown + mark)).append("</text>");
            rect(h, "ref", labelW, y, Math.max(r[i] > 0 ? 1 : 0, scale * r[i] / max), barH);
            rect(h, "cur", labelW, y + barH, Math.max(cu[i] > 0 ? 1 : 0, scale * cu[i] / max), barH);
            double end = labelW + scale * Math.max(r[i], cu[i]) / max;
            h.append("<text x=\"").append(fmt(end + 6)).append("\" y=\"").append(y + barH + 4).append("\">")
                    .append(esc(percent(r[i]) + " \u2192 " + percent(cu[i]))).append("</text></g>");
        }
        h.append("</svg>");
        if (order.size() < d.size()) {
            h.append("<p class=\"muted\">").append(d.size() - order.size()).append(" less common categories not "
                    + "drawn.</p>");
        }
    }

    private static void rect(StringBuilder h, String cls, double x, double y, double w, double height) {
        h.append("<rect class=\"").append(cls).append("\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y))
                .append("\" width=\"").append(fmt(Math.max(0, w))).append("\" height=\"")
                .append(fmt(Math.max(0, height))).append("\"/>");
    }

    private static void overTime(StringBuilder h, DriftOverTime.Result t) {
        if (t == null || t.windows().isEmpty() || t.psi().isEmpty()) {
            return;
        }
        h.append("<h2>Drift over time</h2>\n<p class=\"muted\">PSI of each ").append(esc(t.window()))
                .append(" window of the current data by <code>").append(esc(t.timeColumn()))
                .append("</code> against the whole reference; \u25b2 marks a control-chart alarm.</p>\n")
                .append("<table class=\"heat\"><tr><th>Column</th>");
        for (DriftOverTime.Window w : t.windows()) {
            h.append("<th title=\"").append(esc(w.start() + " \u2013 " + w.end() + ", " + w.rows() + " rows"))
                    .append("\">").append(esc(w.start().toString().substring(0, 10))).append("</th>");
        }
        h.append("</tr>");
        t.psi().forEach((name, values) -> {
            if (java.util.Arrays.stream(values).noneMatch(Double::isFinite)) {
                return; // a column no window could measure (free text)
            }
            DriftOverTime.Control control = t.control().get(name);
            h.append("<tr><th>").append(esc(name)).append("</th>");
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                final int w = i;
                boolean alarm = control != null && control.alarms().stream().anyMatch(a -> a.window() == w);
                String band = Double.isFinite(v) ? io.mlwb.drift.stats.PopulationStability.Band.of(v).jsonName() : "";
                h.append("<td class=\"").append(band).append("\"").append(alarm ? " title=\"alarm\"" : "")
                        .append(">").append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "\u2014")
                        .append(alarm ? " \u25b2" : "").append("</td>");
            }
            h.append("</tr>");
        });
        h.append("</table>\n");
    }

    @SuppressWarnings("unchecked")
    private static void model(StringBuilder h, Map<String, Object> model) {
        if (model == null) {
            return;
        }
        h.append("<h2>Model ").append(esc(String.valueOf(model.get("version")))).append("</h2>\n");
        if (model.get("prediction_drift") instanceof Map<?, ?> p) {
            h.append("<p>Prediction drift: ").append(Boolean.TRUE.equals(p.get("drifted"))
                    ? "<span class=\"badge drift\">drifted</span>" : "<span class=\"badge ok\">stable</span>")
                    .append(" <span class=\"muted\">").append(esc(String.valueOf(p.get("test")))).append(' ')
                    .append(esc(p.get("statistic") instanceof Number s ? number(s.doubleValue()) : "\u2014"))
                    .append(p.get("psi") instanceof Number s ? ", PSI " + esc(number(s.doubleValue())) : "")
                    .append("</span></p>\n");
        }
        if (model.get("performance") instanceof Map<?, ?> perf && !perf.isEmpty()) {
            h.append("<table><tr><th>Metric</th><th>Reference</th><th>Current</th></tr>");
            perf.forEach((metric, sides) -> {
                Map<String, Object> s = (Map<String, Object>) sides;
                h.append("<tr><td>").append(esc(String.valueOf(metric))).append("</td>");
                num(h, interval(s.get("reference")));
                num(h, interval(s.get("current")));
                h.append("</tr>");
            });
            h.append("</table>\n");
        }
        if (model.get("note") != null) {
            h.append("<p class=\"muted\">").append(esc(String.valueOf(model.get("note")))).append("</p>\n");
        }
    }

    private static String interval(Object side) {
        if (!(side instanceof Map<?, ?> m) || !(m.get("value") instanceof Number v)) {
            return "\u2014";
        }
        String s = String.format(Locale.ROOT, "%.4f", v.doubleValue());
        if (m.get("low") instanceof Number lo && m.get("high") instanceof Number hi) {
            s += String.format(Locale.ROOT, " [%.4f, %.4f]", lo.doubleValue(), hi.doubleValue());
        }
        return s;
    }

    private static String verdictCell(ColumnDrift c) {
        if (c.status() == ColumnDrift.Status.SKIPPED_TEXT) {
            return "<td class=\"muted\">not compared</td>";
        }
        return c.drifted() ? "<td class=\"drifted\">DRIFTED</td>" : "<td class=\"ok\">stable</td>";
    }

    private static String type(ColumnDrift c) {
        return c.type() == c.currentType() ? c.type().yamlName()
                : c.type().yamlName() + " \u2192 " + c.currentType().yamlName();
    }

    private static String test(ColumnDrift c) {
        if (c.test() == null || c.status() == ColumnDrift.Status.RETYPED
                || c.status() == ColumnDrift.Status.SKIPPED_TEXT) {
            return c.status() == ColumnDrift.Status.TESTED ? "\u2014" : c.status().jsonName();
        }
        return c.status() == ColumnDrift.Status.NO_VALUES ? c.test().yamlName() + " (no values)"
                : c.test().yamlName();
    }

    private static void card(StringBuilder h, String label, String value) {
        h.append("<div class=\"card\"><div class=\"muted\">").append(esc(label)).append("</div><div class=\"v\">")
                .append(esc(value)).append("</div></div>");
    }

    private static void num(StringBuilder h, String text) {
        h.append("<td class=\"n\">").append(esc(text)).append("</td>");
    }

    /**
     * @param v a statistic, or null
     * @return it with 4 significant digits, scientific when tiny or huge; "—" for null, "∞" for infinity
     */
    public static String number(Double v) {
        if (v == null || v.isNaN()) {
            return "\u2014";
        }
        if (v.isInfinite()) {
            return v > 0 ? "\u221e" : "-\u221e";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /**
     * @param p a p-value, or null
     * @return it as {@link #number(Double)}, but {@code < 1e-10} below that (the exact value means nothing there)
     */
    public static String pValue(Double p) {
        if (p != null && p < 1e-10) {
            return "< 1e-10";
        }
        return number(p);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * @param s text
     * @return {@code s} with the HTML special characters escaped, for element text and quoted attributes
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
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
