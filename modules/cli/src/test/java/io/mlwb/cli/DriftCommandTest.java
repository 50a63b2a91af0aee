package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.cli.CliProject.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlwb drift} end to end in a real project: two files, a file at a git revision, a recorded dataset version,
 * a folder of request logs, the JSON contract, --fail-on-drift, lineage of the recorded report, and bad input.
 */
class DriftCommandTest {
    @TempDir
    Path dir;

    private static String csv(int n, long seed, double shift) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("id,day,income,plan\n");
        String[] plans = {"basic", "plus", "pro"};
        for (int i = 0; i < n; i++) {
            sb.append(i).append(",2024-01-").append(String.format(Locale.ROOT, "%02d", 1 + i % 28)).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", 50 + 10 * r.nextGaussian() + shift)).append(',')
                    .append(plans[shift > 0 && r.nextDouble() < 0.5 ? 2 : r.nextInt(3)]).append('\n');
        }
        return sb.toString();
    }

    private CliProject cli;

    @BeforeEach
    void project() throws Exception {
        cli = new CliProject(dir);
        cli.commit("first data", Map.of("mlwb.yaml", """
                name: d
                datasets:
                  - name: sales
                    path: data/sales.csv
                    id_column: id
                    time_column: day
                """, "data/sales.csv", csv(3000, 1, 0)));
    }

    @Test
    void filesRevisionsVersionsAndLogs() throws Exception {
        Files.writeString(dir.resolve("data/same.csv"), csv(3000, 2, 0));
        Result same = cli.run("drift", "data/sales.csv", "data/same.csv", "--json", "-", "--fail-on-drift");
        assertEquals(0, same.code(), same.err());
        JsonNode s = Json.MAPPER.readTree(same.out());
        assertFalse(s.path("dataset_drift").asBoolean());
        assertEquals(0.0, s.path("drift_share").asDouble());
        assertTrue(s.path("over_time").isNull(), "an undeclared current file has no default time column");
        JsonNode declared = Json.MAPPER.readTree(cli.run("drift", "data/same.csv", "dataset:sales", "--json", "-",
                "--no-record").out()).path("over_time");
        assertEquals("day", declared.path("time_column").asText(), "the declared time column, by default");
        assertEquals("month", declared.path("window").asText());
        Result weekly = cli.run("drift", "data/sales.csv", "data/same.csv", "--json", "-", "--no-record",
                "--time-column", "day", "--window", "7d");
        assertEquals(0, weekly.code(), weekly.err());
        JsonNode w = Json.MAPPER.readTree(weekly.out()).path("over_time");
        assertEquals(4, w.path("windows").size(), w.toString());
        assertEquals(4, w.path("columns").path("income").path("psi").size());
        assertEquals("reference", w.path("columns").path("income").path("baseline").asText());
        Result badWindow = cli.run("drift", "data/sales.csv", "data/same.csv", "--time-column", "day", "--window", "x");
        assertEquals(2, badWindow.code());
        assertTrue(badWindow.err().contains("not a time window"), badWindow.err());
        assertEquals(List.of("id", "day"), List.of(s.path("ignored").get(0).asText(), s.path("ignored").get(1)
                .asText()), "a declared dataset's id and time columns are left out");
        assertEquals("wasserstein", s.path("columns").get(0).path("test").asText());
        assertTrue(s.path("columns").get(0).path("p_value").isNull());
        assertTrue(s.path("report_id").isIntegralNumber());

        // the file changes; the committed version is still there as HEAD:data/sales.csv
        Files.writeString(dir.resolve("data/sales.csv"), csv(3000, 3, 8));
        Result drifted = cli.run("drift", "HEAD:data/sales.csv", "dataset:sales", "--json", dir.resolve("r.json")
                .toString(), "--fail-on-drift");
        assertEquals(1, drifted.code(), drifted.out() + drifted.err());
        assertTrue(drifted.out().startsWith("DATASET DRIFT: 2 of 2 columns drifted"), drifted.out());
        JsonNode d = Json.MAPPER.readTree(dir.resolve("r.json").toFile());
        assertTrue(d.path("dataset_drift").asBoolean());
        assertEquals(1.0, d.path("drift_share").asDouble());
        assertNotNull(d.path("reference").path("commit").asText(null));
        long report = d.path("report_id").asLong();
        Result lineage = cli.run("lineage", "drift:" + report, "--json");
        assertEquals(0, lineage.code(), lineage.err());
        assertTrue(lineage.out().contains("\"relation\" : \"compared_in\""), lineage.out());

        // recorded versions can be named: sales@1 (committed bytes) against sales@2 (the working file)
        Result versions = cli.run("drift", "dataset:sales@1", "dataset:sales@2", "--json", "-", "--no-record");
        assertEquals(0, versions.code(), versions.err());
        assertTrue(Json.MAPPER.readTree(versions.out()).path("report_id").isNull());

        // a folder of request logs as the current data
        Path logs = Files.createDirectories(dir.resolve("logs"));
        StringBuilder sb = new StringBuilder();
        Random r = new Random(4);
        for (int i = 0; i < 500; i++) {
            sb.append(String.format(Locale.ROOT, "{\"v\": 1, \"ts\": \"2026-12-01T10:%02d:%02d.000Z\", \"model\": \"m\", "
                    + "\"version\": 1, \"status\": 200, \"latency_ms\": 1.0, \"inputs\": [{\"id\": %d, \"income\": "
                    + "%.2f, \"plan\": \"basic\"}], \"predictions\": [{\"probability\": 0.3, \"label\": \"no\"}]}%n",
                    i / 60 % 60, i % 60, i, 50 + 10 * r.nextGaussian()));
        }
        Files.writeString(logs.resolve("requests.jsonl"), sb.toString());
        Result fromLogs = cli.run("drift", "HEAD:data/sales.csv", "logs", "--json", "-");
        assertEquals(0, fromLogs.code(), fromLogs.err());
        JsonNode l = Json.MAPPER.readTree(fromLogs.out());
        assertTrue(l.path("added").toString().contains("__prediction"), l.toString());
        assertEquals(500, l.path("current").path("rows").asInt());
    }

    @Test
    void badInputExitsTwoWithAMessage() throws Exception {
        Result missing = cli.run("drift", "data/sales.csv", "data/nope.csv");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("There is no file data/nope.csv"), missing.err());
        Result noVersion = cli.run("drift", "dataset:sales@9", "data/sales.csv");
        assertEquals(2, noVersion.code());
        assertTrue(noVersion.err().contains("no version 9") || noVersion.err().contains("no dataset"),
                noVersion.err());
        Result badRev = cli.run("drift", "nosuchrev:data/sales.csv", "data/sales.csv");
        assertEquals(2, badRev.code());
        assertTrue(badRev.err().contains("names no commit"), badRev.err());
        Result share = cli.run("drift", "data/sales.csv", "data/sales.csv", "--drift-share", "1.5");
        assertEquals(2, share.code());
        Files.createDirectories(dir.resolve("empty"));
        Result folder = cli.run("drift", "data/sales.csv", "empty");
        assertEquals(2, folder.code());
        assertTrue(folder.err().contains("folder without request logs"), folder.err());
        Files.writeString(dir.resolve("data/empty.csv"), "");
        Result empty = cli.run("drift", "data/sales.csv", "data/empty.csv");
        assertEquals(2, empty.code(), empty.out());
        assertFalse(empty.err().contains("\tat "), "no stack trace");
    }

    @Test
    void htmlReportIsOnePageWithEveryColumn() throws Exception {
        Files.writeString(dir.resolve("data/later.csv"), csv(3000, 4, 8));
        Path html = dir.resolve("out/drift.html");
        Result r = cli.run("drift", "dataset:sales", "data/later.csv", "--html", html.toString(), "--no-record");
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("Dataset drift detected"), "income and plan drifted");
        assertTrue(page.contains(">income</a>") && page.contains(">plan</a>"), "both compared columns");
        assertTrue(page.contains("id, day"), "the declared id and time columns are listed as ignored");
        assertFalse(page.contains("http") || page.contains("<script"), "self-contained");
        Result unwritable = cli.run("drift", "dataset:sales", "data/later.csv", "--html", dir.resolve("mlwb.yaml")
                .resolve("x.html").toString(), "--no-record");
        assertEquals(2, unwritable.code(), unwritable.out());
        assertTrue(unwritable.err().contains("Cannot write the drift report"), unwritable.err());
    }
}
