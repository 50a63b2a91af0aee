package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlwb profile --streaming}: the same JSON, marked approximate. */
class ProfileStreamingCommandTest {
    @TempDir
    Path tmp;

    @Test
    void streamingJsonMarksApproximateFiguresAndKeepsExactOnes() throws Exception {
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, "x,y,c\n1,2,a\n2,4,b\n3,6,a\n4,,b\n");
        Path out = tmp.resolve("p.json");
        CliTest.Result r = CliTest.mlwb("profile", f.toString(), "--streaming", "--json", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertEquals(4, doc.path("rows").asLong());
        JsonNode x = doc.path("columns").get(0);
        assertEquals(2.5, x.path("mean").asDouble(), 1e-12);
        assertEquals(1.2909944487358056, x.path("std").asDouble(), 1e-12);
        assertEquals(1, doc.path("columns").get(1).path("missing").asLong());
        JsonNode pair = doc.path("correlations").path("pearson").path("pairs").get(0);
        assertEquals("x", pair.path("a").asText(), doc.path("correlations").toString());
        assertEquals("y", pair.path("b").asText());
        assertEquals(1.0, pair.path("value").asDouble(), 1e-12);
        assertTrue(doc.path("approximate").path("quantiles").asText().contains("KLL"), doc.toString());
        assertTrue(r.out().contains("approximate"), r.out());

        CliTest.Result exact = CliTest.mlwb("profile", f.toString(), "--json", out.toString());
        assertEquals(0, exact.code(), exact.err());
        assertFalse(new ObjectMapper().readTree(out.toFile()).has("approximate"));
    }

    @Test
    void streamingWithCheckIsAUserError() throws Exception {
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, "x\n1\n");
        CliTest.Result r = CliTest.mlwb("profile", f.toString(), "--streaming", "--check");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--check"), r.err());
    }
}
