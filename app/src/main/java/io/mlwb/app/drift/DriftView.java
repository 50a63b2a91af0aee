package io.mlwb.app.drift;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.mlwb.app.charts.ChartPalette;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.LiveDrain;
import io.mlwb.app.ui.Messages;
import io.mlwb.drift.report.ColumnDistribution;
import io.mlwb.drift.report.DriftHtml;
import io.mlwb.drift.stats.PopulationStability;
import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Drift pane: a form (reference and current: editable pickers of declared datasets and recorded versions, a file
 * chooser, a folder chooser for request logs, or a typed {@code REV:path}; Run, Cancel and progress), then the summary
 * (verdict badge, drifted/compared counts, share against threshold, both sides, the recorded report's lineage link,
 * Export JSON, Export HTML, Commit report) and the schema differences, the sortable column table with a coloured verdict
 * cell and a sparkline of both distributions, and the selected column's detail: its overlaid histogram or category
 * bars with new and vanished categories. Everything is built in code; state lives in {@link DriftViewModel}.
 */
public final class DriftView {
    private static final PseudoClass DRIFTED = PseudoClass.getPseudoClass("drifted");
    private static final PseudoClass STABLE = PseudoClass.getPseudoClass("stable");
    private static final PseudoClass MODERATE = PseudoClass.getPseudoClass("moderate");
    private static final PseudoClass SIGNIFICANT = PseudoClass.getPseudoClass("significant");

    private final DriftViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ChartPalette palette = new ChartPalette();
    private final TableView<DriftRow> table = new TableView<>();
    private final DistributionChart chart = new DistributionChart(palette);
    private final LiveDrain<Void> progressTimer;

    private DriftView(DriftViewModel vm) {
        this.vm = vm;
        root.getStyleClass().add("drift-pane");
        root.getProperties().put(DriftView.class, this);
        root.getStylesheets().add(Objects.requireNonNull(DriftView.class.getResource("drift.css")).toExternalForm());
        root.getChildren().add(palette.node());

        ProgressBar progress = new ProgressBar(0);
        progress.setId("driftProgress");
        progress.setPrefWidth(160);
        Label step = new Label();
        step.setId("driftProgressStep");
        step.getStyleClass().add(Styles.TEXT_MUTED);
        HBox running = new HBox(8, progress, step);
        running.setAlignment(Pos.CENTER_LEFT);
        running.visibleProperty().bind(vm.busyProperty());
        running.managedProperty().bind(running.visibleProperty());
        progressTimer = LiveDrain.polling(() -> {
            double f = vm.progressFraction();
            progress.setProgress(f < 0 ? ProgressIndicator.INDETERMINATE_PROGRESS : f);
            step.setText(vm.progressMessage());
        }, LiveDrain.DEFAULT_PERIOD);
        vm.busyProperty().addListener((o, was, now) -> {
            if (now) {
                progressTimer.start();
            } else {
                progressTimer.stop();
            }
        });

        VBox top = new VBox(form(running), summary(), notice());
        root.setTop(top);
        Node results = results();
        Node status = status();
        results.visibleProperty().bind(vm.outcomeProperty().isNotNull());
        status.visibleProperty().bind(results.visibleProperty().not());
        root.setCenter(new StackPane(results, status));
        palette.onChange(table::refresh);
    }

    /**
     * @param vm the pane's state
     * @return the pane's node
     */
    public static Node create(DriftViewModel vm) {
        return new DriftView(vm).root;
    }

    /** Stops the progress timer; called when the tab closes. */
    static void dispose(Node node) {
        if (node.getProperties().get(DriftView.class) instanceof DriftView v) {
            v.progressTimer.stop();
        }
    }

    // ---- form ----

    private Node form(Node running) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("drift-form");
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(10, 12, 6, 12));
        side(grid, 0, "reference", Messages.get("drift.reference"), vm.referenceProperty());
        side(grid, 1, "current", Messages.get("drift.current"), vm.currentProperty());
        grid.addRow(2, new Label(Messages.get("drift.time")), timeAndWindow());
        grid.addRow(3, new Label(Messages.get("drift.model")), modelPicker());
        Button run = new Button(Messages.get("drift.run"), AppIcon.RUN.node());
        run.setId("runButton");
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.run());
        Button cancel = new Button(Messages.get("drift.cancel"), AppIcon.CANCEL.node());
        cancel.setId("cancelButton");
        cancel.visibleProperty().bind(vm.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());
        HBox actions = new HBox(8, run, cancel, running);
        actions.setAlignment(Pos.CENTER_LEFT);
        grid.add(actions, 1, 4, 3, 1);
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints field = new ColumnConstraints();
        field.setHgrow(Priority.ALWAYS);
        field.setMaxWidth(720);
        grid.getColumnConstraints().addAll(label, field);
        return grid;
    }

    private void side(GridPane grid, int row, String id, String title, javafx.beans.property.StringProperty spec) {
        Label label = new Label(title);
        ComboBox<String> box = new ComboBox<>();
        box.setId(id + "Box");
        box.setEditable(true);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setPromptText(Messages.get("drift.spec.prompt"));
        box.disableProperty().bind(vm.busyProperty());
        label.setLabelFor(box);
        // the pickers offer the choices' specs; the list shows each with its detail
        vm.choices().addListener((ListChangeListener<DriftViewModel.Choice>) c -> box.getItems().setAll(
                vm.choices().stream().map(DriftViewModel.Choice::spec).toList()));
        box.getItems().setAll(vm.choices().stream().map(DriftViewModel.Choice::spec).toList());
        box.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label detail = new Label(vm.choices().stream().filter(ch -> ch.spec().equals(item)).findFirst()
                        .map(DriftViewModel.Choice::detail).orElse(""));
                detail.getStyleClass().add(Styles.TEXT_MUTED);
                Label name = new Label(item);
                HBox line = new HBox(10, name, detail);
                setText(null);
                setGraphic(line);
            }
        });
        box.getEditor().textProperty().bindBidirectional(spec);
        box.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(spec.get())) {
                spec.set(now);
            }
        });
        Button file = new Button(Messages.get("drift.pick.file"), AppIcon.FILE.node());
        file.setId(id + "File");
        file.disableProperty().bind(vm.busyProperty());
        file.setOnAction(e -> chooseFile(title).ifPresent(p -> spec.set(vm.specOf(p))));
        Button folder = new Button(Messages.get("drift.pick.folder"), AppIcon.FOLDER.node());
        folder.setId(id + "Folder");
        folder.disableProperty().bind(vm.busyProperty());
        folder.setOnAction(e -> chooseFolder().ifPresent(p -> spec.set(vm.specOf(p))));
        grid.addRow(row, label, box, file, folder);
    }

    /** The time column (the shown comparison's datetime columns) and the window; a change recomputes over time. */
    private Node timeAndWindow() {
        ComboBox<String> column = new ComboBox<>(vm.timeColumns());
        column.setId("timeColumnBox");
        column.setEditable(true);
        column.setPrefWidth(220);
        column.setPromptText(Messages.get("drift.time.prompt"));
        column.getEditor().textProperty().bindBidirectional(vm.timeColumnProperty());
        column.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(vm.timeColumnProperty().get())) {
                vm.timeColumnProperty().set(now);
            }
        });
        column.setOnAction(e -> vm.refreshOverTime());
        column.disableProperty().bind(vm.busyProperty());
        ComboBox<String> window = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                DriftViewModel.WINDOWS));
        window.setId("windowBox");
        window.setEditable(true);
        window.setPrefWidth(110);
        window.setTooltip(new Tooltip(Messages.get("drift.time.window.tooltip")));
        window.getEditor().textProperty().bindBidirectional(vm.windowProperty());
        window.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(vm.windowProperty().get())) {
                vm.windowProperty().set(now);
            }
        });
        window.setOnAction(e -> vm.refreshOverTime());
        window.disableProperty().bind(vm.busyProperty());
        Label windowLabel = new Label(Messages.get("drift.time.window"));
        windowLabel.setLabelFor(window);
        HBox line = new HBox(8, column, windowLabel, window);
        line.setAlignment(Pos.CENTER_LEFT);
        return line;
    }

    private Node modelPicker() {
        ComboBox<String> box = new ComboBox<>(vm.models());
        box.setId("modelBox");
        box.setEditable(true);
        box.setPrefWidth(340);
        box.setPromptText(Messages.get("drift.model.prompt"));
        box.getEditor().textProperty().bindBidirectional(vm.modelProperty());
        box.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(vm.modelProperty().get())) {
                vm.modelProperty().set(now);
            }
        });
        box.disableProperty().bind(vm.busyProperty());
        return box;
    }

    private Optional<Path> chooseFile(String side) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.format("drift.pick.file.title", side.toLowerCase(Locale.ROOT)));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get("drift.pick.filter"),
                "*.csv", "*.tsv", "*.txt", "*.jsonl", "*.json", "*.parquet", "*.gz"));
        vm.initialFolder().ifPresent(d -> chooser.setInitialDirectory(d.toFile()));
        return Optional.ofNullable(chooser.showOpenDialog(window())).map(File::toPath);
    }

    private Optional<Path> chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Messages.get("drift.pick.folder.title"));
        vm.initialFolder().ifPresent(d -> chooser.setInitialDirectory(d.toFile()));
        return Optional.ofNullable(chooser.showDialog(window())).map(File::toPath);
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    // ---- summary ----

    private Node summary() {
        Label verdict = new Label();
        verdict.setId("driftVerdict");
        verdict.getStyleClass().add("drift-verdict");
        verdict.textProperty().bind(vm.verdictProperty());
        verdict.pseudoClassStateChanged(DRIFTED, vm.datasetDriftProperty().get());
        vm.datasetDriftProperty().addListener((o, was, now) -> verdict.pseudoClassStateChanged(DRIFTED, now));
        Label counts = new Label();
        counts.setId("driftCounts");
        counts.getStyleClass().add(Styles.TEXT_BOLD);
        counts.textProperty().bind(vm.countsProperty());
        Label share = new Label();
        share.setId("driftShare");
        share.textProperty().bind(vm.shareProperty());
        Hyperlink recorded = new Hyperlink();
        recorded.setId("reportLink");
        recorded.setGraphic(AppIcon.BRANCH.node());
        recorded.setTooltip(new Tooltip(Messages.get("drift.summary.recorded.tooltip")));
        recorded.textProperty().bind(Bindings.createStringBinding(() -> vm.reportIdProperty().get() == null ? ""
                : Messages.format("drift.summary.recorded", vm.reportIdProperty().get().toString()),
                vm.reportIdProperty()));
        recorded.visibleProperty().bind(vm.reportIdProperty().isNotNull());
        recorded.managedProperty().bind(recorded.visibleProperty());
        recorded.setOnAction(e -> vm.openLineage());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button json = new Button(Messages.get("drift.exportJson"), AppIcon.DOWNLOAD.node());
        json.setId("exportJsonButton");
        json.disableProperty().bind(vm.outcomeProperty().isNull().or(vm.writingProperty()));
        json.setOnAction(e -> chooseExport("json").ifPresent(vm::exportJson));
        Button html = new Button(Messages.get("drift.exportHtml"), AppIcon.DOWNLOAD.node());
        html.setId("exportHtmlButton");
        html.disableProperty().bind(json.disableProperty());
        html.setOnAction(e -> chooseExport("html").ifPresent(vm::exportHtml));
        Button commit = new Button(Messages.get("drift.commitReport"), AppIcon.COMMIT.node());
        commit.setId("commitReportButton");
        commit.setTooltip(new Tooltip(Messages.get("drift.commitReport.tooltip")));
        commit.disableProperty().bind(vm.canCommitProperty().not());
        commit.setOnAction(e -> vm.commitReport());
        HBox line = new HBox(12, verdict, counts, share, recorded, spacer, json, html, commit);
        line.setAlignment(Pos.CENTER_LEFT);

        Label sides = new Label();
        sides.setId("driftSides");
        sides.getStyleClass().add(Styles.TEXT_MUTED);
        sides.setWrapText(true);
        sides.textProperty().bind(vm.sidesProperty());
        Label schema = new Label();
        schema.setId("driftSchema");
        schema.setWrapText(true);
        schema.getStyleClass().add("drift-schema");
        Runnable fillSchema = () -> schema.setText(vm.schema().isEmpty() ? Messages.get("drift.schema.none")
                : Messages.get("drift.schema.title") + ": " + String.join(" \u00b7 ", vm.schema()));
        vm.schema().addListener((ListChangeListener<String>) c -> fillSchema.run());
        fillSchema.run();
        Label warnings = new Label();
        warnings.setId("driftWarnings");
        warnings.setWrapText(true);
        warnings.getStyleClass().add("drift-warnings");
        warnings.setGraphic(AppIcon.WARNING.node());
        vm.warnings().addListener((ListChangeListener<String>) c -> warnings.setText(String.join("\n",
                vm.warnings())));
        warnings.visibleProperty().bind(Bindings.isNotEmpty(vm.warnings()));
        warnings.managedProperty().bind(warnings.visibleProperty());

        VBox box = new VBox(4, line, sides, schema, warnings);
        box.setId("driftSummary");
        box.getStyleClass().add("drift-summary");
        box.visibleProperty().bind(vm.outcomeProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Optional<Path> chooseExport(String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("drift.export.title"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.format("drift.export.filter",
                extension.toUpperCase(Locale.ROOT)), "*." + extension));
        chooser.setInitialFileName("drift-report." + extension);
        vm.initialFolder().ifPresent(d -> chooser.setInitialDirectory(d.toFile()));
        return Optional.ofNullable(chooser.showSaveDialog(window())).map(File::toPath);
    }

    private Node notice() {
        Label notice = new Label();
        notice.setId("driftNotice");
        notice.getStyleClass().add("drift-notice");
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.setWrapText(true);
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        Label message = new Label();
        message.setId("driftBanner");
        message.getStyleClass().add("drift-notice");
        message.setMaxWidth(Double.MAX_VALUE);
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        // over a shown result, a failed or cancelled run says so here; without one, the status panel does
        message.visibleProperty().bind(vm.outcomeProperty().isNotNull().and(vm.messageProperty().isNotEmpty()));
        message.managedProperty().bind(message.visibleProperty());
        return new VBox(message, notice);
    }

    private Node status() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.visibleProperty().bind(vm.busyProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label message = new Label();
        message.setId("driftMessage");
        message.setWrapText(true);
        message.getStyleClass().add("drift-status-message");
        message.textProperty().bind(vm.messageProperty());
        VBox box = new VBox(12, spinner, message);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(24));
        box.setMaxWidth(640);
        StackPane pane = new StackPane(box);
        pane.getStyleClass().add("drift-status");
        return pane;
    }

    // ---- results ----

    private Node results() {
        table.setId("driftColumns");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setItems(vm.rows());
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // what a reviewer scans first (name, verdict, both distributions) stays in view when the table is narrow
        table.getColumns().setAll(List.of(
                text("drift.col.name", DriftRow::name, 150),
                verdict(),
                sparkline(),
                text("drift.col.type", DriftRow::type, 82),
                text("drift.col.test", DriftRow::test, 104),
                number("drift.col.statistic", DriftRow::statistic, DriftHtml::number),
                number("drift.col.p", DriftRow::pValue, DriftHtml::pValue),
                number("drift.col.psi", DriftRow::psi, DriftHtml::number),
                band(),
                number("drift.col.missingRef", DriftRow::missingRef, DriftView::percent),
                number("drift.col.missingCur", DriftRow::missingCur, DriftView::percent)));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        SplitPane split = new SplitPane(table, detail());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.62);
        split.setId("driftResults");
        Tab columns = new Tab(Messages.get("drift.tab.columns"), split);
        columns.setId("columnsTab");
        Tab time = new Tab(Messages.get("drift.tab.overTime"), overTime());
        time.setId("overTimeTab");
        ModelPanel model = new ModelPanel();
        Runnable fillModel = () -> model.show(vm.modelSectionProperty().get(), vm.modelMessageProperty().get());
        vm.modelSectionProperty().addListener((o, was, now) -> fillModel.run());
        vm.modelMessageProperty().addListener((o, was, now) -> fillModel.run());
        fillModel.run();
        ScrollPane modelScroll = new ScrollPane(model);
        modelScroll.setFitToWidth(true);
        Tab modelTab = new Tab(Messages.get("drift.tab.model"), modelScroll);
        modelTab.setId("modelTab");
        TabPane tabs = new TabPane(columns, time, modelTab);
        tabs.setId("driftTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    /** The heatmap of PSI per column and window with its legend, and the picked column's control chart below. */
    private Node overTime() {
        Label title = new Label();
        title.setId("overTimeTitle");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label why = new Label();
        why.setId("overTimeMessage");
        why.setWrapText(true);
        why.getStyleClass().add("drift-note");
        why.textProperty().bind(vm.overTimeMessageProperty());
        why.visibleProperty().bind(vm.overTimeMessageProperty().isNotEmpty());
        why.managedProperty().bind(why.visibleProperty());
        FlowPane legend = new FlowPane(8, 4, key("stable", "drift.time.legend.stable"), key("moderate",
                "drift.time.legend.moderate"), key("significant", "drift.time.legend.significant"), key("alarm",
                "drift.time.legend.alarm"));
        legend.getStyleClass().add("drift-legend");
        DriftHeatmap heatmap = new DriftHeatmap(c -> vm.heatColumnProperty().set(c));
        heatmap.setId("driftHeatmap");
        ScrollPane heatScroll = new ScrollPane(heatmap);
        heatScroll.setId("driftHeatmapScroll");
        heatScroll.setFitToHeight(false);
        heatScroll.setPrefViewportHeight(260);
        Label chartTitle = new Label();
        chartTitle.setId("controlTitle");
        chartTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Label chartFacts = new Label();
        chartFacts.setId("controlFacts");
        chartFacts.setWrapText(true);
        chartFacts.getStyleClass().add(Styles.TEXT_MUTED);
        ControlChart chart = new ControlChart(palette);
        chart.setId("controlChart");
        VBox box = new VBox(8, title, why, legend, heatScroll, chartTitle, chartFacts, chart);
        box.setPadding(new Insets(10, 12, 12, 12));
        box.getStyleClass().add("drift-over-time");
        VBox.setVgrow(heatScroll, Priority.SOMETIMES);
        Runnable fillChart = () -> {
            io.mlwb.drift.time.DriftOverTime.Result ot = vm.overTimeProperty().get();
            String c = vm.heatColumnProperty().get();
            heatmap.pick(c);
            boolean has = ot != null && c != null && ot.psi().containsKey(c);
            List<String> labels = new java.util.ArrayList<>();
            for (int w = 0; ot != null && w < ot.windows().size(); w++) {
                labels.add(DriftViewModel.windowLabel(ot, w));
            }
            io.mlwb.drift.time.DriftOverTime.Control k = has ? ot.control().get(c) : null;
            chart.show(has ? ot.psi().get(c) : null, k, labels);
            chart.setVisible(has);
            chart.setManaged(has);
            chartTitle.setVisible(ot != null);
            chartTitle.setManaged(ot != null);
            chartTitle.setText(has ? Messages.format("drift.time.chart.title", c) : Messages.get(
                    "drift.time.chart.pick"));
            chartFacts.setText(!has ? "" : k == null ? Messages.format("drift.time.chart.none", c,
                    io.mlwb.drift.time.DriftOverTime.MIN_BASELINE, 2 * io.mlwb.drift.time.DriftOverTime.MIN_BASELINE)
                    : Messages.format("drift.time.chart.facts", DriftHtml.number(k.centre()),
                    DriftHtml.number(k.sigma()), DriftHtml.number(k.centre() + 2 * k.sigma()),
                    DriftHtml.number(k.ucl()), k.baseline(), k.alarms().size()));
        };
        Runnable fill = () -> {
            io.mlwb.drift.time.DriftOverTime.Result ot = vm.overTimeProperty().get();
            heatmap.show(ot);
            // as tall as its rows (up to a limit), so that the control chart below stays in view
            heatScroll.setPrefViewportHeight(Math.min(300, 28 + 26.0 * heatmap.rows()));
            boolean has = ot != null;
            title.setText(has ? Messages.format("drift.time.title", ot.window(), ot.timeColumn()) : "");
            title.setVisible(has);
            title.setManaged(has);
            legend.setVisible(has);
            legend.setManaged(has);
            heatScroll.setVisible(has);
            heatScroll.setManaged(has);
            fillChart.run();
        };
        vm.overTimeProperty().addListener((o, was, now) -> fill.run());
        vm.heatColumnProperty().addListener((o, was, now) -> fillChart.run());
        fill.run();
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static Node key(String band, String text) {
        Label swatch = new Label();
        swatch.getStyleClass().add("drift-heat-cell");
        swatch.pseudoClassStateChanged(PseudoClass.getPseudoClass(band), true);
        swatch.setMinSize(14, 14);
        swatch.setPrefSize(14, 14);
        Label label = new Label(Messages.get(text));
        HBox k = new HBox(4, swatch, label);
        k.setAlignment(Pos.CENTER_LEFT);
        return k;
    }

    private static TableColumn<DriftRow, String> text(String key, Function<DriftRow, String> value, double width) {
        TableColumn<DriftRow, String> c = new TableColumn<>(Messages.get(key));
        c.setId(key.substring(key.lastIndexOf('.') + 1) + "Column");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<DriftRow, Double> number(String key, Function<DriftRow, Double> value,
                                                        Function<Double, String> format) {
        TableColumn<DriftRow, Double> c = new TableColumn<>(Messages.get(key));
        c.setId(key.substring(key.lastIndexOf('.') + 1) + "Column");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : format.apply(item));
            }
        });
        c.getStyleClass().add(Styles.TEXT_SMALL);
        c.setStyle("-fx-alignment: center-right;");
        c.setPrefWidth(76);
        return c;
    }

    private static TableColumn<DriftRow, PopulationStability.Band> band() {
        TableColumn<DriftRow, PopulationStability.Band> c = new TableColumn<>(Messages.get("drift.col.band"));
        c.setId("bandColumn");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().band()));
        c.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        c.setCellFactory(col -> new TableCell<>() {
            {
                getStyleClass().add("drift-band");
            }

            @Override
            protected void updateItem(PopulationStability.Band item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.jsonName());
                pseudoClassStateChanged(STABLE, !empty && item == PopulationStability.Band.STABLE);
                pseudoClassStateChanged(MODERATE, !empty && item == PopulationStability.Band.MODERATE);
                pseudoClassStateChanged(SIGNIFICANT, !empty && item == PopulationStability.Band.SIGNIFICANT);
            }
        });
        c.setPrefWidth(90);
        return c;
    }

    private static TableColumn<DriftRow, DriftRow> verdict() {
        TableColumn<DriftRow, DriftRow> c = new TableColumn<>(Messages.get("drift.col.verdict"));
        c.setId("verdictColumn");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setComparator(Comparator.comparing((DriftRow r) -> r.drifted() ? 2 : r.compared() ? 1 : 0));
        c.setCellFactory(col -> new TableCell<>() {
            {
                getStyleClass().add("drift-cell");
            }

            @Override
            protected void updateItem(DriftRow item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Messages.get(item.drifted() ? "drift.cell.drifted"
                        : item.compared() ? "drift.cell.stable" : "drift.cell.notCompared"));
                pseudoClassStateChanged(DRIFTED, !empty && item != null && item.drifted());
                pseudoClassStateChanged(STABLE, !empty && item != null && !item.drifted() && item.compared());
            }
        });
        c.setPrefWidth(90);
        return c;
    }

    private TableColumn<DriftRow, ColumnDistribution> sparkline() {
        TableColumn<DriftRow, ColumnDistribution> c = new TableColumn<>(Messages.get("drift.col.distribution"));
        c.setId("distributionColumn");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().distribution()));
        c.setCellFactory(col -> new DistributionSparkline(palette));
        c.setSortable(false);
        c.setPrefWidth(DistributionSparkline.WIDTH + 24);
        return c;
    }

    private Node detail() {
        Label title = new Label(Messages.get("drift.detail.none"));
        title.setId("detailTitle");
        title.getStyleClass().add(Styles.TITLE_4);
        Label facts = new Label();
        facts.setId("detailFacts");
        facts.setWrapText(true);
        facts.getStyleClass().add(Styles.TEXT_MUTED);
        Label note = new Label();
        note.setId("detailNote");
        note.setWrapText(true);
        note.getStyleClass().add("drift-note");
        note.managedProperty().bind(note.visibleProperty());
        FlowPane legend = new FlowPane(6, 4, swatch("drift-swatch-reference"), new Label(Messages.get(
                "drift.legend.reference")), swatch("drift-swatch-current"), new Label(Messages.get(
                "drift.legend.current")));
        legend.getStyleClass().add("drift-legend");
        chart.setId("detailChart");
        Label noChart = new Label(Messages.get("drift.detail.noChart"));
        noChart.getStyleClass().add(Styles.TEXT_MUTED);
        noChart.managedProperty().bind(noChart.visibleProperty());
        Label more = new Label();
        more.setId("detailMore");
        more.getStyleClass().add(Styles.TEXT_MUTED);
        more.managedProperty().bind(more.visibleProperty());
        Label added = new Label();
        added.setId("detailNew");
        added.setWrapText(true);
        added.managedProperty().bind(added.visibleProperty());
        Label vanished = new Label();
        vanished.setId("detailVanished");
        vanished.setWrapText(true);
        vanished.managedProperty().bind(vanished.visibleProperty());
        VBox box = new VBox(8, title, facts, note, legend, chart, noChart, more, added, vanished);
        box.setPadding(new Insets(10, 12, 12, 12));
        box.setId("driftDetail");
        box.getStyleClass().add("drift-detail");
        Runnable fill = () -> {
            DriftRow r = vm.selectedProperty().get();
            title.setText(r == null ? Messages.get("drift.detail.none") : r.name());
            facts.setText(r == null ? "" : facts(r));
            note.setText(r == null || r.drift().note() == null ? "" : r.drift().note());
            note.setVisible(!note.getText().isEmpty());
            ColumnDistribution d = r == null ? null : r.distribution();
            chart.show(d, r == null ? List.of() : r.newCategories(), r == null ? List.of() : r.vanishedCategories());
            chart.setVisible(d != null);
            chart.setManaged(d != null);
            legend.setVisible(d != null);
            legend.setManaged(d != null);
            noChart.setVisible(r != null && d == null);
            int hidden = d == null || d.numeric() ? 0 : d.size() - chart.categoriesShown();
            more.setText(hidden > 0 ? Messages.format("drift.detail.more", hidden) : "");
            more.setVisible(hidden > 0);
            added.setText(r == null || r.newCategories().isEmpty() ? "" : Messages.format("drift.detail.new",
                    String.join(", ", r.newCategories())));
            added.setVisible(!added.getText().isEmpty());
            vanished.setText(r == null || r.vanishedCategories().isEmpty() ? "" : Messages.format(
                    "drift.detail.vanished", String.join(", ", r.vanishedCategories())));
            vanished.setVisible(!vanished.getText().isEmpty());
        };
        vm.selectedProperty().addListener((o, was, now) -> fill.run());
        fill.run();
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static Region swatch(String styleClass) {
        Region r = new Region();
        r.getStyleClass().addAll("drift-swatch", styleClass);
        r.setMinSize(12, 12);
        r.setPrefSize(12, 12);
        r.setMaxSize(12, 12);
        return r;
    }

    /** "numeric · wasserstein 1.27 · PSI 1.48 (significant) · 24,000 vs 6,000 values". */
    private static String facts(DriftRow r) {
        return Messages.format("drift.detail.facts", r.type(), r.test(), r.statistic() == null ? ""
                        : DriftHtml.number(r.statistic()), r.pValue() == null ? "" : Messages.format("drift.detail.p",
                        DriftHtml.pValue(r.pValue())), DriftHtml.number(r.psi()),
                r.band() == null ? "\u2014" : r.band().jsonName(),
                String.format(Locale.ROOT, "%,d", r.drift().countRef()),
                String.format(Locale.ROOT, "%,d", r.drift().countCur()));
    }

    private static String percent(Double share) {
        return share == null ? "" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
