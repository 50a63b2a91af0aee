package io.mlwb.app.tracking;

import io.mlwb.app.charts.MetricChart;
import io.mlwb.app.registry.RegistryFeature;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.audit.AuditEntry;
import io.mlwb.catalog.metrics.MetricSeries;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.catalog.run.RunRecord;
import io.mlwb.tracking.MetricAxis;
import io.mlwb.tracking.RunDetails;
import io.mlwb.tracking.TrackedRun;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

/**
 * A run's detail editor: a header (name, status, Open in Training, Refresh) over six tabs — Overview (times, user,
 * experiment, parent, git commit with its dirty diff and "Check out this commit…", spec as run, params, environment,
 * hardware, dataset versions, tags), Metrics (one chart per metric with smoothing, log scale and a step/epoch/time
 * axis; values recorded once in a table; system metrics apart), Artifacts (Open, Reveal, Export… with progress and
 * Cancel), Checkpoints (Resume from the last one), Notes (Markdown editor and preview, Save) and Audit (newest first).
 * Everything shown comes from {@link RunDetailViewModel}; nothing here reads the catalog.
 */
public final class RunDetailView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final double CHART_WIDTH = 520;
    private static final double CHART_HEIGHT = 300;

    private RunDetailView() {
    }

    /**
     * @param vm the view model
     * @return the editor's node
     */
    public static Node create(RunDetailViewModel vm) {
        TabPane tabs = new TabPane();
        tabs.setId("runDetailTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(
                tab("runDetailOverviewTab", "run.detail.tab.overview", overview(vm)),
                tab("runDetailMetricsTab", "run.detail.tab.metrics", metrics(vm)),
                tab("runDetailArtifactsTab", "run.detail.tab.artifacts", artifacts(vm)),
                tab("runDetailCheckpointsTab", "run.detail.tab.checkpoints", checkpoints(vm)),
                tab("runDetailNotesTab", "run.detail.tab.notes", notes(vm)),
                tab("runDetailAuditTab", "run.detail.tab.audit", audit(vm)));
        Label message = new Label();
        message.setId("runDetailMessage");
        message.getStyleClass().add("run-message");
        message.textProperty().bind(vm.messageProperty());
        message.setPadding(new Insets(4, 8, 4, 8));
        message.setWrapText(true);
        BorderPane root = new BorderPane(tabs);
        root.setTop(header(vm));
        root.setBottom(message);
        root.getStyleClass().add("run-detail");
        root.getStylesheets().addAll(io.mlwb.app.ui.Markdown.STYLESHEET,
                Objects.requireNonNull(RunDetailView.class.getResource("run-detail.css")).toExternalForm());
        return root;
    }

    private static Tab tab(String id, String key, Node content) {
        Tab t = new Tab(Messages.get(key), content);
        t.setId(id);
        return t;
    }

    // ---------------------------------------------------------------- header

    private static Node header(RunDetailViewModel vm) {
        Label title = new Label(Messages.format("run.detail.loading", vm.runId()));
        title.setId("runDetailTitle");
        title.getStyleClass().add("run-title");
        Label status = new Label();
        status.setId("runDetailStatus");
        status.getStyleClass().add("run-status");
        Button training = new Button(Messages.get("run.detail.openTraining"), AppIcon.RUNS.node());
        training.setId("runDetailOpenTraining");
        training.setOnAction(e -> vm.openTraining());
        Button refresh = new Button(Messages.get("run.detail.refresh"), AppIcon.REFRESH.node());
        refresh.setId("runDetailRefresh");
        refresh.setOnAction(e -> vm.refresh());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, title, status, grow, RegistryFeature.registerButton(vm.runId()), training, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 6, 10));
        // a long run name is what gets shortened (its whole text in the tooltip), never the status or the buttons
        title.setMinWidth(0);
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(title.textProperty());
        title.setTooltip(whole);
        for (Node n : bar.getChildren()) {
            if (n != title && n != grow && n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        vm.overviewProperty().addListener((o, was, now) -> {
            if (now == null) {
                return;
            }
            title.setText(Messages.format("run.detail.title", now.run().id(), now.run().name()));
            status.setText(now.run().status() + (now.run().deleted() ? " " + Messages.get("run.detail.deleted")
                    : ""));
            status.getStyleClass().removeIf(c -> c.startsWith("run-status-"));
            status.getStyleClass().add("run-status-" + now.run().status());
        });
        return bar;
    }

    // ---------------------------------------------------------------- overview

    private static Node overview(RunDetailViewModel vm) {
        VBox body = new VBox(6);
        body.setId("runDetailOverview");
        body.setPadding(new Insets(8, 14, 14, 14));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        vm.overviewProperty().addListener((o, was, now) -> {
            // a run that trains changes its latest metrics all the time; the page is built again only when what it
            // shows changed (so an open diff, the scroll position and a text selection survive)
            if (now != null && (was == null || !shown(was).equals(shown(now)))) {
                fillOverview(vm, body, now);
            }
        });
        return scroll;
    }

    private static List<Object> shown(RunDetails.Overview o) {
        TrackedRun r = o.run();
        return java.util.Arrays.asList(r.name(), r.status(), r.startMs(), r.endMs(), r.deleted(), r.experiment(),
                r.parentId(), r.params(), r.tags(), r.source(), o.record().commitSha(), o.record().dirty(),
                o.record().dirtyDiff(), o.record().costUsd(), o.user(), o.parentName(), o.specFile(), o.specYaml(),
                o.overrides(), o.environment(), o.hardware(), o.datasets());
    }

    private static void fillOverview(RunDetailViewModel vm, VBox body, RunDetails.Overview o) {
        body.getChildren().clear();
        TrackedRun run = o.run();
        RunRecord rec = o.record();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(Messages.get("run.detail.f.name"), run.name());
        facts.put(Messages.get("run.detail.f.status"), run.status());
        facts.put(Messages.get("run.detail.f.started"), time(run.startMs()));
        facts.put(Messages.get("run.detail.f.ended"), time(run.endMs()));
        facts.put(Messages.get("run.detail.f.duration"), run.startMs() == null || run.endMs() == null ? ""
                : duration(Duration.ofMillis(run.endMs() - run.startMs())));
        facts.put(Messages.get("run.detail.f.user"), Objects.toString(o.user(), ""));
        facts.put(Messages.get("run.detail.f.experiment"), Objects.toString(run.experiment(), ""));
        facts.put(Messages.get("run.detail.f.parent"), run.parentId() == null ? ""
                : "#" + run.parentId() + (o.parentName() == null ? "" : " " + o.parentName()));
        if (run.source() != null) {
            facts.put(Messages.get("run.detail.f.source"), run.source().kind() + " " + run.source().id() + " ("
                    + run.source().path() + ")");
        }
        if (rec.costUsd() != null) {
            facts.put(Messages.get("run.detail.f.cost"), String.format(Locale.ROOT, "$%.4f", rec.costUsd()));
        }
        body.getChildren().add(section("run.detail.s.run"));
        body.getChildren().add(kv("runDetailFacts", facts));

        body.getChildren().add(section("run.detail.s.git"));
        body.getChildren().add(git(vm, rec));

        body.getChildren().add(section("run.detail.s.spec"));
        if (o.specYaml() == null) {
            body.getChildren().add(muted(Messages.get("run.detail.spec.none")));
        } else {
            String file = o.specFile() == null ? Messages.get("run.detail.spec.noFile") : o.specFile();
            String over = o.overrides().isEmpty() ? "" : "   " + Messages.format("run.detail.spec.overrides",
                    String.join(", ", o.overrides()));
            body.getChildren().add(new Label(file + over));
            TextArea yaml = mono(o.specYaml(), "runDetailSpec");
            body.getChildren().add(yaml);
        }

        body.getChildren().add(section("run.detail.s.params"));
        body.getChildren().add(kv("runDetailParams", new java.util.TreeMap<>(run.params())));
        body.getChildren().add(section("run.detail.s.environment"));
        body.getChildren().add(kv("runDetailEnvironment", o.environment()));
        body.getChildren().add(section("run.detail.s.hardware"));
        body.getChildren().add(kv("runDetailHardware", o.hardware()));

        body.getChildren().add(section("run.detail.s.datasets"));
        TableView<RunDetails.DatasetInput> ds = new TableView<>();
        ds.setId("runDetailDatasets");
        ds.getItems().setAll(o.datasets());
        ds.getColumns().add(col("run.detail.ds.role", RunDetails.DatasetInput::role));
        ds.getColumns().add(col("run.detail.ds.dataset", RunDetails.DatasetInput::dataset));
        ds.getColumns().add(col("run.detail.ds.version", d -> "v" + d.version()));
        ds.getColumns().add(col("run.detail.ds.path", RunDetails.DatasetInput::path));
        ds.getColumns().add(col("run.detail.ds.sha256", d -> d.sha256().substring(0, Math.min(16, d.sha256()
                .length())) + "…"));
        ds.getColumns().add(col("run.detail.ds.blob", d -> d.gitBlobId() == null ? "" : d.gitBlobId()
                .substring(0, Math.min(10, d.gitBlobId().length()))));
        ds.getColumns().add(col("run.detail.ds.rows", d -> d.rows() == null ? "" : Long.toString(d.rows())));
        ds.getColumns().add(col("run.detail.ds.size", d -> size(d.sizeBytes())));
        ds.setPlaceholder(new Label(Messages.get("run.detail.ds.none")));
        widths(ds, 80, 170, 70, 320, 170, 110, 90, 90);
        fitRows(ds, o.datasets().size());
        body.getChildren().add(ds);

        Map<String, String> tags = new java.util.TreeMap<>();
        run.tags().forEach((k, v) -> {
            if (!RunDetails.TAG_NOTE.equals(k)) {
                tags.put(k, v == null ? "" : v);
            }
        });
        body.getChildren().add(section("run.detail.s.tags"));
        body.getChildren().add(kv("runDetailTags", tags));
    }

    private static Node git(RunDetailViewModel vm, RunRecord rec) {
        VBox box = new VBox(6);
        if (rec.commitSha() == null) {
            box.getChildren().add(muted(Messages.get("run.detail.git.none")));
            return box;
        }
        TextField sha = new TextField(rec.commitSha());
        sha.setId("runDetailCommit");
        sha.setEditable(false);
        sha.getStyleClass().add("run-mono");
        sha.setPrefColumnCount(40);
        sha.setMaxWidth(Region.USE_PREF_SIZE);
        Label dirty = new Label(Boolean.TRUE.equals(rec.dirty()) ? Messages.get("run.detail.git.dirty")
                : rec.dirty() == null ? "" : Messages.get("run.detail.git.clean"));
        dirty.setId("runDetailDirty");
        dirty.getStyleClass().add(Boolean.TRUE.equals(rec.dirty()) ? "run-dirty" : "run-clean");
        Button checkout = new Button(Messages.get("run.detail.checkout"), AppIcon.BRANCH.node());
        checkout.setId("runDetailCheckout");
        checkout.setDisable(!vm.canCheckout());
        checkout.setOnAction(e -> checkoutDialog(vm, checkout));
        HBox line = new HBox(10, sha, dirty, checkout);
        line.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().add(line);
        if (rec.dirtyDiff() != null && !rec.dirtyDiff().isBlank()) {
            TextArea diff = mono(rec.dirtyDiff(), "runDetailDiff");
            TitledPane p = new TitledPane(Messages.get("run.detail.git.diff"), diff);
            p.setExpanded(false);
            p.setId("runDetailDiffPane");
            box.getChildren().add(p);
        }
        return box;
    }

    private static void checkoutDialog(RunDetailViewModel vm, Node owner) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(Messages.get("run.detail.checkout.title"));
        d.setHeaderText(Messages.format("run.detail.checkout.header", vm.overviewProperty().get().record()
                .commitSha().substring(0, 7), vm.runId()));
        if (owner.getScene() != null) {
            d.initOwner(owner.getScene().getWindow());
        }
        ToggleGroup mode = new ToggleGroup();
        RadioButton branch = new RadioButton(Messages.get("run.detail.checkout.branch"));
        branch.setToggleGroup(mode);
        RadioButton worktree = new RadioButton(Messages.get("run.detail.checkout.worktree"));
        worktree.setToggleGroup(mode);
        worktree.setSelected(true);
        TextField name = new TextField(vm.suggestedBranch());
        TextField folder = new TextField(vm.root().resolveSibling(vm.root().getFileName() + "-"
                + vm.suggestedBranch()).toString());
        folder.setPrefColumnCount(36);
        Button browse = new Button(Messages.get("run.detail.browse"));
        browse.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            File f = c.showDialog(d.getOwner());
            if (f != null) {
                folder.setText(f.toPath().resolve(name.getText().replace('/', '-')).toString());
            }
        });
        folder.disableProperty().bind(branch.selectedProperty());
        browse.disableProperty().bind(branch.selectedProperty());
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.add(worktree, 0, 0, 3, 1);
        g.add(branch, 0, 1, 3, 1);
        Label nameLabel = new Label(Messages.get("run.detail.checkout.name"));
        nameLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label folderLabel = new Label(Messages.get("run.detail.checkout.folder"));
        folderLabel.setMinWidth(Region.USE_PREF_SIZE);
        browse.setMinWidth(Region.USE_PREF_SIZE);
        g.add(nameLabel, 0, 2);
        g.add(name, 1, 2, 2, 1);
        g.add(folderLabel, 0, 3);
        g.add(folder, 1, 3);
        g.add(browse, 2, 3);
        Label hint = new Label(Messages.get("run.detail.checkout.hint"));
        hint.setWrapText(true);
        hint.setMaxWidth(520);
        g.add(hint, 0, 4, 3, 1);
        d.getDialogPane().setContent(g);
        ButtonType ok = new ButtonType(Messages.get("run.detail.checkout.ok"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        d.showAndWait().filter(ok::equals).ifPresent(b -> vm.checkout(branch.isSelected()
                ? RunDetailViewModel.CheckoutMode.BRANCH : RunDetailViewModel.CheckoutMode.WORKTREE,
                name.getText().strip(), Path.of(folder.getText().strip())));
    }

    // ---------------------------------------------------------------- metrics

    private static Node metrics(RunDetailViewModel vm) {
        ChoiceBox<MetricAxis> axis = new ChoiceBox<>();
        axis.setId("runDetailAxis");
        axis.getItems().setAll(MetricAxis.values());
        axis.setConverter(new StringConverter<>() {
            @Override
            public String toString(MetricAxis a) {
                return a == null ? "" : Messages.get("run.detail.axis." + a.name().toLowerCase(Locale.ROOT));
            }

            @Override
            public MetricAxis fromString(String s) {
                return null;
            }
        });
        axis.valueProperty().bindBidirectional(vm.axisProperty());
        MenuButton pick = new MenuButton(Messages.get("run.detail.metrics.pick"));
        pick.setId("runDetailMetricPicker");
        HBox bar = new HBox(10, new Label(Messages.get("run.detail.metrics.x")), axis,
                MetricChart.controls(vm.smoothingProperty(), vm.logScaleProperty()), pick);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));

        VBox body = new VBox(8);
        body.setId("runDetailCharts");
        body.setPadding(new Insets(6, 10, 10, 10));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        List<MetricChart> charts = new ArrayList<>();
        javafx.beans.property.DoubleProperty width = new javafx.beans.property.SimpleDoubleProperty(2 * CHART_WIDTH);
        scroll.viewportBoundsProperty().addListener((o, was, now) -> width.set(now.getWidth() - 24));
        InvalidationListener rebuild = o -> {
            charts.clear();
            body.getChildren().clear();
            fillCharts(vm, body, charts, width);
            pick.getItems().clear();
            for (MetricSeries s : vm.metrics()) {
                if (s.size() > 1) {
                    CheckMenuItem item = new CheckMenuItem(s.name());
                    item.setMnemonicParsing(false);
                    item.setSelected(!vm.hidden().contains(s.name()));
                    item.setOnAction(e -> {
                        if (item.isSelected()) {
                            vm.hidden().remove(s.name());
                        } else {
                            vm.hidden().add(s.name());
                        }
                    });
                    pick.getItems().add(item);
                }
            }
        };
        vm.metrics().addListener((ListChangeListener<MetricSeries>) c -> rebuild.invalidated(null));
        vm.system().addListener((ListChangeListener<MetricSeries>) c -> rebuild.invalidated(null));
        vm.hidden().addListener((SetChangeListener<String>) c -> rebuild.invalidated(null));
        vm.axisProperty().addListener(rebuild);
        BorderPane root = new BorderPane(scroll);
        root.setTop(bar);
        return root;
    }

    private static void fillCharts(RunDetailViewModel vm, VBox body, List<MetricChart> charts,
                                   javafx.beans.value.ObservableDoubleValue width) {
        List<MetricSeries> once = new ArrayList<>();
        FlowPane flow = flow(width);
        List<MetricSeries> ordered = new ArrayList<>(vm.metrics());
        ordered.sort(java.util.Comparator.comparingInt((MetricSeries m) -> m.name().startsWith("train/") ? 0
                : m.name().startsWith("epoch/") ? 1 : 2).thenComparing(MetricSeries::name));
        for (MetricSeries s : ordered) {
            if (s.size() <= 1) {
                once.add(s);
            } else if (!vm.hidden().contains(s.name())) {
                flow.getChildren().add(chart(vm, s, vm.axisLabel(), charts));
            }
        }
        if (vm.metrics().isEmpty() && vm.system().isEmpty()) {
            body.getChildren().add(muted(Messages.get("run.detail.metrics.none")));
            return;
        }
        body.getChildren().add(flow);
        if (!once.isEmpty()) {
            body.getChildren().add(section("run.detail.metrics.once"));
            Map<String, String> values = new LinkedHashMap<>();
            for (MetricSeries s : once) {
                values.put(s.name(), s.size() == 0 ? "" : exact(s.values()[0]));
            }
            body.getChildren().add(kv("runDetailOnce", values));
        }
        if (!vm.system().isEmpty()) {
            body.getChildren().add(section("run.detail.metrics.system"));
            FlowPane sys = flow(width);
            sys.setId("runDetailSystemCharts");
            for (MetricSeries s : vm.system()) {
                sys.getChildren().add(chart(vm, s, Messages.get("run.detail.axis.time"), charts));
            }
            body.getChildren().add(sys);
        }
    }

    private static FlowPane flow(javafx.beans.value.ObservableDoubleValue width) {
        FlowPane f = new FlowPane(10, 10);
        f.prefWrapLengthProperty().bind(Bindings.max(CHART_WIDTH + 10, width));
        return f;
    }

    private static Node chart(RunDetailViewModel vm, MetricSeries s, String xLabel, List<MetricChart> charts) {
        MetricChart c = new MetricChart(xLabel, s.name());
        c.smoothingProperty().bind(vm.smoothingProperty());
        c.logScaleProperty().bind(vm.logScaleProperty());
        c.setLines(List.of(vm.line(s)));
        c.chart().removeLegend();
        charts.add(c);
        Label title = new Label(s.name() + "  (" + s.size() + ")");
        title.getStyleClass().add("run-chart-title");
        title.setMnemonicParsing(false);
        VBox box = new VBox(2, title, c.node());
        box.getStyleClass().add("run-chart");
        box.setUserData(s.name());
        c.node().setPrefSize(CHART_WIDTH, CHART_HEIGHT);
        return box;
    }

    // ---------------------------------------------------------------- artifacts

    private static Node artifacts(RunDetailViewModel vm) {
        TableView<RunFiles.Artifact> table = new TableView<>(vm.artifacts());
        table.setId("runDetailArtifacts");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label(Messages.get("run.detail.artifacts.none")));
        table.getColumns().add(col("run.detail.a.path", RunFiles.Artifact::path));
        table.getColumns().add(col("run.detail.a.kind", RunFiles.Artifact::kind));
        table.getColumns().add(col("run.detail.a.size", a -> a.sizeBytes() == null ? "" : size(a.sizeBytes())));
        table.getColumns().add(col("run.detail.a.sha256", a -> a.sha256() == null ? ""
                : a.sha256().substring(0, Math.min(16, a.sha256().length()))));
        table.getColumns().add(col("run.detail.a.created", a -> a.createdAt() == null ? ""
                : TIME.format(a.createdAt())));
        widths(table, 440, 110, 90, 150, 170);
        table.setRowFactory(tv -> {
            TableRow<RunFiles.Artifact> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    vm.open(row.getItem());
                }
            });
            return row;
        });
        Button open = new Button(Messages.get("run.detail.a.open"), AppIcon.FILE.node());
        open.setId("runDetailArtifactOpen");
        open.setOnAction(e -> table.getSelectionModel().getSelectedItems().forEach(vm::open));
        Button reveal = new Button(Messages.get("run.detail.a.reveal"), AppIcon.FOLDER.node());
        reveal.setId("runDetailArtifactReveal");
        reveal.setOnAction(e -> {
            RunFiles.Artifact a = table.getSelectionModel().getSelectedItem();
            if (a != null) {
                vm.reveal(a);
            }
        });
        Button export = new Button(Messages.get("run.detail.a.export"), AppIcon.DOWNLOAD.node());
        export.setId("runDetailArtifactExport");
        export.setOnAction(e -> {
            List<RunFiles.Artifact> chosen = new ArrayList<>(table.getSelectionModel().getSelectedItems());
            if (chosen.isEmpty()) {
                chosen.addAll(vm.artifacts());
            }
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle(Messages.get("run.detail.a.exportTitle"));
            File f = c.showDialog(table.getScene() == null ? null : table.getScene().getWindow());
            if (f != null) {
                vm.export(chosen, f.toPath());
            }
        });
        var none = Bindings.isEmpty(table.getSelectionModel().getSelectedItems());
        open.disableProperty().bind(none);
        reveal.disableProperty().bind(none);
        export.disableProperty().bind(Bindings.isEmpty(vm.artifacts()).or(vm.exportProperty().isNotNull()));
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.exportProgressProperty());
        progress.visibleProperty().bind(vm.exportProperty().isNotNull());
        progress.managedProperty().bind(progress.visibleProperty());
        Button cancel = new Button(Messages.get("run.detail.a.cancel"), AppIcon.CANCEL.node());
        cancel.setId("runDetailExportCancel");
        cancel.visibleProperty().bind(vm.exportProperty().isNotNull());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> {
            if (vm.exportProperty().get() != null) {
                vm.exportProperty().get().cancel();
            }
        });
        Label hint = muted(Messages.get("run.detail.a.hint"));
        HBox bar = new HBox(8, open, reveal, export, progress, cancel, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        BorderPane root = new BorderPane(table);
        root.setTop(bar);
        return root;
    }

    // ---------------------------------------------------------------- checkpoints

    private static Node checkpoints(RunDetailViewModel vm) {
        TableView<RunFiles.Checkpoint> table = new TableView<>(vm.checkpoints());
        table.setId("runDetailCheckpoints");
        table.setPlaceholder(new Label(Messages.get("run.detail.c.none")));
        table.getColumns().add(col("run.detail.c.epoch", c -> c.epoch() == null ? "" : c.epoch().toString()));
        table.getColumns().add(col("run.detail.c.step", c -> c.step() == null ? "" : c.step().toString()));
        table.getColumns().add(col("run.detail.c.metrics", c -> metricsText(c.metricsJson())));
        table.getColumns().add(col("run.detail.c.path", RunFiles.Checkpoint::path));
        table.getColumns().add(col("run.detail.c.created", c -> c.createdAt() == null ? ""
                : TIME.format(c.createdAt())));
        widths(table, 70, 80, 560, 380, 170);
        Button resume = new Button(Messages.get("run.detail.c.resume"), AppIcon.RUN.node());
        resume.setId("runDetailResume");
        Label why = muted("");
        why.setId("runDetailResumeWhy");
        Button fork = new Button(Messages.get("run.detail.c.fork"), AppIcon.RUN.node());
        fork.setId("runDetailFork");
        fork.setTooltip(new javafx.scene.control.Tooltip(Messages.get("run.detail.c.forkHint")));
        // any row can be continued: the last one resumes this run (when it stopped), every kept one starts a new run
        Runnable update = () -> {
            RunFiles.Checkpoint c = table.getSelectionModel().getSelectedItem();
            String reason = c == null ? Messages.get("run.detail.c.choose") : vm.whyNotResume(c);
            String forkReason = c == null ? reason : vm.whyNotFork(c);
            resume.setDisable(reason != null);
            fork.setDisable(forkReason != null);
            why.setText(reason == null ? Messages.get("run.detail.c.resumeHint") : c != null && forkReason == null
                    ? reason + " " + Messages.get("run.detail.c.forkInstead") : reason);
        };
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> update.run());
        vm.overviewProperty().addListener((o, was, now) -> update.run());
        vm.checkpoints().addListener((ListChangeListener<RunFiles.Checkpoint>) c -> update.run());
        update.run();
        resume.setOnAction(e -> vm.resume(table.getSelectionModel().getSelectedItem()));
        fork.setOnAction(e -> {
            RunFiles.Checkpoint c = table.getSelectionModel().getSelectedItem();
            if (c == null) {
                return;
            }
            javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
            d.initOwner(table.getScene() == null ? null : table.getScene().getWindow());
            d.setTitle(Messages.get("run.detail.c.fork"));
            d.setHeaderText(Messages.format("run.detail.fork.header", c.epoch()));
            d.setContentText(Messages.get("run.detail.fork.overrides"));
            d.getEditor().setId("runDetailForkOverrides");
            d.getEditor().setPromptText("epochs=40 optimizer.learning_rate=0.001");
            d.getEditor().setPrefColumnCount(32);
            d.showAndWait().ifPresent(text -> vm.fork(c, text));
        });
        javafx.scene.control.MenuItem resumeItem = new javafx.scene.control.MenuItem(resume.getText());
        resumeItem.setId("runDetailResumeItem");
        resumeItem.disableProperty().bind(resume.disableProperty());
        resumeItem.setOnAction(resume.getOnAction());
        javafx.scene.control.MenuItem forkItem = new javafx.scene.control.MenuItem(fork.getText());
        forkItem.setId("runDetailForkItem");
        forkItem.disableProperty().bind(fork.disableProperty());
        forkItem.setOnAction(fork.getOnAction());
        table.setContextMenu(new javafx.scene.control.ContextMenu(resumeItem, forkItem)); // a right click selects the row
        HBox bar = new HBox(10, resume, fork, why);
        resume.setMinWidth(Region.USE_PREF_SIZE); // the hint wraps; the buttons keep their whole text
        fork.setMinWidth(Region.USE_PREF_SIZE);
        why.setWrapText(true);
        why.setMinWidth(0);
        HBox.setHgrow(why, Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        BorderPane root = new BorderPane(table);
        root.setTop(bar);
        return root;
    }

    private static String metricsText(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json);
            List<String> parts = new ArrayList<>();
            n.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + (e.getValue().isNumber()
                    ? String.format(Locale.ROOT, "%.4g", e.getValue().asDouble()) : e.getValue().asText())));
            return String.join("  ", parts);
        } catch (java.io.IOException e) {
            return json;
        }
    }

    // ---------------------------------------------------------------- notes

    private static Node notes(RunDetailViewModel vm) {
        TextArea editor = new TextArea();
        editor.setId("runDetailNoteEditor");
        editor.setWrapText(true);
        editor.setPromptText(Messages.get("run.detail.n.prompt"));
        editor.textProperty().bindBidirectional(vm.noteProperty());
        editor.getStyleClass().add("run-mono");
        ScrollPane preview = new ScrollPane();
        preview.setId("runDetailNotePreview");
        preview.setFitToWidth(true);
        InvalidationListener render = o -> preview.setContent(io.mlwb.app.ui.Markdown.render(vm.noteProperty().get()));
        vm.noteProperty().addListener(render);
        render.invalidated(null);
        SplitPane split = new SplitPane(editor, preview);
        split.setDividerPositions(0.5);
        Button save = new Button(Messages.get("run.detail.n.save"), AppIcon.CHECK.node());
        save.setId("runDetailNoteSave");
        save.disableProperty().bind(vm.noteDirtyBinding().not());
        save.setOnAction(e -> vm.saveNote());
        Button revert = new Button(Messages.get("run.detail.n.revert"));
        revert.setId("runDetailNoteRevert");
        revert.disableProperty().bind(vm.noteDirtyBinding().not());
        revert.setOnAction(e -> vm.noteProperty().set(vm.savedNoteProperty().get()));
        Label hint = muted(Messages.get("run.detail.n.hint"));
        HBox bar = new HBox(8, save, revert, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        BorderPane root = new BorderPane(split);
        root.setTop(bar);
        return root;
    }

    // ---------------------------------------------------------------- audit

    private static Node audit(RunDetailViewModel vm) {
        TableView<AuditEntry> table = new TableView<>(vm.audit());
        table.setId("runDetailAudit");
        table.setPlaceholder(new Label(Messages.get("run.detail.au.none")));
        table.getColumns().add(col("run.detail.au.seq", e -> Long.toString(e.seq())));
        table.getColumns().add(col("run.detail.au.time", e -> TIME.format(Instant.ofEpochMilli(e.timeMillis()))));
        table.getColumns().add(col("run.detail.au.actor", AuditEntry::actor));
        table.getColumns().add(col("run.detail.au.action", AuditEntry::action));
        table.getColumns().add(col("run.detail.au.entity", e -> e.entity() + (e.entityId() == null ? ""
                : " " + e.entityId())));
        table.getColumns().add(col("run.detail.au.details", AuditEntry::detailsJson));
        widths(table, 60, 170, 200, 130, 140, 600);
        table.getColumns().get(5).getStyleClass().add("run-mono");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(AuditEntry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setTooltip(null);
                } else {
                    javafx.scene.control.Tooltip t = new javafx.scene.control.Tooltip(e.detailsJson());
                    t.setWrapText(true);
                    t.setMaxWidth(640);
                    setTooltip(t); // the whole details, which the column cuts
                }
            }
        });
        return table;
    }

    // ---------------------------------------------------------------- helpers

    private static Label section(String key) {
        Label l = new Label(Messages.get(key));
        l.getStyleClass().add("run-section");
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("run-key");
        l.setWrapText(true);
        return l;
    }

    private static TextArea mono(String text, String id) {
        TextArea a = new TextArea(text);
        a.setId(id);
        a.setEditable(false);
        a.getStyleClass().add("run-mono");
        // as tall as the text (up to 40 lines), so the page scrolls rather than the box
        double h = Math.min(40, text.lines().count() + 1) * 17 + 18;
        a.setPrefHeight(h);
        a.setMinHeight(h);
        return a;
    }

    /** Keys and values as a two-column grid of labels: nothing truncated, no scrolling inside the page. */
    private static GridPane kv(String id, Map<String, String> values) {
        GridPane g = new GridPane();
        g.setId(id);
        g.getStyleClass().add("run-kv");
        g.setHgap(16);
        g.setVgap(3);
        g.setPadding(new Insets(0, 0, 0, 2));
        ColumnConstraints key = new ColumnConstraints();
        key.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints value = new ColumnConstraints();
        value.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(key, value);
        if (values.isEmpty()) {
            g.add(muted(Messages.get("run.detail.empty")), 0, 0, 2, 1);
            return g;
        }
        int row = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            Label k = new Label(e.getKey());
            k.getStyleClass().add("run-key");
            k.setMnemonicParsing(false);
            Label v = new Label(e.getValue());
            v.setMnemonicParsing(false);
            v.setWrapText(true);
            g.add(k, 0, row);
            g.add(v, 1, row++);
        }
        return g;
    }

    /** A small table shown whole: fixed row height, as tall as its rows (at least one, for the placeholder). */
    private static void fitRows(TableView<?> t, int rows) {
        t.setFixedCellSize(30);
        double h = 40 + Math.max(1, rows) * 30 + 4;
        t.setPrefHeight(h);
        t.setMinHeight(h);
        t.setMaxHeight(h);
    }

    private static void widths(TableView<?> table, double... widths) {
        for (int i = 0; i < widths.length && i < table.getColumns().size(); i++) {
            table.getColumns().get(i).setPrefWidth(widths[i]);
        }
    }

    private static <T> TableColumn<T, String> col(String key, Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(cd -> new SimpleStringProperty(f.apply(cd.getValue())));
        return c;
    }

    private static String time(Long ms) {
        return ms == null ? "" : TIME.format(Instant.ofEpochMilli(ms));
    }

    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        return s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kb = bytes / 1024.0;
        if (kb < 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", kb);
        }
        double mb = kb / 1024;
        return mb < 1024 ? String.format(Locale.ROOT, "%.1f MiB", mb) : String.format(Locale.ROOT, "%.2f GiB",
                mb / 1024);
    }

    private static String exact(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
