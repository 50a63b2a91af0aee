package io.mlwb.app.registry;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The Models tool window: every registered model (name, versions, aliases, latest version in service, cost) with
 * Refresh; double-click or Enter opens the model's pane. Everything shown comes from {@link ModelsViewModel}.
 */
public final class ModelsView {

    private ModelsView() {
    }

    /**
     * @param vm   the view model
     * @param open opens a model's pane, given its name
     * @return the tool window's node
     */
    public static Node create(ModelsViewModel vm, Consumer<String> open) {
        TableView<ModelsViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("modelsTable");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setPlaceholder(placeholder());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ModelsViewModel.Row, String> versions = column("registry.models.col.versions", 80,
                r -> Integer.toString(r.versions()));
        versions.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<ModelsViewModel.Row, String> cost = column("registry.models.col.cost", 90,
                ModelsViewModel.Row::cost);
        cost.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().addAll(List.of(
                column("registry.models.col.name", 180, ModelsViewModel.Row::name),
                versions,
                column("registry.models.col.latest", 70, ModelsViewModel.Row::latest),
                column("registry.models.col.aliases", 240, ModelsViewModel.Row::aliases),
                cost));
        table.setRowFactory(tv -> {
            TableRow<ModelsViewModel.Row> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    open.accept(row.getItem().name());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            ModelsViewModel.Row r = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && r != null) {
                open.accept(r.name());
            }
        });
        Label message = new Label();
        message.setId("modelsMessage");
        message.getStyleClass().add(Styles.TEXT_MUTED);
        message.textProperty().bind(vm.messageProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button openButton = new Button(Messages.get("registry.models.open"), AppIcon.MODEL.node());
        openButton.setId("modelsOpen");
        openButton.getStyleClass().add(Styles.SMALL);
        openButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        openButton.setOnAction(e -> open.accept(table.getSelectionModel().getSelectedItem().name()));
        Button refresh = new Button(null, AppIcon.REFRESH.node());
        refresh.setId("modelsRefresh");
        refresh.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        refresh.setTooltip(new javafx.scene.control.Tooltip(Messages.get("registry.refresh")));
        refresh.setOnAction(e -> vm.refresh());
        HBox bar = new HBox(8, message, grow, openButton, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        BorderPane root = new BorderPane(table);
        root.setTop(bar);
        root.setId("modelsToolWindow");
        return root;
    }

    private static Node placeholder() {
        Label l = new Label(Messages.get("registry.models.empty"));
        l.setWrapText(true);
        l.setMaxWidth(460);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    private static TableColumn<ModelsViewModel.Row, String> column(String key, double width,
                                                                   Function<ModelsViewModel.Row, String> value) {
        TableColumn<ModelsViewModel.Row, String> c = new TableColumn<>(Messages.get(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue() == null ? ""
                : Objects.toString(value.apply(cd.getValue()), "")));
        return c;
    }
}
