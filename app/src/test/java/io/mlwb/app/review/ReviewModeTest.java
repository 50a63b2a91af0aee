package io.mlwb.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.modelcard.ModelCardFeature;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.workspace.ProjectInitializer;
import io.mlwb.app.shell.WorkbenchViewModel;
import io.mlwb.app.testing.TestContext;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.settings.Settings;
import io.mlwb.core.settings.SettingsService;
import io.mlwb.core.settings.SettingsStore;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Review mode ({@code mlwb open --review REV}) over a real repository: whatever the work tree's state (dirty, detached
 * HEAD) it is left exactly as it was; the window says review at REV; the card editor and the review pane read the
 * revision's card without writing the catalog (an approval of the project's own card stands), comments aside; and a
 * revision that does not exist, or a folder outside git, is a clear message and no project.
 */
@ExtendWith(ApplicationExtension.class)
class ReviewModeTest {
    @TempDir
    Path dir;

    @TempDir
    Path config;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void reviewModeReadsTheRevisionAndWritesNothingButComments(FxRobot robot) throws Exception {
        try (ReviewProject p = new ReviewProject(dir)) {
            Path card = dir.resolve("model-cards/churn.md");
            String atTag;
            try (GitRepo git = GitRepo.open(dir)) {
                git.commit(List.of("model-cards/churn.md"), "card");
                git.tag("card/v1", "the card as first written");
            }
            atTag = Files.readString(card);
            // the project's card moves on and is approved (medium: one reviewer, not the author)
            Files.writeString(card, atTag.replace("Written by hand for Limitations.", "Weak on new customers."));
            p.cards().submit("churn", null, ReviewProject.ADA);
            assertEquals("approved", p.cards().decide("churn", true, "ok", ReviewProject.BOB).status());
            // the work tree is dirty and HEAD detached: review mode must not mind, nor change either
            String head;
            try (Git git = Git.open(dir.toFile())) {
                head = git.getRepository().resolve("HEAD").name();
                git.checkout().setName(head).call();
                assertTrue(git.getRepository().getFullBranch().equals(head), "detached");
            }
            Files.writeString(dir.resolve("mlwb.yaml"), Files.readString(dir.resolve("mlwb.yaml")) + "# local\n");
            String yaml = Files.readString(dir.resolve("mlwb.yaml"));
            String workCard = Files.readString(card);

            ProblemsModel problems = new ProblemsModel();
            SettingsService settings = new SettingsService(new SettingsStore(config), Settings.defaults());
            WorkbenchViewModel vm = new WorkbenchViewModel(new InlineJobs(problems), problems, settings,
                    new ProjectInitializer("test"));
            vm.openForReview(dir, "card/v1", null);
            OpenProject review = vm.project().orElseThrow();
            assertEquals(List.of(), problems.problems());
            assertTrue(vm.titleProperty().get().startsWith("churn @ card/v1 (review, read-only)"),
                    vm.titleProperty().get());
            assertTrue(vm.branchProperty().get().startsWith("review at card/v1 ("), vm.branchProperty().get());
            assertTrue(vm.branchProperty().get().endsWith("read-only"), vm.branchProperty().get());
            assertEquals(atTag, Files.readString(review.root().resolve("model-cards/churn.md")));

            int audited = new AuditLog(p.catalog).list(0, 1000).size();
            TestContext ctx = new TestContext(review);
            ItemRef ref = ModelCardFeature.ref("churn");
            AtomicReference<Editor> editor = new AtomicReference<>();
            robot.interact(() -> {
                editor.set(Contributions.of(List.of(new ModelCardFeature())).editorFor(ref).orElseThrow().factory()
                        .apply(ctx, ref));
                stage.setScene(new Scene((Parent) editor.get().node(), 1200, 700));
                stage.show();
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(robot.lookup("#cardReadOnly").queryAs(Label.class).getText()
                    .startsWith("Open for review at card/v1: read-only."));
            assertEquals("draft", robot.lookup("#cardStatus").queryAs(Label.class).getText(),
                    "the revision's bytes are not the ones approved");
            assertTrue(robot.lookup("#saveCardButton").queryAs(Button.class).isDisabled());
            assertTrue(robot.lookup("#autofillCardButton").queryAs(Button.class).isDisabled());
            assertTrue(robot.lookup("#approveCardButton").queryAs(Button.class).isDisabled());
            assertFalse(robot.lookup("#approveCardButton").queryAs(Button.class).getStyleClass().contains("success"),
                    "a disabled Approve is not green");
            robot.interact(() -> editor.get().dispose());

            ReviewViewModel pane = ReviewFeature.viewModel(ctx, ReviewFeature.ref("churn"));
            pane.load();
            assertEquals("", pane.errorProperty().get());
            assertEquals(audited, new AuditLog(p.catalog).list(0, 1000).size(), "reading in review writes nothing");
            assertEquals("approved", p.cards().state("churn").status(), "the project's approval stands");

            robot.interact(vm::closeProject);
            assertFalse(Files.exists(review.root()), "the review folder is gone");
            try (Git git = Git.open(dir.toFile())) {
                assertEquals(head, git.getRepository().getFullBranch(), "HEAD still detached where it was");
                assertFalse(git.status().call().isClean());
            }
            assertEquals(yaml, Files.readString(dir.resolve("mlwb.yaml")), "the dirty work tree is untouched");
            assertEquals(workCard, Files.readString(card));

            // a revision that does not exist, a folder outside git: said plainly, nothing opens
            vm.openForReview(dir, "card/v9", null);
            assertTrue(vm.project().isEmpty());
            String unknown = problems.problems().get(0).message();
            assertTrue(unknown.contains("card/v9 is not a commit"), unknown);
            Path plain = Files.createDirectories(config.resolve("not-git"));
            vm.openForReview(plain, "card/v1", null);
            assertTrue(vm.project().isEmpty());
            String notGit = problems.problems().get(0).message();
            assertTrue(notGit.endsWith("not-git is not inside a git repository."), notGit);
            settings.close();
        }
    }
}
