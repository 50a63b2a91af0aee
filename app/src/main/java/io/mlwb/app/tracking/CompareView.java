package io.mlwb.app.tracking;

import atlantafx.base.theme.Styles;
import io.mlwb.app.charts.ChartPalette;
import io.mlwb.app.ui.Messages;
import io.mlwb.app.charts.MetricChart;
import io.mlwb.tracking.MetricAxis;
import io.mlwb.tracking.CompareModel;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import java.awt.BasicStroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The Compare pane: a header naming the runs (and a spinner while they load), then four tabs over one
 * {@link CompareViewModel}: overlaid metric charts (smoothing, log scale, x by step, epoch or time), the params/metrics diff
 * table, a parallel-coordinates plot and a scatter plot. When the runs cannot be compared the pane says why instead.
 * Built in code (charts and tables are dynamic); FX thread.
 */
final class CompareView {
    private static final int CHART_HEIGHT = 330;
    private static final int TWO_COLUMNS_FROM = 900;

    private final CompareViewModel vm;
    private final ChartPalette palette = new ChartPalette();
    private final List<CompareMetricChart> charts = new ArrayList<>();
    private final TilePane grid = new TilePane();
    private final Label chartsMessage = new Label();
    private final TableView<CompareModel.Row> table = new TableView<>();
    private final Label diffSummary = new Label();
    private final CompareParallelCanvas parallel;
    private final Label parallelHover = new Label();
    private final VBox parallelAxes = new VBox(4);
    private final ChartViewer scatterViewer = new ChartViewer(null, false);
    private final Label scatterNote = new Label();
    private final BorderPane root = new BorderPane();

    private CompareView(CompareViewModel vm) {
        this.vm = vm;
        this.parallel = new CompareParallelCanvas(run -> parallelHover.setText(run < 0 || vm.parallelProperty()
                .get() == null ? "" : vm.describe(run, vm.parallelProperty().get().axes())));
    }

    /**
     * @param vm the pane's state; the caller starts the first load
     * @return the pane
     */
    static Node create(CompareViewModel vm) {
        return new CompareView(vm).build();
    }

    private Node build() {
        root.getStyleClass().add("compare-pane");
        root.setId("compareRoot");
        root.getProperties().put(CompareView.class, this);
        Label header = new Label();
        header.setId("compareHeader");
        header.getStyleClass().add(Styles.TITLE_4);
        header.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(header, Priority.ALWAYS);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("compareProgress");
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.loadingProperty());
        HBox top = new HBox(8, header, spinner);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8, 10, 4, 10));
        root.setTop(top);
        root.getChildren().add(palette.node());

        Label message = new Label();
        message.setId("compareMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        VBox messageBox = new VBox(message);
        messageBox.setPadding(new Insets(24));
        messageBox.setId("compareMessageBox");

        TabPane tabs = new TabPane(tab("chartsTab", "tracking.compare.tab.charts", chartsTab()),
                tab("diffTab", "tracking.compare.tab.diff", diffTab()),
                tab("parallelTab", "tracking.compare.tab.parallel", parallelTab()),
                tab("scatterTab", "tracking.compare.tab.scatter", scatterTab()));
        tabs.setId("compareTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setCenter(new StackPane(tabs, messageBox));

        Runnable showModel = () -> {
            CompareModel m = vm.modelProperty().get();
            tabs.setVisible(m != null);
            messageBox.setVisible(m == null);
            header.setText(m == null ? vm.title() : Messages.format("tracking.compare.header",
                    java.util.stream.IntStream.range(0, m.runs().size()).mapToObj(m::label)
                            .collect(Collectors.joining(", "))));
            rebuildCharts();
            rebuildTable();
            rebuildParallelAxes();
            redrawScatter();
        };
        vm.shownProperty().addListener((o, a, b) -> showModel.run());
        showModel.run();
        return root;
    }

    /**
     * @param node a node {@link #create} returned
     * @return the view behind it
     */
    static CompareView of(Node node) {
        return (CompareView) node.getProperties().get(CompareView.class);
    }

    private static Tab tab(String id, String key, Node content) {
        Tab t = new Tab(Messages.get(key), content);
        t.setId(id);
        return t;
    }

    // ---------------------------------------------------------------------------------------------- charts

    private Node chartsTab() {
        Node controls = MetricChart.controls(vm.smoothingProperty(), vm.logScaleProperty()); // shared by all charts
        ToggleGroup xGroup = new ToggleGroup();
        HBox xButtons = new HBox();
        for (MetricAxis axis : MetricAxis.values()) {
            ToggleButton b = new ToggleButton(CompareMetricChart.label(axis));
            b.setId("x" + axis.name().charAt(0) + axis.name().substring(1).toLowerCase(java.util.Locale.ROOT));
            b.setUserData(axis);
            b.setToggleGroup(xGroup);
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.getStyleClass().add(axis.ordinal() == 0 ? Styles.LEFT_PILL : axis.ordinal() == MetricAxis.values()
                    .length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            xButtons.getChildren().add(b);
            if (axis == vm.xAxisProperty().get()) {
                xGroup.selectToggle(b);
            }
        }
        xGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                xGroup.selectToggle(a); // one is always chosen
            } else {
                vm.xAxisProperty().set((MetricAxis) b.getUserData());
            }
        });
        Label xLabel = new Label(Messages.get("tracking.compare.xAxis"));
        HBox bar = new HBox(8, controls, new Separator(javafx.geometry.Orientation.VERTICAL), xLabel, xButtons);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        for (Node n : bar.getChildren()) {
            if (n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        grid.setId("chartsGrid");
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(4, 8, 8, 8));
        grid.setPrefTileHeight(CHART_HEIGHT);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.viewportBoundsProperty().addListener((o, a, b) -> {
            double w = b.getWidth() - 16;
            int cols = w >= TWO_COLUMNS_FROM ? 2 : 1;
            grid.setPrefColumns(cols);
            grid.setPrefTileWidth(Math.max(300, (w - (cols - 1) * grid.getHgap()) / cols));
        });
        chartsMessage.setId("chartsMessage");
        chartsMessage.setWrapText(true);
        chartsMessage.setPadding(new Insets(16));
        StackPane center = new StackPane(scroll, chartsMessage);
        StackPane.setAlignment(chartsMessage, Pos.TOP_LEFT);
        vm.xAxisProperty().addListener((o, a, b) -> charts.forEach(CompareMetricChart::redraw));
        return new BorderPane(center, bar, null, null, null);
    }

    private void rebuildCharts() {
        String problem = vm.chartsProblem();
        chartsMessage.setText(problem == null ? "" : problem);
        chartsMessage.setVisible(problem != null);
        List<String> wanted = List.copyOf(vm.metrics());
        if (charts.stream().map(CompareMetricChart::metric).toList().equals(wanted)) {
            charts.forEach(CompareMetricChart::redraw); // a refresh: same charts, new points
            return;
        }
        charts.clear();
        for (String metric : wanted) {
            charts.add(new CompareMetricChart(vm, metric));
        }
        grid.getChildren().setAll(charts.stream().map(CompareMetricChart::node).toList());
    }

    /** @return the charts shown, one per common metric */
    List<CompareMetricChart> charts() {
        return charts;
    }

    // ---------------------------------------------------------------------------------------------- diff

    private Node diffTab() {
        CheckBox only = new CheckBox(Messages.get("tracking.compare.onlyDifferences"));
        only.setId("onlyDifferences");
        only.selectedProperty().bindBidirectional(vm.onlyDifferencesProperty());
        diffSummary.setId("diffSummary");
        diffSummary.getStyleClass().add(Styles.TEXT_MUTED);
        HBox bar = new HBox(16, only, diffSummary);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        table.setId("diffTable");
        table.setItems(vm.rows());
        table.getStyleClass().addAll(Styles.DENSE, Styles.BORDERED);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY); // wide runs scroll sideways
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CompareModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                boolean differs = !empty && row != null && row.differs();
                setStyle(differs ? "-fx-background-color: -color-warning-subtle;" : "");
                getStyleClass().remove("compare-differs");
                if (differs) {
                    getStyleClass().add("compare-differs");
                }
            }
        });
        return new BorderPane(table, bar, null, null, null);
    }

    private void rebuildTable() {
        CompareModel m = vm.modelProperty().get();
        diffSummary.setText(vm.diffSummary());
        table.getColumns().clear();
        if (m == null) {
            return;
        }
        TableColumn<CompareModel.Row, String> key = new TableColumn<>(Messages.get("tracking.compare.key"));
        key.setCellValueFactory(c -> new ReadOnlyStringWrapper((c.getValue().section() == CompareModel.Section.PARAM
                ? CompareModel.PARAMS : CompareModel.METRICS) + c.getValue().key()));
        key.setPrefWidth(280);
        table.getColumns().add(key);
        for (int r = 0; r < m.runs().size(); r++) {
            int run = r;
            TableColumn<CompareModel.Row, String> col = new TableColumn<>(m.label(r));
            col.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().values().get(run)));
            col.setPrefWidth(250);
            table.getColumns().add(col);
        }
    }

    // ---------------------------------------------------------------------------------------------- parallel

    private Node parallelTab() {
        parallelAxes.setId("parallelAxes");
        parallelAxes.setPadding(new Insets(8));
        ScrollPane side = new ScrollPane(parallelAxes);
        side.setFitToWidth(true);
        side.setPrefWidth(220);
        side.setMinWidth(180);
        parallel.setId("parallelCanvas");
        parallelHover.setId("parallelHover");
        parallelHover.setPadding(new Insets(4, 10, 6, 10));
        parallelHover.setMinHeight(24);
        parallelHover.setWrapText(true);
        Label none = new Label(Messages.get("tracking.compare.parallel.none"));
        none.setId("parallelNone");
        none.setPadding(new Insets(16));
        StackPane center = new StackPane(parallel, none);
        StackPane.setAlignment(none, Pos.TOP_LEFT);
        vm.parallelParams().addListener((ListChangeListener<String>) c -> parallelAxes.getChildren().forEach(n -> {
            if (n instanceof CheckBox box && box.getUserData() instanceof String key) {
                box.setSelected(vm.parallelParams().contains(key));
            }
        }));
        Runnable redraw = () -> {
            parallel.show(vm.parallelProperty().get());
            none.setVisible(vm.parallelProperty().get() == null && vm.modelProperty().get() != null);
            parallelHover.setText("");
        };
        vm.parallelProperty().addListener((o, a, b) -> redraw.run());
        redraw.run();
        return new BorderPane(center, null, null, parallelHover, side);
    }

    private void rebuildParallelAxes() {
        parallelAxes.getChildren().clear();
        if (vm.modelProperty().get() == null) {
            return;
        }
        Label metric = new Label(Messages.get("tracking.compare.parallel.metric"));
        metric.getStyleClass().add(Styles.TEXT_BOLD);
        metric.setWrapText(true);
        ComboBox<String> metrics = axisCombo("parallelMetric", vm.metricAxes());
        metrics.valueProperty().bindBidirectional(vm.parallelMetricProperty());
        Label axes = new Label(Messages.get("tracking.compare.parallel.axes"));
        axes.getStyleClass().add(Styles.TEXT_BOLD);
        parallelAxes.getChildren().addAll(metric, metrics, new Separator(), axes);
        for (String key : vm.paramAxes()) {
            CheckBox box = new CheckBox(key.substring(CompareModel.PARAMS.length()));
            box.setId("axis-" + key.substring(CompareModel.PARAMS.length()));
            box.setSelected(vm.parallelParams().contains(key));
            box.setUserData(key);
            box.setMnemonicParsing(false); // names have underscores
            box.selectedProperty().addListener((o, a, b) -> vm.chooseParallel(key, b));
            parallelAxes.getChildren().add(box);
        }
    }

    private static ComboBox<String> axisCombo(String id, List<String> items) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(items);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String key) {
                return key == null ? "" : key;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        return box;
    }

    /** @return the parallel-coordinates canvas */
    CompareParallelCanvas parallelCanvas() {
        return parallel;
    }

    // ---------------------------------------------------------------------------------------------- scatter

    private final ComboBox<String> scatterX = axisCombo("scatterX", List.of());
    private final ComboBox<String> scatterY = axisCombo("scatterY", List.of());

    private Node scatterTab() {
        scatterX.valueProperty().bindBidirectional(vm.scatterXProperty());
        scatterY.valueProperty().bindBidirectional(vm.scatterYProperty());
        scatterX.setMaxWidth(260);
        scatterY.setMaxWidth(260);
        HBox bar = new HBox(8, new Label(Messages.get("tracking.compare.scatter.x")), scatterX,
                new Label(Messages.get("tracking.compare.scatter.y")), scatterY);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        scatterViewer.setId("scatterChart");
        scatterViewer.getCanvas().setTooltipEnabled(false);
        scatterNote.setId("scatterNote");
        scatterNote.setPadding(new Insets(4, 10, 6, 10));
        scatterNote.setMinHeight(24);
        scatterNote.setWrapText(true);
        scatterViewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX e) {
                // nothing
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX e) {
                CompareModel.Scatter s = vm.scatterProperty().get();
                if (s != null && e.getEntity() instanceof XYItemEntity item
                        && item.getSeriesIndex() < s.plotted().size()) {
                    scatterNote.setText(vm.describe(s.plotted().get(item.getSeriesIndex()), List.of(s.x(), s.y())));
                } else {
                    scatterNote.setText(vm.scatterNote());
                }
            }
        });
        vm.scatterProperty().addListener((o, a, b) -> redrawScatter());
        palette.onChange(this::redrawScatter);
        return new BorderPane(new StackPane(scatterViewer), bar, null, scatterNote, null);
    }

    private void redrawScatter() {
        List<String> xs = new ArrayList<>(vm.paramAxes());
        xs.addAll(vm.metricAxes());
        if (!scatterX.getItems().equals(xs)) {
            scatterX.getItems().setAll(xs);
        }
        if (!scatterY.getItems().equals(vm.metricAxes())) {
            scatterY.getItems().setAll(vm.metricAxes());
        }
        scatterX.setValue(vm.scatterXProperty().get());
        scatterY.setValue(vm.scatterYProperty().get());
        scatterNote.setText(vm.scatterNote());
        CompareModel m = vm.modelProperty().get();
        CompareModel.Scatter s = vm.scatterProperty().get();
        scatterViewer.setVisible(m != null && s != null);
        if (m == null || s == null) {
            return;
        }
        DefaultXYDataset ds = new DefaultXYDataset();
        for (int r : s.plotted()) {
            ds.addSeries(m.label(r), new double[][] {{s.x().values()[r]}, {s.y().values()[r]}});
        }
        NumberAxis x;
        if (s.x().categorical()) {
            x = new SymbolAxis(s.x().key(), s.x().categories().toArray(new String[0]));
        } else {
            x = new NumberAxis(s.x().key());
            x.setAutoRangeIncludesZero(false);
        }
        NumberAxis y = new NumberAxis(s.y().key());
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < s.plotted().size(); i++) {
            points.setSeriesPaint(i, ChartPalette.awt(CompareColors.run(palette, s.plotted().get(i))));
            points.setSeriesShape(i, new Ellipse2D.Double(-6, -6, 12, 12));
        }
        XYPlot plot = new XYPlot(ds, x, y, points);
        if (!s.x().categorical()) {
            x.setLowerMargin(0.08);
            x.setUpperMargin(0.08);
        } else {
            x.setRange(-0.5, s.x().categories().size() - 0.5);
        }
        y.setLowerMargin(0.08);
        y.setUpperMargin(0.08);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        styleChart(chart, palette);
        scatterViewer.setChart(chart);
    }

    private static final java.awt.Color TRANSPARENT = new java.awt.Color(0, 0, 0, 0);
    private static final java.awt.Font LABEL_FONT = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN,
            12);
    private static final java.awt.Font TICK_FONT = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN,
            11);

    /** The scatter plot's look: transparent, theme text and grid colours, legend at the bottom. */
    private static void styleChart(JFreeChart chart, ChartPalette palette) {
        java.awt.Color fg = ChartPalette.awt(palette.color("fg"));
        java.awt.Color muted = ChartPalette.awt(palette.color("muted"));
        java.awt.Color border = ChartPalette.awt(palette.color("border"));
        chart.setBackgroundPaint(TRANSPARENT);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(4, 4, 4, 14));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(TRANSPARENT);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(border);
        plot.setRangeGridlinePaint(border);
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        for (ValueAxis a : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            a.setLabelPaint(fg);
            a.setLabelFont(LABEL_FONT);
            a.setTickLabelPaint(muted);
            a.setTickLabelFont(TICK_FONT);
            a.setAxisLinePaint(muted);
            a.setTickMarkPaint(muted);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setBackgroundPaint(TRANSPARENT);
            legend.setFrame(BlockBorder.NONE);
            legend.setItemPaint(fg);
            legend.setItemFont(TICK_FONT);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
    }

    /** @return the scatter plot's viewer */
    ChartViewer scatterViewer() {
        return scatterViewer;
    }
}
