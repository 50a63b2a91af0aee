package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** {@code mlwb card sbom|licences|check} and personal-data reads, end to end over a trained, registered model. */
class GovernanceCommandTest {
    @TempDir
    Path dir;

    private static final String YAML = """
            schema_version: 1
            name: churn
            domain: telecom churn outreach
            datasets:
              - name: churn
                path: data/churn.csv
                target: churned
                id_column: id
                personal_data: true
                subject_id_column: customer
                license: CC-BY-4.0
            """;

    private CliProject cli;

    @BeforeEach
    void project() throws Exception {
        Random r = new Random(5);
        StringBuilder sb = new StringBuilder("id,customer,tenure,calls,churned\n");
        for (int i = 0; i < 200; i++) {
            double tenure = 1 + 60 * r.nextDouble();
            int calls = r.nextInt(6);
            double z = -1 - 0.05 * tenure + 0.5 * calls;
            sb.append(i).append(",c-").append(i % 50).append(',').append(String.format(Locale.ROOT, "%.1f", tenure))
                    .append(',').append(calls).append(',').append(r.nextDouble() < 1 / (1 + Math.exp(-z)) ? "yes"
                            : "no").append('\n');
        }
        cli = new CliProject(dir);
        cli.commit("data", Map.of("mlwb.yaml", YAML, "data/churn.csv", sb.toString()));
    }

    @Test
    void sbomLicencesSuggestedTierAndPersonalDataReads() throws Exception {
        cli.register(cli.trainChurn(), "churn");

        // reading the personal dataset to train was audited once, with what and why
        JsonNode audit = Json.MAPPER.readTree(cli.run("audit", "list", "--json").out());
        List<JsonNode> reads = audit.findParents("action").stream()
                .filter(e -> e.path("action").asText().equals("data.read_personal")).toList();
        assertEquals(1, reads.size(), audit.toString());
        String details = reads.get(0).path("details").toString();
        assertTrue(details.contains("churn") && details.contains("train"), details);
        assertEquals(0, cli.run("profile", "churn").code());
        long afterProfile = Json.MAPPER.readTree(cli.run("audit", "list", "--json").out()).findParents("action")
                .stream().filter(e -> e.path("action").asText().equals("data.read_personal")).count();
        assertEquals(2, afterProfile, "profiling reads it again: one more entry");

        // the data-subject request searches subject_id_column, not id_column
        JsonNode subject = Json.MAPPER.readTree(cli.run("data", "subject", "c-7", "--json").out());
        assertEquals("customer", subject.path("searched").path("churn").asText());
        assertTrue(subject.path("holdings").size() > 0, subject.toString());

        Path out = dir.resolve("out/sbom.json");
        Result sbom = cli.run("card", "sbom", "churn", "--out", out.toString());
        assertEquals(0, sbom.code(), sbom.err());
        assertTrue(sbom.out().contains("wrote " + out), sbom.out());
        JsonNode bom = Json.MAPPER.readTree(out.toFile());
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        assertEquals("machine-learning-model", bom.path("metadata").path("component").path("type").asText());
        Result sbomJson = cli.run("card", "sbom", "churn@1", "--json");
        assertEquals("1.6", Json.MAPPER.readTree(sbomJson.out()).path("specVersion").asText());

        Result noPolicy = cli.run("card", "licences", "churn", "--json");
        assertEquals(0, noPolicy.code(), noPolicy.err());
        assertFalse(Json.MAPPER.readTree(noPolicy.out()).path("policy").path("declared").asBoolean());

        Files.writeString(dir.resolve("mlwb.yaml"), YAML + "licences:\n  allowed: [Apache-2.0, MIT, CC-BY-4.0]\n"
                + "  denied: [BSD-3-Clause]\n");
        Result denied = cli.run("card", "licences", "churn");
        assertEquals(1, denied.code(), denied.out() + denied.err());
        assertTrue(denied.out().contains("denied   ai.djl.pytorch:pytorch-native-"), denied.out());
        Files.writeString(dir.resolve("mlwb.yaml"), YAML + "licences:\n  allowed: [Apache-2.0, MIT, CC-BY-4.0, "
                + "BSD-3-Clause]\n");
        assertEquals(0, cli.run("card", "licences", "churn").code());
        Result unknown = cli.run("card", "licences", "fraud");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no registered model 'fraud'"), unknown.err());
        Files.writeString(dir.resolve("mlwb.yaml"), YAML + "licences: [MIT]\n");
        Result malformed = cli.run("card", "licences", "churn");
        assertEquals(2, malformed.code());
        assertTrue(malformed.err().contains("mlwb.yaml:12:") && malformed.err().contains("licences must be a "
                + "mapping"), malformed.err());

        // no risk_tier: the card is written at the tier the domain suggests (lending: high)
        Files.writeString(dir.resolve("mlwb.yaml"), YAML.replace("telecom churn outreach", "consumer lending"));
        assertEquals(0, cli.run("card", "new", "churn@1").code());
        JsonNode check = Json.MAPPER.readTree(cli.run("card", "check", "churn", "--json").out());
        assertEquals("high", check.path("risk_tier").asText());
        assertEquals("high", check.path("suggested_tier").asText());
        assertEquals(0, check.path("warnings").size());
        Files.writeString(dir.resolve("mlwb.yaml"), YAML.replace("telecom churn outreach", "consumer lending")
                .replace("schema_version: 1\n", "schema_version: 1\nrisk_tier: low\n"));
        JsonNode low = Json.MAPPER.readTree(cli.run("card", "check", "churn", "--json").out());
        assertEquals("low", low.path("risk_tier").asText());
        assertTrue(low.path("warnings").get(0).asText().contains("below the suggested high"), low.toString());
    }
}
