package io.mlwb.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.LicencePolicy.Verdict;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.RiskTier;
import io.mlwb.core.project.SpdxIds;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.RegistrableRuns;
import io.mlwb.vcs.Author;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SBOM, licence policy and risk-tier suggestion over a real project, catalog and registry. */
class SupplyChainTest {
    private static final Author ADA = new Author("Ada", "ada@example.com");
    private static final String POLICY = "licences:\n  allowed: [Apache-2.0, MIT]\n  review: [CC-BY-4.0]\n"
            + "  denied: [BSD-3-Clause]\n";

    @TempDir
    Path dir;

    private Project project(String extra) throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "name: credit\nrisk_tier: high\nmodel_card:\n  license: apache-2.0\n"
                + "datasets:\n  - name: applicants\n    path: data/applicants.csv\n    license: CC-BY-4.0\n"
                + "    personal_data: true\n  - name: rates\n    path: data/rates.csv\n" + extra);
        return Project.load(dir);
    }

    private static long register(Catalog catalog, Path dir, String name) throws Exception {
        long run = RegistrableRuns.finished(catalog, dir, "abc1234def", "r", RegistrableRuns.SIGNATURE, null, null);
        new ModelRegistry(catalog, dir, null).register(run, name, null, "scores applicants", false, "ada");
        return run;
    }

    @Test
    void theSbomIsValidCycloneDxWithTheBuildsVersionsLicencesAndPurls() throws Exception {
        Project p = project("");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            register(catalog, dir, "credit");
            SupplyChain.Sbom sbom = new CardService(catalog, p).sbom("credit");
            assertEquals("credit@1", sbom.model());
            byte[] bytes = sbom.json().getBytes(StandardCharsets.UTF_8);
            JsonParser parser = new JsonParser();
            assertEquals(List.of(), parser.validate(bytes, Version.VERSION_16), "valid against the 1.6 schema");
            Bom bom = parser.parse(bytes);
            assertEquals("1.6", new ObjectMapper().readTree(bytes).path("specVersion").asText());

            Component model = bom.getMetadata().getComponent();
            assertEquals(Component.Type.MACHINE_LEARNING_MODEL, model.getType());
            assertEquals("credit", model.getName());
            assertEquals("1", model.getVersion());
            assertEquals("Apache-2.0", model.getLicenses().getLicenses().get(0).getId());
            assertEquals(1, model.getHashes().size(), "the model artifact's SHA-256");

            // DJL's jar has no pom.properties; its manifest says its version
            String djl = Class.forName("ai.djl.Device").getPackage().getSpecificationVersion();
            Component api = find(bom, "api");
            assertEquals(djl, api.getVersion(), "the version the build resolved, not one typed by hand");
            assertEquals("pkg:maven/ai.djl/api@" + djl, api.getPurl());
            assertEquals("Apache-2.0", api.getLicenses().getLicenses().get(0).getId());
            Component nativeLib = bom.getComponents().stream().filter(c -> c.getName().startsWith("pytorch-native-"))
                    .findFirst().orElseThrow();
            assertEquals("BSD-3-Clause", nativeLib.getLicenses().getLicenses().get(0).getId());
            assertTrue(nativeLib.getPurl().contains("?classifier="), nativeLib.getPurl());
            assertEquals(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(),
                    find(bom, "jackson-databind").getVersion(), "the Jackson that runs these tests");
            assertEquals("MIT", find(bom, "slf4j-api").getLicenses().getLicenses().get(0).getId());
            assertNotNull(find(bom, "mlwb-core"), "our own serving runtime");
            assertNull(find(bom, "mlwb-core").getLicenses());

            Component data = find(bom, "applicants");
            assertEquals(Component.Type.DATA, data.getType());
            assertEquals("CC-BY-4.0", data.getLicenses().getLicenses().get(0).getId());
            assertNull(find(bom, "rates").getLicenses(), "no licence declared");

            // the SBOM of a model that is not registered is a clear error
            UserError none = assertThrows(UserError.class, () -> new CardService(catalog, p).sbom("fraud"));
            assertTrue(none.getMessage().contains("no registered model 'fraud'"), none.getMessage());
        }
    }

    private static Component find(Bom bom, String name) {
        List<Component> all = new ArrayList<>(bom.getComponents());
        return all.stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
    }

    @Test
    void everyLicenceIsCheckedAgainstThePolicyAndADeniedOneFailsTheCheck() throws Exception {
        Project p = project(POLICY);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            register(catalog, dir, "credit");
            SupplyChain.LicenceCheck check = new CardService(catalog, p).licences("credit@1");
            assertTrue(check.denied(), "PyTorch's BSD-3-Clause is denied here");
            assertEquals(Verdict.DENIED, verdict(check, "ai.djl.pytorch:pytorch-native-cpu"));
            assertEquals(Verdict.ALLOWED, verdict(check, "ai.djl:api"));
            assertEquals(Verdict.ALLOWED, verdict(check, "org.slf4j:slf4j-api"));
            assertEquals(Verdict.REVIEW, verdict(check, "applicants"));
            assertEquals(Verdict.UNKNOWN, verdict(check, "rates"));
            assertTrue(check.findings().stream().noneMatch(f -> f.name().startsWith("io.mlwb:")), "ours: not checked");
            JsonNode json = new ObjectMapper().readTree(check.json());
            assertFalse(json.path("ok").asBoolean());
            assertEquals(1, json.path("counts").path("review").asInt());
            assertEquals(1, json.path("counts").path("unknown").asInt());
            assertEquals("denied", json.path("components").findValues("verdict").stream()
                    .map(JsonNode::asText).filter("denied"::equals).findFirst().orElseThrow());
        }
    }

    private static Verdict verdict(SupplyChain.LicenceCheck check, String name) {
        return check.findings().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().verdict();
    }

    @Test
    void fillWritesTheLicenceReviewBlockOnceAndTheBundleCarriesSbomAndCheck() throws Exception {
        Project p = project(POLICY);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            register(catalog, dir, "credit");
            CardService cards = new CardService(catalog, p);
            Path file = cards.create(ModelRef.parse("credit@1"), ADA);
            assertTrue(cards.fill("credit", ADA).contains("licence-review"));
            cards.fill("credit", ADA);
            String text = Files.readString(file);
            assertEquals(1, text.split("<!-- mlwb:auto licence-review -->", -1).length - 1, "refreshed, not repeated");
            String section = CardDocument.parse(text, "c.md").section(CardSection.LICENCE_REVIEW).orElseThrow().body();
            assertTrue(section.contains("| ai.djl.pytorch:pytorch-native-cpu | library |"), section);
            assertTrue(section.contains("**Denied licences are present**"), section);

            Path zip = dir.resolve("out/credit-review.zip");
            cards.bundle("credit", zip, ADA, dir.resolve("keys/signing-key.der"));
            try (ZipFile z = new ZipFile(zip.toFile())) {
                assertNotNull(z.getEntry("sbom.json"));
                assertNotNull(z.getEntry("licence-check.json"));
                assertEquals(List.of(), new JsonParser().validate(z.getInputStream(z.getEntry("sbom.json"))
                        .readAllBytes(), Version.VERSION_16));
            }
            ReviewBundle.Verification v = ReviewBundle.verify(zip);
            assertTrue(v.ok(), v.problems().toString());
        }
    }

    @Test
    void theTierIsSuggestedFromTheDeclaredUseAndAWarningComesWhenTheDeclaredOneIsLower() throws Exception {
        // no risk_tier: the card is written at the suggested tier
        Files.writeString(dir.resolve("mlwb.yaml"), "name: c\ndomain: hiring\nintended_use: ranks job applicants "
                + "for recruiters\n");
        Project p = Project.load(dir);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            register(catalog, dir, "m");
            CardService cards = new CardService(catalog, p);
            cards.create(ModelRef.parse("m@1"), ADA);
            CardDocument doc = cards.read("m");
            assertEquals("high", doc.mlwb().path("risk_tier").asText());
            CardService.Check check = cards.check("m");
            assertEquals(RiskTier.HIGH, check.tier());
            assertNull(check.tierWarning());
            assertEquals(2, check.approvals());
        }
        // declared low for a lending model: checked at low, with a warning naming why
        Files.writeString(dir.resolve("mlwb.yaml"), "name: c\nrisk_tier: low\ndescription: Scores consumer loan "
                + "applications.\n");
        Project low = Project.load(dir);
        try (Catalog catalog = Catalog.open(low.catalogFile())) {
            CardService.Check check = new CardService(catalog, low).check("m");
            assertEquals(RiskTier.LOW, check.tier());
            assertEquals(RiskTier.HIGH, check.suggested().tier());
            assertTrue(check.tierWarning().contains("below the suggested high"), check.tierWarning());
            assertTrue(check.tierWarning().contains("\"loan\" (high) in mlwb.yaml description"), check.tierWarning());
        }
        // nothing to go on: medium, the default; a medium term is medium
        assertEquals(RiskTier.MEDIUM, RiskSuggestion.of(io.mlwb.core.project.ProjectConfig.named("x"), null)
                .orDefault());
        assertEquals(RiskTier.MEDIUM, RiskSuggestion.of(io.mlwb.core.project.ProjectConfig.named("x"),
                "Flags likely churners for the marketing team.").tier());
        assertEquals(RiskTier.LOW, RiskSuggestion.of(io.mlwb.core.project.ProjectConfig.named("x"),
                "Forecasts warehouse stock for next week, for example.").tier());
    }

    @Test
    void theBundledSpdxListIsCycloneDxsOwn() throws Exception {
        try (InputStream in = JsonParser.class.getResourceAsStream("/spdx.schema.json")) {
            JsonNode schema = new ObjectMapper().readTree(in);
            List<String> ids = new ArrayList<>();
            schema.path("enum").forEach(n -> ids.add(n.asText()));
            List<String> ours = SpdxIds.all();
            assertEquals(ids.size(), ours.size());
            assertTrue(ours.containsAll(ids), "core's spdx-ids.txt matches cyclonedx-core-java's spdx.schema.json");
        }
    }
}
