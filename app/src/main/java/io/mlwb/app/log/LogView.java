package io.mlwb.app.log;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.LiveDrain;
import io.mlwb.app.ui.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.util.StringConverter;

/**
 * The Log tool window: the app's recent log lines (time, level, logger, message), coloured by level, filtered by
 * minimum level and text, with Copy and "Clear view". New lines are drained from the buffer by the shared
 * {@link LiveDrain} ten times a second while the pane is in a scene (STYLE rule 6), never one {@code runLater} per event.
 */
public final class LogView {
    private final LogViewModel vm;
    private final LiveDrain<Void> drain;
    private BorderPane root;
    private TableView<LogLine> table;

    /** @param vm the log lines and filters */
    public LogView(LogViewModel vm) {
        this.vm = Objects.requireNonNull(vm, "vm");
        this.drain = LiveDrain.polling(this::drainNow, LiveDrain.DEFAULT_PERIOD);
    }

    /** @return the tool window's content, built on first call (FX thread) */
    public Node node() {
        if (root == null) {
            root = build();
        }
        return root;
    }

    /** Stops the timer (the shell calls it when the tool window is discarded). */
    public void dispose() {
        drain.stop();
    }

    private void drainNow() {
        boolean follow = table.getSelectionModel().isEmpty();
        if (vm.poll() > 0 && follow && !vm.lines().isEmpty()) {
            table.scrollTo(vm.lines().size() - 1);
        }
    }

    private BorderPane build() {
        table = new TableView<>(vm.lines());
        table.setId("logTable");
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "log-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label(Messages.get("log.empty")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new LevelRow());

        TableColumn<LogLine, String> time = column("log.column.time", 100, vm::formatTime);
        TableColumn<LogLine, String> level = column("log.column.level", 60, l -> l.level().name());
        TableColumn<LogLine, String> logger = column("log.column.logger", 160, LogLine::loggerShortName);
        TableColumn<LogLine, String> message = column("log.column.message", 600, LogLine::fullMessage);
        table.getColumns().setAll(List.of(time, level, logger, message));
        table.getColumns().forEach(c -> c.setSortable(false));

        ChoiceBox<LogLevel> levels = new ChoiceBox<>(FXCollections.observableArrayList(LogLevel.values()));
        levels.setId("logLevel");
        levels.setConverter(new StringConverter<>() {
            @Override
            public String toString(LogLevel l) {
                if (l == null) {
                    return "";
                }
                return Messages.get(switch (l) {
                    case TRACE -> "log.level.trace";
                    case DEBUG -> "log.level.debug";
                    case INFO -> "log.level.info";
                    case WARN -> "log.level.warn";
                    case ERROR -> "log.level.error";
                });
            }

            @Override
            public LogLevel fromString(String s) {
                return null;
            }
        });
        levels.valueProperty().bindBidirectional(vm.minLevelProperty());

        TextField filter = new TextField();
        filter.setId("logFilter");
        filter.setPromptText(Messages.get("log.filter.prompt"));
        filter.textProperty().bindBidirectional(vm.filterTextProperty());

        Button copy = new Button(Messages.get("log.copy"), AppIcon.COPY.node());
        copy.setId("logCopyButton");
        copy.getStyleClass().add(Styles.FLAT);
        copy.setOnAction(e -> copy());

        Button clear = new Button(Messages.get("log.clearView"), AppIcon.CLOSE.node());
        clear.setId("logClearButton");
        clear.getStyleClass().add(Styles.FLAT);
        clear.setOnAction(e -> {
            table.getSelectionModel().clearSelection();
            vm.clearView();
        });

        BorderPane pane = new BorderPane(table);
        pane.setTop(new ToolBar(new Label(Messages.get("log.level")), levels, filter, copy, clear));
        pane.getStyleClass().add("log-pane");
        pane.getStylesheets().add(Objects.requireNonNull(LogView.class.getResource("log.css")).toExternalForm());
        drain.whileShowing(pane);
        drainNow();
        return pane;
    }

    private void copy() {
        List<LogLine> lines = table.getSelectionModel().isEmpty()
                ? List.copyOf(vm.lines()) : List.copyOf(table.getSelectionModel().getSelectedItems());
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.copyText(lines));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static TableColumn<LogLine, String> column(String key, double width,
                                                       java.util.function.Function<LogLine, String> value) {
        TableColumn<LogLine, String> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** Colours a row by its level through the {@code log-<level>} style class (log.css uses -color-* tokens). */
    private static final class LevelRow extends TableRow<LogLine> {
        private static final List<String> CLASSES =
                java.util.Arrays.stream(LogLevel.values()).map(LevelRow::styleClass).toList();

        static String styleClass(LogLevel level) {
            return "log-" + level.name().toLowerCase(Locale.ROOT);
        }

        @Override
        protected void updateItem(LogLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll(CLASSES);
            if (!empty && line != null) {
                getStyleClass().add(styleClass(line.level()));
            }
        }
    }
}
