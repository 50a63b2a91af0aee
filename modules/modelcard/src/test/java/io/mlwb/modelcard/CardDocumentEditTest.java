package io.mlwb.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.RegistrableRuns;
import io.mlwb.vcs.Author;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card editor's surgical edits (one section, one key; every other byte kept) and its Save. */
class CardDocumentEditTest {
    private static final String CARD = """
            ---
            # our licence, agreed with legal
            license: mit
            tags:
            - tabular
            - mlwb
            custom_key: {a: 1}   # unknown to us, kept
            mlwb:
              model: credit
              version: 1
              risk_tier: high
            ---

            # Model card: credit

            ## Model details

            <!-- mlwb:auto details -->
            - Version: credit@1
            <!-- mlwb:end details -->

            Written by hand.

            ## Intended use

            <!-- (required) What the model is for -->

            ## Reviewer notes

            None yet.
            """;

    @Test
    void aSectionBodyIsReplacedAndNothingElse() {
        CardDocument doc = CardDocument.parse(CARD, "model-cards/credit.md");
        CardDocument.Section details = doc.sections().get(0);
        assertEquals(List.of("details"), details.autoKeys());
        assertTrue(details.body().substring(details.autoLength()).contains("Written by hand."));
        assertFalse(details.body().substring(details.autoLength()).contains("mlwb:end"));

        CardDocument edited = doc.withSectionBody(1, "\nPre-screening of loan applications.");
        assertEquals(CARD.replace("<!-- (required) What the model is for -->\n", "")
                .replace("## Intended use\n\n\n", "## Intended use\n\nPre-screening of loan applications.\n"),
                edited.text());
        assertEquals("Pre-screening of loan applications.", edited.sections().get(1).body().strip());
        assertEquals("None yet.", edited.sections().get(2).body().strip(), "the next heading stays a heading");
        CardDocument last = edited.withSectionBody(2, "\nLooks fine.\n");
        assertTrue(last.text().endsWith("## Reviewer notes\n\nLooks fine.\n"));
        assertEquals(edited.text().substring(0, edited.text().indexOf("## Reviewer notes")),
                last.text().substring(0, last.text().indexOf("## Reviewer notes")));
    }

    @Test
    void aFrontMatterKeyIsSetReplacedOrRemovedKeepingCommentsAndUnknownKeys() {
        CardDocument doc = CardDocument.parse(CARD, "model-cards/credit.md");
        CardDocument lic = doc.withMetadata("license", "apache-2.0");
        assertEquals(CARD.replace("license: mit", "license: apache-2.0"), lic.text());

        CardDocument tags = doc.withMetadata("tags", List.of("tabular", "credit", "yes"));
        assertEquals(CARD.replace("- mlwb\n", "- credit\n- \"yes\"\n"), tags.text());
        assertEquals("yes", tags.metadata().path("tags").get(2).asText());

        CardDocument tier = doc.withMetadata("mlwb.risk_tier", "medium");
        assertEquals(CARD.replace("  risk_tier: high", "  risk_tier: medium"), tier.text());
        CardDocument owner = doc.withMetadata("mlwb.owner", "risk-team");
        assertEquals(CARD.replace("  risk_tier: high\n", "  risk_tier: high\n  owner: risk-team\n"), owner.text());

        CardDocument added = doc.withMetadata("pipeline_tag", "tabular-classification");
        assertEquals("tabular-classification", added.metadata().path("pipeline_tag").asText());
        assertTrue(added.text().contains("custom_key: {a: 1}   # unknown to us, kept\n"));
        assertTrue(added.text().startsWith("---\n# our licence, agreed with legal\n"));
        assertEquals(CARD.substring(CARD.indexOf("\n---\n")), added.text().substring(added.text().indexOf("\n---\n")),
                "the body is untouched");

        assertEquals(CARD.replace("license: mit\n", ""), doc.withMetadata("license", null).text());
        assertEquals(CARD.replace("tags:\n- tabular\n- mlwb\n", ""), doc.withMetadata("tags", null).text());
        assertEquals(CARD, doc.withMetadata("base_model", null).text(), "removing a missing key changes nothing");

        CardDocument inline = CardDocument.parse("---\nmlwb: {model: x, version: 1}\n---\n## A\n", "x.md");
        assertTrue(assertThrows(UserError.class, () -> inline.withMetadata("mlwb.owner", "o")).getMessage()
                .contains("written on one line"));
        CardDocument none = CardDocument.parse("# Card\n", "x.md").withMetadata("license", "mit");
        assertEquals("---\nlicense: mit\n---\n# Card\n", none.text());
    }

    @Test
    void saveWritesRecordsAuditsAndAnEditDuringReviewReturnsTheCardToDraft(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "name: credit\nrisk_tier: low\n");
        Project p = Project.load(dir);
        Author ada = new Author("Ada", "ada@example.com");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            new ModelRegistry(catalog, dir, null).register(run, "credit", null, null, false, "ada");
            CardService cards = new CardService(catalog, p);
            Path file = cards.create(ModelRef.parse("credit@1"), ada);
            String text = Files.readString(file);
            assertFalse(cards.save("credit", text, ada).written(), "unchanged bytes are not written again");

            String edited = CardDocument.parse(text, "x").withSectionBody(0, "\nLogistic baseline.\n\n").text();
            CardService.Saved saved = cards.save("credit", edited, ada);
            assertTrue(saved.written() && saved.recorded());
            assertEquals(edited, Files.readString(file));
            assertTrue(new AuditLog(catalog).list(0, 50).stream().anyMatch(e -> e.action().equals("card.edit")));

            String broken = "---\nlicense: [mit\n---\n" + edited.substring(edited.indexOf("\n---\n") + 5);
            UserError bad = assertThrows(UserError.class, () -> cards.save("credit", broken, ada));
            assertTrue(bad.getMessage().startsWith("model-cards/credit.md:2:"), bad.getMessage());
            assertEquals(edited, Files.readString(file), "a card that does not parse is not written");

            // low risk: submit approves; an edit after approval drops it
            String all = edited;
            for (int i = 1; i < CardDocument.parse(all, "x").sections().size(); i++) {
                all = CardDocument.parse(all, "x").withSectionBody(i, "\nSomething.\n\n").text();
            }
            cards.save("credit", all, ada);
            assertTrue(cards.submit("credit", null, ada).approved());
            cards.save("credit", all + "\nLate.\n", ada);
            assertEquals("draft", cards.state("credit").status());

            file.toFile().setWritable(false);
            try {
                UserError ro = assertThrows(UserError.class, () -> cards.save("credit", "# x\n", ada));
                assertTrue(ro.getMessage().contains("read-only"), ro.getMessage());
            } finally {
                file.toFile().setWritable(true);
            }
        }
    }

    @Test
    void anEditDuringReviewCanBeSubmittedAgain(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "name: credit\nrisk_tier: medium\n");
        Project p = Project.load(dir);
        Author ada = new Author("Ada", "ada@example.com");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            new ModelRegistry(catalog, dir, null).register(run, "credit", null, null, false, "ada");
            CardService cards = new CardService(catalog, p);
            String all = Files.readString(cards.create(ModelRef.parse("credit@1"), ada));
            for (int i = 0; i < CardDocument.parse(all, "x").sections().size(); i++) {
                all = CardDocument.parse(all, "x").withSectionBody(i, "\nSomething.\n\n").text();
            }
            cards.save("credit", all, ada);
            assertEquals("review", cards.submit("credit", null, ada).status());
            cards.save("credit", all + "\nMore.\n", ada);
            assertEquals("draft", cards.state("credit").status());
            assertEquals("review", cards.submit("credit", null, ada).status());
        }
    }
}
