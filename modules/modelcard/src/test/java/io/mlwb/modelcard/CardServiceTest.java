package io.mlwb.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.RiskTier;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.RegistrableRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cards over a real project, catalog and registry: new card, sections, completeness by tier, bad input. */
class CardServiceTest {
    @TempDir
    Path dir;

    private Project project(String tier) throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "name: credit\nrisk_tier: " + tier + "\nowner: risk-team\n"
                + "model_card:\n  license: apache-2.0\n  language: en\n");
        return Project.load(dir);
    }

    @Test
    void aNewCardHasEverySectionItsFrontMatterAndARecord() throws Exception {
        Project p = project("high");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            new ModelRegistry(catalog, dir, null).register(run, "credit", "champion", null, false, "ada");
            CardService cards = new CardService(catalog, p);
            Path file = cards.create(ModelRef.parse("credit@champion"), "Ada <ada@example.com>");
            assertEquals(dir.resolve("model-cards/credit.md"), file);
            CardDocument doc = CardDocument.parse(Files.readString(file), "model-cards/credit.md");
            assertEquals("apache-2.0", doc.metadata().path("license").asText());
            assertEquals("en", doc.metadata().path("language").asText());
            assertEquals("credit", doc.metadata().path("model-index").get(0).path("name").asText());
            assertEquals(1, doc.mlwb().path("version").asInt());
            assertEquals("high", doc.mlwb().path("risk_tier").asText());
            assertEquals(CardSection.values().length, doc.sections().size());
            assertTrue(doc.sections().stream().noneMatch(CardDocument.Section::filled), "prompts are not content");
            assertEquals("draft", cards.status(new ModelRegistry(catalog, dir, null)
                    .resolve(ModelRef.parse("credit@1")).id()).orElseThrow());
            assertTrue(new AuditLog(catalog).list(0, 50).stream().anyMatch(e -> e.action().equals("card.create")));

            CardService.Check check = cards.check("credit");
            assertEquals(RiskTier.HIGH, check.tier());
            assertEquals(16, check.required().size());
            assertEquals(check.required(), check.missing());
            assertEquals(2, check.approvals());
            assertEquals(0.0, check.completeness());

            // fill two sections by hand and add one of our own: kept, counted, reported as unknown
            String text = Files.readString(file)
                    .replace("## Model details\n\n", "## Model details\n\nLogistic baseline, 2026-12.\n\n")
                    .replace("## Intended use\n\n", "## Intended use\n\nPre-screening of loan applications.\n\n")
                    + "## Reviewer notes\n\nNone yet.\n";
            Files.writeString(file, text);
            CardService.Check again = cards.check("credit");
            assertEquals(14, again.missing().size());
            assertFalse(again.missing().contains("Model details"));
            assertEquals(List.of("Reviewer notes"), again.unknownHeadings());
            assertEquals(text, CardDocument.parse(text, "x").text(), "kept as written");

            assertTrue(assertThrows(UserError.class, () -> cards.create(ModelRef.parse("credit@1"), "x"))
                    .getMessage().contains("already exists"));
            assertTrue(assertThrows(UserError.class, () -> cards.check("fraud")).getMessage()
                    .contains("There is no card model-cards/fraud.md"));
            assertTrue(assertThrows(UserError.class, () -> cards.create(ModelRef.parse("fraud@1"), "x"))
                    .getMessage().contains("no registered model 'fraud'"));
        }
    }

    @Test
    void lowTierNeedsFewerSectionsAndNoApproval() throws Exception {
        Project p = project("low");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            new ModelRegistry(catalog, dir, null).register(run, "m", null, null, false, "ada");
            CardService cards = new CardService(catalog, p);
            cards.create(ModelRef.parse("m@1"), "ada");
            CardService.Check check = cards.check("m");
            assertEquals(List.of("Model details", "Intended use", "Metrics", "Training data"), check.required());
            assertEquals(0, check.approvals());
        }
    }

    @Test
    void malformedFrontMatterNamesTheLine() {
        UserError open = assertThrows(UserError.class, () -> CardDocument.parse("---\nlicense: mit\n# no end\n",
                "model-cards/x.md"));
        assertTrue(open.getMessage().contains("model-cards/x.md:1: the front matter opened with '---' is never closed"),
                open.getMessage());
        UserError bad = assertThrows(UserError.class, () -> CardDocument.parse("---\nlicense: mit\ntags: [a\n---\n\n"
                + "## Model details\n", "model-cards/x.md"));
        assertTrue(bad.getMessage().startsWith("model-cards/x.md:"), bad.getMessage());
        assertTrue(bad.getMessage().contains("front matter is not valid YAML"), bad.getMessage());
        CardDocument none = CardDocument.parse("# Title\n\n## Metrics\n\nAUC 0.8\n\n```\n## not a heading\n```\n",
                "y.md");
        assertEquals(1, none.sections().size());
        assertTrue(none.section(CardSection.METRICS).orElseThrow().filled());
        assertEquals(CardSection.OUT_OF_SCOPE, CardSection.of("Out-of-Scope Uses").orElseThrow());
        CardDocument unknownKeys = CardDocument.parse("---\nlicense: mit\nthumbnail: x.png\ncustom:\n  a: 1\n---\n",
                "z.md");
        assertEquals(1, unknownKeys.metadata().path("custom").path("a").asInt());
        assertEquals("license: mit\nthumbnail: x.png\ncustom:\n  a: 1\n", unknownKeys.frontMatter());
    }
}
