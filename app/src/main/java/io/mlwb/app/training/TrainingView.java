package io.mlwb.app.training;

import io.mlwb.app.charts.LiveLineChart;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.LiveDrain;
import io.mlwb.app.ui.Messages;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.beans.property.SimpleStringProperty;
import javafx.util.Duration;

/**
 * The Training pane: spec, Start/Pause/Resume/Stop and the run's state on top; four live charts (training loss per
 * step with smoothing, train and validation loss per epoch, the validation metric per epoch, learning rate and
 * machine utilization); the epoch table and the final metrics below. The charts are {@link LiveLineChart}s fed
 * incrementally ({@link LiveFeed}) and redrawn at most ten times a second, downsampled by LTTB, so a long run does
 * not slow them.
 */
public final class TrainingView {
    private TrainingView() {
    }

    /**
     * @param vm the view model
     * @return the pane; dispose the view model when it closes
     */
    public static Node create(TrainingViewModel vm) {
        ComboBox<String> spec = new ComboBox<>(vm.specs());
        spec.setId("trainingSpec");
        spec.valueProperty().bindBidirectional(vm.selectedSpecProperty());
        spec.setPromptText(Messages.get("training.spec.prompt"));
        Button start = button("trainingStart", "training.start", AppIcon.RUN);
        Button pause = button("trainingPause", "training.pause", AppIcon.STOP);
        Button resume = button("trainingResume", "training.resume", AppIcon.RUN);
        Button stop = button("trainingStop", "training.stop", AppIcon.CANCEL);
        start.setOnAction(e -> vm.start());
        pause.setOnAction(e -> vm.pause());
        resume.setOnAction(e -> vm.resume());
        stop.setOnAction(e -> vm.stop());
        var st = vm.stateProperty();
        start.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.available() || spec.getValue() == null
                || st.get() == TrainingViewModel.State.RUNNING || st.get() == TrainingViewModel.State.STARTING
                || st.get() == TrainingViewModel.State.PAUSED, st, spec.valueProperty()));
        pause.disableProperty().bind(st.isNotEqualTo(TrainingViewModel.State.RUNNING)
                .or(vm.controllableProperty().not()));
        resume.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.available()
                || !(st.get() == TrainingViewModel.State.PAUSED && vm.controllableProperty().get()
                || st.get() == TrainingViewModel.State.STOPPED), st, vm.controllableProperty()));
        stop.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.controllableProperty().get()
                || st.get() != TrainingViewModel.State.RUNNING && st.get() != TrainingViewModel.State.PAUSED, st,
                vm.controllableProperty()));
        Label state = new Label();
        state.setId("trainingState");
        state.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("training.state."
                + st.get().name().toLowerCase(Locale.ROOT)) + (vm.runIdProperty().get() == null ? ""
                : " · " + Messages.format("training.run", vm.runIdProperty().get())), st, vm.runIdProperty()));
        Slider smoothing = new Slider(0, 0.99, vm.smoothingProperty().get());
        smoothing.setPrefWidth(110);
        smoothing.valueProperty().bindBidirectional(vm.smoothingProperty());
        smoothing.setTooltip(new Tooltip(Messages.get("training.smoothing")));
        Label smoothingLabel = new Label(Messages.get("training.smoothing"));
        HBox bar = new HBox(8, new Label(Messages.get("training.spec")), spec, start, pause, resume, stop, state,
                spacer(), smoothingLabel, smoothing);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        Label message = new Label();
        message.setId("trainingMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.setPadding(new Insets(0, 8, 4, 8));

        LiveCharts live = new LiveCharts(vm);
        GridPane charts = live.grid();

        TableView<TrainingViewModel.EpochRow> table = new TableView<>(vm.epochs());
        table.setId("trainingEpochs");
        table.setPlaceholder(new Label(Messages.get("training.epochs.empty")));
        table.getColumns().add(column("training.col.epoch", r -> Integer.toString(r.epoch())));
        table.getColumns().add(column("training.col.trainLoss", r -> num(r.trainLoss())));
        table.getColumns().add(column("training.col.valLoss", r -> num(r.valLoss())));
        table.getColumns().add(column("training.col.metric", r -> num(r.metric())));
        table.getColumns().add(column("training.col.lr", r -> String.format(Locale.ROOT, "%.2g", r.lr())));
        table.getColumns().add(column("training.col.seconds", r -> String.format(Locale.ROOT, "%.2f", r.seconds())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label summary = new Label();
        summary.setId("trainingSummary");
        summary.setWrapText(true);
        summary.setStyle("-fx-font-family: monospace;");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setPadding(new Insets(6));
        HBox epochsBox = new HBox(6, table, summary);
        HBox.setHgrow(table, Priority.ALWAYS);
        javafx.scene.control.Tab epochsTab = new javafx.scene.control.Tab(Messages.get("training.tab.epochs"),
                epochsBox);
        javafx.scene.control.Tab evalTab = new javafx.scene.control.Tab(Messages.get("training.tab.evaluation"));
        javafx.scene.control.Tab fairTab = new javafx.scene.control.Tab(Messages.get("training.tab.fairness"));
        javafx.scene.control.Tab explainTab = new javafx.scene.control.Tab(Messages.get("training.tab.explanations"));
        javafx.scene.control.Tab sweepTab = new javafx.scene.control.Tab(Messages.get("training.tab.sweep"),
                sweep(vm.sweeps(), vm::show));
        javafx.scene.control.TabPane bottom = new javafx.scene.control.TabPane(epochsTab, evalTab, fairTab,
                explainTab, sweepTab);
        bottom.setId("trainingReportTabs");
        bottom.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        for (javafx.scene.control.Tab t : bottom.getTabs()) {
            t.setId("trainingTab-" + bottom.getTabs().indexOf(t));
        }
        Runnable fill = () -> {
            TrainingViewModel.RunReport rep = vm.reportProperty().get();
            Label none = new Label(Messages.get("training.report.none"));
            none.setPadding(new Insets(12));
            evalTab.setContent(rep == null ? none : RunReportView.evaluation(rep));
            fairTab.setContent(rep == null ? new Label(Messages.get("training.report.none"))
                    : RunReportView.fairness(rep));
            explainTab.setContent(rep == null ? new Label(Messages.get("training.report.none"))
                    : RunReportView.explanations(rep));
        };
        fill.run();
        vm.reportProperty().addListener((o, a, b) -> fill.run());
        SplitPane split = new SplitPane(charts, bottom);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.55);

        SplitPane main = new SplitPane(form(vm.form()), split);
        main.setDividerPositions(0.27);
        SplitPane.setResizableWithParent(main.getItems().get(0), false);
        BorderPane root = new BorderPane(main);
        root.setTop(new VBox(bar, message));
        root.setId("trainingPane");

        vm.feedProperty().addListener((o, was, now) -> live.show(now));
        live.show(vm.feedProperty().get());
        LiveDrain.polling(vm::tick, Duration.millis(100)).whileShowing(root);
        return root;
    }

    /** The spec form: one text field per common spec field, Save writes them into the file keeping its comments. */
    private static Node form(SpecFormModel form) {
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        grid.setPadding(new Insets(6, 8, 6, 8));
        int row = 0;
        Label title = new Label(Messages.get("training.form.title"));
        title.setStyle("-fx-font-weight: bold;");
        grid.add(title, 0, row++, 2, 1);
        for (SpecFormModel.Field f : SpecFormModel.FIELDS) {
            Label l = new Label(f.key());
            l.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            javafx.scene.control.TextField t = new javafx.scene.control.TextField();
            t.setId("form-" + f.key().replace('.', '-').replace('_', '-'));
            t.setPrefColumnCount(9);
            t.textProperty().bindBidirectional(form.value(f.key()));
            t.disableProperty().bind(form.editableProperty().not());
            t.setOnAction(e -> form.save());
            grid.add(l, 0, row);
            grid.add(t, 1, row++);
        }
        Button save = new Button(Messages.get("training.form.save"), AppIcon.CHECK.node());
        save.setId("trainingFormSave");
        save.disableProperty().bind(form.editableProperty().not());
        save.setOnAction(e -> form.save());
        grid.add(save, 1, row++);
        Label msg = new Label();
        msg.setId("trainingFormMessage");
        msg.setWrapText(true);
        msg.setMaxWidth(260);
        msg.textProperty().bind(form.messageProperty());
        grid.add(msg, 0, row, 2, 1);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(200);
        return scroll;
    }

    /** The sweep tab: a sweep file, Run, and the trials ranked by the metric (double-click shows a trial's run). */
    private static Node sweep(SweepViewModel sweeps, java.util.function.LongConsumer show) {
        ComboBox<String> file = new ComboBox<>(sweeps.files());
        file.setId("trainingSweepFile");
        file.valueProperty().bindBidirectional(sweeps.selectedProperty());
        file.setPromptText(Messages.get("training.sweep.none"));
        Button run = button("trainingSweepRun", "training.sweep.run", AppIcon.RUN);
        run.disableProperty().bind(sweeps.runningProperty().or(file.valueProperty().isNull()));
        run.setOnAction(e -> sweeps.run());
        Label msg = new Label();
        msg.textProperty().bind(sweeps.messageProperty());
        HBox top = new HBox(8, file, run, msg);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(4));
        TableView<SweepViewModel.Row> table = new TableView<>(sweeps.trials());
        table.setId("trainingSweepTrials");
        table.setPlaceholder(new Label(Messages.get("training.sweep.empty")));
        TableColumn<SweepViewModel.Row, String> t = new TableColumn<>(Messages.get("training.sweep.col.trial"));
        t.setCellValueFactory(cd -> new SimpleStringProperty(cd.getValue().trial()
                + (cd.getValue().best() ? "  \u2605" : "")));
        TableColumn<SweepViewModel.Row, String> st = new TableColumn<>(Messages.get("training.sweep.col.status"));
        st.setCellValueFactory(cd -> new SimpleStringProperty(cd.getValue().status()));
        TableColumn<SweepViewModel.Row, String> v = new TableColumn<>(Messages.get("training.sweep.col.value"));
        v.setCellValueFactory(cd -> new SimpleStringProperty(cd.getValue().value() == null ? ""
                : String.format(Locale.ROOT, "%.4f", cd.getValue().value())));
        TableColumn<SweepViewModel.Row, String> r = new TableColumn<>(Messages.get("training.sweep.col.run"));
        r.setCellValueFactory(cd -> new SimpleStringProperty(cd.getValue().runId() == null ? ""
                : cd.getValue().runId().toString()));
        TableColumn<SweepViewModel.Row, String> p = new TableColumn<>(Messages.get("training.sweep.col.params"));
        p.setCellValueFactory(cd -> new SimpleStringProperty(cd.getValue().params()));
        table.getColumns().addAll(List.of(t, st, v, r, p));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(tv -> {
            javafx.scene.control.TableRow<SweepViewModel.Row> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null && row.getItem().runId() != null) {
                    show.accept(row.getItem().runId());
                }
            });
            return row;
        });
        BorderPane box = new BorderPane(table);
        box.setTop(top);
        return box;
    }

    private static Node spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private static Button button(String id, String key, AppIcon icon) {
        Button b = new Button(Messages.get(key), icon.node());
        b.setId(id);
        return b;
    }

    private static TableColumn<TrainingViewModel.EpochRow, String> column(String key,
            Function<TrainingViewModel.EpochRow, String> text) {
        TableColumn<TrainingViewModel.EpochRow, String> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(cd -> new SimpleStringProperty(text.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * The four live charts, made anew for each run shown (a {@link LiveFeed}): each line of the feed is drawn by the
     * chart it belongs to, straight from the points the feed appends, downsampled on the FX timer of the chart.
     */
    static final class LiveCharts {
        private final TrainingViewModel vm;
        private final GridPane grid = new GridPane();
        private final Map<LiveFeed.Chart, LiveLineChart> charts = new EnumMap<>(LiveFeed.Chart.class);
        private final Map<LiveFeed.Chart, Label> titles = new EnumMap<>(LiveFeed.Chart.class);

        LiveCharts(TrainingViewModel vm) {
            this.vm = vm;
            grid.setHgap(6);
            grid.setVgap(6);
            grid.setPadding(new Insets(4, 8, 4, 8));
            int i = 0;
            for (LiveFeed.Chart c : LiveFeed.Chart.values()) {
                Label title = new Label(title(c, false));
                title.getStyleClass().add("text-bold");
                titles.put(c, title);
                BorderPane slot = new BorderPane();
                slot.setId(ID.get(c));
                slot.setTop(title);
                slot.setMinSize(200, 100);
                slot.setPrefSize(480, 260);
                grid.add(slot, i % 2, i / 2);
                GridPane.setHgrow(slot, Priority.ALWAYS);
                GridPane.setVgrow(slot, Priority.ALWAYS);
                i++;
            }
        }

        private static final Map<LiveFeed.Chart, String> ID = Map.of(LiveFeed.Chart.LOSS_STEP, "trainingLossStep",
                LiveFeed.Chart.LOSS_EPOCH, "trainingLossEpoch", LiveFeed.Chart.METRIC, "trainingMetric",
                LiveFeed.Chart.SYSTEM, "trainingSystem");

        GridPane grid() {
            return grid;
        }

        /** @return the chart drawing {@code c} now (for tests) */
        LiveLineChart chart(LiveFeed.Chart c) {
            return charts.get(c);
        }

        private static String title(LiveFeed.Chart c, boolean lr) {
            return Messages.get(switch (c) {
                case LOSS_STEP -> "training.chart.lossStep";
                case LOSS_EPOCH -> "training.chart.lossEpoch";
                case METRIC -> "training.chart.metric";
                case SYSTEM -> lr ? "training.chart.lr" : "training.chart.system";
            });
        }

        /** Replaces the charts with empty ones drawing {@code feed}'s lines (none when null). FX thread. */
        void show(LiveFeed feed) {
            charts.values().forEach(LiveLineChart::dispose);
            charts.clear();
            for (LiveFeed.Chart c : LiveFeed.Chart.values()) {
                put(c, false);
            }
            if (feed != null) {
                feed.onLine(line -> {
                    if (line.chart() == LiveFeed.Chart.SYSTEM && line.name().equals("train/lr")) {
                        // a run without utilization series: its learning rate per step, on a step axis
                        Platform.runLater(() -> {
                            if (vm.feedProperty().get() == feed) {
                                put(LiveFeed.Chart.SYSTEM, true).series(line.name(), line.label(), line.data());
                            }
                        });
                    } else {
                        charts.get(line.chart()).series(line.name(), line.label(), line.data());
                    }
                });
            }
        }

        private LiveLineChart put(LiveFeed.Chart c, boolean lr) {
            LiveLineChart old = charts.get(c);
            if (old != null) {
                old.dispose();
            }
            String x = Messages.get(c == LiveFeed.Chart.LOSS_STEP || lr ? "training.axis.step"
                    : c == LiveFeed.Chart.SYSTEM ? "training.axis.seconds" : "training.axis.epoch");
            String y = c == LiveFeed.Chart.SYSTEM && !lr ? "%" : "";
            LiveLineChart chart = new LiveLineChart(x, y);
            if (c == LiveFeed.Chart.LOSS_STEP) {
                chart.smoothingProperty().bind(vm.smoothingProperty());
            }
            charts.put(c, chart);
            titles.get(c).setText(title(c, lr));
            ((BorderPane) titles.get(c).getParent()).setCenter(chart.node());
            return chart;
        }
    }
}
