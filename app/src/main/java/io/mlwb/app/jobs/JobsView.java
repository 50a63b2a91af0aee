package io.mlwb.app.jobs;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;

/**
 * The Jobs tool window: one row per running or recently finished job (title, progress bar, message, elapsed m:ss,
 * state, Cancel) and a "Clear finished" button. Built in code: the table is its whole content.
 */
public final class JobsView {
    private final JobsViewModel vm;
    private BorderPane root;

    /** @param vm the jobs to show */
    public JobsView(JobsViewModel vm) {
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
        TableView<JobEntry> table = new TableView<>(vm.jobs());
        table.setId("jobsTable");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setPlaceholder(new Label(Messages.get("jobs.empty")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<JobEntry, String> title = new TableColumn<>(Messages.get("jobs.column.title"));
        title.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().title()));
        title.setPrefWidth(260);

        TableColumn<JobEntry, Number> progress = new TableColumn<>(Messages.get("jobs.column.progress"));
        progress.setCellValueFactory(c -> c.getValue().progressProperty());
        progress.setCellFactory(c -> new ProgressCell());
        progress.setPrefWidth(140);

        TableColumn<JobEntry, String> message = new TableColumn<>(Messages.get("jobs.column.message"));
        message.setCellValueFactory(c -> c.getValue().messageProperty());
        message.setPrefWidth(240);

        TableColumn<JobEntry, String> elapsed = new TableColumn<>(Messages.get("jobs.column.elapsed"));
        elapsed.setCellValueFactory(c -> Bindings.createStringBinding(
                () -> JobsViewModel.formatElapsed(c.getValue().elapsedProperty().get()),
                c.getValue().elapsedProperty()));
        elapsed.setPrefWidth(70);

        TableColumn<JobEntry, JobState> state = new TableColumn<>(Messages.get("jobs.column.state"));
        state.setCellValueFactory(c -> c.getValue().stateProperty());
        state.setCellFactory(c -> new StateCell());
        state.setPrefWidth(100);

        TableColumn<JobEntry, JobState> cancel = new TableColumn<>("");
        cancel.setCellValueFactory(c -> c.getValue().stateProperty());
        cancel.setCellFactory(c -> new CancelCell());
        cancel.setPrefWidth(90);
        cancel.setSortable(false);

        table.getColumns().setAll(java.util.List.of(title, progress, message, elapsed, state, cancel));

        Button clear = new Button(Messages.get("jobs.clearFinished"), AppIcon.CLOSE.node());
        clear.setId("clearFinishedButton");
        clear.disableProperty().bind(vm.hasFinishedProperty().not());
        clear.setOnAction(e -> vm.clearFinished());
        clear.getStyleClass().add(Styles.FLAT);

        BorderPane pane = new BorderPane(table);
        pane.setTop(new ToolBar(clear));
        pane.getStyleClass().add("jobs-pane");
        return pane;
    }

    private static final class ProgressCell extends TableCell<JobEntry, Number> {
        private final ProgressBar bar = new ProgressBar();

        ProgressCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add(Styles.SMALL);
        }

        @Override
        protected void updateItem(Number value, boolean empty) {
            super.updateItem(value, empty);
            if (empty || value == null) {
                setGraphic(null);
            } else {
                bar.setProgress(value.doubleValue() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : value.doubleValue());
                setGraphic(bar);
            }
        }
    }

    private static final class StateCell extends TableCell<JobEntry, JobState> {
        @Override
        protected void updateItem(JobState value, boolean empty) {
            super.updateItem(value, empty);
            getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.WARNING);
            if (empty || value == null) {
                setText(null);
                return;
            }
            setText(Messages.get(switch (value) {
                case RUNNING -> "jobs.state.running";
                case SUCCEEDED -> "jobs.state.succeeded";
                case FAILED -> "jobs.state.failed";
                case CANCELLED -> "jobs.state.cancelled";
            }));
            switch (value) {
                case SUCCEEDED -> getStyleClass().add(Styles.SUCCESS);
                case FAILED -> getStyleClass().add(Styles.DANGER);
                case CANCELLED -> getStyleClass().add(Styles.WARNING);
                default -> { }
            }
        }
    }

    private final class CancelCell extends TableCell<JobEntry, JobState> {
        private final Button button = new Button(Messages.get("jobs.cancel"), AppIcon.CANCEL.node());

        CancelCell() {
            button.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, "job-cancel");
            button.setTooltip(new Tooltip(Messages.get("jobs.cancel.tooltip")));
            button.setOnAction(e -> {
                JobEntry entry = getTableRow() == null ? null : getTableRow().getItem();
                if (entry != null) {
                    vm.cancel(entry);
                    button.setDisable(true);
                }
            });
        }

        @Override
        protected void updateItem(JobState value, boolean empty) {
            super.updateItem(value, empty);
            if (empty || value == null || value.finished()) {
                setGraphic(null);
            } else {
                button.setDisable(false);
                setGraphic(button);
            }
        }
    }
}
