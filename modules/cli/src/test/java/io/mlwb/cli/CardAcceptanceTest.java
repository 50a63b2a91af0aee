package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mlwb.cli.CliProject.Result;
import io.mlwb.modelcard.CardDocument;
import io.mlwb.modelcard.CardExport;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's check, end to end through {@code mlwb}: the credit-risk sample's model trained from its spec and
 * registered with {@code mlwb models register}; its card written, filled from the catalog and finished by hand;
 * approved by two git identities other than its author (risk tier high); exported, the Hub README checked against the
 * Hub's metadata rules with its model-index round-tripping, and the Model Card Toolkit JSON validated against schema
 * v0.0.2 with unknown keys rejected; an edit after approval drops the approval; a tampered review bundle fails.
 */
class CardAcceptanceTest {
    @TempDir
    Path tmp;

    private Path dir;
    private CliProject cli;

    private static JsonSchema mctSchema() throws Exception {
        JsonNode schema = Json.MAPPER.readTree(Path.of("../modelcard/src/test/resources/mct/model_card.schema.v0.0.2.json")
                .toFile());
        ((ObjectNode) schema).remove("$id"); // its definitions are local: nothing to fetch
        closeObjects(schema);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }

    /** Unknown keys rejected: an object schema with properties admits no other key. */
    private static void closeObjects(JsonNode n) {
        if (n instanceof ObjectNode o && o.has("properties") && !o.has("additionalProperties")) {
            o.put("additionalProperties", false);
        }
        n.forEach(CardAcceptanceTest::closeObjects);
    }

    @Test
    void theSampleModelsCardFromTrainingToATamperedBundle() throws Exception {
        dir = Files.createDirectories(tmp.resolve("credit-risk"));
        cli = new CliProject(dir);
        cli.commitCopies(Path.of("../../sample-projects/credit-risk").toAbsolutePath().normalize(),
                "credit-risk sample");
        cli.as("Ada", "ada@example.com");

        long run = cli.train("training/logistic_baseline.yaml");
        cli.register(run, "credit-default");

        Result profile = cli.run("profile", "applications_2023", "--check");
        assertEquals(0, profile.code(), profile.out() + profile.err());
        Result drift = cli.run("drift", "data/applications_2023.csv", "data/applications_2024q1.csv", "--model",
                "credit-default@1");
        assertTrue(drift.code() == 0, drift.err());
        assertEquals(0, cli.run("card", "new", "credit-default@1").code());
        Result fill = cli.run("card", "fill", "credit-default");
        assertEquals(0, fill.code(), fill.err());
        Path card = dir.resolve("model-cards/credit-default.md");
        String filled = Files.readString(card);
        assertTrue(filled.contains("<!-- mlwb:auto metrics -->"), filled);
        assertTrue(filled.contains("<!-- mlwb:auto quantitative-analyses -->"), "per-group tables from the run");
        assertTrue(filled.contains("- Drift status: ") && filled.contains(" in the latest report (#"), filled);
        String lineage = filled.lines().filter(l -> l.startsWith("- Lineage (`mlwb lineage credit-default@1`): from "))
                .findFirst().orElseThrow(() -> new AssertionError(filled));
        assertTrue(lineage.contains("dataset applications_2023@1") && lineage.contains("from run " + run + " ")
                && lineage.contains("; feeds drift report "), lineage);
        assertTrue(filled.contains("- Profile of applications_2023@1: #") && filled.contains("data-quality rules: "),
                filled);
        JsonNode before = Json.MAPPER.readTree(cli.run("card", "check", "credit-default", "--json").out());
        assertEquals("high", before.path("risk_tier").asText());
        assertEquals(2, before.path("approvals_required").asInt());

        // what the catalog cannot know, written by hand (after the filled blocks, which stay)
        StringBuilder sb = new StringBuilder();
        for (String line : filled.split("\n", -1)) {
            sb.append(line).append('\n');
            if (line.startsWith("## ")) {
                sb.append("\nReviewed by the risk team for ").append(line.substring(3)).append(".\n");
            }
        }
        Files.writeString(card, sb.substring(0, sb.length() - 1));
        Result complete = cli.run("card", "check", "credit-default", "--json");
        assertEquals(1, complete.code(), "every section is there, the approvals are not");
        assertEquals(0, Json.MAPPER.readTree(complete.out()).path("missing").size(), complete.out());

        assertEquals(0, cli.run("card", "submit", "credit-default").code());
        Result own = cli.run("card", "approve", "credit-default");
        assertEquals(2, own.code());
        assertTrue(own.err().contains("wrote this card and cannot review it"), own.err());
        cli.as("Bob", "bob@example.com");
        Result stranger = cli.run("card", "approve", "credit-default");
        assertEquals(2, stranger.code());
        assertTrue(stranger.err().contains("is not an approver of this project"), stranger.err());
        cli.as("Ana Silva", "ana.silva@example.com"); // mlwb.yaml's model_card.approvers
        assertEquals(0, cli.run("card", "approve", "credit-default", "--comment", "metrics hold").code());
        Result one = cli.run("card", "check", "credit-default", "--json");
        assertEquals(1, one.code(), "high risk: one approval is not enough");
        assertEquals("review", Json.MAPPER.readTree(one.out()).path("status").asText());
        assertEquals(2, cli.run("card", "approve", "credit-default").code(), "Ana approves once");
        cli.as("Li Wei", "li.wei@example.com");
        assertEquals(0, cli.run("card", "approve", "credit-default", "--comment", "fairness reviewed").code());
        Result approved = cli.run("card", "check", "credit-default", "--json");
        assertEquals(0, approved.code(), approved.out());
        JsonNode ok = Json.MAPPER.readTree(approved.out());
        assertEquals("approved", ok.path("status").asText());
        assertEquals(List.of("ana.silva@example.com", "li.wei@example.com"), List.of(ok.path("approved_by").get(0).asText(),
                ok.path("approved_by").get(1).asText()));

        // the Hub README: the Hub's metadata rules, model-index round trip, no prompts
        assertEquals(0, cli.run("card", "export", "credit-default", "--format", "hf", "--out", tmp.resolve("hf")
                .toString()).code());
        String readme = Files.readString(tmp.resolve("hf/README.md"));
        CardDocument hub = CardDocument.parse(readme, "README.md");
        CardDocument ours = CardDocument.parse(Files.readString(card), "card.md");
        assertEquals(List.of(), CardExport.hubProblems(hub));
        assertEquals(ours.metadata().path("model-index"), hub.metadata().path("model-index"), "model-index round trip");
        JsonNode result = hub.metadata().path("model-index").get(0).path("results").get(0);
        assertTrue(result.path("metrics").size() > 0 && result.path("metrics").get(0).path("value").isNumber(),
                result.toString());
        assertFalse(readme.contains("<!--"), "prompts and fill markers are not on the Hub");

        // Model Card Toolkit JSON against schema v0.0.2, unknown keys rejected
        Path mct = tmp.resolve("card.json");
        assertEquals(0, cli.run("card", "export", "credit-default", "--format", "mct", "--out", mct.toString()).code());
        JsonSchema schema = mctSchema();
        JsonNode toolkit = Json.MAPPER.readTree(mct.toFile());
        assertEquals(Set.of(), schema.validate(toolkit));
        ((ObjectNode) toolkit.path("model_details")).put("nickname", "x");
        Set<ValidationMessage> unknown = schema.validate(toolkit);
        assertEquals(1, unknown.size(), unknown.toString());
        assertTrue(unknown.iterator().next().getMessage().contains("nickname"), unknown.toString());

        // a review bundle verifies; one file changed and it does not, naming the file
        Path zip = tmp.resolve("review.zip");
        Result bundled = cli.run("card", "bundle", "credit-default", "--out", zip.toString(), "--key",
                tmp.resolve("keys/signing-key.der").toString());
        assertEquals(0, bundled.code(), bundled.err());
        assertEquals(0, cli.run("card", "verify-bundle", zip.toString()).code());
        Path tampered = tmp.resolve("tampered.zip");
        try (ZipFile in = new ZipFile(zip.toFile()); OutputStream raw = Files.newOutputStream(tampered);
             ZipOutputStream out = new ZipOutputStream(raw)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(entry)) {
                    bytes = s.readAllBytes();
                }
                if (entry.getName().equals("card.md")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace("Reviewed by the risk team",
                            "Nobody reviewed").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        Result bad = cli.run("card", "verify-bundle", tampered.toString());
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.out().contains("DOES NOT VERIFY") && bad.out().contains("card.md"), bad.out());

        // an edit after approval: visibly no longer approved
        Files.writeString(card, Files.readString(card).replace("Reviewed by the risk team for Limitations.",
                "Weak on thin-file applicants."));
        Result after = cli.run("card", "check", "credit-default", "--json");
        assertEquals(1, after.code());
        assertEquals("draft", Json.MAPPER.readTree(after.out()).path("status").asText());
        assertEquals(0, Json.MAPPER.readTree(after.out()).path("approved_by").size(), after.out());
    }
}
