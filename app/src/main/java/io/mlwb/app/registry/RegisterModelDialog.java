package io.mlwb.app.registry;

import atlantafx.base.theme.Styles;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The Register model dialog over a {@link RegisterModelViewModel}: the run, the model's name (registered names
 * offered, a new name allowed), an optional alias (champion and challenger offered) and description. Register runs
 * the registration while the dialog stays open; it closes once registered. When the new version's signature would
 * break the callers of the version it replaces, the changes are listed and the button becomes "Register anyway".
 */
final class RegisterModelDialog {

    private RegisterModelDialog() {
    }

    /**
     * @param owner the window, or null
     * @param vm    the dialog's state
     * @return the dialog, not yet shown; it closes by itself once {@code vm} registered
     */
    static Dialog<ButtonType> create(Window owner, RegisterModelViewModel vm) {
        Dialog<ButtonType> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(Messages.get("registry.register.title"));
        d.headerTextProperty().bind(vm.runLabelProperty());
        d.setGraphic(AppIcon.MODEL.node());
        ComboBox<String> name = new ComboBox<>(vm.knownNames());
        name.setId("registerName");
        name.setEditable(true);
        name.setPrefWidth(300);
        name.setPromptText(Messages.get("registry.register.name.prompt"));
        name.getEditor().textProperty().bindBidirectional(vm.nameProperty());
        ComboBox<String> alias = new ComboBox<>();
        alias.setId("registerAlias");
        alias.setEditable(true);
        alias.setPrefWidth(300);
        alias.getItems().setAll(ModelRegistryViewModel.SUGGESTED_ALIASES);
        alias.setPromptText(Messages.get("registry.register.alias.prompt"));
        alias.getEditor().textProperty().bindBidirectional(vm.aliasProperty());
        TextField description = new TextField();
        description.setId("registerDescription");
        description.setPromptText(Messages.get("registry.register.description.prompt"));
        description.textProperty().bindBidirectional(vm.descriptionProperty());
        Label problem = RegistryDialogs.problemLabel("registerProblem");
        problem.textProperty().bind(vm.problemProperty());
        Label message = new Label();
        message.setId("registerMessage");
        message.setWrapText(true);
        message.setMaxWidth(460);
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());

        ListView<String> changes = new ListView<>(vm.breakingChanges());
        changes.setId("breakingChanges");
        changes.setPrefHeight(110);
        changes.setPrefWidth(460);
        Label changesHint = RegistryDialogs.muted(Messages.get("registry.register.breaking.hint"));
        VBox breaking = new VBox(6, changes, changesHint);
        breaking.getStyleClass().add("breaking-box");
        breaking.managedProperty().bind(Bindings.isNotEmpty(vm.breakingChanges()));
        breaking.visibleProperty().bind(breaking.managedProperty());
        vm.breakingChanges().addListener((ListChangeListener<String>) c -> {
            message.getStyleClass().remove(Styles.DANGER);
            if (!vm.breakingChanges().isEmpty()) {
                message.getStyleClass().add(Styles.DANGER);
            }
            if (d.getDialogPane().getScene() != null && d.getDialogPane().getScene().getWindow() != null) {
                d.getDialogPane().getScene().getWindow().sizeToScene(); // room for the list of changes
            }
        });

        Label naming = RegistryDialogs.muted(vm.namingHint());
        naming.setId("registerNaming");
        naming.setManaged(!vm.namingHint().isEmpty());
        naming.setVisible(naming.isManaged());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());

        GridPane grid = RegistryDialogs.grid();
        grid.addRow(0, RegistryDialogs.label("registry.register.name", name), name);
        grid.add(naming, 1, 1);
        grid.addRow(2, RegistryDialogs.label("registry.register.alias", alias), alias);
        grid.addRow(3, RegistryDialogs.label("registry.register.description", description), description);
        grid.add(problem, 1, 4);
        grid.add(message, 0, 5, 2, 1);
        grid.add(breaking, 0, 6, 2, 1);
        d.getDialogPane().setContent(grid);

        ButtonType register = new ButtonType(Messages.get("registry.register.ok"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(register, ButtonType.CANCEL);
        Button ok = (Button) d.getDialogPane().lookupButton(register);
        ok.setId("registerOk");
        ok.disableProperty().bind(vm.canRegisterProperty().not());
        ok.textProperty().bind(Bindings.when(Bindings.isEmpty(vm.breakingChanges()))
                .then(Messages.get("registry.register.ok")).otherwise(Messages.get("registry.register.anyway")));
        // the registration runs with the dialog open: Register does not close it, a registration does
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            if (vm.breakingChanges().isEmpty()) {
                vm.register();
            } else {
                vm.registerAnyway();
            }
        });
        vm.registeredProperty().addListener((o, was, is) -> {
            if (is != null) {
                d.setResult(register);
                d.close();
            }
        });
        d.setOnShown(e -> name.requestFocus());
        return d;
    }
}
