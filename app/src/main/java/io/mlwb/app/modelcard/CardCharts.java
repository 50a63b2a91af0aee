package io.mlwb.app.modelcard;

import io.mlwb.app.ui.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * The card preview's charts, drawn from the autofilled tables of a section as they stand in the card (so a chart shows
 * what the card says): the metrics block as validation and test bars per metric, each per-group table of the
 * quantitative analyses as selection rate, recall and false-positive rate per group, and the explainability block as
 * the features' mean score drop. Hand-written tables get no chart. Colours come from the theme ({@code modelcard.css}).
 */
final class CardCharts {
    private static final Pattern BLOCK = Pattern.compile("<!-- mlwb:auto (\\S+) -->\\r?\\n(.*?)<!-- mlwb:end \\1 -->",
            Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("^\\*\\*(.+?)\\*\\*");

    private CardCharts() {
    }

    /**
     * @param sectionBody a section's Markdown as written (fill markers included)
     * @return its charts, in the order of its blocks; empty when it has no autofilled table to draw
     */
    static List<Node> of(String sectionBody) {
        List<Node> charts = new ArrayList<>();
        Matcher m = BLOCK.matcher(sectionBody);
        while (m.find()) {
            String block = m.group(2);
            switch (m.group(1)) {
                case "metrics" -> table(block, null).ifPresent(t -> chart(charts, Messages.get("modelcard.chart.metrics"),
                        t, List.of(1, 2), "card-chart-metrics"));
                case "quantitative-analyses" -> {
                    String attribute = null;
                    List<String> lines = new ArrayList<>();
                    for (String line : block.split("\\r?\\n")) {
                        if (line.startsWith("|")) {
                            lines.add(line);
                            continue;
                        }
                        groups(charts, attribute, lines);
                        Matcher a = ATTRIBUTE.matcher(line);
                        if (a.find()) {
                            attribute = a.group(1);
                        }
                    }
                    groups(charts, attribute, lines);
                }
                case "explainability" -> table(block, 10).ifPresent(t -> chart(charts,
                        Messages.get("modelcard.chart.importance"), t, List.of(1), "card-chart-importance"));
                default -> {
                    // other blocks are facts, not figures
                }
            }
        }
        return charts;
    }

    /** One sensitive attribute's per-group table: selection rate, recall and false-positive rate per group. */
    private static void groups(List<Node> charts, String attribute, List<String> lines) {
        if (!lines.isEmpty() && attribute != null) {
            table(String.join("\n", lines), null).ifPresent(t -> chart(charts, Messages.format(
                    "modelcard.chart.groups", attribute), t, List.of(2, 3, 4), "card-chart-groups"));
        }
        lines.clear();
    }

    /** A GitHub table: its header cells and its rows' cells. */
    private record Table(List<String> header, List<List<String>> rows) {
    }

    private static java.util.Optional<Table> table(String text, Integer limit) {
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\\r?\\n")) {
            String t = line.strip();
            if (!t.startsWith("|")) {
                if (header != null) {
                    break; // the first table only
                }
                continue;
            }
            List<String> cells = cells(t);
            if (header == null) {
                header = cells;
            } else if (!cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                rows.add(cells);
            }
        }
        if (header == null || rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Table(header, limit == null ? rows : rows.subList(0, Math.min(limit,
                rows.size()))));
    }

    private static List<String> cells(String line) {
        String t = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
        List<String> out = new ArrayList<>();
        for (String c : t.split("\\|", -1)) {
            out.add(c.strip().replace("`", ""));
        }
        return out;
    }

    private static Double number(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return null; // "—": not measured
        }
    }

    private static void chart(List<Node> charts, String title, Table t, List<Integer> columns, String style) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(columns.size() > 1);
        boolean any = false;
        for (int col : columns) {
            if (col >= t.header().size()) {
                continue;
            }
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(t.header().get(col));
            for (List<String> row : t.rows()) {
                Double v = col < row.size() ? number(row.get(col)) : null;
                if (v != null && !row.isEmpty()) {
                    s.getData().add(new XYChart.Data<>(row.get(0), v));
                }
            }
            if (!s.getData().isEmpty()) {
                chart.getData().add(s);
                any = true;
            }
        }
        if (!any) {
            return;
        }
        chart.getStyleClass().addAll("card-chart", style);
        chart.setPrefHeight(240);
        chart.setMinHeight(200);
        charts.add(chart);
    }
}
