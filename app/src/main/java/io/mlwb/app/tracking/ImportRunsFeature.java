package io.mlwb.app.tracking;

import io.mlwb.app.project.ProjectFeature;
import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.Feature;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.shell.WorkbenchContext;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.imports.ImportService;
import java.io.File;
import java.time.Clock;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * Project → Import runs…: a dialog that picks an MLflow store, a TensorBoard log dir or a DVCLive folder and imports it
 * as a job (progress and Cancel in the Jobs tool window) through {@link ImportService}, the same use case as
 * {@code mlwb runs import}. The runs table refreshes by itself from the catalog's run events.
 */
public final class ImportRunsFeature implements Feature {
    /** The action's id. */
    public static final String ACTION = "tracking.import";

    /** Created by {@link java.util.ServiceLoader}. */
    public ImportRunsFeature() {
        // nothing to set up
    }

    @Override
    public void contribute(Contributions c) {
        c.action(new ActionSpec(ACTION, Messages.get("tracking.import.action"), ProjectFeature.MENU,
                AppIcon.CATALOG, null, ActionSpec.needsWritableProject(), ImportRunsFeature::open));
    }

    private static void open(WorkbenchContext ctx) {
        OpenProject p = ctx.project().orElse(null);
        if (p == null || p.catalog().isEmpty()) {
            Alert a = new Alert(Alert.AlertType.INFORMATION, Messages.get("tracking.import.noCatalog"));
            a.initOwner(ctx.window());
            a.show();
            return;
        }
        ImportRunsViewModel vm = new ImportRunsViewModel(new ImportService(p.catalog().get(), Clock.systemUTC()),
                ctx.jobs(), System.getProperty("user.name", "unknown"));
        dialog(ctx, vm).show();
    }

    /**
     * @param ctx the workbench
     * @param vm  the dialog's state
     * @return the dialog, not yet shown
     */
    static Dialog<ButtonType> dialog(WorkbenchContext ctx, ImportRunsViewModel vm) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(ctx.window());
        d.setTitle(Messages.get("tracking.import.title"));
        d.setHeaderText(Messages.get("tracking.import.header"));
        ComboBox<ImportRunsViewModel.SourceKind> kind = new ComboBox<>();
        kind.getItems().setAll(ImportRunsViewModel.KINDS);
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        kind.setId("import-kind");
        TextField path = new TextField();
        path.setId("import-path");
        path.setPrefColumnCount(40);
        path.textProperty().bindBidirectional(vm.pathProperty());
        Button browse = new Button(Messages.get("tracking.import.browse"));
        browse.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            File chosen;
            if (vm.kindProperty().get().directory()) {
                DirectoryChooser ch = new DirectoryChooser();
                chosen = ch.showDialog(d.getDialogPane().getScene().getWindow());
            } else {
                FileChooser ch = new FileChooser();
                ch.getExtensionFilters().add(new FileChooser.ExtensionFilter("SQLite", "*.db", "*.sqlite", "*"));
                chosen = ch.showOpenDialog(d.getDialogPane().getScene().getWindow());
            }
            if (chosen != null) {
                vm.pathProperty().set(chosen.getAbsolutePath());
            }
        });
        Label problem = new Label();
        problem.getStyleClass().add("text-muted");
        Runnable updateProblem = () -> {
            String why = vm.problem();
            problem.setText(why == null ? "" : why);
        };
        vm.pathProperty().addListener((o, a, b) -> updateProblem.run());
        vm.kindProperty().addListener((o, a, b) -> updateProblem.run());
        updateProblem.run();
        HBox pathRow = new HBox(6, path, browse);
        HBox.setHgrow(path, Priority.ALWAYS);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        Label kindLabel = new Label(Messages.get("tracking.import.kind"));
        Label pathLabel = new Label(Messages.get("tracking.import.path"));
        kindLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never truncated to "..."
        pathLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        kindLabel.setLabelFor(kind);
        pathLabel.setLabelFor(path);
        grid.addRow(0, kindLabel, kind);
        grid.addRow(1, pathLabel, pathRow);
        path.setPrefColumnCount(36);
        grid.add(problem, 1, 2);
        GridPane.setHgrow(pathRow, Priority.ALWAYS);
        d.getDialogPane().setContent(grid);
        ButtonType start = new ButtonType(Messages.get("tracking.import.start"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(start, ButtonType.CANCEL);
        Button startButton = (Button) d.getDialogPane().lookupButton(start);
        startButton.disableProperty().bind(vm.canStartProperty().not());
        startButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            vm.start(report -> {
                Alert done = new Alert(Alert.AlertType.INFORMATION, ImportRunsViewModel.describe(report));
                done.initOwner(ctx.window());
                done.setHeaderText(Messages.get("tracking.import.title"));
                done.show();
                ctx.open(TrackingFeature.REF);
            });
        });
        return d;
    }
}
