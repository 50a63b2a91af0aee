package io.mlwb.app.problems;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;

/**
 * The Problems tool window: a table of problems (severity icon, message, what to do, source, time), the selected
 * one's details below (what to do; a bug's stack trace), Copy, Details (a bug's error dialog) and Clear. Built in
 * code.
 */
public final class ProblemsView {
    private final ProblemsViewModel vm;
    private BorderPane root;

    /** @param vm the problems to show */
    public ProblemsView(ProblemsViewModel vm) {
        this.vm = Objects.requireNonNull(vm, "vm");
    }

    /** @return the tool window's content, built on first call (FX thread) */
    public Node node() {
        if (root == null) {
            root = build();
        }
        return root;
    }

    private BorderPane build() {
        TableView<Problem> table = new TableView<>(vm.problems());
        table.setId("problemsTable");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE, "problems-table");
        table.setPlaceholder(new Label(Messages.get("problems.empty")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<Problem, Severity> severity = new TableColumn<>("");
        severity.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().severity()));
        severity.setCellFactory(c -> new SeverityCell());
        severity.setPrefWidth(36);
        severity.setMaxWidth(48);
        TableColumn<Problem, String> message = text("problems.column.message", 360, Problem::message);
        TableColumn<Problem, String> whatToDo = text("problems.column.whatToDo", 320, Problem::whatToDo);
        TableColumn<Problem, String> source = text("problems.column.source", 120, Problem::source);
        TableColumn<Problem, String> time = text("problems.column.time", 80, vm::formatTime);
        table.getColumns().setAll(List.of(severity, message, whatToDo, source, time));

        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.selectedProperty().set(now));

        TextArea details = new TextArea();
        details.setId("problemDetails");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPromptText(Messages.get("problems.details.prompt"));
        details.textProperty().bind(vm.detailsProperty());
        details.getStyleClass().add("problem-details");

        SplitPane split = new SplitPane(table, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.65);

        Button copy = new Button(Messages.get("problems.copy"), AppIcon.COPY.node());
        copy.setId("problemsCopyButton");
        copy.getStyleClass().add(Styles.FLAT);
        copy.setOnAction(e -> {
            Problem p = vm.selectedProperty().get();
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.copyText(p == null ? List.copyOf(vm.problems()) : List.of(p)));
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button clear = new Button(Messages.get("problems.clear"), AppIcon.CLOSE.node());
        clear.setId("problemsClearButton");
        clear.getStyleClass().add(Styles.FLAT);
        clear.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.problems()));
        clear.setOnAction(e -> vm.clear());
        Button showDetails = new Button(Messages.get("problems.details"), AppIcon.INFO.node());
        showDetails.setId("problemsDetailsButton");
        showDetails.getStyleClass().add(Styles.FLAT);
        showDetails.setTooltip(new Tooltip(Messages.get("problems.details.tooltip")));
        showDetails.disableProperty().bind(vm.bugSelectedProperty().not());
        showDetails.setOnAction(e -> vm.showDetails());
        Label summary = new Label();
        summary.setId("problemsSummary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add(Styles.TEXT_MUTED);

        BorderPane pane = new BorderPane(split);
        pane.setTop(new ToolBar(copy, showDetails, clear, summary));
        pane.getStyleClass().add("problems-pane");
        pane.getStylesheets().add(Objects.requireNonNull(ProblemsView.class.getResource("problems.css"))
                .toExternalForm());
        return pane;
    }

    private static TableColumn<Problem, String> text(String key, double width,
                                                     java.util.function.Function<Problem, String> value) {
        TableColumn<Problem, String> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** The severity as an icon, coloured through {@code problem-<severity>} (problems.css, -color-* tokens). */
    private static final class SeverityCell extends TableCell<Problem, Severity> {
        @Override
        protected void updateItem(Severity value, boolean empty) {
            super.updateItem(value, empty);
            getStyleClass().removeAll("problem-error", "problem-warning", "problem-info");
            if (empty || value == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            String name = value.name().toLowerCase(Locale.ROOT);
            getStyleClass().add("problem-" + name);
            setGraphic(switch (value) {
                case ERROR -> AppIcon.ERROR.node();
                case WARNING -> AppIcon.WARNING.node();
                case INFO -> AppIcon.INFO.node();
            });
            setTooltip(new Tooltip(Messages.get(switch (value) {
                case ERROR -> "problems.severity.error";
                case WARNING -> "problems.severity.warning";
                case INFO -> "problems.severity.info";
            })));
        }
    }
}
