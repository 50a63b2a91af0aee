package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlwb profile} on Parquet files written by pyarrow (see modules/data/src/test/resources/parquet). */
class ProfileParquetCommandTest {
    @TempDir
    Path tmp;

    private Path fixture(String name, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        try (InputStream in = getClass().getResourceAsStream("/parquet/" + name)) {
            Files.write(to, in.readAllBytes());
        }
        return to;
    }

    @Test
    void aParquetFileProfilesToJson() throws Exception {
        Path f = fixture("flat_snappy.parquet", tmp.resolve("flat.parquet"));
        Path out = tmp.resolve("p.json");
        CliTest.Result r = CliTest.mlwb("profile", f.toString(), "--json", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertEquals(60, doc.path("rows").asLong());
        assertEquals(10, doc.path("columns").size());
        JsonNode amount = doc.path("columns").get(3);
        assertEquals("amount", amount.path("name").asText());
        assertEquals("numeric", amount.path("type").asText());
        assertEquals(6, amount.path("missing").asLong());
        assertEquals("categorical", doc.path("columns").get(5).path("type").asText());
        assertTrue(r.out().contains("60 rows x 10 columns"), r.out());
    }

    @Test
    void aDatasetDeclaredAsParquetIsProfiled() throws Exception {
        Path p = tmp.resolve("proj");
        assertEquals(0, CliTest.mlwb("init", p.toString()).code());
        fixture("flat_snappy.parquet", p.resolve("data/export.bin"));
        Files.writeString(p.resolve("mlwb.yaml"), "name: proj\ndatasets:\n  - name: d\n    path: data/export.bin\n"
                + "    format: parquet\n");
        CliTest.Result r = CliTest.mlwb("--project", p.toString(), "profile", "d", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(60, new ObjectMapper().readTree(r.out()).path("rows").asLong());
    }

    @Test
    void aNestedColumnExitsTwoNamingIt() throws Exception {
        Path f = fixture("nested_list.parquet", tmp.resolve("nested.parquet"));
        CliTest.Result r = CliTest.mlwb("profile", f.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'tags'") && r.err().contains("nested"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void aParquetFileAboveTheStreamingThresholdIsStillProfiled() throws Exception {
        Path f = fixture("flat_snappy.parquet", tmp.resolve("flat.parquet"));
        System.setProperty("mlwb.streaming.thresholdBytes", "5");
        try {
            CliTest.Result r = CliTest.mlwb("profile", f.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("60 rows x 10 columns"), r.out());
        } finally {
            System.clearProperty("mlwb.streaming.thresholdBytes");
        }
    }

    @Test
    void aCommittedParquetFileComparesWithTheWorkingCopy() throws Exception {
        Path p = tmp.resolve("versions");
        assertEquals(0, CliTest.mlwb("init", p.toString()).code());
        fixture("flat_snappy.parquet", p.resolve("data/d.parquet"));
        Files.writeString(p.resolve("mlwb.yaml"), "name: versions\ndatasets:\n  - name: d\n    path: data/d.parquet\n");
        try (io.mlwb.vcs.GitRepo repo = io.mlwb.vcs.GitRepo.open(p)) {
            repo.commit(java.util.List.of("data/d.parquet", "mlwb.yaml"), "first");
        }
        fixture("flat_gzip.parquet", p.resolve("data/d.parquet")); // same rows, another codec and encoding
        CliTest.Result r = CliTest.mlwb("--project", p.toString(), "profile", "d", "--compare", "HEAD", "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(60, doc.path("base").path("rows").asLong(), doc.toString());
        assertEquals(60, doc.path("current").path("rows").asLong(), doc.toString());
        assertEquals(0, doc.path("columns").size(), "the same rows: nothing changed: " + doc);
    }
}
