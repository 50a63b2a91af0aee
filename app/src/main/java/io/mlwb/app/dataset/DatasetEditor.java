package io.mlwb.app.dataset;

import io.mlwb.data.report.DatasetFormat;
import io.mlwb.data.report.ColumnRow;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.mlwb.app.shell.Editor;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.LiveDrain;
import io.mlwb.app.ui.Messages;
import io.mlwb.data.history.DatasetVersion;
import io.mlwb.data.history.StatDelta;
import io.mlwb.data.history.TypeChange;
import io.mlwb.data.profile.TargetAssociation;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import java.io.File;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Dataset pane (editor kind "dataset"): a toolbar (profile again, cancel, progress, exports) over tabs
 * Overview, Columns (table with sparklines, and the selected column's chart, figures and top values),
 * Correlations (heatmap and target associations), Rules, Preview (every row, virtualized) and History. While the
 * profile runs, or after it was cancelled or failed, a status panel replaces the tabs.
 */
public final class DatasetEditor implements Editor {
    private final DatasetViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Palette palette = new Palette();
    private final TableView<ColumnRow> columnsTable = new TableView<>();
    private final ChartViewer chartViewer = new ChartViewer(null, false);
    private final Label noChart = new Label(Messages.get("dataset.detail.noChart"));
    private final CorrelationHeatmap heatmap = new CorrelationHeatmap(palette);
    private final TextField heatmapFilter = new TextField();
    private final ToggleButton clustered = new ToggleButton(Messages.get("dataset.correlations.clustered"));
    private final ToggleButton showAll = new ToggleButton();
    private final Label heatmapInfo = new Label();
    private final TableView<HeatmapModel.Pair> strongest = new TableView<>();
    private final java.util.Set<Integer> pinned = new java.util.LinkedHashSet<>();
    private HeatmapModel heatmapModel;
    private HeatmapModel.View heatmapView;
    private final TableView<Integer> previewTable = new TableView<>();
    private final TextField previewFilter = new TextField();
    private final Label previewInfo = new Label();
    private final LiveDrain<Void> progressTimer;
    private final DatasetHistoryViewModel history;

    /**
     * Builds the pane and starts profiling.
     *
     * @param vm      the dataset's view model
     * @param history the History tab's view model, or null when the file has no git history to show
     */
    public DatasetEditor(DatasetViewModel vm, DatasetHistoryViewModel history) {
        this.vm = vm;
        this.history = history;
        root.getStyleClass().add("dataset-editor");
        root.getStylesheets().add(DatasetEditor.class.getResource("dataset.css").toExternalForm());
        root.getChildren().add(palette.node());

        ProgressBar progress = new ProgressBar(0);
        progress.setId("progress");
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        progressTimer = LiveDrain.polling(() -> {
            double f = vm.progressFraction();
            progress.setProgress(f < 0 ? ProgressIndicator.INDETERMINATE_PROGRESS : f);
        }, LiveDrain.DEFAULT_PERIOD);
        vm.busyProperty().addListener((o, was, now) -> {
            if (now) {
                progressTimer.start();
            } else {
                progressTimer.stop();
            }
        });

        root.setTop(new VBox(toolbar(progress), notice()));
        TabPane tabs = new TabPane(
                tab("dataset.tab.overview", overview()),
                tab("dataset.tab.columns", columns()),
                tab("dataset.tab.correlations", correlations()),
                tab("dataset.tab.rules", rules()),
                tab("dataset.tab.preview", preview()),
                tab("dataset.tab.history", history()));
        tabs.setId("datasetTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab historyTab = tabs.getTabs().get(tabs.getTabs().size() - 1);
        historyTab.setOnSelectionChanged(e -> {
            if (historyTab.isSelected() && history != null) {
                history.load(); // git work only when someone looks
            }
        });
        tabs.visibleProperty().bind(vm.profileProperty().isNotNull()
                .and(vm.stateProperty().isEqualTo(DatasetViewModel.State.READY)));
        Node status = status();
        status.visibleProperty().bind(tabs.visibleProperty().not());
        root.setCenter(new StackPane(tabs, status));
        if (vm.busyProperty().get()) {
            progressTimer.start();
        }
        vm.profile();
    }

    private ToolBar toolbar(ProgressBar progress) {
        Label title = new Label(vm.title(), AppIcon.DATASET.node());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Button again = new Button(Messages.get("dataset.action.profileAgain"), AppIcon.REFRESH.node());
        again.setId("profileButton");
        again.disableProperty().bind(vm.busyProperty());
        again.setOnAction(e -> vm.profileAgain());
        Button cancel = new Button(Messages.get("dataset.action.cancel"), AppIcon.CANCEL.node());
        cancel.setId("cancelButton");
        cancel.visibleProperty().bind(vm.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button json = new Button(Messages.get("dataset.action.exportJson"), AppIcon.DOWNLOAD.node());
        json.setId("exportJsonButton");
        json.disableProperty().bind(vm.profileProperty().isNull().or(vm.busyProperty()));
        json.setOnAction(e -> choose("json").ifPresent(f -> vm.exportJson(f.toPath())));
        Button html = new Button(Messages.get("dataset.action.exportHtml"), AppIcon.DOWNLOAD.node());
        html.setId("exportHtmlButton");
        html.disableProperty().bind(json.disableProperty());
        html.setOnAction(e -> choose("html").ifPresent(f -> vm.exportHtml(f.toPath())));
        return new ToolBar(title, again, cancel, progress, spacer, json, html);
    }

    private java.util.Optional<File> choose(String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("dataset.export.title"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                Messages.format("dataset.export.filter", extension.toUpperCase(java.util.Locale.ROOT)),
                "*." + extension));
        chooser.setInitialFileName(vm.title().replaceAll("[^A-Za-z0-9_.-]", "_") + "-profile." + extension);
        if (vm.source().file() != null && vm.source().file().getParent() != null) {
            chooser.setInitialDirectory(vm.source().file().getParent().toFile());
        }
        return java.util.Optional.ofNullable(chooser.showSaveDialog(
                root.getScene() == null ? null : root.getScene().getWindow()));
    }

    private Node notice() {
        Label notice = new Label();
        notice.setId("datasetNotice");
        notice.getStyleClass().add("dataset-notice");
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        return notice;
    }

    private Node status() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.visibleProperty().bind(vm.busyProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label message = new Label();
        message.setId("statusMessage");
        message.setWrapText(true);
        message.getStyleClass().add("dataset-status-message");
        message.textProperty().bind(vm.messageProperty());
        Button runAgain = new Button(Messages.get("dataset.action.runAgain"), AppIcon.RUN.node());
        runAgain.setId("runAgainButton");
        runAgain.getStyleClass().add(Styles.ACCENT);
        // a dataset that cannot be resolved (not declared, outside the project) cannot be run again
        runAgain.visibleProperty().bind(vm.stateProperty().isEqualTo(DatasetViewModel.State.CANCELLED)
                .or(vm.stateProperty().isEqualTo(DatasetViewModel.State.FAILED)
                        .and(Bindings.createBooleanBinding(() -> vm.source().problem() == null))));
        runAgain.managedProperty().bind(runAgain.visibleProperty());
        runAgain.setOnAction(e -> vm.profile());
        VBox box = new VBox(12, spinner, message, runAgain);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(24));
        box.setMaxWidth(640);
        StackPane pane = new StackPane(box);
        pane.getStyleClass().add("dataset-status");
        return pane;
    }

    private static Tab tab(String key, Node content) {
        Tab t = new Tab(Messages.get(key), content);
        t.setId(key.substring(key.lastIndexOf('.') + 1) + "Tab");
        return t;
    }

    // ---- 1. Overview ----

    private Node overview() {
        FlowPane cards = new FlowPane(12, 12,
                card("dataset.overview.rows", vm.rowsProperty(), "overviewRows"),
                card("dataset.overview.columns", vm.columnCountProperty(), "overviewColumns"),
                card("dataset.overview.memory", vm.memoryProperty(), "overviewMemory"),
                card("dataset.overview.missing", vm.missingCellsProperty(), "overviewMissing"),
                card("dataset.overview.duplicates", vm.duplicatesProperty(), "overviewDuplicates"));
        Label format = new Label();
        format.textProperty().bind(Bindings.concat(Messages.get("dataset.overview.format"), " ", vm.formatProperty()));
        format.getStyleClass().add(Styles.TEXT_MUTED);
        Label approximate = new Label();
        approximate.setId("overviewApproximate");
        approximate.textProperty().bind(vm.approximateProperty());
        approximate.getStyleClass().add(Styles.TEXT_MUTED);
        Label cached = new Label();
        cached.setId("overviewCached");
        cached.textProperty().bind(vm.cacheNoteProperty());
        cached.getStyleClass().add(Styles.TEXT_MUTED);
        cached.visibleProperty().bind(vm.cacheNoteProperty().isNotEmpty());
        cached.managedProperty().bind(cached.visibleProperty());

        TableView<AlertRow> alerts = new TableView<>(vm.alerts());
        alerts.setId("alertsTable");
        alerts.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        alerts.setPlaceholder(new Label(Messages.get("dataset.overview.noAlerts")));
        TableColumn<AlertRow, String> type = text("dataset.alerts.type", AlertRow::type);
        type.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setGraphic(empty ? null : AppIcon.WARNING.node());
                getStyleClass().remove("alert-type");
                if (!empty) {
                    getStyleClass().add("alert-type");
                }
            }
        });
        type.setPrefWidth(160);
        type.setMaxWidth(220);
        TableColumn<AlertRow, String> column = text("dataset.alerts.column", AlertRow::column);
        column.setPrefWidth(280);
        column.setMaxWidth(400);
        TableColumn<AlertRow, String> detail = text("dataset.alerts.detail", AlertRow::detail);
        detail.setPrefWidth(600);
        alerts.getColumns().setAll(java.util.List.of(type, column, detail));
        alerts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        alerts.setPrefHeight(260);
        VBox.setVgrow(alerts, Priority.ALWAYS);

        ListView<String> warnings = new ListView<>(vm.warnings());
        warnings.setId("warningsList");
        warnings.setPrefHeight(90);
        Label warningsTitle = heading("dataset.overview.warnings");
        warnings.visibleProperty().bind(Bindings.isNotEmpty(vm.warnings()));
        warnings.managedProperty().bind(warnings.visibleProperty());
        warningsTitle.visibleProperty().bind(warnings.visibleProperty());
        warningsTitle.managedProperty().bind(warnings.visibleProperty());

        VBox box = new VBox(10, cards, format, approximate, cached, heading("dataset.overview.alerts"), alerts,
                warningsTitle, warnings);
        box.setPadding(new Insets(12));
        box.getStyleClass().add("dataset-overview");
        return box;
    }

    private static Node card(String key, javafx.beans.value.ObservableValue<String> value, String id) {
        Label label = new Label(Messages.get(key));
        label.getStyleClass().add(Styles.TEXT_MUTED);
        Label v = new Label();
        v.setId(id);
        v.textProperty().bind(value);
        v.getStyleClass().add(Styles.TITLE_3);
        VBox card = new VBox(2, label, v);
        card.getStyleClass().add("metric-card");
        return card;
    }

    private static Label heading(String key) {
        Label l = new Label(Messages.get(key));
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }

    // ---- 2 + 3. Columns and the column detail ----

    private Node columns() {
        columnsTable.setId("columnsTable");
        columnsTable.setItems(vm.columns());
        columnsTable.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        TableColumn<ColumnRow, String> name = text("dataset.columns.name", ColumnRow::name);
        name.setPrefWidth(170);
        TableColumn<ColumnRow, String> type = text("dataset.columns.type", ColumnRow::type);
        type.setPrefWidth(95);
        TableColumn<ColumnRow, ColumnRow> spark = new TableColumn<>(Messages.get("dataset.columns.distribution"));
        spark.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        spark.setCellFactory(c -> new SparklineCell(palette));
        spark.setSortable(false);
        spark.setPrefWidth(SparklineCell.WIDTH + 16);
        TableColumn<ColumnRow, Number> missing = number("dataset.columns.missing", ColumnRow::missingPct, true);
        TableColumn<ColumnRow, Number> distinct = number("dataset.columns.distinct", r -> (double) r.distinct(), false);
        TableColumn<ColumnRow, Number> mean = number("dataset.columns.mean", ColumnRow::mean, false);
        TableColumn<ColumnRow, Number> std = number("dataset.columns.std", ColumnRow::std, false);
        TableColumn<ColumnRow, Number> min = number("dataset.columns.min", ColumnRow::min, false);
        TableColumn<ColumnRow, Number> max = number("dataset.columns.max", ColumnRow::max, false);
        TableColumn<ColumnRow, String> top = text("dataset.columns.top", ColumnRow::top);
        top.setPrefWidth(160);
        columnsTable.getColumns().setAll(java.util.List.of(name, type, spark, missing, distinct, mean, std, min, max,
                top));
        palette.onChange(columnsTable::refresh);

        columnsTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != vm.selectedColumnProperty().get()) {
                vm.selectedColumnProperty().set(now);
            }
        });
        vm.selectedColumnProperty().addListener((o, was, now) -> {
            if (now != columnsTable.getSelectionModel().getSelectedItem()) {
                columnsTable.getSelectionModel().select(now);
            }
            showChart(now);
        });
        palette.onChange(() -> showChart(vm.selectedColumnProperty().get()));

        SplitPane split = new SplitPane(columnsTable, detail());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        return split;
    }

    private Node detail() {
        Label title = new Label();
        title.setId("detailTitle");
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedColumnProperty().get() == null ? ""
                : vm.selectedColumnProperty().get().name(), vm.selectedColumnProperty()));
        chartViewer.setId("columnChart");
        chartViewer.setMinSize(200, 160);
        chartViewer.setPrefSize(520, 240);
        noChart.getStyleClass().add(Styles.TEXT_MUTED);
        StackPane chartBox = new StackPane(chartViewer, noChart);
        HBox.setHgrow(chartBox, Priority.ALWAYS);

        GridPane stats = new GridPane();
        stats.setId("detailStats");
        stats.setHgap(16);
        stats.setVgap(2);
        stats.getStyleClass().add("detail-stats");
        vm.detailStats().addListener((ListChangeListener<StatRow>) c -> fillStats(stats));
        fillStats(stats);
        ScrollPane statsScroll = new ScrollPane(stats);
        statsScroll.setFitToWidth(true);
        statsScroll.setMinWidth(230);
        statsScroll.setPrefWidth(260);

        TableView<TopValueRow> topTable = new TableView<>(vm.detailTop());
        topTable.setId("topValuesTable");
        topTable.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        topTable.setPlaceholder(new Label(Messages.get("dataset.detail.noTop")));
        TableColumn<TopValueRow, String> value = text("dataset.detail.value", TopValueRow::value);
        value.setPrefWidth(150);
        TableColumn<TopValueRow, Number> count = new TableColumn<>(Messages.get("dataset.detail.count"));
        count.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().count()));
        count.setCellFactory(c -> formatted(n -> DatasetFormat.count(n.longValue())));
        TableColumn<TopValueRow, Number> pct = new TableColumn<>(Messages.get("dataset.detail.percent"));
        pct.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().percent()));
        pct.setCellFactory(c -> formatted(n -> DatasetFormat.percent(n.doubleValue())));
        topTable.getColumns().setAll(java.util.List.of(value, count, pct));
        topTable.setMinWidth(260);
        topTable.setPrefWidth(320);

        HBox row = new HBox(12, chartBox, statsScroll, topTable);
        VBox.setVgrow(row, Priority.ALWAYS);
        VBox box = new VBox(6, title, row);
        box.setPadding(new Insets(8, 12, 8, 12));
        box.getStyleClass().add("column-detail");
        return box;
    }

    private void fillStats(GridPane grid) {
        grid.getChildren().clear();
        for (int i = 0; i < vm.detailStats().size(); i++) {
            StatRow row = vm.detailStats().get(i);
            Label l = new Label(row.label());
            l.getStyleClass().add(Styles.TEXT_MUTED);
            Label v = new Label(row.value());
            v.getStyleClass().add("stat-value");
            grid.addRow(i, l, v);
        }
    }

    private void showChart(ColumnRow row) {
        JFreeChart chart = row == null ? null : ColumnChart.create(row.profile(), palette);
        chartViewer.setVisible(chart != null);
        noChart.setVisible(chart == null);
        if (chart != null) {
            chartViewer.setChart(chart);
        }
    }

    // ---- 4. Correlations ----

    private Node correlations() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton pearson = kindToggle("dataset.correlations.pearson", CorrelationKind.PEARSON, group,
                "pearsonToggle", Styles.LEFT_PILL);
        ToggleButton spearman = kindToggle("dataset.correlations.spearman", CorrelationKind.SPEARMAN, group,
                "spearmanToggle", Styles.CENTER_PILL);
        ToggleButton cramer = kindToggle("dataset.correlations.cramersV", CorrelationKind.CRAMERS_V, group,
                "cramersVToggle", Styles.RIGHT_PILL);
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one kind is always chosen
            } else {
                vm.correlationKindProperty().set((CorrelationKind) now.getUserData());
            }
        });
        HBox kinds = new HBox(pearson, spearman, cramer);
        kinds.setMinWidth(Region.USE_PREF_SIZE);

        heatmapFilter.setId("heatmapFilter");
        heatmapFilter.setPromptText(Messages.get("dataset.correlations.filter"));
        heatmapFilter.setPrefColumnCount(16);
        heatmapFilter.textProperty().addListener((o, was, now) -> {
            pinned.clear();
            refreshHeatmap(true);
        });
        clustered.setId("clusteredToggle");
        clustered.setTooltip(new javafx.scene.control.Tooltip(Messages.get("dataset.correlations.clustered.tip")));
        clustered.selectedProperty().addListener((o, was, now) -> refreshHeatmap(true));
        showAll.setId("showAllToggle");
        showAll.selectedProperty().addListener((o, was, now) -> refreshHeatmap(true));
        Button zoomOut = zoomButton("dataset.correlations.zoomOut",
                "dataset.correlations.zoomOut.tip", "zoomOutButton");
        zoomOut.setOnAction(e -> heatmap.zoomOut());
        Button zoomIn = zoomButton("dataset.correlations.zoomIn",
                "dataset.correlations.zoomIn.tip", "zoomInButton");
        zoomIn.setOnAction(e -> heatmap.zoomIn());
        Button fit = zoomButton("dataset.correlations.fit",
                "dataset.correlations.fit.tip", "fitButton");
        fit.setOnAction(e -> heatmap.fit());
        HBox zoom = new HBox(zoomOut, zoomIn, fit);
        zoomOut.getStyleClass().add(Styles.LEFT_PILL);
        zoomIn.getStyleClass().add(Styles.CENTER_PILL);
        fit.getStyleClass().add(Styles.RIGHT_PILL);
        HBox controls = new HBox(10, kinds, heatmapFilter, clustered, showAll, zoom);
        controls.setAlignment(Pos.CENTER_LEFT);
        heatmapInfo.setId("heatmapInfo");
        heatmapInfo.getStyleClass().add(Styles.TEXT_MUTED);
        VBox top = new VBox(6, controls, heatmapInfo);
        top.setPadding(new Insets(8, 12, 4, 12));

        Label empty = new Label(Messages.get("dataset.correlations.empty"));
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        vm.matrixProperty().addListener((o, was, now) -> {
            heatmapModel = new HeatmapModel(now);
            pinned.clear();
            refreshHeatmap(true);
        });
        heatmapModel = new HeatmapModel(vm.matrixProperty().get());
        empty.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.matrixProperty().get().columns().size()
                < 2, vm.matrixProperty()));
        heatmap.visibleProperty().bind(empty.visibleProperty().not());
        StackPane heat = new StackPane(heatmap, empty);
        StackPane.setAlignment(empty, Pos.TOP_LEFT);
        empty.setPadding(new Insets(12));
        Label hover = new Label();
        hover.setId("heatmapHover");
        hover.getStyleClass().add("heatmap-hover");
        hover.setText(Messages.get("dataset.correlations.hint"));
        heatmap.onHover(text -> hover.setText(text.isEmpty() ? Messages.get("dataset.correlations.hint") : text));
        VBox.setVgrow(heat, Priority.ALWAYS);
        VBox heatBox = new VBox(4, heat, hover);
        heatBox.setPadding(new Insets(0, 4, 4, 8));

        strongest.setId("pairsTable");
        strongest.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        strongest.setPlaceholder(new Label(Messages.get("dataset.correlations.noPairs")));
        TableColumn<HeatmapModel.Pair, String> a = new TableColumn<>(Messages.get("dataset.correlations.column"));
        a.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().a()));
        TableColumn<HeatmapModel.Pair, String> b = new TableColumn<>(Messages.get("dataset.correlations.column"));
        b.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().b()));
        TableColumn<HeatmapModel.Pair, Number> value = new TableColumn<>(Messages.get("dataset.correlations.value"));
        value.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().value()));
        value.setCellFactory(x -> formatted(n -> DatasetFormat.number(n.doubleValue())));
        a.setPrefWidth(120); // not the default width, which would be auto-sized by measuring rows on show
        b.setPrefWidth(120);
        value.setPrefWidth(70);
        value.setMaxWidth(90);
        for (TableColumn<HeatmapModel.Pair, ?> c : java.util.List.of(a, b, value)) {
            c.setSortable(false); // the order is the point: strongest first
        }
        strongest.getColumns().setAll(java.util.List.of(a, b, value));
        strongest.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        strongest.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                showPair(now);
            }
        });
        Label pairsTitle = heading("dataset.correlations.strongest");
        VBox pairsBox = new VBox(6, pairsTitle, strongest);
        VBox.setVgrow(strongest, Priority.ALWAYS);
        pairsBox.setPadding(new Insets(8));

        TableView<TargetAssociation> target = new TableView<>(vm.targetAssociations());
        target.setId("targetTable");
        target.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        target.setPlaceholder(new Label(Messages.get("dataset.target.none")));
        TableColumn<TargetAssociation, String> feature = new TableColumn<>(Messages.get("dataset.target.feature"));
        feature.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().column()));
        feature.setPrefWidth(160);
        target.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        target.getColumns().setAll(java.util.List.of(feature,
                association("dataset.target.pearson", TargetAssociation::pearson),
                association("dataset.target.spearman", TargetAssociation::spearman),
                association("dataset.target.pointBiserial", TargetAssociation::pointBiserial),
                association("dataset.target.cramersV", TargetAssociation::cramersV)));
        Label targetTitle = new Label(vm.target().map(t -> Messages.format("dataset.target.title", t))
                .orElse(Messages.get("dataset.target.titleNone")));
        targetTitle.getStyleClass().add(Styles.TITLE_4);
        VBox targetBox = new VBox(6, targetTitle, target);
        VBox.setVgrow(target, Priority.ALWAYS);
        targetBox.setPadding(new Insets(8));

        SplitPane side = new SplitPane(pairsBox, targetBox);
        side.setOrientation(Orientation.VERTICAL);
        side.setDividerPositions(0.6);
        SplitPane split = new SplitPane(heatBox, side);
        split.setDividerPositions(0.66);
        BorderPane pane = new BorderPane(split);
        pane.setTop(top);
        refreshHeatmap(true);
        return pane;
    }

    /** Recomputes what the heatmap shows from the filter and toggles; {@code refit} fits it to the view again. */
    private void refreshHeatmap(boolean refit) {
        CorrelationKind kind = vm.correlationKindProperty().get();
        heatmapView = heatmapModel.view(heatmapFilter.getText(), clustered.isSelected(), showAll.isSelected(),
                pinned);
        int total = heatmapModel.matrix().columns().size();
        showAll.setText(Messages.format("dataset.correlations.showAll", DatasetFormat.count(heatmapView.matching())));
        boolean wide = heatmapView.matching() > HeatmapModel.CAP;
        showAll.setVisible(wide);
        showAll.setManaged(wide);
        heatmapInfo.setText(heatmapView.capped()
                ? Messages.format("dataset.correlations.capped", DatasetFormat.count(heatmapView.columns().length),
                        DatasetFormat.count(heatmapView.matching()), DatasetFormat.count(total))
                : Messages.format("dataset.correlations.shown", DatasetFormat.count(heatmapView.columns().length),
                        DatasetFormat.count(total)));
        strongest.getItems().setAll(heatmapView.pairs());
        if (refit) {
            heatmap.show(heatmapModel.matrix(), heatmapView.columns(), kind.diverging());
        }
    }

    /** Centres the heatmap on a pair of the strongest-pairs table, adding its columns to a capped view. */
    private void showPair(HeatmapModel.Pair pair) {
        int row = heatmapView.positionOf(pair.row());
        int col = heatmapView.positionOf(pair.col());
        if (row < 0 || col < 0) {
            pinned.add(pair.row());
            pinned.add(pair.col());
            heatmapView = heatmapModel.view(heatmapFilter.getText(), clustered.isSelected(), showAll.isSelected(),
                    pinned);
            heatmap.show(heatmapModel.matrix(), heatmapView.columns(),
                    vm.correlationKindProperty().get().diverging());
            row = heatmapView.positionOf(pair.row());
            col = heatmapView.positionOf(pair.col());
        }
        heatmap.select(row, col);
    }

    private static Button zoomButton(String key, String tipKey, String id) {
        Button b = new Button(Messages.get(key));
        b.setId(id);
        b.setTooltip(new javafx.scene.control.Tooltip(Messages.get(tipKey)));
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private ToggleButton kindToggle(String key, CorrelationKind kind, ToggleGroup group, String id, String pill) {
        ToggleButton b = new ToggleButton(Messages.get(key));
        b.setId(id);
        b.setUserData(kind);
        b.setToggleGroup(group);
        b.getStyleClass().add(pill);
        b.setSelected(vm.correlationKindProperty().get() == kind);
        return b;
    }

    private static TableColumn<TargetAssociation, Number> association(String key,
                                                                      Function<TargetAssociation, Double> value) {
        TableColumn<TargetAssociation, Number> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setCellFactory(x -> formatted(n -> DatasetFormat.number(n.doubleValue())));
        c.setPrefWidth(80);
        return c;
    }

    // ---- 5. Rules ----

    private Node rules() {
        TableView<RuleRow> table = new TableView<>(vm.rules());
        table.setId("rulesTable");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setPlaceholder(new Label(Messages.get("dataset.rules.none")));
        TableColumn<RuleRow, RuleStatus> status = new TableColumn<>(Messages.get("dataset.rules.status"));
        status.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().status()));
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(RuleStatus item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("rule-pass", "rule-fail", "rule-warn", "rule-not-checked");
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(Messages.get("dataset.rules.status." + item.name().toLowerCase(java.util.Locale.ROOT)));
                setGraphic(switch (item) {
                    case PASS -> AppIcon.CHECK.node();
                    case FAIL -> AppIcon.ERROR.node();
                    case WARN -> AppIcon.WARNING.node();
                    case NOT_CHECKED -> AppIcon.HELP.node();
                });
                getStyleClass().add("rule-" + item.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            }
        });
        status.setPrefWidth(130);
        TableColumn<RuleRow, String> rule = text("dataset.rules.rule", RuleRow::rule);
        rule.setPrefWidth(320);
        TableColumn<RuleRow, String> observed = text("dataset.rules.observed", RuleRow::observed);
        observed.setPrefWidth(140);
        TableColumn<RuleRow, String> message = text("dataset.rules.message", RuleRow::message);
        message.setPrefWidth(420);
        TableColumn<RuleRow, String> examples = text("dataset.rules.examples", r -> String.join(", ", r.examples()));
        examples.setPrefWidth(200);
        table.getColumns().setAll(java.util.List.of(status, rule, observed, message, examples));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    // ---- 6. Preview ----

    private Node preview() {
        previewTable.setId("previewTable");
        previewTable.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        previewTable.setFixedCellSize(26); // fixed row height: the virtual flow never measures rows
        previewTable.itemsProperty().bind(vm.previewRowsProperty());
        previewFilter.setId("previewFilter");
        previewFilter.setPromptText(Messages.get("dataset.preview.filter"));
        previewFilter.setPrefColumnCount(16);
        previewFilter.textProperty().addListener((o, was, now) -> previewColumns(vm.tableProperty().get()));
        previewInfo.setId("previewInfo");
        previewInfo.getStyleClass().add(Styles.TEXT_MUTED);
        vm.tableProperty().addListener((o, was, now) -> previewColumns(now));
        previewColumns(vm.tableProperty().get());
        HBox bar = new HBox(10, previewFilter, previewInfo);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        BorderPane pane = new BorderPane(previewTable);
        pane.setTop(bar);
        return pane;
    }

    private void previewColumns(DataTable table) {
        previewTable.getColumns().clear();
        if (table == null) {
            previewInfo.setText("");
            return;
        }
        PreviewColumns shown = PreviewColumns.of(table.names(), previewFilter.getText());
        previewInfo.setText(shown.capped()
                ? Messages.format("dataset.preview.capped", DatasetFormat.count(shown.columns().length),
                        DatasetFormat.count(shown.matching()), DatasetFormat.count(table.columns().size()))
                : Messages.format("dataset.preview.shown", DatasetFormat.count(shown.columns().length),
                        DatasetFormat.count(table.columns().size())));
        java.util.List<TableColumn<Integer, ?>> columns = new java.util.ArrayList<>();
        TableColumn<Integer, String> index = new TableColumn<>("#");
        index.setCellValueFactory(cd -> new ReadOnlyStringWrapper(Integer.toString(cd.getValue() + 1)));
        index.setSortable(false);
        index.setPrefWidth(70);
        index.getStyleClass().add("row-number");
        columns.add(index);
        for (int k : shown.columns()) {
            Column col = table.columns().get(k);
            TableColumn<Integer, String> c = new TableColumn<>(col.name());
            c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(PreviewRows.cell(col, cd.getValue())));
            c.setSortable(false); // sorting would build a row list; the preview shows file order
            // never the default 80: a column at the default width is auto-sized on show by measuring 30 rows of
            // cells, which for hundreds of columns took seconds
            c.setPrefWidth(Math.max(84, Math.min(220, 9 * col.name().length() + 24)));
            columns.add(c);
        }
        previewTable.getColumns().setAll(columns); // one change, not one per column
    }

    // ---- 7. History ----

    private Node history() {
        if (history == null) {
            Label later = new Label(Messages.get("dataset.history.unavailable"), AppIcon.HISTORY.node());
            later.setId("historyPlaceholder");
            later.setWrapText(true);
            later.getStyleClass().add(Styles.TEXT_MUTED);
            StackPane pane = new StackPane(later);
            pane.setPadding(new Insets(24));
            return pane;
        }
        ListView<DatasetVersion> list = new ListView<>(history.versions());
        list.setId("historyVersions");
        list.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(DatasetVersion item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : DatasetHistoryViewModel.describe(item));
            }
        });
        list.setPlaceholder(new Label(Messages.get("dataset.history.none")));
        Label versionsTitle = heading("dataset.history.versions");
        VBox left = new VBox(6, versionsTitle, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setPadding(new Insets(8));

        ComboBox<DatasetVersion> before = versionBox("historyBefore", history.beforeProperty());
        ComboBox<DatasetVersion> after = versionBox("historyAfter", history.afterProperty());
        Button compare = new Button(Messages.get("dataset.history.compare"), AppIcon.RUN.node());
        compare.setId("compareButton");
        compare.disableProperty().bind(history.busyProperty().or(history.beforeProperty().isNull())
                .or(history.afterProperty().isNull()));
        compare.setOnAction(e -> history.compare());
        Label status = new Label();
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(history.messageProperty());
        Label beforeLabel = new Label(Messages.get("dataset.history.before"));
        Label afterLabel = new Label(Messages.get("dataset.history.after"));
        for (javafx.scene.control.Control c : java.util.List.of(beforeLabel, afterLabel, compare)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox controls = new HBox(8, beforeLabel, before, afterLabel, after, compare);
        controls.setAlignment(Pos.CENTER_LEFT);
        status.setWrapText(true);

        Label summary = new Label();
        summary.setId("historySummary");
        summary.textProperty().bind(history.summaryProperty());
        ListView<String> schema = new ListView<>(history.schemaChanges());
        schema.setId("historySchema");
        schema.setPlaceholder(new Label(Messages.get("dataset.history.noSchemaChanges")));
        schema.setPrefHeight(110);
        TableView<TypeChange> types = new TableView<>(history.typeChanges());
        types.setId("historyTypes");
        types.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        types.setPlaceholder(new Label(Messages.get("dataset.history.noTypeChanges")));
        types.getColumns().setAll(java.util.List.of(text("dataset.history.column", TypeChange::column),
                text("dataset.history.typeBefore", TypeChange::before),
                text("dataset.history.typeAfter", TypeChange::after)));
        types.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        types.setPrefHeight(110);
        TableView<StatDelta> deltas = new TableView<>(history.deltas());
        deltas.setId("historyDeltas");
        deltas.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        deltas.setPlaceholder(new Label(Messages.get("dataset.history.noDeltas")));
        TableColumn<StatDelta, Number> was = deltaColumn("dataset.history.valueBefore", StatDelta::before, false);
        TableColumn<StatDelta, Number> now = deltaColumn("dataset.history.valueAfter", StatDelta::after, false);
        TableColumn<StatDelta, Number> change = deltaColumn("dataset.history.change",
                d -> 100 * d.relativeChange(), true);
        deltas.getColumns().setAll(java.util.List.of(text("dataset.history.column", StatDelta::column),
                text("dataset.history.stat", StatDelta::stat), was, now, change));
        deltas.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(deltas, Priority.ALWAYS);
        VBox right = new VBox(8, controls, status, summary, heading("dataset.history.schema"), schema, types,
                heading("dataset.history.deltas"), deltas);
        right.setPadding(new Insets(8));
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.3);
        return split;
    }

    private ComboBox<DatasetVersion> versionBox(String id, javafx.beans.property.ObjectProperty<DatasetVersion> value) {
        ComboBox<DatasetVersion> box = new ComboBox<>(history.versions());
        box.setId(id);
        box.valueProperty().bindBidirectional(value);
        box.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(DatasetVersion v) {
                return DatasetHistoryViewModel.describe(v);
            }

            @Override
            public DatasetVersion fromString(String s) {
                return null;
            }
        });
        box.setPrefWidth(260);
        box.setMinWidth(120);
        return box;
    }

    private static TableColumn<StatDelta, Number> deltaColumn(String key, Function<StatDelta, Double> value,
                                                              boolean percent) {
        TableColumn<StatDelta, Number> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setCellFactory(x -> formatted(n -> percent ? DatasetFormat.percent(n.doubleValue())
                : DatasetFormat.number(n.doubleValue())));
        return c;
    }

    // ---- helpers ----

    private static <S> TableColumn<S, String> text(String key, Function<S, String> value) {
        TableColumn<S, String> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        return c;
    }

    private static TableColumn<ColumnRow, Number> number(String key, Function<ColumnRow, Double> value,
                                                         boolean percent) {
        TableColumn<ColumnRow, Number> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setCellFactory(x -> formatted(n -> percent ? DatasetFormat.percent(n.doubleValue())
                : DatasetFormat.number(n.doubleValue())));
        c.setComparator((a, b) -> {
            double x = a.doubleValue();
            double y = b.doubleValue();
            return Double.isNaN(x) ? (Double.isNaN(y) ? 0 : 1) : Double.isNaN(y) ? -1 : Double.compare(x, y);
        });
        c.setPrefWidth(90);
        return c;
    }

    private static <S> TableCell<S, Number> formatted(Function<Number, String> format) {
        TableCell<S, Number> cell = new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
        cell.getStyleClass().add("number-cell");
        return cell;
    }

    /** @return the view model (for the profile action and tests) */
    DatasetViewModel viewModel() {
        return vm;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public String title() {
        return vm.title();
    }

    @Override
    public void dispose() {
        progressTimer.stop();
        vm.dispose();
    }
}
