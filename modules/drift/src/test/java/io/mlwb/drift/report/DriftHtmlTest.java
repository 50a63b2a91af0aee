package io.mlwb.drift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.job.Progress;
import io.mlwb.core.project.DriftConfig;
import io.mlwb.drift.ColumnDrift;
import io.mlwb.drift.DriftOptions;
import io.mlwb.drift.service.DriftService;
import io.mlwb.drift.stats.PopulationStability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report and the distributions it draws, on two real files compared by {@link DriftService}: every column
 * is in the page, names are escaped, nothing points outside the page, and the bins drawn are the bins PSI was
 * measured on (the PSI recomputed from the drawn counts equals the engine's).
 */
class DriftHtmlTest {
    @TempDir
    Path dir;

    /** income (numeric), plan (categorical), a column named with HTML characters, score with missing values. */
    private static String csv(int n, long seed, boolean shifted) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("income,plan,\"<b>&x\",score" + (shifted ? ",extra" : "") + "\n");
        String[] plans = shifted ? new String[] {"basic", "plus", "gold"} : new String[] {"basic", "plus", "pro"};
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "%.3f", 50 + 10 * r.nextGaussian() + (shifted ? 9 : 0))).append(',')
                    .append(plans[r.nextInt(3)]).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", r.nextDouble())).append(',')
                    .append(shifted && i % 4 == 0 ? "" : Integer.toString(r.nextInt(100)));
            if (shifted) {
                sb.append(",1");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private DriftService.Result compare(int n) throws Exception {
        Files.writeString(dir.resolve("ref.csv"), csv(n, 1, false));
        Files.writeString(dir.resolve("cur.csv"), csv(n, 2, true));
        return new DriftService(null, null, null).compare(dir.resolve("ref.csv").toString(),
                dir.resolve("cur.csv").toString(), null, false, "test", Progress.NONE);
    }

    @Test
    void pageHoldsEveryColumnEscapedAndSelfContained() throws Exception {
        DriftService.Result r = compare(800);
        Map<String, ColumnDistribution> dist = DriftDistributions.of(r, DriftOptions.defaults());
        Path out = dir.resolve("out/report.html");
        new DriftHtml().write(r, dist, out);
        String html = Files.readString(out, StandardCharsets.UTF_8);

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("Dataset drift detected"), "income and plan drift: 2 of 4");
        for (String name : List.of("income", "plan", "score")) {
            assertTrue(html.contains(">" + name + "</a>"), name + " in the column table");
        }
        assertTrue(html.contains("&lt;b&gt;&amp;x"), "the HTML characters of a name are escaped");
        assertFalse(html.contains("<b>&x"), "never raw");
        assertFalse(html.contains("<script"), "no script");
        for (String external : List.of("http:", "https:", "src=", "url(", "@import", "<link")) {
            assertFalse(html.contains(external), "nothing outside the page: " + external);
        }
        Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (hrefs.find()) {
            assertTrue(hrefs.group(1).startsWith("#col-"), "only links inside the page: " + hrefs.group(1));
        }
        assertTrue(html.contains("extra"), "the added column is a schema difference");
        assertTrue(html.contains("gold") && html.contains("pro"), "new and vanished categories are listed");
        assertTrue(html.contains("25.0 %"), "score's missing rate went from 0 to 25 %");
        assertEquals(4, count(html, "<svg"), "a chart per compared column");
        assertTrue(html.contains("sha256"), "both sides' hashes");
    }

    @Test
    void drawnBinsAreTheBinsPsiWasMeasuredOn() throws Exception {
        for (int n : new int[] {300, 3000}) {
            DriftService.Result r = compare(n);
            Map<String, ColumnDistribution> dist = DriftDistributions.of(r, DriftOptions.defaults());
            assertEquals(4, dist.size());
            for (ColumnDrift c : r.drift().columns()) {
                ColumnDistribution d = dist.get(c.name());
                assertNotNull(d, c.name());
                assertEquals(c.countRef(), d.referenceTotal(), c.name());
                assertEquals(c.countCur(), d.currentTotal(), c.name());
                PopulationStability.Result psi = PopulationStability.compute(d.reference(), d.current());
                assertEquals(c.psi(), psi.psi(), 1e-12, c.name() + " at " + n + " rows");
            }
            ColumnDistribution income = dist.get("income");
            assertTrue(income.numeric());
            assertEquals(10, income.size(), "10 quantile bins");
            assertTrue(income.labels().get(0).startsWith("\u2264 ") && income.labels().get(9).startsWith("> "));
            ColumnDistribution plan = dist.get("plan");
            assertFalse(plan.numeric());
            assertEquals(java.util.Set.of("basic", "plus", "pro"), java.util.Set.copyOf(plan.labels().subList(0, 3)),
                    "the reference's categories first");
            assertEquals("gold", plan.labels().get(3), "then the new one");
            assertEquals(0, plan.current()[plan.labels().indexOf("pro")]);
            assertEquals(0, plan.reference()[3]);
        }
    }

    @Test
    void binsFollowTheColumnsOverrides() throws Exception {
        DriftService.Result r = compare(500);
        DriftOptions options = new DriftOptions(0.5, 10, DriftConfig.Binning.QUANTILE, Map.of("income",
                new DriftConfig.Column(null, null, 4, DriftConfig.Binning.CUSTOM, List.of(40.0, 50.0, 60.0), false)));
        ColumnDistribution income = DriftDistributions.of(r, options).get("income");
        assertEquals(List.of("\u2264 40", "40 \u2013 50", "50 \u2013 60", "> 60"), income.labels());
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
