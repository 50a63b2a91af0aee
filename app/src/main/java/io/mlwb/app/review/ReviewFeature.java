package io.mlwb.app.review;

import io.mlwb.app.drift.DriftFeature;
import io.mlwb.app.project.ProjectFeature;
import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.CatalogState;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.shell.EditorSpec;
import io.mlwb.app.shell.Feature;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.tracking.TrackingFeature;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.modelcard.CardService;
import io.mlwb.modelcard.ReviewBundle;
import io.mlwb.modelcard.ReviewEvidence;
import io.mlwb.vcs.TagInfo;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;

/**
 * Reviewing model cards: the editor kind {@value #KIND} (a {@link ReviewView} over a {@link ReviewViewModel}; the item
 * id is the model, or empty for the first card), the action {@value #OPEN} ("Review model card", Project menu) that
 * opens it on the project as it is, and {@value #OPEN_AT_TAG} ("Open for review at tag…", File menu), which re-opens
 * the project read-only at a tag ({@link OpenProject#openForReview}, also {@code mlwb open --review REV DIR}) and
 * opens the pane there.
 */
public final class ReviewFeature implements Feature {
    /** The review pane's editor kind. */
    public static final String KIND = "review.session";
    /** Opens the pane on the open project. */
    public static final String OPEN = "review.open";
    /** Re-opens the project at a tag for review. */
    public static final String OPEN_AT_TAG = "review.openAtTag";

    /** Created by {@link java.util.ServiceLoader}. */
    public ReviewFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.editor(new EditorSpec(KIND, ref -> KIND.equals(ref.kind()), 10, AppIcon.MODEL_CARD, ReviewFeature::editor));
        c.action(new ActionSpec(OPEN, Messages.get("review.action.open"), ProjectFeature.MENU, AppIcon.MODEL_CARD,
                null, ActionSpec.needsProject(), ctx -> ctx.open(ref(""))));
        c.action(new ActionSpec(OPEN_AT_TAG, Messages.get("review.action.openAtTag"), ActionSpec.FILE_MENU,
                AppIcon.LOCK, null, ActionSpec.needsProject(), ReviewFeature::chooseTag));
    }

    /**
     * @param model the model whose card is reviewed, or "" for the first card
     * @return the review pane's item
     */
    public static ItemRef ref(String model) {
        return new ItemRef(KIND, model == null ? "" : model.strip());
    }

    /** Lists the tags (model tags first) in the background, asks for one, and re-opens the project there. */
    private static void chooseTag(WorkbenchContext ctx) {
        OpenProject p = ctx.project().orElse(null);
        if (p == null) {
            return;
        }
        Path source = p.review().map(OpenProject.Review::source).orElse(p.root());
        ctx.jobs().run(Messages.get("review.job.tags"), progress -> p.repo().tags().stream().map(TagInfo::name)
                .sorted(Comparator.comparing((String t) -> !t.startsWith("model/")).thenComparing(Comparator
                        .reverseOrder())).toList(), tags -> {
                    if (tags.isEmpty()) {
                        ctx.errors().warning(Messages.get("review.tag.title"), Messages.get("review.tag.none"),
                                Messages.get("review.tag.none.todo"));
                        return;
                    }
                    ChoiceDialog<String> d = new ChoiceDialog<>(tags.get(0), tags);
                    d.initOwner(ctx.window());
                    d.setTitle(Messages.get("review.tag.title"));
                    d.setHeaderText(Messages.get("review.tag.header"));
                    d.showAndWait().ifPresent(tag -> ctx.openForReview(source, tag, () -> ctx.open(ref(""))));
                }, e -> { });
    }

    /**
     * @param ctx the workbench
     * @param ref the pane's item
     * @return its view model over the open project, or null when there is no project or catalog to review
     */
    static ReviewViewModel viewModel(WorkbenchContext ctx, ItemRef ref) {
        OpenProject p = ctx.project().orElse(null);
        Project project = p == null ? null : p.config().orElse(null);
        Catalog catalog = p == null || p.catalogState() == CatalogState.ERROR ? null : p.catalog().orElse(null);
        if (project == null || catalog == null) {
            return null;
        }
        CardService atRevision = new CardService(catalog, project);
        CardService workTree = null;
        String revision = null;
        if (p.review().isPresent()) {
            revision = p.review().get().revision();
            // review mode writes comments (and the bundle's audit entry) only: no card edit, no settled review state
            atRevision = CardService.atRevision(catalog, project, revision);
            try {
                workTree = CardService.atRevision(catalog, Project.load(p.review().get().source()), revision);
            } catch (UserError e) {
                workTree = null; // the work tree's mlwb.yaml does not load: the revision's card only
            }
        }
        ReviewViewModel vm = new ReviewViewModel(atRevision, workTree, revision, ref.id(), p.repo().author(),
                ReviewBundle.defaultKeyFile(), ctx.jobs());
        vm.setOpenEvidence((key, ev) -> openEvidence(ctx, key, ev));
        return vm;
    }

    private static void openEvidence(WorkbenchContext ctx, String key, ReviewEvidence ev) {
        switch (key) {
            case ReviewEvidence.DATA -> {
                List<String> files = ev.datasets();
                if (!files.isEmpty()) {
                    ctx.open(ItemRef.file(files.get(0)));
                }
            }
            case ReviewEvidence.DRIFT -> ctx.open(DriftFeature.ref("", ""));
            default -> {
                if (ev.runId() != null) {
                    ctx.open(TrackingFeature.detailRef(ev.runId()));
                }
            }
        }
    }

    private static Editor editor(WorkbenchContext ctx, ItemRef ref) {
        ReviewViewModel vm = viewModel(ctx, ref);
        Node node;
        if (vm == null) {
            node = new Label(Messages.get("review.noCards"));
        } else {
            node = ReviewView.create(vm, ctx::window);
            vm.load();
        }
        String title = Messages.format("review.tab", ref.id().isBlank() ? "" : ref.id()).strip();
        return new Editor() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public String title() {
                return title;
            }
        };
    }
}
