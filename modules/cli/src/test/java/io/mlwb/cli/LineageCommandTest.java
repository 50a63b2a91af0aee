package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.cli.CliProject.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlwb lineage} end to end on models really trained and registered: profile → data version → run → model
 * version, the JSON contract, staleness once the data file changes and a run trains on the new version, the plain
 * tree, direction and depth, and bad ids (exit 2).
 */
class LineageCommandTest {
    @TempDir
    Path dir;

    private CliProject cli;

    @BeforeEach
    void project() throws Exception {
        cli = new CliProject(dir);
        cli.commit("data", Map.of("mlwb.yaml", "schema_version: 1\nname: churn\n",
                "data/churn.csv", CliProject.churn(200, 5)));
    }

    private static Map<String, JsonNode> nodes(JsonNode doc) {
        Map<String, JsonNode> m = new HashMap<>();
        doc.path("nodes").forEach(n -> m.put(n.path("id").asText(), n));
        return m;
    }

    private static boolean hasEdge(JsonNode doc, String from, String to, String relation) {
        for (JsonNode e : doc.path("edges")) {
            if (e.path("from").asText().equals(from) && e.path("to").asText().equals(to)
                    && e.path("relation").asText().equals(relation)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void dataToModelThenStaleAfterTheDataChanges() throws Exception {
        long r1 = cli.trainChurn();
        cli.register(r1, "churn", "--alias", "champion");

        Result json = cli.run("lineage", "churn@champion", "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode doc = Json.MAPPER.readTree(json.out());
        assertEquals("model:churn@1", doc.path("root").asText());
        assertFalse(doc.path("truncated").asBoolean());
        Map<String, JsonNode> nodes = nodes(doc);
        String data = nodes.keySet().stream().filter(k -> k.startsWith("dataset:")).findFirst().orElseThrow();
        assertTrue(data.endsWith("@1"), data);
        assertTrue(hasEdge(doc, data, "run:" + r1, "read"), doc.toString());
        assertTrue(hasEdge(doc, "run:" + r1, "model:churn@1", "registered_as"), doc.toString());
        JsonNode model = nodes.get("model:churn@1");
        for (String key : List.of("id", "kind", "label", "stale", "stale_reasons", "retired", "attrs")) {
            assertTrue(model.has(key), key + " in " + model);
        }
        assertEquals("model", model.path("kind").asText());
        assertTrue(nodes.values().stream().noneMatch(n -> n.path("stale").asBoolean()), "nothing newer yet");
        assertTrue(nodes.keySet().stream().anyMatch(k -> k.startsWith("commit:")), "the run's commit");

        // the file changes and a run trains on it: churn@1 and everything built on it is stale
        Files.writeString(dir.resolve("data/churn.csv"), CliProject.churnRows(50, 9), StandardOpenOption.APPEND);
        long r2 = cli.trainChurn();
        String name = data.substring("dataset:".length(), data.indexOf('@'));
        JsonNode after = Json.MAPPER.readTree(cli.run("lineage", "churn@1", "--json").out());
        Map<String, JsonNode> stale = nodes(after);
        assertEquals(List.of("a newer version exists: " + name + "@2"),
                Json.MAPPER.convertValue(stale.get(data).path("stale_reasons"), List.class));
        for (String n : List.of("run:" + r1, "model:churn@1")) {
            assertTrue(stale.get(n).path("stale").asBoolean(), n);
            assertEquals("built on " + name + "@1; " + name + "@2 is newer",
                    stale.get(n).path("stale_reasons").get(0).asText(), n);
        }

        Result tree = cli.run("lineage", "run:" + r1);
        assertEquals(0, tree.code(), tree.err());
        assertTrue(tree.out().startsWith("run:" + r1 + "  "), tree.out());
        assertTrue(tree.out().contains("STALE: built on " + name + "@1; " + name + "@2 is newer"), tree.out());
        assertTrue(tree.out().contains("upstream:\n") && tree.out().contains("  <- read (train) " + data),
                tree.out());
        assertTrue(tree.out().contains("downstream:\n  -> registered_as model:churn@1"), tree.out());

        Result fresh = cli.run("lineage", Long.toString(r2), "--upstream");
        assertEquals(0, fresh.code(), fresh.err());
        assertTrue(fresh.out().contains("<- read (train) dataset:" + name + "@2"), fresh.out());
        assertFalse(fresh.out().contains("STALE"), fresh.out());
        assertFalse(fresh.out().contains("downstream"), fresh.out());

        JsonNode newest = Json.MAPPER.readTree(cli.run("lineage", "dataset:" + name, "--downstream", "--depth", "1",
                "--json").out());
        assertEquals("dataset:" + name + "@2", newest.path("root").asText());
        assertEquals(java.util.Set.of("dataset:" + name + "@2", "run:" + r2), nodes(newest).keySet());
    }

    @Test
    void badIdsAndOptionsExitTwoWithAMessage() {
        Result noRun = cli.run("lineage", "run:999");
        assertEquals(2, noRun.code());
        assertTrue(noRun.err().contains("There is no run 999"), noRun.err());
        Result noModel = cli.run("lineage", "fraud@1");
        assertEquals(2, noModel.code());
        assertTrue(noModel.err().contains("no registered model 'fraud'"), noModel.err());
        Result junk = cli.run("lineage", "banana:3");
        assertEquals(2, junk.code());
        assertTrue(junk.err().contains("is not a lineage id"), junk.err());
        Result both = cli.run("lineage", "1", "--upstream", "--downstream");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("exclude each other"), both.err());
        assertFalse(both.err().contains("\tat "), "no stack trace");
    }
}
