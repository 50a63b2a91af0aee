package io.mlwb.data.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.Profiler;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report is one self-contained page: every column named, an SVG per numeric column, no links out. */
class ProfileHtmlReportTest {
    @Test
    void containsTheColumnsAnSvgPerNumericColumnAndNoLinks(@TempDir Path dir) throws Exception {
        Path file = SampleData.loans(dir, "loans.csv", 120);
        DatasetProfile profile = new Profiler().profile(
                new TableReader().read(file, ReadOptions.defaults().withThreads(1), Progress.NONE).table(),
                ProfileOptions.defaults(), Progress.NONE);

        String html = new ProfileHtmlReport().render("loans <2023>", profile);

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<title>loans &lt;2023&gt;"));
        for (String column : SampleData.HEADER.split(",")) {
            assertTrue(html.contains(">" + column + "<"), () -> "column " + column + " missing");
        }
        long numeric = profile.columns().stream().filter(c -> c.type() == ColumnType.NUMERIC).count();
        assertTrue(numeric >= 3);
        for (var c : profile.columns()) {
            if (c.type() == ColumnType.NUMERIC) {
                int at = html.indexOf("<h3>" + c.name() + "</h3>");
                int next = html.indexOf("<div class=\"column\">", at);
                String section = html.substring(at, next < 0 ? html.length() : next);
                assertEquals(1, count(section, "<svg"), () -> "one histogram for " + c.name());
            }
        }
        assertTrue(count(html, "<svg") >= numeric);
        assertFalse(html.toLowerCase().contains("http:"), "no http links");
        assertFalse(html.toLowerCase().contains("https:"), "no https links");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("<link"), "no external stylesheets");
    }

    @Test
    void dateHistogramsLabelTheirAxisWithDatesNotEpochMillis(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("day,naive,plus2,hours\n");
        for (int i = 0; i < 400; i++) {
            java.time.LocalDate d = java.time.LocalDate.of(2023, 1, 1).plusDays(i);
            String t = d + "T06:58:37";
            csv.append(d).append(',').append(t).append(',').append(t).append("+02:00,")
                    .append(String.format(java.util.Locale.ROOT, "2023-01-21T%02d:%02d:00", i % 24, i % 60))
                    .append('\n');
        }
        Path file = dir.resolve("dates.csv");
        java.nio.file.Files.writeString(file, csv);
        DatasetProfile profile = new Profiler().profile(
                new TableReader().read(file, ReadOptions.defaults(), Progress.NONE).table(),
                ProfileOptions.defaults(), Progress.NONE);

        String html = new ProfileHtmlReport().render("dates", profile);

        Pattern epoch = Pattern.compile("\\d{13}|\\d{1,3}(,\\d{3}){4}");
        for (String column : new String[] {"day", "naive", "plus2", "hours"}) {
            String section = section(html, column);
            assertFalse(epoch.matcher(section).find(), () -> column + ": epoch milliseconds in " + section);
            assertTrue(section.contains("<svg"), column);
        }
        // a 400-day span is labelled in months; the tooltips and the range say the values as written
        assertTrue(section(html, "day").contains(">2023-01<"), section(html, "day"));
        assertTrue(section(html, "day").contains(">2024-02<"), section(html, "day"));
        assertTrue(section(html, "day").contains("2023-01-01"));
        assertTrue(section(html, "naive").contains("2023-01-01T06:58:37<"), section(html, "naive"));
        assertFalse(section(html, "naive").contains("06:58:37Z"), "no zone invented");
        assertTrue(section(html, "plus2").contains("2023-01-01T06:58:37+02:00"));
        // a one-day span is labelled in hours and minutes
        assertTrue(section(html, "hours").contains(">2023-01-21 00:00<"), section(html, "hours"));
    }

    private static String section(String html, String column) {
        int at = html.indexOf("<h3>" + column + "</h3>");
        int next = html.indexOf("<div class=\"column\">", at);
        return html.substring(at, next < 0 ? html.length() : next);
    }

    @Test
    void repeatedAlertsOfOneTypeAreOneRowWithEveryColumnBehindADisclosure() {
        java.util.List<io.mlwb.data.table.Column> cols = new java.util.ArrayList<>();
        for (int c = 0; c < 6; c++) {
            double[] v = new double[20];
            for (int i = 0; i < v.length; i++) {
                v[i] = i * (c + 1) + 0.5 * c;
            }
            cols.add(new io.mlwb.data.table.NumericColumn("g" + c, v, new java.util.BitSet(), false));
        }
        DatasetProfile profile = new Profiler().profile(new io.mlwb.data.table.DataTable(20, cols),
                new ProfileOptions(10, 5, java.util.Optional.empty(), false, 1), Progress.NONE);

        String html = new ProfileHtmlReport().render("wide", profile);

        assertTrue(html.contains("6 columns have unique values: g0, g1, g2, …"), html);
        assertTrue(html.contains("<details><summary>All 6</summary>g0, g1, g2, g3, g4, g5</details>"), html);
        assertFalse(html.contains("g4 has unique values"), "not one row per column");
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
