package io.mlwb.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditEntry;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.RegistrableRuns;
import io.mlwb.vcs.Author;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comments anchored to card sections, over a real catalog and registry: threads, resolve, orphans, the approval gate. */
class CardCommentsTest {
    private static final Author ADA = new Author("Ada", "ada@example.com");
    private static final Author BOB = new Author("Bob", "bob@example.com");

    @TempDir
    Path dir;

    @TempDir
    Path keys;

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
    void commentsAnchorToSectionsThreadResolveOrphanAndGateApproval() throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "name: credit\nrisk_tier: medium\n");
        Project p = Project.load(dir);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            new ModelRegistry(catalog, dir, null).register(run, "credit", null, null, false, "ada");
            CardService cards = new CardService(catalog, p);
            Path file = cards.create(ModelRef.parse("credit@1"), ADA);
            fillAll(file);
            CardComments comments = cards.comments();

            CardComments.Comment first = comments.add("credit", "metrics", "written by hand  for\nMetrics",
                    "Which threshold?", BOB);
            assertEquals("Metrics", first.sectionHeading());
            assertEquals("metric", first.sectionKey());
            assertEquals("credit@1", first.version());
            assertEquals("Bob <bob@example.com>", first.author());
            assertTrue(first.open() && first.root() && !first.orphaned() && first.quoteFound());
            CardComments.Comment other = comments.add("credit", "Post-mortems", null, "Say where it fails.", BOB);

            // bad input names what to do
            UserError noSection = assertThrows(UserError.class, () -> comments.add("credit", "Pricing", null, "x", BOB));
            assertTrue(noSection.getMessage().contains("has no section 'Pricing'"), noSection.getMessage());
            assertTrue(noSection.whatToDo().contains("Model details"), noSection.whatToDo());
            assertEquals(ExitCode.BAD_INPUT, noSection.exit());
            assertTrue(assertThrows(UserError.class, () -> comments.add("credit", "Metrics", "not in the card", "x",
                    BOB)).getMessage().contains("is not in the section Metrics"));
            assertTrue(assertThrows(UserError.class, () -> comments.add("credit", "Metrics", null, " ", BOB))
                    .getMessage().contains("empty"));
            assertTrue(assertThrows(UserError.class, () -> comments.reply(999, "x", ADA)).getMessage()
                    .contains("There is no comment 999"));

            // a reply to a reply joins the thread
            CardComments.Comment reply = comments.reply(first.id(), "0.5, see the Metrics block.", ADA);
            CardComments.Comment again = comments.reply(reply.id(), "Thanks.", BOB);
            assertEquals(first.id(), reply.replyTo());
            assertEquals(first.id(), again.replyTo());
            assertEquals(List.of(first.id(), reply.id(), again.id(), other.id()),
                    comments.list("credit", false).stream().map(CardComments.Comment::id).toList());

            // the approval gate: open comments on this version block it unless allowed
            cards.submit("credit", null, ADA);
            UserError blocked = assertThrows(UserError.class, () -> cards.decide("credit", true, null, BOB));
            assertEquals(ExitCode.CHECK_FAILED, blocked.exit());
            assertTrue(blocked.getMessage().contains("2 open comments"), blocked.getMessage());
            assertTrue(blocked.getMessage().contains("#" + first.id() + " [Metrics]"), blocked.getMessage());

            // resolving a reply resolves the whole thread
            CardComments.Comment resolved = comments.resolve(again.id(), BOB);
            assertEquals(first.id(), resolved.id());
            assertEquals("Bob <bob@example.com>", resolved.resolvedBy());
            assertFalse(comments.get(reply.id(), null).open());
            assertEquals(List.of(other.id()), comments.list("credit", true).stream().map(CardComments.Comment::id)
                    .toList());
            assertEquals(ExitCode.CHECK_FAILED, assertThrows(UserError.class, () -> comments.resolve(first.id(), ADA))
                    .exit());

            // a section that disappears leaves its comment orphaned, not lost (edit, then re-submit)
            cards.decide("credit", false, "see comments", BOB);
            Files.writeString(file, Files.readString(file).replace("## Post-mortems", "## Incidents"));
            CardComments.Comment orphan = comments.list("credit", true).get(0);
            assertEquals(other.id(), orphan.id());
            assertTrue(orphan.orphaned());
            assertEquals("Post-mortems", orphan.sectionHeading());
            assertTrue(CardComments.describe(List.of(orphan)).contains("[Post-mortems, orphaned]"));
            assertFalse(comments.list("credit", false).get(0).orphaned());

            // approving anyway is allowed when asked, and says so in the audit trail
            cards.submit("credit", null, ADA);
            assertTrue(cards.decide("credit", true, "ok", BOB, true).approved());
            List<AuditEntry> audit = new AuditLog(catalog).list(0, 100);
            List<String> actions = audit.stream().map(AuditEntry::action).toList();
            assertEquals(2, actions.stream().filter("card.comment"::equals).count());
            assertEquals(2, actions.stream().filter("card.comment_reply"::equals).count());
            assertEquals(1, actions.stream().filter("card.comment_resolve"::equals).count());
            AuditEntry approve = audit.stream().filter(e -> e.action().equals("card.approve")).findFirst().orElseThrow();
            assertTrue(approve.detailsJson().contains("open_comments"), approve.detailsJson());
            assertTrue(new AuditLog(catalog).verify().ok());

            // the review bundle lists the open comment on its evidence page and carries every comment as JSON
            Path zip = dir.resolve("out/review.zip");
            cards.bundle("credit", zip, BOB, keys.resolve("key.der"));
            try (ZipFile z = new ZipFile(zip.toFile())) {
                String evidence = new String(z.getInputStream(z.getEntry("evidence/evidence.html")).readAllBytes());
                assertTrue(evidence.contains("Open comments (1)"), evidence);
                assertTrue(evidence.contains("Say where it fails."), evidence);
                String json = new String(z.getInputStream(z.getEntry("evidence/comments.json")).readAllBytes());
                assertTrue(json.contains("\"reply_to\" : " + first.id()), json);
            }
            assertTrue(ReviewBundle.verify(zip).ok());

            // the evidence a reviewer reads beside the card: computed from the catalog, one page per kind
            ReviewEvidence ev = cards.evidence("credit");
            assertEquals("credit@1", ev.version());
            assertEquals(List.of(ReviewEvidence.RUN, ReviewEvidence.DATA, ReviewEvidence.FAIRNESS,
                    ReviewEvidence.DRIFT), ev.pages().stream().map(ReviewEvidence.Page::key).toList());
            assertTrue(ev.pages().get(3).markdown().contains("No drift report monitored credit@1"),
                    ev.pages().get(3).markdown());
            assertEquals(List.of("credit"), cards.cards());

            // with the card file gone every comment is orphaned, still listed
            Files.delete(file);
            assertTrue(comments.list("credit", false).stream().allMatch(CardComments.Comment::orphaned));
        }
    }
}
