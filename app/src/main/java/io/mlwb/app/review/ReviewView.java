package io.mlwb.app.review;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Markdown;
import io.mlwb.app.ui.Messages;
import io.mlwb.modelcard.CardComments;
import java.io.File;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The review pane: a tool bar (the card's version, where it was read from, Previous/Next, open the evidence's pane,
 * export the review bundle), the steps on the left, the step shown in the middle (Markdown rendered), and its comments
 * on the right with the fields to comment, reply and resolve. Binds to {@link ReviewViewModel} and forwards clicks.
 */
public final class ReviewView {
    private ReviewView() {
    }

    /**
     * @param vm     the session
     * @param window the owner of the export dialog
     * @return the pane
     */
    public static Node create(ReviewViewModel vm, Supplier<Window> window) {
        Label title = new Label();
        title.setId("reviewTitle");
        title.getStyleClass().add("review-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.versionProperty().get().isBlank()
                ? vm.modelProperty().get() : vm.versionProperty().get(), vm.versionProperty(), vm.modelProperty()));
        Label note = new Label();
        note.setId("reviewNote");
        note.getStyleClass().add("review-note");
        note.textProperty().bind(vm.noteProperty());
        Button previous = new Button(Messages.get("review.previous"), AppIcon.HISTORY.node());
        previous.setId("reviewPrevious");
        previous.disableProperty().bind(vm.canPreviousProperty().not());
        previous.setOnAction(e -> vm.previous());
        Button next = new Button(Messages.get("review.next"), AppIcon.RUN.node());
        next.setId("reviewNext");
        next.getStyleClass().add(Styles.ACCENT);
        next.disableProperty().bind(vm.canNextProperty().not());
        next.setOnAction(e -> vm.next());
        Label counter = new Label();
        counter.setId("reviewStepCounter");
        counter.getStyleClass().add("review-muted");
        counter.textProperty().bind(Bindings.createStringBinding(() -> vm.steps().isEmpty() ? ""
                : Messages.format("review.step", vm.indexProperty().get() + 1, vm.steps().size()),
                vm.indexProperty(), vm.steps()));
        Button openEvidence = new Button(Messages.get("review.openEvidence"), AppIcon.FOLDER_OPEN.node());
        openEvidence.setId("reviewOpenEvidence");
        openEvidence.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.currentProperty().get() != null
                && vm.currentProperty().get().evidence() != null, vm.currentProperty()));
        openEvidence.managedProperty().bind(openEvidence.visibleProperty());
        openEvidence.setOnAction(e -> vm.openEvidence());
        Button export = new Button(Messages.get("review.export"), AppIcon.DOWNLOAD.node());
        export.setId("reviewExport");
        export.disableProperty().bind(vm.busyProperty().or(vm.versionProperty().isEmpty()));
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(Messages.get("review.export.title"));
            chooser.setInitialFileName(vm.modelProperty().get() + "-review.zip");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("zip", "*.zip"));
            File f = chooser.showSaveDialog(window.get());
            if (f != null) {
                vm.exportBundle(f.toPath());
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar bar = new ToolBar(AppIcon.MODEL_CARD.node(), title, spacer, openEvidence, export);
        note.setWrapText(true);
        note.visibleProperty().bind(vm.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        note.setPadding(new Insets(0, 8, 4, 8));
        VBox top = new VBox(bar, note);
        Region navSpacer = new Region();
        HBox.setHgrow(navSpacer, Priority.ALWAYS);
        HBox nav = new HBox(8, previous, navSpacer, counter, next);
        nav.setAlignment(Pos.CENTER_LEFT);
        nav.setPadding(new Insets(6, 12, 6, 12));

        ListView<ReviewViewModel.Step> steps = new ListView<>(vm.steps());
        steps.setId("reviewSteps");
        steps.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        steps.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ReviewViewModel.Step s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.title());
                setGraphic(empty || s == null ? null : switch (s.kind()) {
                    case CARD -> AppIcon.FILE_TEXT.node();
                    case EVIDENCE -> AppIcon.CATALOG.node();
                    case COMMENTS -> AppIcon.PROBLEMS.node();
                });
            }
        });
        vm.indexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0 && steps.getSelectionModel().getSelectedIndex() != i.intValue()) {
                steps.getSelectionModel().select(i.intValue());
                steps.scrollTo(Math.max(0, i.intValue() - 3));
            }
        });
        steps.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0 && i.intValue() != vm.indexProperty().get()) {
                vm.indexProperty().set(i.intValue());
            }
        });

        Label stepTitle = new Label();
        stepTitle.setId("reviewStepTitle");
        stepTitle.getStyleClass().add("review-step-title");
        VBox content = new VBox();
        content.setId("reviewContent");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        VBox middle = new VBox(stepTitle, scroll, nav);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        vm.currentProperty().addListener((o, a, s) -> {
            stepTitle.setText(s == null ? "" : s.title());
            content.getChildren().setAll(s == null ? new VBox() : Markdown.renderDocument(s.markdown()));
            scroll.setVvalue(0);
        });

        ListView<CardComments.Comment> comments = new ListView<>(vm.comments());
        comments.setId("reviewComments");
        comments.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        comments.setCellFactory(l -> new CommentCell());
        comments.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> vm.selectedProperty().set(c));
        vm.selectedProperty().addListener((o, a, c) -> {
            if (c == null) {
                comments.getSelectionModel().clearSelection();
            }
        });
        Label commentsTitle = new Label(Messages.get("review.comments"));
        commentsTitle.getStyleClass().add("review-comments-title");
        Label sectionOnly = new Label(Messages.get("review.comments.sectionOnly"));
        sectionOnly.setWrapText(true);
        sectionOnly.getStyleClass().add("review-muted");
        TextArea draft = new TextArea();
        draft.setId("reviewDraft");
        draft.setPromptText(Messages.get("review.comment.placeholder"));
        draft.setWrapText(true);
        draft.setPrefRowCount(3);
        draft.textProperty().bindBidirectional(vm.draftProperty());
        TextField quote = new TextField();
        quote.setId("reviewQuote");
        quote.setPromptText(Messages.get("review.quote.placeholder"));
        quote.textProperty().bindBidirectional(vm.quoteProperty());
        Button comment = new Button(Messages.get("review.comment"), AppIcon.PLUS.node());
        comment.setId("reviewComment");
        comment.getStyleClass().add(Styles.ACCENT);
        comment.disableProperty().bind(vm.canCommentProperty().not());
        comment.setOnAction(e -> vm.addComment());
        Button reply = new Button(Messages.get("review.reply"));
        reply.setId("reviewReply");
        reply.disableProperty().bind(vm.selectedProperty().isNull().or(vm.draftProperty().isEmpty())
                .or(vm.busyProperty()));
        reply.setOnAction(e -> vm.reply());
        Button resolve = new Button(Messages.get("review.resolve"), AppIcon.CHECK.node());
        resolve.setId("reviewResolve");
        resolve.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.selectedProperty().get() == null
                || !vm.selectedProperty().get().open() || vm.busyProperty().get(), vm.selectedProperty(),
                vm.busyProperty()));
        resolve.setOnAction(e -> vm.resolveSelected());
        VBox writing = new VBox(6, quote, draft, new HBox(6, comment, reply, resolve));
        sectionOnly.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.currentProperty().get() != null
                && vm.currentProperty().get().kind() != ReviewViewModel.StepKind.CARD, vm.currentProperty()));
        sectionOnly.managedProperty().bind(sectionOnly.visibleProperty());
        quote.disableProperty().bind(sectionOnly.visibleProperty());
        Label readOnly = new Label(Messages.get("review.readOnly"));
        readOnly.setWrapText(true);
        readOnly.setMinHeight(Region.USE_PREF_SIZE);
        sectionOnly.setMinHeight(Region.USE_PREF_SIZE);
        readOnly.getStyleClass().add("review-muted");
        VBox right = new VBox(6, commentsTitle, comments, sectionOnly, writing, readOnly);
        right.setPadding(new Insets(8));
        VBox.setVgrow(comments, Priority.ALWAYS);

        SplitPane split = new SplitPane(steps, middle, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.2, 0.68);
        SplitPane.setResizableWithParent(steps, false);

        Label status = new Label();
        status.setId("reviewStatus");
        status.textProperty().bind(Bindings.createStringBinding(() -> vm.errorProperty().get().isBlank()
                ? vm.statusProperty().get() : vm.errorProperty().get(), vm.errorProperty(), vm.statusProperty()));
        vm.errorProperty().addListener((o, a, err) -> status.getStyleClass().removeAll("review-error"));
        vm.errorProperty().addListener((o, a, err) -> {
            if (!err.isBlank()) {
                status.getStyleClass().add("review-error");
            }
        });
        status.setWrapText(true);
        HBox bottom = new HBox(status);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.setPadding(new Insets(4, 8, 4, 8));

        BorderPane root = new BorderPane(split, top, null, bottom, null);
        root.getStyleClass().add("review-pane");
        root.getStylesheets().addAll(Markdown.STYLESHEET,
                Objects.requireNonNull(ReviewView.class.getResource("review.css")).toExternalForm());
        return root;
    }

    /** A comment: author, section state, text; replies indented, resolved ones muted, orphaned ones marked. */
    private static final class CommentCell extends ListCell<CardComments.Comment> {
        @Override
        protected void updateItem(CardComments.Comment c, boolean empty) {
            super.updateItem(c, empty);
            getStyleClass().removeAll("review-comment-orphaned", "review-comment-resolved");
            if (empty || c == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label head = new Label((c.root() ? "#" + c.id() : Messages.get("review.reply.prefix") + " #" + c.id())
                    + "  " + c.author() + (c.root() ? "  [" + c.sectionHeading() + "]" : ""));
            head.getStyleClass().add(Styles.TEXT_BOLD);
            Label text = new Label(c.text());
            text.setWrapText(true);
            VBox box = new VBox(2, head);
            if (c.quote() != null) {
                Label q = new Label("\u201c" + c.quote() + "\u201d");
                q.setWrapText(true);
                q.getStyleClass().add("review-muted");
                box.getChildren().add(q);
            }
            box.getChildren().add(text);
            if (c.root() && c.orphaned()) {
                Label o = new Label(Messages.get("review.orphaned"));
                o.getStyleClass().add("review-badge");
                box.getChildren().add(o);
            }
            if (c.root() && !c.open()) {
                Label r = new Label(Messages.format("review.resolvedBy", c.resolvedBy()));
                r.getStyleClass().add("review-muted");
                box.getChildren().add(r);
            }
            box.setPadding(new Insets(2, 0, 2, c.root() ? 0 : 18));
            head.setWrapText(true);
            // wrap to the list's width instead of cutting the text off
            box.prefWidthProperty().bind(getListView().widthProperty().subtract(36));
            box.setMaxWidth(Region.USE_PREF_SIZE);
            box.getChildren().forEach(n -> ((Label) n).setMinHeight(Region.USE_PREF_SIZE));
            setText(null);
            setGraphic(box);
        }
    }
}
