package io.mlwb.app.audit;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Views;
import io.mlwb.catalog.audit.AuditVerification;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The Audit log pane: a filter, Refresh, "Verify chain" and its result over a table of entries, with "Load more"
 * below. The layout is {@code AuditLogView.fxml}; this class binds it to {@link AuditLogViewModel} and forwards
 * clicks. When the catalog cannot be read it shows why and what to do instead of the table, with every control
 * disabled.
 */
public final class AuditLogView {
    /** Times as a person reads them, in the machine's time zone. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @FXML private CustomTextField filterField;
    @FXML private ToggleButton newestFirstToggle;
    @FXML private Button refreshButton;
    @FXML private Button verifyButton;
    @FXML private Label verifyLabel;
    @FXML private TableView<AuditRow> table;
    @FXML private TableColumn<AuditRow, Long> seqColumn;
    @FXML private TableColumn<AuditRow, Instant> timeColumn;
    @FXML private TableColumn<AuditRow, String> actorColumn;
    @FXML private TableColumn<AuditRow, String> actionColumn;
    @FXML private TableColumn<AuditRow, String> entityColumn;
    @FXML private TableColumn<AuditRow, String> entityIdColumn;
    @FXML private TableColumn<AuditRow, String> detailsColumn;
    @FXML private HBox unavailableBox;
    @FXML private Label unavailableIcon;
    @FXML private Label unavailableLabel;
    @FXML private Label summaryLabel;
    @FXML private Label messageLabel;
    @FXML private Button loadMoreButton;

    private final AuditLogViewModel vm;

    /** @param vm the pane's state */
    public AuditLogView(AuditLogViewModel vm) {
        this.vm = Objects.requireNonNull(vm, "vm");
    }

    /**
     * Loads the pane's FXML with this view as its controller.
     *
     * @param vm the pane's state
     * @return the pane's root node
     */
    public static Parent create(AuditLogViewModel vm) {
        return Views.load(new AuditLogView(vm));
    }

    @FXML
    private void initialize() {
        boolean available = vm.available();
        filterField.setLeft(AppIcon.SEARCH.node());
        filterField.textProperty().bindBidirectional(vm.filterProperty());
        newestFirstToggle.selectedProperty().bindBidirectional(vm.newestFirstProperty());
        refreshButton.setGraphic(AppIcon.REFRESH.node());
        verifyButton.setGraphic(AppIcon.AUDIT.node());
        // Without a readable catalog nothing can run: the controls stay disabled.
        BooleanExpression blocked = available ? vm.busyProperty() : new SimpleBooleanProperty(true);
        for (Control control : List.of(filterField, newestFirstToggle, refreshButton, verifyButton)) {
            control.disableProperty().bind(blocked);
        }
        verifyLabel.textProperty().bind(vm.verificationTextProperty());
        Tooltip fullResult = new Tooltip();
        fullResult.textProperty().bind(vm.verificationTextProperty());
        verifyLabel.setTooltip(fullResult);
        vm.verificationProperty().addListener((o, old, v) -> styleVerification(v));
        styleVerification(vm.verificationProperty().get());

        table.setItems(vm.rows());
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        column(seqColumn, AuditRow::seq);
        column(timeColumn, AuditRow::time);
        timeColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant time, boolean empty) {
                super.updateItem(time, empty);
                setText(empty || time == null ? null : TIME.format(time.atZone(ZoneId.systemDefault())));
            }
        });
        column(actorColumn, AuditRow::actor);
        column(actionColumn, AuditRow::action);
        column(entityColumn, AuditRow::entity);
        column(entityIdColumn, AuditRow::entityId);
        column(detailsColumn, AuditRow::details);
        detailsColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String details, boolean empty) {
                super.updateItem(details, empty);
                setText(empty ? null : details);
                setTooltip(empty || details == null || details.isEmpty() ? null : new Tooltip(details));
            }
        });
        detailsColumn.getStyleClass().add("audit-mono");

        verifyLabel.setVisible(available);
        table.setVisible(available);
        unavailableBox.setVisible(!available);
        unavailableLabel.textProperty().bind(vm.unavailableProperty());
        unavailableIcon.setGraphic(AppIcon.ERROR.node());

        summaryLabel.textProperty().bind(vm.summaryProperty());
        summaryLabel.getStyleClass().add(Styles.TEXT_MUTED);
        summaryLabel.setVisible(available);
        messageLabel.textProperty().bind(vm.messageProperty());
        messageLabel.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        messageLabel.managedProperty().bind(messageLabel.visibleProperty());
        loadMoreButton.disableProperty().bind(vm.canLoadMoreProperty().not());
    }

    private void styleVerification(AuditVerification v) {
        verifyLabel.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.TEXT_MUTED);
        verifyLabel.getStyleClass().add(v == null ? Styles.TEXT_MUTED : v.ok() ? Styles.SUCCESS : Styles.DANGER);
        verifyLabel.setGraphic(v == null ? null : v.ok() ? AppIcon.CHECK.node() : AppIcon.WARNING.node());
    }

    private static <T> void column(TableColumn<AuditRow, T> column, Function<AuditRow, T> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
    }

    @FXML
    private void onVerify() {
        vm.verify();
    }

    @FXML
    private void onLoadMore() {
        vm.loadMore();
    }
}
