package io.mlwb.app.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.modelcard.CardDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card editor's view model over a real project (git, catalog, registry, a card written by CardService). */
class CardEditorViewModelTest {
    @TempDir
    Path dir;

    private static CardEditorViewModel.Section section(CardEditorViewModel vm, String heading) {
        return vm.sections().stream().filter(s -> s.heading().equals(heading)).findFirst().orElseThrow();
    }

    @Test
    void formAndSourceStayInStepBothWaysAndHandEditsSurvive() throws Exception {
        try (CardProject p = new CardProject(dir, "medium")) {
            InlineJobs jobs = new InlineJobs();
            CardEditorViewModel vm = new CardEditorViewModel(p.cards, jobs, "credit", () -> CardProject.ADA, null);
            vm.load();
            String original = Files.readString(p.card);
            assertEquals(original, vm.sourceProperty().get());
            assertFalse(vm.dirtyProperty().get());
            assertEquals("apache-2.0", vm.field("license").valueProperty().get());
            assertEquals("tabular, mlwb", vm.field("tags").valueProperty().get());
            assertEquals("medium", vm.field("mlwb.risk_tier").valueProperty().get());
            assertEquals("Ada <ada@example.com>", vm.actingAsProperty().get());
            assertEquals("draft", vm.stateProperty().get().status());
            int required = vm.checkProperty().get().required().size();
            assertEquals(0, vm.checkProperty().get().filled());
            assertTrue(section(vm, "Intended use").requiredProperty().get());
            assertTrue(section(vm, "Intended use").missingProperty().get());

            // a hand edit in the source: an unknown key, a sentence in a section, a heading of our own
            String hand = original.replace("library_name: djl\n", "library_name: djl\nx-team-note: keep me # mine\n")
                    .replace("## Model details\n\n", "## Model details\n\nLogistic baseline, by hand.\n\n")
                    + "## Reviewer notes\n\nAsk Bob.\n";
            vm.sourceProperty().set(hand);
            vm.reparse();
            assertTrue(vm.dirtyProperty().get());
            assertTrue(section(vm, "Model details").textProperty().get().contains("Logistic baseline, by hand."));
            assertEquals("Ask Bob.", section(vm, "Reviewer notes").textProperty().get());
            assertEquals(1, vm.checkProperty().get().filled(), "the meter follows unsaved text");

            // form edits rewrite only their key or section
            vm.field("license").valueProperty().set("mit");
            vm.field("tags").valueProperty().set("tabular, credit");
            String prompt = "<!-- (required) What the model is for and who should use it. -->";
            assertEquals("", section(vm, "Intended use").textProperty().get(), "the prompt is not text to edit");
            assertEquals("(required) What the model is for and who should use it.",
                    section(vm, "Intended use").promptProperty().get(), "...it is the text box's placeholder");
            section(vm, "Intended use").textProperty().set("Pre-screening of loan applications.");
            String now = vm.sourceProperty().get();
            String expected = hand.replace("license: apache-2.0", "license: mit").replace("- mlwb\n", "- credit\n");
            int at = expected.indexOf("## Intended use\n") + "## Intended use\n".length();
            int next = expected.indexOf("## ", at);
            assertEquals("\n" + prompt + "\n\n", expected.substring(at, next));
            expected = expected.substring(0, at) + "\n" + prompt + "\n\nPre-screening of loan applications.\n\n"
                    + expected.substring(next);
            assertEquals(expected, now, "every other byte kept");
            assertTrue(now.contains("x-team-note: keep me # mine\n"));
            assertTrue(now.contains("Logistic baseline, by hand."));
            assertTrue(now.endsWith("## Reviewer notes\n\nAsk Bob.\n"));
            assertFalse(section(vm, "Intended use").missingProperty().get());
            assertEquals(2, vm.checkProperty().get().filled());
            assertEquals(required, vm.checkProperty().get().required().size());

            // malformed front matter: the error with line:column, the form untouched and not written from
            String broken = now.replace("license: mit", "license: [mit");
            vm.sourceProperty().set(broken);
            vm.reparse();
            String error = vm.parseErrorProperty().get();
            assertNotNull(error);
            assertTrue(error.matches("(?s)model-cards/credit\\.md:\\d+:\\d+: .*"), error);
            assertEquals("mit", vm.field("license").valueProperty().get(), "the form keeps the last good text");
            vm.field("license").valueProperty().set("bsd");
            assertEquals(broken, vm.sourceProperty().get(), "a form edit does not clobber the source");
            vm.save();
            assertEquals(original, Files.readString(p.card), "a card that does not parse is not saved");
            assertTrue(vm.messageProperty().get().contains("not valid YAML"), vm.messageProperty().get());

            // fixed in the source: the form follows, and Save writes it, records and audits it
            vm.sourceProperty().set(now);
            vm.reparse();
            assertNull(vm.parseErrorProperty().get());
            assertEquals("mit", vm.field("license").valueProperty().get());
            vm.save();
            assertEquals(now, Files.readString(p.card));
            assertFalse(vm.dirtyProperty().get());
            assertEquals(Messages.get("modelcard.saved"), vm.messageProperty().get());
            assertTrue(new AuditLog(p.catalog).list(0, 50).stream().anyMatch(e -> e.action().equals("card.edit")));
            assertEquals(List.of(), jobs.reported().stream().filter(r -> !r.source().contains("Saving")).toList());

            // Revert puts back the saved text
            section(vm, "Limitations").textProperty().set("Thin files.");
            assertTrue(vm.dirtyProperty().get());
            vm.revert();
            assertEquals(now, vm.sourceProperty().get());
            assertEquals("", section(vm, "Limitations").textProperty().get().replaceAll("<!--.*?-->", "").strip());
        }
    }

    @Test
    void autofillKeepsHandTextAndShowsTheBlocksReadOnly() throws Exception {
        try (CardProject p = new CardProject(dir, "low")) {
            CardEditorViewModel vm = new CardEditorViewModel(p.cards, new InlineJobs(), "credit",
                    () -> CardProject.ADA, null);
            vm.load();
            section(vm, "Model details").textProperty().set("Hand-written paragraph.");
            vm.autofill();
            String text = Files.readString(p.card);
            assertEquals(text, vm.sourceProperty().get());
            assertFalse(vm.dirtyProperty().get(), "unsaved edits were saved first, then filled");
            assertTrue(text.contains("<!-- mlwb:auto "), text);
            CardEditorViewModel.Section details = section(vm, "Model details");
            assertFalse(details.autoProperty().get().isEmpty(), "the block is shown apart");
            assertFalse(details.autoProperty().get().contains("mlwb:auto"), "without its markers");
            assertEquals("Hand-written paragraph.", details.textProperty().get().strip());
            // editing the hand text keeps the block byte for byte
            String block = text.substring(text.indexOf("<!-- mlwb:auto"), text.indexOf("-->",
                    text.indexOf("<!-- mlwb:end")) + 3);
            details.textProperty().set("Rewritten.");
            assertTrue(vm.sourceProperty().get().contains(block));
            assertTrue(vm.sourceProperty().get().contains("Rewritten."));
        }
    }

    @Test
    void reviewActsAsTheGitIdentityAndAnEditAfterApprovalDropsIt() throws Exception {
        try (CardProject p = new CardProject(dir, "medium")) {
            CardEditorViewModel ada = new CardEditorViewModel(p.cards, new InlineJobs(), "credit",
                    () -> CardProject.ADA, null);
            ada.load();
            String all = ada.sourceProperty().get();
            for (int i = 0; i < ada.sections().size(); i++) {
                all = CardDocument.parse(all, "x").withSectionBody(i, "\nWritten.\n\n").text();
            }
            ada.sourceProperty().set(all);
            ada.reparse();
            assertFalse(ada.canReview().get(), "review acts on the saved card");
            ada.save();
            assertTrue(ada.checkProperty().get().complete());
            ada.submit("ready");
            assertEquals("review", ada.stateProperty().get().status());
            assertEquals(Messages.get("modelcard.status.review"), ada.statusText(ada.stateProperty().get()));

            CardEditorViewModel bob = new CardEditorViewModel(p.cards, new InlineJobs(), "credit",
                    () -> CardProject.BOB, null);
            bob.load();
            bob.approve("");
            assertTrue(bob.stateProperty().get().approved());
            assertEquals(List.of("bob@example.com"), bob.stateProperty().get().approvedBy());

            section(bob, "Limitations").textProperty().set("Thin credit files.");
            bob.save();
            assertEquals("draft", bob.stateProperty().get().status());
            assertEquals(Messages.get("modelcard.approvalDropped"), bob.messageProperty().get());
        }
    }

    @Test
    void aMissingCardAndAModelNoLongerRegisteredAreSaidPlainly() throws Exception {
        try (CardProject p = new CardProject(dir, "low")) {
            CardEditorViewModel none = new CardEditorViewModel(p.cards, new InlineJobs(), "fraud",
                    () -> CardProject.ADA, null);
            none.load();
            assertTrue(none.problemProperty().get().contains("There is no card model-cards/fraud.md"));
            assertFalse(none.loadedProperty().get());

            // a card whose version is not registered: edited and saved, the review state says why it is missing
            String text = Files.readString(p.card).replace("version: 1", "version: 7");
            Files.writeString(p.card, text);
            CardEditorViewModel vm = new CardEditorViewModel(p.cards, new InlineJobs(), "credit",
                    () -> CardProject.ADA, null);
            vm.load();
            assertNull(vm.stateProperty().get());
            assertTrue(vm.reviewNoteProperty().get().contains("no version 7"), vm.reviewNoteProperty().get());
            section(vm, "Intended use").textProperty().set("Kept.");
            vm.save();
            assertTrue(Files.readString(p.card).contains("Kept."), "nothing lost");
            assertTrue(vm.messageProperty().get().startsWith("Saved to the file, but not recorded"),
                    vm.messageProperty().get());
        }
    }
    @Test
    void aChangeOnDiskReloadsACleanEditorAndAsksOneWithUnsavedEdits() throws Exception {
        try (CardProject p = new CardProject(dir, "medium")) {
            CardEditorViewModel vm = new CardEditorViewModel(p.cards, new InlineJobs(), "credit", () -> CardProject.ADA,
                    null);
            vm.load();
            String original = Files.readString(p.card);

            // no unsaved edits: the file as it is now shows, the form follows
            String theirs = original.replace("## Model details\n\n", "## Model details\n\nWritten elsewhere.\n\n");
            Files.writeString(p.card, theirs);
            vm.fileChanged(theirs);
            assertEquals(theirs, vm.sourceProperty().get());
            assertFalse(vm.dirtyProperty().get());
            assertNull(vm.diskChangeProperty().get());
            assertTrue(section(vm, "Model details").textProperty().get().startsWith("Written elsewhere."));
            assertEquals(Messages.get("modelcard.disk.reloaded"), vm.messageProperty().get());
            vm.fileChanged(theirs); // the same bytes again (a duplicate event): nothing happens
            assertNull(vm.diskChangeProperty().get());

            // unsaved edits: kept, and the bar asks
            String mine = theirs.replace("Written elsewhere.", "Mine.");
            vm.sourceProperty().set(mine);
            vm.reparse();
            String again = theirs.replace("Written elsewhere.", "Changed by a checkout.");
            Files.writeString(p.card, again);
            vm.fileChanged(again);
            assertEquals(mine, vm.sourceProperty().get(), "unsaved edits are never dropped unasked");
            assertTrue(vm.dirtyProperty().get());
            assertEquals(Messages.format("modelcard.disk.changed", "model-cards/credit.md"),
                    vm.diskChangeProperty().get());

            vm.keepMine();
            assertNull(vm.diskChangeProperty().get());
            assertEquals(mine, vm.sourceProperty().get());
            assertTrue(vm.dirtyProperty().get(), "still unsaved against the file on disk");
            vm.revert();
            assertEquals(again, vm.sourceProperty().get(), "Revert goes back to the file as it is on disk");

            vm.sourceProperty().set(mine);
            vm.reparse();
            String third = again.replace("Changed by a checkout.", "Third.");
            Files.writeString(p.card, third);
            vm.fileChanged(third);
            assertNotNull(vm.diskChangeProperty().get());
            vm.reloadFromDisk();
            assertNull(vm.diskChangeProperty().get());
            assertEquals(third, vm.sourceProperty().get());
            assertFalse(vm.dirtyProperty().get());
            assertTrue(section(vm, "Model details").textProperty().get().startsWith("Third."));

            // the editor's own save: the watcher then reports the bytes it wrote, which changes nothing
            vm.sourceProperty().set(third.replace("Third.", "Saved here."));
            vm.reparse();
            vm.save();
            vm.fileChanged(Files.readString(p.card));
            assertNull(vm.diskChangeProperty().get());
            assertFalse(vm.dirtyProperty().get());

            // deleted under unsaved edits: the bar says so; Keep mine and Save write it again
            vm.sourceProperty().set(vm.sourceProperty().get().replace("Saved here.", "Keep this."));
            vm.reparse();
            Files.delete(p.card);
            vm.fileChanged(null);
            assertEquals(Messages.format("modelcard.disk.deleted", "model-cards/credit.md"),
                    vm.diskChangeProperty().get());
            vm.keepMine();
            assertTrue(vm.dirtyProperty().get());
            vm.save();
            assertTrue(Files.readString(p.card).contains("Keep this."));
        }
    }

    @Test
    void atARevisionTheEditorIsReadOnlyAndWritesNothing() throws Exception {
        try (CardProject p = new CardProject(dir, "medium")) {
            io.mlwb.modelcard.CardService atTag = io.mlwb.modelcard.CardService.atRevision(p.catalog,
                    p.project.config().orElseThrow(), "model/credit/v1");
            CardEditorViewModel vm = new CardEditorViewModel(atTag, new InlineJobs(), "credit", () -> CardProject.BOB,
                    null);
            int audited = new AuditLog(p.catalog).list(0, 1000).size();
            vm.load();
            assertEquals("model/credit/v1", vm.revision());
            assertTrue(vm.readOnlyProperty().get());
            assertFalse(vm.canReview().get(), "no submit or decision in review mode");
            String before = Files.readString(p.card);
            vm.sourceProperty().set(before + "\nAn edit.\n");
            vm.reparse();
            java.util.concurrent.atomic.AtomicReference<Boolean> saved = new java.util.concurrent.atomic.AtomicReference<>();
            vm.save(saved::set);
            assertEquals(Boolean.FALSE, saved.get());
            assertTrue(vm.messageProperty().get().startsWith("The project is open for review at model/credit/v1"),
                    vm.messageProperty().get());
            vm.autofill();
            assertEquals(before, Files.readString(p.card));
            assertEquals(audited, new AuditLog(p.catalog).list(0, 1000).size(), "nothing recorded");
        }
    }
}
