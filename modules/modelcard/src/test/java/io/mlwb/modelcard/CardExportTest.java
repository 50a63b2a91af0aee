package io.mlwb.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.RegistrableRuns;
import io.mlwb.vcs.Author;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports of a real card: the Hub's metadata rules (licence ids, model-index shape), Model Card Toolkit JSON checked
 * against the toolkit's own schema v0.0.2 (unknown keys rejected), and a self-contained HTML page.
 */
class CardExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The schema's structure: object properties (no others where additionalProperties is false), arrays, types. */
    private static void conform(JsonNode value, JsonNode schema, JsonNode root, String at, List<String> problems) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText().replace("#/definitions/", "").replace("#definitions/", "");
            schema = root.path("definitions").path(ref);
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(at + " is not an object");
                    return;
                }
                JsonNode props = schema.path("properties");
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (props.has(e.getKey())) {
                        conform(e.getValue(), props.get(e.getKey()), root, at + "." + e.getKey(), problems);
                    } else if (!schema.path("additionalProperties").asBoolean(true) || at.equals("$")) {
                        problems.add(at + "." + e.getKey() + " is not in the schema");
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(at + " is not an array");
                    return;
                }
                int i = 0;
                for (JsonNode item : value) {
                    conform(item, schema.path("items"), root, at + "[" + i++ + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(at + " is not a string");
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(at + " is not a number");
                }
            }
            default -> {
                // no type given: anything goes
            }
        }
    }

    @Test
    void hubReadmeToolkitJsonAndHtml() throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "name: credit\nrisk_tier: low\nowner: risk-team\nmodel_card:\n"
                + "  license: apache-2.0\n  language: en\n");
        Project p = Project.load(dir);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            new ModelRegistry(catalog, dir, null).register(run, "credit", null, null, false, "ada");
            CardService cards = new CardService(catalog, p);
            Path card = cards.create(ModelRef.parse("credit@1"), new Author("Ada", "ada@example.com"));
            Files.writeString(card, Files.readString(card).replace("## Intended use\n", "## Intended use\n\n"
                    + "Pre-screening of <loan> applications & nothing else.\n"));
            cards.fill("credit", new Author("Ada", "ada@example.com"));

            Path readme = cards.export("credit", "hf", dir.resolve("hf"));
            assertEquals(dir.resolve("hf/README.md"), readme);
            String cardText = Files.readString(card);
            String hub = Files.readString(readme);
            assertTrue(cardText.contains("<!-- mlwb:auto") && cardText.contains("<!-- (required)"), cardText);
            assertFalse(hub.contains("<!--"), "prompts and fill markers are left out of the Hub README: " + hub);
            assertEquals(cardText.substring(0, cardText.indexOf("\n---", 3)), hub.substring(0, hub.indexOf("\n---", 3)),
                    "the front matter is exported as written");
            assertEquals(CardDocument.parse(cardText, "card.md").metadata(), CardDocument.parse(hub, "README.md")
                    .metadata(), "model-index and the other keys round-trip");
            assertTrue(hub.contains("## Intended use\n\nPre-screening of <loan> applications & nothing else.\n"), hub);
            assertEquals(MarkdownComments.strip(cardText.substring(cardText.indexOf("\n---", 3))),
                    hub.substring(hub.indexOf("\n---", 3)), "only the comments are gone");
            assertTrue(Files.readString(card).equals(cardText), "the card keeps its comments");

            Path mct = cards.export("credit", "mct", dir.resolve("card.json"));
            JsonNode doc = JSON.readTree(mct.toFile());
            JsonNode schema;
            try (InputStream in = getClass().getResourceAsStream("/mct/model_card.schema.v0.0.2.json")) {
                schema = JSON.readTree(in);
            }
            List<String> problems = new ArrayList<>();
            conform(doc, schema, schema, "$", problems);
            assertEquals(List.of(), problems);
            assertEquals("0.0.2", doc.path("schema_version").asText());
            assertEquals("Apache-2.0", doc.path("model_details").path("licenses").get(0).path("identifier").asText());
            assertTrue(doc.path("considerations").path("use_cases").get(0).path("description").asText()
                    .startsWith("Pre-screening"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) doc).put("extra", 1);
            List<String> extra = new ArrayList<>();
            conform(doc, schema, schema, "$", extra);
            assertEquals(List.of("$.extra is not in the schema"), extra, "the check itself rejects unknown keys");

            Path html = cards.export("credit", "html", dir.resolve("card.html"));
            String page = Files.readString(html);
            assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<h2>Intended use</h2>"), page);
            assertTrue(page.contains("Pre-screening of &lt;loan&gt; applications &amp; nothing else."), "escaped");
            assertFalse(page.contains("<script") || page.contains("http://") || page.contains("https://"),
                    "self-contained");
            assertFalse(page.contains("mlwb:auto"), "fill markers are not shown");
            assertTrue(page.contains("@media print{") && page.contains("@page{"), "print-ready for a PDF");
            assertFalse(page.contains("&lt;!--") || page.contains("<!--"), "prompts are not shown");
            assertFalse(page.contains(CardSection.LIMITATIONS.prompt()), "prompts are not shown");

            // a licence the Hub does not know is refused, naming it
            Files.writeString(card, Files.readString(card).replace("license: apache-2.0", "license: apache2"));
            UserError bad = assertThrows(UserError.class, () -> cards.export("credit", "hf", dir.resolve("hf2")));
            assertTrue(bad.getMessage().contains("license 'apache2' is not a Hub licence identifier"),
                    bad.getMessage());
            assertTrue(assertThrows(UserError.class, () -> cards.export("credit", "pdf", dir.resolve("x")))
                    .getMessage().contains("not an export format"));
        }
    }
}
