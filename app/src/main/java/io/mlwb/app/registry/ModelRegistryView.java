package io.mlwb.app.registry;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.registry.ModelVersion;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A registered model's pane: a header (its name, a summary, Refresh) over its versions' table — version, stage as a
 * coloured chip, aliases as chips, the run as a link to its detail editor, who registered it and when, git tag, cost
 * (with its sweep's), card status, deployments, and retired rows dimmed with the rationale and successor in a
 * tooltip — and the selected version's detail: its actions (Set alias…, Remove alias, Stage, Retire…, Open run),
 * signature inputs and outputs, the datasets its run read, and its retirement. Everything shown comes from
 * {@link ModelRegistryViewModel}.
 */
public final class ModelRegistryView {

    private ModelRegistryView() {
    }

    /**
     * @param vm    the view model
     * @param owner gives the window that owns the dialogs (may give null)
     * @return the editor's node
     */
    public static Node create(ModelRegistryViewModel vm, java.util.function.Supplier<Window> owner) {
        TableView<ModelVersion> table = versionsTable(vm);
        // the table's selection and the view model's follow each other; a fresh read re-selects by id
        table.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null && is != vm.selectedProperty().get()) {
                vm.selectedProperty().set(is);
            }
        });
        vm.selectedProperty().addListener((o, was, is) -> {
            if (is != table.getSelectionModel().getSelectedItem()) {
                if (is == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(is);
                }
            }
        });
        Node detail = detail(vm, owner);
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        SplitPane.setResizableWithParent(detail, false);

        Label message = new Label();
        message.setId("registryMessage");
        message.getStyleClass().add(Styles.TEXT_MUTED);
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.setPadding(new Insets(4, 10, 4, 10));
        BorderPane root = new BorderPane(split);
        root.setTop(header(vm));
        root.setBottom(message);
        root.getStyleClass().add("model-registry");
        root.getStylesheets().add(Objects.requireNonNull(ModelRegistryView.class.getResource("registry.css"))
                .toExternalForm());
        return root;
    }

    private static Node header(ModelRegistryViewModel vm) {
        Label title = new Label(vm.name(), AppIcon.MODEL.node());
        title.setId("registryTitle");
        title.getStyleClass().add("registry-title");
        Label summary = new Label();
        summary.setId("registrySummary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(vm.summaryProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button refresh = new Button(Messages.get("registry.refresh"), AppIcon.REFRESH.node());
        refresh.setId("registryRefresh");
        refresh.setOnAction(e -> vm.load());
        HBox bar = new HBox(12, title, summary, grow, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 6, 10));
        return bar;
    }

    // ---------------------------------------------------------------- versions table

    private static TableView<ModelVersion> versionsTable(ModelRegistryViewModel vm) {
        TableView<ModelVersion> table = new TableView<>(vm.versions());
        table.setId("versionsTable");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setPlaceholder(new Label(Messages.get("registry.versions.none")));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        TableColumn<ModelVersion, String> version = text("registry.col.version", 85,
                v -> RegistryFormat.version(v.version()));
        version.setId("colVersion");
        TableColumn<ModelVersion, ModelVersion> stage = graphic("registry.col.stage", 95, v -> chip(v.stage(),
                "stage-" + v.stage()));
        TableColumn<ModelVersion, ModelVersion> aliases = graphic("registry.col.aliases", 170, v -> {
            FlowPane chips = new FlowPane(4, 2);
            chips.setAlignment(Pos.CENTER_LEFT);
            v.aliases().forEach(a -> chips.getChildren().add(chip(a, "alias-chip")));
            return chips;
        });
        TableColumn<ModelVersion, ModelVersion> run = graphic("registry.col.run", 190, v -> {
            if (v.runId() == null) {
                return new Label(RegistryFormat.run(v));
            }
            Hyperlink link = new Hyperlink(RegistryFormat.run(v));
            link.getStyleClass().add("run-link");
            link.setOnAction(e -> {
                vm.selectedProperty().set(v);
                vm.openRun();
            });
            return link;
        });
        TableColumn<ModelVersion, String> by = text("registry.col.createdBy", 90, ModelVersion::createdBy);
        TableColumn<ModelVersion, String> at = text("registry.col.createdAt", 135,
                v -> RegistryFormat.time(v.createdAtMs()));
        TableColumn<ModelVersion, String> tag = text("registry.col.tag", 150,
                v -> v.gitTag() == null ? Messages.get("registry.tag.none") : v.gitTag());
        TableColumn<ModelVersion, String> cost = text("registry.col.cost", 120, RegistryFormat::cost);
        cost.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<ModelVersion, String> card = text("registry.col.card", 75,
                v -> v.cardStatus() == null ? "" : v.cardStatus());
        TableColumn<ModelVersion, String> deployments = text("registry.col.deployments", 120,
                v -> Integer.toString(v.deployments().size()));
        deployments.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<ModelVersion, String> retired = text("registry.col.retired", 85,
                v -> v.retired() ? Messages.get("registry.retired") : "");
        table.getColumns().addAll(List.of(version, stage, aliases, run, by, at, tag, cost, card, deployments,
                retired));
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(ModelVersion v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().remove("retired-row");
                setTooltip(null);
                if (!empty && v != null && v.retired()) {
                    getStyleClass().add("retired-row");
                    setTooltip(new Tooltip(ModelRegistryViewModel.retirement(v).orElse("")));
                }
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.openRun();
            }
        });
        return table;
    }

    private static TableColumn<ModelVersion, String> text(String key, double width,
                                                          Function<ModelVersion, String> value) {
        TableColumn<ModelVersion, String> c = new TableColumn<>(Messages.get(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue() == null ? ""
                : Objects.toString(value.apply(cd.getValue()), "")));
        return c;
    }

    private static TableColumn<ModelVersion, ModelVersion> graphic(String key, double width,
                                                                   Function<ModelVersion, Node> node) {
        TableColumn<ModelVersion, ModelVersion> c = new TableColumn<>(Messages.get(key));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ModelVersion v, boolean empty) {
                super.updateItem(v, empty);
                setText(null);
                setGraphic(empty || v == null ? null : node.apply(v));
            }
        });
        return c;
    }

    private static Label chip(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().addAll("registry-chip", styleClass);
        return l;
    }

    // ---------------------------------------------------------------- selected version

    private static Node detail(ModelRegistryViewModel vm, java.util.function.Supplier<Window> owner) {
        Label ref = new Label();
        ref.setId("versionRef");
        ref.getStyleClass().add("registry-section");
        Label description = new Label();
        description.setId("versionDescription");
        description.getStyleClass().add(Styles.TEXT_MUTED);
        description.setWrapText(true);

        Button setAlias = new Button(Messages.get("registry.action.setAlias"));
        setAlias.setId("setAliasButton");
        setAlias.setOnAction(e -> {
            ModelVersion v = vm.selectedProperty().get();
            if (v != null) {
                RegistryDialogs.ask(RegistryDialogs.alias(owner.get(), v)).ifPresent(vm::setAlias);
            }
        });
        MenuButton removeAlias = new MenuButton(Messages.get("registry.action.removeAlias"));
        removeAlias.setId("removeAliasButton");
        Label stageLabel = new Label(Messages.get("registry.action.stage"));
        ComboBox<String> stage = new ComboBox<>();
        stage.setId("stageBox");
        stage.getItems().setAll(ModelRegistryViewModel.STAGES);
        stageLabel.setLabelFor(stage);
        boolean[] updating = {false};
        stage.valueProperty().addListener((o, was, is) -> {
            if (!updating[0] && is != null) {
                vm.setStage(is);
            }
        });
        Button retire = new Button(Messages.get("registry.action.retire"));
        retire.setId("retireButton");
        retire.getStyleClass().add(Styles.DANGER);
        retire.setOnAction(e -> {
            ModelVersion v = vm.selectedProperty().get();
            if (v != null) {
                RegistryDialogs.ask(RegistryDialogs.retire(owner.get(), v, vm.successors()))
                        .ifPresent(r -> vm.retire(r.rationale(), r.successor()));
            }
        });
        Button openRun = new Button(Messages.get("registry.action.openRun"), AppIcon.RUNS.node());
        openRun.setId("openRunButton");
        openRun.setOnAction(e -> vm.openRun());
        Button lineage = new Button(Messages.get("registry.action.lineage"), AppIcon.BRANCH.node());
        lineage.setId("showLineageButton");
        lineage.setOnAction(e -> vm.openLineage());
        lineage.disableProperty().bind(vm.selectedProperty().isNull());
        Button card = io.mlwb.app.modelcard.ModelCardFeature.cardButton(() -> vm.selectedProperty().get());
        card.disableProperty().bind(vm.selectedProperty().isNull());
        Button deploy = io.mlwb.app.deploy.DeployFeature.deployButton(() -> vm.selectedProperty().get());
        deploy.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.selectedProperty().get() == null
                || vm.selectedProperty().get().retired(), vm.selectedProperty()));
        HBox actions = new HBox(8, setAlias, removeAlias, stageLabel, stage, retire, openRun, lineage, card, deploy);
        actions.setAlignment(Pos.CENTER_LEFT);

        TableView<ModelRegistryViewModel.Input> inputs = new TableView<>();
        inputs.setId("signatureInputs");
        inputs.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        inputs.setPlaceholder(new Label(Messages.get("registry.signature.none")));
        inputs.getColumns().addAll(List.of(
                simple("registry.sig.input", 160, ModelRegistryViewModel.Input::name),
                simple("registry.sig.kind", 100, ModelRegistryViewModel.Input::kind),
                simple("registry.sig.nullable", 80, i -> i.nullable() ? Messages.get("registry.sig.yes")
                        : Messages.get("registry.sig.no"))));
        inputs.setPrefHeight(180);
        inputs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableView<ModelRegistryViewModel.Output> outputs = new TableView<>();
        outputs.setId("signatureOutputs");
        outputs.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        outputs.setPlaceholder(new Label(Messages.get("registry.signature.none")));
        outputs.getColumns().addAll(List.of(
                simple("registry.sig.output", 130, ModelRegistryViewModel.Output::key),
                simple("registry.sig.value", 240, ModelRegistryViewModel.Output::value)));
        outputs.setPrefHeight(180);
        outputs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label datasets = new Label();
        datasets.setId("versionDatasets");
        datasets.setWrapText(true);
        Label retirement = new Label();
        retirement.setId("versionRetirement");
        retirement.setWrapText(true);
        retirement.getStyleClass().add("retirement");
        retirement.managedProperty().bind(retirement.textProperty().isNotEmpty());
        retirement.visibleProperty().bind(retirement.managedProperty());
        Label facts = new Label();
        facts.setId("versionFacts");
        facts.setWrapText(true);
        VBox side = new VBox(4, section("registry.detail.datasets"), datasets, section("registry.detail.facts"),
                facts, retirement);
        side.setMinWidth(220);
        HBox.setHgrow(side, Priority.ALWAYS);
        VBox inBox = new VBox(4, section("registry.detail.inputs"), inputs);
        VBox outBox = new VBox(4, section("registry.detail.outputs"), outputs);
        HBox.setHgrow(inBox, Priority.SOMETIMES);
        HBox.setHgrow(outBox, Priority.SOMETIMES);
        HBox columns = new HBox(14, inBox, outBox, side);

        VBox body = new VBox(8, ref, description, actions, columns);
        body.setPadding(new Insets(8, 12, 10, 12));
        body.getStyleClass().add("version-detail");

        Runnable fill = () -> {
            ModelVersion v = vm.selectedProperty().get();
            body.setDisable(v == null);
            ref.setText(v == null ? Messages.get("registry.detail.none") : v.ref());
            description.setText(v == null || v.description() == null ? "" : v.description());
            description.setManaged(!description.getText().isEmpty());
            description.setVisible(description.isManaged());
            updating[0] = true;
            // a retired version shows its stage (archived), which is not one a person may choose
            stage.getItems().setAll(v != null && v.retired() ? List.of(v.stage()) : ModelRegistryViewModel.STAGES);
            stage.setValue(v == null ? null : v.stage());
            updating[0] = false;
            removeAlias.getItems().clear();
            if (v != null) {
                for (String a : v.aliases()) {
                    MenuItem item = new MenuItem(a);
                    item.setMnemonicParsing(false);
                    item.setOnAction(e -> vm.removeAlias(a));
                    removeAlias.getItems().add(item);
                }
            }
            boolean retiredOrNone = v == null || v.retired();
            setAlias.setDisable(retiredOrNone);
            stage.setDisable(retiredOrNone);
            retire.setDisable(retiredOrNone);
            removeAlias.setDisable(removeAlias.getItems().isEmpty());
            openRun.setDisable(v == null || v.runId() == null);
            inputs.getItems().setAll(ModelRegistryViewModel.inputs(v));
            outputs.getItems().setAll(ModelRegistryViewModel.outputs(v));
            String ds = ModelRegistryViewModel.datasets(v);
            datasets.setText(ds.isEmpty() ? Messages.get("registry.detail.noDatasets") : ds);
            facts.setText(v == null ? "" : Messages.format("registry.detail.factsText",
                    Objects.toString(v.artifactPath(), "-"),
                    v.commitSha() == null ? "-" : v.commitSha().substring(0, Math.min(10, v.commitSha().length())),
                    v.cardPath() == null ? Messages.get("registry.detail.noCard") : v.cardPath()
                            + " (" + v.cardStatus() + ")",
                    v.deployments().isEmpty() ? Messages.get("registry.detail.noDeployments")
                            : String.join(", ", v.deployments().stream().map(d -> "#" + d.id() + " " + d.target()
                            + " " + d.status()).toList())));
            retirement.setText(ModelRegistryViewModel.retirement(v).orElse(""));
        };
        vm.selectedProperty().addListener((o, was, is) -> fill.run());
        fill.run();
        // the buttons stay enabled while a change runs (the view model refuses a second one and says so): disabling
        // them would move the focus out of the detail and make its scroll pane jump
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setId("versionDetail");
        return scroll;
    }

    private static Label section(String key) {
        Label l = new Label(Messages.get(key));
        l.getStyleClass().add("registry-section-small");
        return l;
    }

    private static <T> TableColumn<T, String> simple(String key, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(Messages.get(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue() == null ? ""
                : Objects.toString(value.apply(cd.getValue()), "")));
        return c;
    }
}
