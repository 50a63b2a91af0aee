package io.mlwb.app.training;

import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.LiveDrain;
import io.mlwb.app.ui.Messages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
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
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The Training pane: spec, Start/Pause/Resume/Stop and the run's state on top; four live charts (training loss per
 * step with smoothing, train and validation loss per epoch, the validation metric per epoch, learning rate and
 * machine utilization); the epoch table and the final metrics below. Redraws at most ten times a second, from
 * {@link ChartSnapshot}s already downsampled off the FX thread.
 */
public final class TrainingView {
    private static final Color[] COLORS = {new Color(0x4C, 0x8D, 0xF6), new Color(0xF5, 0x9E, 0x0B),
        new Color(0x10, 0xB9, 0x81), new Color(0xE1, 0x4D, 0x5A), new Color(0x8B, 0x5C, 0xF6)};
    private static final Color AXIS = new Color(0x8A, 0x8A, 0x8A);
    private static final java.awt.Font FONT = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11);

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

        ChartViewer lossStep = viewer("trainingLossStep");
        ChartViewer lossEpoch = viewer("trainingLossEpoch");
        ChartViewer metric = viewer("trainingMetric");
        ChartViewer system = viewer("trainingSystem");
        GridPane charts = new GridPane();
        charts.setHgap(6);
        charts.setVgap(6);
        charts.setPadding(new Insets(4, 8, 4, 8));
        charts.add(lossStep, 0, 0);
        charts.add(lossEpoch, 1, 0);
        charts.add(metric, 0, 1);
        charts.add(system, 1, 1);
        for (Node n : List.of(lossStep, lossEpoch, metric, system)) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
        }

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

        vm.chartsProperty().addListener((o, a, snap) -> {
            lossStep.setChart(chart(Messages.get("training.chart.lossStep"), snap == null ? null
                    : snap.series().get("loss_step"), Messages.get("training.axis.step"), false));
            lossEpoch.setChart(chart(Messages.get("training.chart.lossEpoch"), snap == null ? null
                    : snap.series().get("loss_epoch"), Messages.get("training.axis.epoch"), true));
            metric.setChart(chart(Messages.get("training.chart.metric"), snap == null ? null
                    : snap.series().get("metric_epoch"), Messages.get("training.axis.epoch"), true));
            List<LiveSeries.Drawn> sys = snap == null ? null : snap.series().get("system");
            system.setChart(sys == null || sys.isEmpty()
                    ? chart(Messages.get("training.chart.lr"), snap == null ? null : snap.series().get("lr"),
                    Messages.get("training.axis.step"), false)
                    : chart(Messages.get("training.chart.system"), sys, Messages.get("training.axis.seconds"), false));
        });
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

    private static ChartViewer viewer(String id) {
        ChartViewer v = new ChartViewer(chart("", null, "", false), false);
        v.setId(id);
        v.setMinSize(200, 100);
        v.setPrefSize(480, 260);
        return v;
    }

    static JFreeChart chart(String title, List<LiveSeries.Drawn> series, String xLabel, boolean shapes) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        int colour = 0;
        if (series != null) {
            for (LiveSeries.Drawn d : series) {
                XYSeries s = new XYSeries(d.name(), false, true);
                for (int i = 0; i < d.x().length; i++) {
                    if (!Double.isNaN(d.y()[i])) {
                        s.add(d.x()[i], d.y()[i], false);
                    }
                }
                int idx = data.getSeriesCount();
                data.addSeries(s);
                Color c = d.faint() ? new Color(COLORS[0].getRed(), COLORS[0].getGreen(), COLORS[0].getBlue(), 70)
                        : COLORS[colour++ % COLORS.length];
                renderer.setSeriesPaint(idx, c);
                renderer.setSeriesStroke(idx, new BasicStroke(d.faint() ? 1f : 1.8f));
                renderer.setSeriesShapesVisible(idx, shapes && d.x().length <= 60);
            }
        }
        NumberAxis x = new NumberAxis(xLabel);
        NumberAxis y = new NumberAxis();
        y.setAutoRangeIncludesZero(false);
        for (NumberAxis a : List.of(x, y)) {
            a.setLabelPaint(AXIS);
            a.setTickLabelPaint(AXIS);
            a.setAxisLinePaint(AXIS);
            a.setTickMarkPaint(AXIS);
            a.setLabelFont(FONT);
            a.setTickLabelFont(FONT);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            XYSeries s = data.getSeries(i);
            if (!s.isEmpty()) {
                lo = Math.min(lo, s.getMinY());
                hi = Math.max(hi, s.getMaxY());
            }
        }
        if (hi >= lo && hi - lo <= 1e-9 * Math.max(1e-12, Math.abs(hi))) {
            // a constant series (a constant learning rate): show it against zero, not a range of rounding noise
            y.setAutoRangeIncludesZero(true);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(new Color(0, 0, 0, 0));
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(new Color(0x80, 0x80, 0x80, 60));
        plot.setRangeGridlinePaint(new Color(0x80, 0x80, 0x80, 60));
        JFreeChart chart = new JFreeChart(null, FONT, plot, series != null && series.size() > 1);
        TextTitle t = new TextTitle(title, FONT.deriveFont(java.awt.Font.BOLD, 12f));
        t.setPaint(AXIS);
        chart.setTitle(t);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemPaint(AXIS);
            chart.getLegend().setBackgroundPaint(new Color(0, 0, 0, 0));
            chart.getLegend().setItemFont(FONT);
        }
        chart.setBackgroundPaint(new Color(0, 0, 0, 0));
        chart.setAntiAlias(true);
        return chart;
    }

    /** For tests: how many points the chart of {@code key} would draw for a snapshot. */
    static int drawnPoints(ChartSnapshot snap, String key) {
        Map<String, List<LiveSeries.Drawn>> s = snap.series();
        return s.get(key).stream().mapToInt(d -> d.x().length).max().orElse(0);
    }
}
