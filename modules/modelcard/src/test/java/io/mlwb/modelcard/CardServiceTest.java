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
import io.mlwb.vcs.Author;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cards over a real project, catalog and registry: new card, sections, completeness by tier, bad input. */
class CardServiceTest {
    private static final Author ADA = new Author("Ada", "ada@example.com");
    private static final Author BOB = new Author("Bob", "bob@example.com");
    private static final Author CY = new Author("Cy", "cy@example.com");

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
            Path file = cards.create(ModelRef.parse("credit@champion"), ADA);
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

            assertTrue(assertThrows(UserError.class, () -> cards.create(ModelRef.parse("credit@1"), ADA))
                    .getMessage().contains("already exists"));
            assertTrue(assertThrows(UserError.class, () -> cards.check("fraud")).getMessage()
                    .contains("There is no card model-cards/fraud.md"));
            assertTrue(assertThrows(UserError.class, () -> cards.create(ModelRef.parse("fraud@1"), ADA))
                    .getMessage().contains("no registered model 'fraud'"));
        }
    }

    @Test
    void lowTierNeedsFewerSectionsAndNoApproval() throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "name: m\nrisk_tier: low\nintended_use: Ranking support tickets.\n");
        Project p = Project.load(dir);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            new ModelRegistry(catalog, dir, null).register(run, "m", null, null, false, "ada");
            CardService cards = new CardService(catalog, p);
            cards.create(ModelRef.parse("m@1"), ADA);
            CardService.Check check = cards.check("m");
            assertEquals(List.of("Model details", "Intended use", "Metrics", "Training data"), check.required());
            assertEquals("Ranking support tickets.", cards.read("m").mlwb().path("intended_use").asText(),
                    "mlwb.yaml's intended_use is in the card's own keys");
            assertEquals(0, check.approvals());
        }
    }

    @Test
    void atARevisionCardsAreReadAndCommentedButNeverChanged() throws Exception {
        Project p = project("low");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            new ModelRegistry(catalog, dir, null).register(run, "credit", null, null, false, "ada");
            CardService cards = new CardService(catalog, p);
            Path file = cards.create(ModelRef.parse("credit@1"), ADA);
            String older = Files.readString(file).replace("## Model details\n\n", "## Model details\n\nDraft.\n\n");
            Files.writeString(file, older.replace("Draft.", "Logistic baseline.")
                    .replace("## Intended use\n\n", "## Intended use\n\nPre-screening.\n\n")
                    .replace("## Metrics\n\n", "## Metrics\n\nAUC 0.8.\n\n")
                    .replace("## Training data\n\n", "## Training data\n\nloans.csv\n\n"));
            assertEquals("approved", cards.submit("credit", null, ADA).status(), "low tier: submitted is approved");

            // the project as it was at an older revision: the same model, an earlier text of its card
            Path rev = Files.createDirectories(dir.resolve("review-copy"));
            Files.copy(dir.resolve("mlwb.yaml"), rev.resolve("mlwb.yaml"));
            Files.createDirectories(rev.resolve("model-cards"));
            Files.writeString(rev.resolve("model-cards/credit.md"), older);
            CardService atTag = CardService.atRevision(catalog, Project.load(rev), "model/credit/v1");
            assertEquals(java.util.Optional.of("model/credit/v1"), atTag.revision());
            int audited = new AuditLog(catalog).list(0, 1000).size();

            assertEquals("draft", atTag.state("credit").status(), "the revision's bytes are not the approved ones");
            assertEquals("approved", cards.state("credit").status(), "...and the project's card stays approved");
            assertEquals(audited, new AuditLog(catalog).list(0, 1000).size(), "reading at a revision writes nothing");

            for (org.junit.jupiter.api.function.Executable write : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> atTag.save("credit", older + "\nMore.\n", BOB), () -> atTag.fill("credit", BOB),
                    () -> atTag.submit("credit", null, BOB), () -> atTag.decide("credit", true, null, BOB),
                    () -> atTag.decide("credit", false, "no", BOB),
                    () -> atTag.create(ModelRef.parse("credit@1"), BOB))) {
                UserError e = assertThrows(UserError.class, write);
                assertTrue(e.getMessage().startsWith("The project is open for review at model/credit/v1 (read-only)"),
                        e.getMessage());
                assertEquals(io.mlwb.core.error.ExitCode.BAD_INPUT, e.exit());
            }
            assertEquals(older, Files.readString(rev.resolve("model-cards/credit.md")), "the revision's card as it was");
            assertEquals(audited, new AuditLog(catalog).list(0, 1000).size());

            CardComments.Comment c = atTag.comments().add("credit", "Model details", "Draft.", "Which draft?", BOB);
            assertEquals("Model details", c.sectionHeading());
            assertEquals(audited + 1, new AuditLog(catalog).list(0, 1000).size(), "a review comment is recorded");
            assertEquals("approved", cards.state("credit").status());
        }
    }

    @Test
    void aCardForAVersionThatDoesNotExistIsAClearErrorAndStaysAsWritten() throws Exception {
        Project p = project("medium");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            new ModelRegistry(catalog, dir, null).register(run, "credit", null, null, false, "ada");
            CardService cards = new CardService(catalog, p);
            Path file = cards.create(ModelRef.parse("credit@1"), ADA);
            String gone = Files.readString(file).replace("  version: 1\n", "  version: 9\n");
            Files.writeString(file, gone);
            for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> cards.state("credit"), () -> cards.fill("credit", ADA), () -> cards.submit("credit", null, ADA),
                    () -> cards.decide("credit", true, null, BOB), () -> cards.export("credit", "mct", dir.resolve("x")),
                    () -> cards.bundle("credit", dir.resolve("b.zip"), ADA, dir.resolve("keys/k.der")))) {
                UserError e = assertThrows(UserError.class, call);
                assertTrue(e.getMessage().contains("9"), e.getMessage());
            }
            assertEquals(gone, Files.readString(file), "the card stays as written");
            assertFalse(Files.exists(dir.resolve("b.zip")));
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

    /** Fills every section of a card with a line of text. */
    private static void fillAll(Path file) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readString(file).split("\n", -1)) {
            sb.append(line).append('\n');
            if (line.startsWith("## ")) {
                sb.append("\nWritten by hand for ").append(line.substring(3)).append(".\n");
            }
        }
        Files.writeString(file, sb.substring(0, sb.length() - 1));
    }

    @Test
    void reviewNeedsTwoApproversWhoDidNotWriteItAndAnEditDropsTheApproval() throws Exception {
        Project p = project("high");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            new ModelRegistry(catalog, dir, null).register(run, "credit", null, null, false, "ada");
            CardService cards = new CardService(catalog, p);
            Path file = cards.create(ModelRef.parse("credit@1"), ADA);
            UserError incomplete = assertThrows(UserError.class, () -> cards.submit("credit", null, ADA));
            assertEquals(io.mlwb.core.error.ExitCode.CHECK_FAILED, incomplete.exit());
            fillAll(file);
            assertEquals("review", cards.submit("credit", "ready", ADA).status());
            assertTrue(assertThrows(UserError.class, () -> cards.decide("credit", true, null, ADA)).getMessage()
                    .contains("wrote this card and cannot review it"));
            CardService.State one = cards.decide("credit", true, "fine", BOB);
            assertEquals("review", one.status(), "high risk needs two");
            assertEquals(List.of("bob@example.com"), one.approvedBy());
            assertTrue(assertThrows(UserError.class, () -> cards.decide("credit", true, null, BOB)).getMessage()
                    .contains("already approved"));
            CardService.State two = cards.decide("credit", true, null, CY);
            assertTrue(two.approved());
            assertEquals(2, two.approvedBy().size());

            // an edit after approval returns the card to draft, visibly
            Files.writeString(file, Files.readString(file) + "\nA late edit.\n");
            CardService.State edited = cards.state("credit");
            assertEquals("draft", edited.status());
            assertTrue(edited.approvedBy().isEmpty());
            List<String> actions = new AuditLog(catalog).list(0, 100).stream().map(e -> e.action()).toList();
            assertTrue(actions.containsAll(List.of("card.create", "card.submit", "card.approve", "card.invalidate")),
                    actions.toString());

            // request changes: back to draft with the comment; an edit during review needs a new submit
            cards.submit("credit", null, ADA);
            assertTrue(assertThrows(UserError.class, () -> cards.decide("credit", false, " ", BOB)).getMessage()
                    .contains("needs a comment"));
            CardService.State changes = cards.decide("credit", false, "explain the threshold", BOB);
            assertEquals("draft", changes.status());
            assertTrue(changes.lastDecision().contains("changes_requested by Bob <bob@example.com>: explain"),
                    changes.lastDecision());
            cards.submit("credit", null, ADA);
            Files.writeString(file, Files.readString(file) + "\nsneaky\n");
            assertTrue(assertThrows(UserError.class, () -> cards.decide("credit", true, null, BOB)).getMessage()
                    .contains("changed since it was submitted"));
            assertTrue(new AuditLog(catalog).verify().ok());
        }
    }

    @Test
    void approversListedInTheProjectAreTheOnlyOnesWhoMayApprove() throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "name: c\nrisk_tier: medium\nmodel_card:\n  approvers: "
                + "[bob@example.com]\n");
        Project p = Project.load(dir);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            new ModelRegistry(catalog, dir, null).register(run, "m", null, null, false, "ada");
            CardService cards = new CardService(catalog, p);
            fillAll(cards.create(ModelRef.parse("m@1"), ADA));
            cards.submit("m", null, ADA);
            assertTrue(assertThrows(UserError.class, () -> cards.decide("m", true, null, CY)).getMessage()
                    .contains("is not an approver of this project"));
            assertTrue(cards.decide("m", true, null, BOB).approved(), "medium risk: one approval");
        }
    }

    @Test
    void theCardOfARetiredVersionCannotBeApproved() throws Exception {
        Project p = project("medium");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            ModelRegistry registry = new ModelRegistry(catalog, dir, null);
            long first = RegistrableRuns.finished(catalog, dir, null, "r1", RegistrableRuns.SIGNATURE, null, null);
            registry.register(first, "credit", null, null, false, "ada");
            CardService cards = new CardService(catalog, p);
            fillAll(cards.create(ModelRef.parse("credit@1"), ADA));
            assertEquals("review", cards.submit("credit", null, ADA).status());
            long second = RegistrableRuns.finished(catalog, dir, null, "r2", RegistrableRuns.SIGNATURE, null, null);
            registry.register(second, "credit", null, null, false, "ada");
            registry.retire(ModelRef.parse("credit@1"), "superseded", ModelRef.parse("credit@2"), "ada");

            UserError refused = assertThrows(UserError.class, () -> cards.decide("credit", true, "fine", BOB));
            assertEquals("credit@1 is retired; its card cannot be approved.", refused.getMessage());
            assertTrue(refused.whatToDo().contains("credit@2"), refused.whatToDo());
            assertEquals(io.mlwb.core.error.ExitCode.BAD_INPUT, refused.exit());
            assertThrows(UserError.class, () -> cards.decide("credit", true, null, BOB, true),
                    "allowing open comments does not allow this");
            assertEquals("review", cards.state("credit").status(), "nothing recorded");
            assertTrue(new AuditLog(catalog).list(0, 100).stream().noneMatch(e -> e.action().equals("card.approve")));
        }
    }
}
