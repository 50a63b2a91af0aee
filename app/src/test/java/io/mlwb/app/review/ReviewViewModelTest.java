package io.mlwb.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.core.project.Project;
import io.mlwb.modelcard.CardComments;
import io.mlwb.modelcard.CardService;
import io.mlwb.modelcard.ReviewBundle;
import io.mlwb.modelcard.ReviewEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review session over a real project, catalog, registry and git repository, without a toolkit: the walk (card
 * sections, evidence, open comments), commenting on the section shown, replying, resolving, bad input, the bundle, and
 * the project opened read-only at the model's tag, where the card comes from the work tree and comments still land in
 * the catalog.
 */
class ReviewViewModelTest {
    @TempDir
    Path dir;

    @TempDir
    Path keys;

    private static int indexOf(ReviewViewModel vm, String title) {
        for (int i = 0; i < vm.steps().size(); i++) {
            if (vm.steps().get(i).title().equals(title)) {
                return i;
            }
        }
        throw new AssertionError(title + " not in " + vm.steps());
    }

    @Test
    void walkCommentReplyResolveAndExport() throws Exception {
        try (ReviewProject p = new ReviewProject(dir)) {
            InlineJobs jobs = new InlineJobs();
            ReviewViewModel vm = new ReviewViewModel(p.cards(), null, null, "", ReviewProject.BOB,
                    keys.resolve("key.der"), jobs);
            List<String> opened = new ArrayList<>();
            vm.setOpenEvidence((key, ev) -> opened.add(key + ":" + ev.runId()));
            vm.load();
            assertEquals("", vm.errorProperty().get());
            assertEquals("churn", vm.modelProperty().get(), "the first card when none is named");
            assertEquals("churn@1", vm.versionProperty().get());
            assertEquals("", vm.noteProperty().get());
            assertEquals(0, vm.indexProperty().get());
            assertEquals("Model details", vm.currentProperty().get().title());
            assertEquals(ReviewViewModel.StepKind.CARD, vm.currentProperty().get().kind());
            assertFalse(vm.currentProperty().get().markdown().contains("<!--"), "prompts are not shown");
            assertFalse(vm.canPreviousProperty().get());
            ReviewViewModel.Step last = vm.steps().get(vm.steps().size() - 1);
            assertEquals(ReviewViewModel.StepKind.COMMENTS, last.kind());
            assertEquals("Open comments (0)", last.title());
            assertEquals(List.of(ReviewEvidence.RUN, ReviewEvidence.DATA, ReviewEvidence.FAIRNESS,
                    ReviewEvidence.DRIFT), vm.steps().stream().filter(s -> s.kind() == ReviewViewModel.StepKind.EVIDENCE)
                    .map(ReviewViewModel.Step::evidence).toList());

            // Next walks; the evidence step opens its pane
            vm.next();
            assertEquals(1, vm.indexProperty().get());
            assertTrue(vm.canPreviousProperty().get());
            vm.indexProperty().set(indexOf(vm, "Evidence: Run 1"));
            assertTrue(vm.currentProperty().get().markdown().contains("churn@1"), vm.currentProperty().get().markdown());
            assertFalse(vm.canCommentProperty().get(), "comments are made on card sections");
            vm.openEvidence();
            assertEquals(List.of("run:1"), opened);

            // comment on the section shown, with an excerpt
            vm.indexProperty().set(indexOf(vm, "Metrics"));
            assertFalse(vm.canCommentProperty().get(), "nothing written yet");
            vm.draftProperty().set("Which threshold?");
            vm.quoteProperty().set("written by hand for Metrics");
            assertTrue(vm.canCommentProperty().get());
            vm.addComment();
            assertEquals("", vm.errorProperty().get());
            assertEquals(1, vm.comments().size());
            CardComments.Comment c = vm.comments().get(0);
            assertEquals("Metrics", c.sectionHeading());
            assertEquals("Bob <bob@example.com>", c.author());
            assertEquals("", vm.draftProperty().get(), "the draft is cleared");
            assertEquals("Metrics", vm.currentProperty().get().title(), "the step stays");
            assertTrue(vm.statusProperty().get().contains("Comment " + c.id()), vm.statusProperty().get());
            assertEquals("Open comments (1)", vm.steps().get(vm.steps().size() - 1).title());
            assertTrue(vm.steps().get(vm.steps().size() - 1).markdown().contains("**#" + c.id() + "** [Metrics] Bob"),
                    vm.steps().get(vm.steps().size() - 1).markdown());
            assertTrue(vm.comments().stream().allMatch(x -> x.sectionKey().equals("metric")));

            // an excerpt not in the section is refused, with what to do; the draft is kept
            vm.draftProperty().set("Typo?");
            vm.quoteProperty().set("words nobody wrote");
            vm.addComment();
            assertTrue(vm.errorProperty().get().contains("is not in the section Metrics"), vm.errorProperty().get());
            assertTrue(vm.errorProperty().get().contains("--quote"), vm.errorProperty().get());
            assertEquals("Typo?", vm.draftProperty().get());
            assertFalse(vm.busyProperty().get());

            // reply to the selected comment
            vm.quoteProperty().set("");
            vm.selectedProperty().set(c);
            vm.draftProperty().set("0.5 on the validation split.");
            vm.reply();
            assertEquals(2, vm.comments().size());
            assertEquals(c.id(), vm.comments().get(1).replyTo());

            // the comments step lists the open thread; resolve it there
            vm.indexProperty().set(vm.steps().size() - 1);
            assertEquals(2, vm.comments().size());
            assertNull(vm.selectedProperty().get(), "a new step selects nothing");
            vm.selectedProperty().set(vm.comments().get(1));
            vm.resolveSelected();
            assertEquals("Open comments (0)", vm.currentProperty().get().title());
            assertTrue(vm.comments().isEmpty());
            assertTrue(p.cards().comments().list("churn", false).stream().noneMatch(CardComments.Comment::open));

            Path zip = dir.resolve("out/churn-review.zip");
            vm.exportBundle(zip);
            assertTrue(vm.statusProperty().get().startsWith("Wrote churn-review.zip"), vm.statusProperty().get());
            assertTrue(ReviewBundle.verify(zip).ok());
        }
    }

    @Test
    void readOnlyAtTheModelTagWithTheWorkTreesCardAndAWritableCatalog() throws Exception {
        try (ReviewProject p = new ReviewProject(dir)) {
            Path snapshot;
            try (OpenProject review = OpenProject.openForReview(dir, "model/churn/v1")) {
                assertTrue(review.readOnly());
                assertEquals("model/churn/v1", review.review().orElseThrow().revision());
                snapshot = review.root();
                assertNotEquals(dir.toRealPath(), snapshot.toRealPath());
                assertTrue(Files.exists(snapshot.resolve("data/churn.csv")));
                assertFalse(Files.exists(snapshot.resolve("model-cards")), "the tag is older than the card");
                Project atTag = review.config().orElseThrow();
                ReviewViewModel vm = new ReviewViewModel(new CardService(review.catalog().orElseThrow(), atTag),
                        new CardService(review.catalog().orElseThrow(), Project.load(dir)), "model/churn/v1", "churn",
                        ReviewProject.BOB, keys.resolve("key.der"), new InlineJobs());
                vm.load();
                assertEquals("", vm.errorProperty().get());
                assertTrue(vm.noteProperty().get().contains("not in model/churn/v1"), vm.noteProperty().get());
                vm.indexProperty().set(indexOf(vm, "Limitations"));
                vm.draftProperty().set("Name the weak segments.");
                vm.addComment();
                assertEquals(1, vm.comments().size());
            }
            assertFalse(Files.exists(snapshot), "the review folder is deleted on close");
            assertTrue(Files.exists(dir.resolve(".mlwb/catalog.db")), "the project's own state is left alone");
            assertEquals(List.of("Limitations"), p.cards().comments().list("churn", true).stream()
                    .map(CardComments.Comment::sectionHeading).toList(), "the comment is in the project's catalog");
            assertTrue(Files.exists(dir.resolve("model-cards/churn.md")));
        }
    }
}
