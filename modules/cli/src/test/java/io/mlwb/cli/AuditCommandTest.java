package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlwb audit list}: its text and JSON over a real project, and {@code --filter}. */
class AuditCommandTest {
    @TempDir
    Path tmp;
    private Path project;

    @BeforeEach
    void projectWithEntries() {
        project = tmp.resolve("p");
        assertEquals(0, CliTest.mlwb("init", project.toString(), "--name", "credit").code());
        try (Catalog catalog = Catalog.open(project.resolve(".mlwb/catalog.db"))) {
            AuditLog log = new AuditLog(catalog);
            log.append("grace", "run.create", "run", "7", Map.of("spec", "train/baseline.yaml"));
            log.append("grace", "card.approve", "model_card", "credit-v1", Map.of());
            log.append("ada", "dataset.profile", "dataset", "applications_2023", Map.of("rows", 1000));
        }
    }

    @Test
    void listPrintsOldestFirstWithTheTotal() {
        CliTest.Result r = CliTest.mlwb("--project", project.toString(), "audit", "list", "--limit", "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("SEQ +TIME +ACTOR +ACTION +ENTITY"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1 "), lines.get(1));
        assertTrue(lines.get(2).startsWith("2 ") && lines.get(2).contains("run.create"), lines.get(2));
        assertEquals("2 of 4 entries", lines.get(3));
    }

    @Test
    void filterNarrowsTheEntriesAndTheTotal() throws Exception {
        CliTest.Result r = CliTest.mlwb("--project", project.toString(), "audit", "list", "--filter", "GRACE",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(2, doc.path("total").asLong());
        assertEquals(List.of(2L, 3L), seqs(doc));
        assertEquals("credit-v1", doc.path("entries").get(1).path("entity_id").asText());

        CliTest.Result paged = CliTest.mlwb("--project", project.toString(), "audit", "list", "--filter", "grace",
                "--offset", "1", "--json");
        JsonNode second = new ObjectMapper().readTree(paged.out());
        assertEquals(List.of(3L), seqs(second));
        assertEquals(2, second.path("total").asLong());

        CliTest.Result text = CliTest.mlwb("--project", project.toString(), "audit", "list", "--filter",
                "baseline.yaml");
        assertTrue(text.out().endsWith("1 of 1 entries" + System.lineSeparator()), text.out());
    }

    private static List<Long> seqs(JsonNode doc) {
        List<Long> seqs = new ArrayList<>();
        doc.path("entries").forEach(e -> seqs.add(e.path("seq").asLong()));
        return seqs;
    }
}
