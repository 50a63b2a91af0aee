package io.mlwb.app.deploy;

import atlantafx.base.theme.Styles;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.deploy.DeploymentRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The Deployments tool window: the deployment history as a table (built in code: its columns are data) with Refresh,
 * Roll back (the selected deployment's model goes back to the version it replaced) and Deploy model….
 */
public final class DeploymentsView {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private DeploymentsView() {
    }

    /**
     * @param vm     the history
     * @param deploy opens the wizard
     * @return the tool window's root
     */
    public static Parent create(DeploymentsViewModel vm, Runnable deploy) {
        TableView<DeploymentRecord> table = new TableView<>(vm.rows());
        table.setId("deploymentsTable");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setPlaceholder(new Label(Messages.get("deploy.history.empty")));
        table.getColumns().addAll(List.of(
                column("deploy.history.id", 50, d -> Long.toString(d.id())),
                column("deploy.history.version", 130, DeploymentRecord::ref),
                column("deploy.history.target", 100, DeploymentRecord::target),
                column("deploy.history.format", 90, d -> d.servingFormat() == null ? "" : d.servingFormat()),
                column("deploy.history.endpoint", 120, DeploymentRecord::endpoint),
                column("deploy.history.strategy", 100, DeploymentRecord::strategy),
                column("deploy.history.traffic", 140, d -> d.traffic().entrySet().stream()
                        .map(e -> "v" + e.getKey() + " " + e.getValue() + "%").reduce((a, b) -> a + ", " + b)
                        .orElse("")),
                column("deploy.history.status", 100, DeploymentRecord::status),
                column("deploy.history.created", 150, d -> WHEN.format(Instant.ofEpochMilli(d.createdAtMs()))),
                column("deploy.history.files", 320, DeploymentRecord::artifactPath)));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> vm.selectedProperty().set(is));
        vm.selectedProperty().addListener((o, was, is) -> {
            if (is != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(is);
            }
        });

        Button refresh = new Button(Messages.get("deploy.history.refresh"), AppIcon.REFRESH.node());
        refresh.setId("deploymentsRefresh");
        refresh.setOnAction(e -> vm.refresh());
        Button rollBack = new Button(Messages.get("deploy.history.rollback"), AppIcon.HISTORY.node());
        rollBack.setId("rollBackButton");
        rollBack.disableProperty().bind(vm.canRollBackProperty().not());
        io.mlwb.app.ui.Buttons.accentWhenEnabled(rollBack, Styles.DANGER);
        rollBack.setOnAction(e -> vm.rollBack());
        Button wizard = new Button(Messages.get("deploy.history.deploy"), AppIcon.DEPLOYMENT.node());
        wizard.setId("openWizardButton");
        wizard.setOnAction(e -> deploy.run());
        Label message = new Label();
        message.setId("deploymentsMessage");
        message.getStyleClass().add("deploy-history-message");
        message.textProperty().bind(vm.messageProperty());
        Label error = new Label();
        error.setId("deploymentsError");
        error.getStyleClass().add("deploy-history-error");
        error.textProperty().bind(vm.errorProperty());
        for (Button b : List.of(refresh, rollBack, wizard)) {
            b.setMinWidth(Region.USE_PREF_SIZE);      // a long message must not squeeze the buttons
        }
        for (Label l : List.of(message, error)) {
            l.setMinWidth(0);
            HBox.setHgrow(l, Priority.SOMETIMES);
        }
        HBox bar = new HBox(refresh, rollBack, wizard, message, error);
        bar.getStyleClass().add("tool-bar");

        BorderPane root = new BorderPane(table);
        root.setTop(bar);
        root.getStyleClass().add("deploy-history");
        root.getStylesheets().add(DeploymentsView.class.getResource("deploy.css").toExternalForm());
        return root;
    }

    private static TableColumn<DeploymentRecord, String> column(String key, double width,
                                                               Function<DeploymentRecord, String> value) {
        TableColumn<DeploymentRecord, String> c = new TableColumn<>(Messages.get(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        return c;
    }
}
