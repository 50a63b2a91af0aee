package io.mlwb.app.modelcard;

import atlantafx.base.theme.Styles;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Markdown;
import io.mlwb.app.ui.Messages;
import io.mlwb.modelcard.CardDocument;
import io.mlwb.modelcard.CardService;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The model card editor: on the left a form (front-matter fields, then one text per section with its heading, a
 * "required" mark and the autofilled blocks shown read-only with Refresh), on the right the Markdown source and its
 * rendered preview; above them Save (Ctrl+S), Revert and Autofill, and the review bar (completeness meter, approvals,
 * status, Submit / Approve / Request changes…). Built in code because the form follows the card's sections.
 */
public final class CardEditorView {
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    private static final List<String> TIERS = List.of("low", "medium", "high");
    /** Splits the body before each level-2 heading (the preview draws a section's charts after it). */
    private static final java.util.regex.Pattern SECTION = java.util.regex.Pattern.compile("(?m)(?=^## )");

    private final CardEditorViewModel vm;
    private final java.util.function.Supplier<Window> owner;
    private final VBox form = new VBox(10);
    private final ScrollPane preview = new ScrollPane();
    private final Tab previewTab = new Tab(Messages.get("modelcard.tab.preview"));

    private CardEditorView(CardEditorViewModel vm, java.util.function.Supplier<Window> owner) {
        this.vm = vm;
        this.owner = owner;
    }

    /**
     * @param vm    the editor's state
     * @param owner the window that owns its dialogs (may supply null)
     * @return the pane
     */
    public static Node create(CardEditorViewModel vm, java.util.function.Supplier<Window> owner) {
        return new CardEditorView(vm, owner).build();
    }

    private Node build() {
        BorderPane root = new BorderPane();
        root.setId("cardEditor");
        root.getStyleClass().add("card-editor");
        root.getStylesheets().add(Objects.requireNonNull(CardEditorView.class.getResource("modelcard.css"))
                .toExternalForm());
        root.getStylesheets().add(Markdown.STYLESHEET);

        Button save = new Button(Messages.get("modelcard.save"), AppIcon.CHECK.node());
        save.setId("saveCardButton");
        save.setTooltip(new Tooltip(Messages.get("modelcard.save.tip")));
        boolean review = vm.revision() != null; // open for review at a revision: nothing is written
        save.disableProperty().bind(vm.dirtyProperty().not().or(vm.busyProperty()).or(
                javafx.beans.binding.Bindings.createBooleanBinding(() -> review)));
        save.setOnAction(e -> vm.save());
        Button revert = new Button(Messages.get("modelcard.revert"));
        revert.setId("revertCardButton");
        revert.disableProperty().bind(vm.dirtyProperty().not().or(vm.busyProperty()));
        revert.setOnAction(e -> vm.revert());
        Button fill = new Button(Messages.get("modelcard.autofill"), AppIcon.REFRESH.node());
        fill.setId("autofillCardButton");
        fill.setTooltip(new Tooltip(Messages.get("modelcard.autofill.tip")));
        fill.disableProperty().bind(vm.loadedProperty().not().or(vm.busyProperty()).or(
                javafx.beans.binding.Bindings.createBooleanBinding(() -> review)));
        fill.setOnAction(e -> vm.autofill());
        Label actingAs = new Label();
        actingAs.setId("actingAs");
        actingAs.getStyleClass().add("card-muted");
        actingAs.textProperty().bind(Bindings.createStringBinding(() -> vm.actingAsProperty().get().isEmpty() ? ""
                : Messages.format("modelcard.actingAs", vm.actingAsProperty().get()), vm.actingAsProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label title = new Label(Messages.format("modelcard.title", vm.model()), AppIcon.MODEL_CARD.node());
        title.getStyleClass().add("card-title");
        ToolBar bar = new ToolBar(title, new Separator(Orientation.VERTICAL), save, revert, fill, grow, actingAs);

        VBox top = new VBox(bar, reviewBar(), banner("cardProblem", vm.problemProperty(), "card-banner-danger"),
                banner("cardParseError", vm.parseErrorProperty(), "card-banner-danger"),
                readOnlyBanner(), diskBar(), banner("cardMessage", vm.messageProperty(), "card-banner-info"));
        root.setTop(top);

        form.setId("cardForm");
        form.setPadding(new Insets(10));
        form.disableProperty().bind(vm.parseErrorProperty().isNotNull());
        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setFitToWidth(true);
        buildForm();
        vm.sections().addListener((ListChangeListener<CardEditorViewModel.Section>) c -> buildForm());

        TextArea source = new TextArea();
        source.setId("cardSource");
        source.getStyleClass().add("card-source");
        source.textProperty().bindBidirectional(vm.sourceProperty());
        PauseTransition debounce = new PauseTransition(Duration.millis(400));
        debounce.setOnFinished(e -> vm.reparse());
        source.textProperty().addListener((o, was, now) -> {
            if (source.isFocused()) {
                debounce.playFromStart();
            }
        });
        source.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                vm.reparse(); // leaving the source applies it at once
            }
        });
        Tab sourceTab = new Tab(Messages.get("modelcard.tab.source"), source);
        preview.setId("cardPreview");
        preview.setFitToWidth(true);
        previewTab.setContent(preview);
        TabPane right = new TabPane(sourceTab, previewTab);
        right.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        previewTab.selectedProperty().addListener((o, was, now) -> renderPreview());
        vm.documentProperty().addListener((o, was, now) -> renderPreview());

        SplitPane split = new SplitPane(formScroll, right);
        split.setDividerPositions(0.5);
        StackPane center = new StackPane(split);
        split.visibleProperty().bind(vm.loadedProperty());
        root.setCenter(center);

        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SAVE.match(e)) {
                vm.reparse();
                vm.save();
                e.consume();
            }
        });
        return root;
    }

    private Node reviewBar() {
        ProgressBar meter = new ProgressBar(0);
        meter.setId("cardCompleteness");
        meter.setPrefWidth(140);
        Label sections = new Label();
        sections.setId("cardSections");
        Label missing = new Label();
        missing.setId("cardMissing");
        missing.getStyleClass().add("card-muted");
        missing.setWrapText(true);
        vm.checkProperty().addListener((o, was, c) -> {
            meter.setProgress(c == null ? 0 : c.completeness());
            sections.setText(c == null ? "" : Messages.format("modelcard.meter.sections", c.filled(),
                    c.required().size(), c.tier().yamlName()));
            missing.setText(c == null || c.missing().isEmpty() ? "" : Messages.format("modelcard.meter.missing",
                    String.join(", ", c.missing())));
            meter.pseudoClassStateChanged(Styles.STATE_SUCCESS, c != null && c.complete());
        });
        Label approvals = new Label();
        approvals.setId("cardApprovals");
        Label status = new Label();
        status.setId("cardStatus");
        status.getStyleClass().add("card-status");
        Runnable showState = () -> {
            CardService.State s = vm.stateProperty().get();
            approvals.setText(s == null ? "" : Messages.format("modelcard.approvals", s.approvedBy().size(),
                    s.required(), s.approvedBy().isEmpty() ? "" : String.join(", ", s.approvedBy())));
            status.setText(vm.statusText(s));
            status.getStyleClass().removeAll("card-status-draft", "card-status-review", "card-status-approved",
                    "card-status-changes");
            if (s != null) {
                status.getStyleClass().add(status.getText().equals(Messages.get("modelcard.status.changes"))
                        ? "card-status-changes" : "card-status-" + s.status());
            }
            status.setTooltip(s == null || s.lastDecision() == null ? null : new Tooltip(s.lastDecision()));
        };
        vm.stateProperty().addListener((o, was, now) -> showState.run());
        showState.run();
        Label note = new Label();
        note.setId("cardReviewNote");
        note.getStyleClass().add("card-warning");
        note.textProperty().bind(vm.reviewNoteProperty());
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        note.setWrapText(true);

        Button submit = new Button(Messages.get("modelcard.submit"));
        submit.setId("submitCardButton");
        submit.disableProperty().bind(vm.canReview().not());
        submit.setOnAction(e -> ask("modelcard.submit.title", "modelcard.submit.prompt").ifPresent(vm::submit));
        Button approve = new Button(Messages.get("modelcard.approve"));
        approve.setId("approveCardButton");
        approve.disableProperty().bind(vm.canReview().not());
        io.mlwb.app.ui.Buttons.accentWhenEnabled(approve, Styles.SUCCESS);
        approve.setOnAction(e -> ask("modelcard.approve.title", "modelcard.approve.prompt").ifPresent(vm::approve));
        Button changes = new Button(Messages.get("modelcard.changes"));
        changes.setId("changesCardButton");
        changes.disableProperty().bind(vm.canReview().not());
        changes.setOnAction(e -> ask("modelcard.changes.title", "modelcard.changes.prompt")
                .ifPresent(vm::requestChanges));
        Tooltip saveFirst = new Tooltip(Messages.get("modelcard.review.saveFirst"));
        for (Button b : List.of(submit, approve, changes)) {
            b.setTooltip(saveFirst);
        }

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox line = new HBox(10, meter, sections, new Separator(Orientation.VERTICAL), approvals, status, grow,
                submit, approve, changes);
        for (Node n : line.getChildren()) {
            if (n instanceof Label || n instanceof Button) {
                ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        line.setAlignment(Pos.CENTER_LEFT);
        missing.setMaxWidth(Double.MAX_VALUE);
        missing.managedProperty().bind(missing.textProperty().isNotEmpty());
        note.setMaxWidth(Double.MAX_VALUE);
        VBox box = new VBox(4, line, missing, note);
        box.setPadding(new Insets(6, 10, 6, 10));
        box.getStyleClass().add("card-review-bar");
        box.visibleProperty().bind(vm.loadedProperty());
        box.managedProperty().bind(vm.loadedProperty());
        return box;
    }

    private Optional<String> ask(String titleKey, String promptKey) {
        TextInputDialog d = new TextInputDialog();
        d.initOwner(owner.get());
        d.setTitle(Messages.get(titleKey));
        d.setHeaderText(Messages.get(promptKey));
        d.getEditor().setId("reviewComment");
        return d.showAndWait();
    }

    private static Label banner(String id, javafx.beans.value.ObservableStringValue text, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().addAll("card-banner", style);
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.visibleProperty().bind(Bindings.createBooleanBinding(() -> text.get() != null && !text.get().isEmpty(),
                text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** "changed on disk — Reload / Keep mine", while the file changed outside the editor under unsaved edits. */
    private Node diskBar() {
        Label text = new Label();
        text.setId("cardDiskChange");
        text.setGraphic(AppIcon.WARNING.node());
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        text.textProperty().bind(vm.diskChangeProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        Button reload = new Button(Messages.get("modelcard.disk.reload"));
        reload.setId("cardDiskReload");
        reload.setOnAction(e -> vm.reloadFromDisk());
        Button keep = new Button(Messages.get("modelcard.disk.keep"));
        keep.setId("cardDiskKeep");
        keep.setOnAction(e -> vm.keepMine());
        keep.setMinWidth(Region.USE_PREF_SIZE);
        reload.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, text, reload, keep);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().addAll("card-banner", "card-banner-warning", "card-disk-bar");
        bar.visibleProperty().bind(vm.diskChangeProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private Label readOnlyBanner() {
        Label l = new Label(vm.revision() == null ? Messages.get("modelcard.readOnly")
                : Messages.format("modelcard.readOnly.review", vm.revision()), AppIcon.LOCK.node());
        l.setId("cardReadOnly");
        l.getStyleClass().addAll("card-banner", "card-banner-warning");
        l.setMaxWidth(Double.MAX_VALUE);
        l.visibleProperty().bind(vm.readOnlyProperty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private void buildForm() {
        form.getChildren().clear();
        Label meta = new Label(Messages.get("modelcard.form.metadata"));
        meta.getStyleClass().add("card-section-title");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        for (CardEditorViewModel.Field f : vm.fields()) {
            Label label = new Label(Messages.get("modelcard.field." + f.key().replace("mlwb.", "")));
            Node input;
            if (f.key().equals("mlwb.risk_tier")) {
                ComboBox<String> tier = new ComboBox<>();
                tier.getItems().setAll(TIERS);
                tier.setEditable(true);
                tier.valueProperty().bindBidirectional(f.valueProperty());
                input = tier;
            } else {
                TextField t = new TextField();
                t.textProperty().bindBidirectional(f.valueProperty());
                if (f.key().equals("tags") || f.key().equals("language")) {
                    t.setPromptText(Messages.get("modelcard.field.list"));
                }
                input = t;
            }
            input.setId("field-" + f.key().replace("mlwb.", "").replace('_', '-'));
            GridPane.setHgrow(input, Priority.ALWAYS);
            grid.add(label, 0, row);
            grid.add(input, 1, row++);
        }
        form.getChildren().addAll(meta, grid);
        for (CardEditorViewModel.Section s : vm.sections()) {
            form.getChildren().add(section(s));
        }
    }

    private Node section(CardEditorViewModel.Section s) {
        Label heading = new Label(s.heading());
        heading.getStyleClass().add("card-section-title");
        Label required = new Label(Messages.get("modelcard.section.required"));
        required.getStyleClass().add("card-chip");
        required.visibleProperty().bind(s.requiredProperty());
        required.managedProperty().bind(s.requiredProperty());
        s.missingProperty().addListener((o, was, now) -> required.pseudoClassStateChanged(Styles.STATE_DANGER, now));
        required.pseudoClassStateChanged(Styles.STATE_DANGER, s.missingProperty().get());
        HBox head = new HBox(8, heading, required);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, head);
        box.getStyleClass().add("card-form-section");
        if (!s.autoProperty().get().isEmpty()) {
            Label badge = new Label(Messages.get("modelcard.section.auto"));
            badge.getStyleClass().addAll("card-chip", "card-chip-auto");
            Hyperlink refresh = new Hyperlink(Messages.get("modelcard.section.refresh"));
            refresh.setOnAction(e -> vm.autofill());
            refresh.disableProperty().bind(vm.busyProperty());
            HBox autoHead = new HBox(4, badge, refresh);
            autoHead.setAlignment(Pos.CENTER_LEFT);
            Label auto = new Label();
            auto.textProperty().bind(s.autoProperty());
            auto.getStyleClass().add("card-auto");
            auto.setWrapText(true);
            auto.setMaxWidth(Double.MAX_VALUE);
            auto.setTooltip(new Tooltip(Messages.get("modelcard.section.auto.tip")));
            box.getChildren().addAll(autoHead, auto);
        }
        TextArea text = new TextArea();
        text.setId("section-" + s.index());
        text.setWrapText(true);
        text.textProperty().bindBidirectional(s.textProperty());
        text.setPrefRowCount(Math.max(2, Math.min(12, s.textProperty().get().split("\n", -1).length + 1)));
        text.promptTextProperty().bind(s.promptProperty()); // the card's prompt comment, kept in the source
        io.mlwb.modelcard.CardSection.of(s.heading()).ifPresent(k -> text.setTooltip(new Tooltip(k.prompt())));
        box.getChildren().add(text);
        return box;
    }

    private void renderPreview() {
        CardDocument d = vm.documentProperty().get();
        if (!previewTab.isSelected() || d == null) {
            return;
        }
        String body = d.text();
        int start = 0;
        if (!d.frontMatter().isEmpty() || body.startsWith("---")) {
            int line = 1;
            while (line < d.bodyLine() && start >= 0) {
                start = body.indexOf('\n', start) + 1;
                line++;
            }
        }
        // one part per level-2 section, each followed by the charts of its autofilled tables; prompts and fill
        // markers are HTML comments, left out as the HTML and Hub exports leave them out
        VBox page = new VBox(8);
        page.getStyleClass().add("card-preview-page");
        for (String part : SECTION.split(body.substring(Math.max(0, start)))) {
            page.getChildren().add(Markdown.renderDocument(io.mlwb.modelcard.MarkdownComments.strip(part)));
            for (Node chart : CardCharts.of(part)) {
                VBox.setMargin(chart, new Insets(0, 12, 0, 12));
                page.getChildren().add(chart);
            }
        }
        preview.setContent(page);
    }
}
