package io.mlwb.app.registry;

import atlantafx.base.theme.Styles;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The Register model dialog over a {@link RegisterModelViewModel}: the run, the model's name (registered names
 * offered, a new name allowed), an optional alias (champion and challenger offered) and description. Register runs
 * the registration while the dialog stays open; it closes once registered. When the new version's signature would
 * break the callers of the version it replaces, the changes are listed and the button becomes "Register anyway".
 */
final class RegisterModelDialog {
    private static final double FIELD_WIDTH = 380;

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
        name.setPrefWidth(FIELD_WIDTH);
        name.setMaxWidth(Double.MAX_VALUE);
        name.setPromptText(Messages.get("registry.register.name.prompt"));
        name.getEditor().textProperty().bindBidirectional(vm.nameProperty());
        ComboBox<String> alias = new ComboBox<>();
        alias.setId("registerAlias");
        alias.setEditable(true);
        alias.setPrefWidth(FIELD_WIDTH);
        alias.setMaxWidth(Double.MAX_VALUE);
        alias.getItems().setAll(ModelRegistryViewModel.SUGGESTED_ALIASES);
        alias.setPromptText(Messages.get("registry.register.alias.prompt"));
        alias.getEditor().textProperty().bindBidirectional(vm.aliasProperty());
        TextField description = new TextField();
        description.setId("registerDescription");
        description.setPromptText(Messages.get("registry.register.description.prompt"));
        description.setPrefWidth(FIELD_WIDTH);
        description.textProperty().bindBidirectional(vm.descriptionProperty());
        Label problem = RegistryDialogs.problemLabel("registerProblem");
        problem.textProperty().bind(vm.problemProperty());
        Label message = new Label();
        message.setId("registerMessage");
        message.setWrapText(true);

        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());

        Label changes = new Label();
        changes.setId("breakingChanges");
        changes.textProperty().bind(Bindings.createStringBinding(() -> vm.breakingChanges().isEmpty() ? ""
                : "• " + String.join("\n• ", vm.breakingChanges()), vm.breakingChanges()));
        changes.setWrapText(true);
        changes.setMaxWidth(FIELD_WIDTH + 100);
        changes.setMinHeight(Region.USE_PREF_SIZE);
        changes.getStyleClass().add("breaking-changes");
        Label changesHint = RegistryDialogs.muted(Messages.get("registry.register.breaking.hint"));
        VBox breaking = new VBox(6, changes, changesHint);
        breaking.getStyleClass().add("breaking-box");
        breaking.managedProperty().bind(Bindings.isNotEmpty(vm.breakingChanges()));
        breaking.visibleProperty().bind(breaking.managedProperty());
        Runnable fit = () -> Platform.runLater(() -> {
            // the dialog grows with what it has to say (a problem, a refusal, the list of changes)
            if (d.getDialogPane().getScene() != null && d.getDialogPane().getScene().getWindow() != null) {
                d.getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
        vm.breakingChanges().addListener((ListChangeListener<String>) c -> {
            message.getStyleClass().remove(Styles.DANGER);
            if (!vm.breakingChanges().isEmpty()) {
                message.getStyleClass().add(Styles.DANGER);
            }
            fit.run();
        });
        vm.problemProperty().addListener((o, was, is) -> fit.run());
        vm.messageProperty().addListener((o, was, is) -> fit.run());

        Label naming = RegistryDialogs.muted(vm.namingHint());
        naming.setId("registerNaming");
        naming.setManaged(!vm.namingHint().isEmpty());
        naming.setVisible(naming.isManaged());

        GridPane grid = RegistryDialogs.grid();
        grid.addRow(0, RegistryDialogs.label("registry.register.name", name), name);
        grid.add(naming, 1, 1);
        for (Label l : new Label[] {naming, problem, message}) {
            l.setMinHeight(Region.USE_PREF_SIZE); // wrapped, never cut to "..."
            l.setMaxWidth(l == message ? FIELD_WIDTH + 100 : FIELD_WIDTH);
        }
        grid.addRow(2, RegistryDialogs.label("registry.register.alias", alias), alias);
        grid.addRow(3, RegistryDialogs.label("registry.register.description", description), description);
        grid.add(problem, 1, 4);
        grid.add(message, 0, 5, 2, 1);
        grid.add(breaking, 0, 6, 2, 1);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getStyleClass().add("register-model-dialog");
        d.getDialogPane().getStylesheets().add(java.util.Objects.requireNonNull(
                RegisterModelDialog.class.getResource("registry.css")).toExternalForm());

        ButtonType register = new ButtonType(Messages.get("registry.register.ok"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(register, ButtonType.CANCEL);
        Button ok = (Button) d.getDialogPane().lookupButton(register);
        ok.setId("registerOk");
        ButtonBar.setButtonUniformSize(ok, false); // "Register anyway" is longer than "Register"
        ok.setMinWidth(Region.USE_PREF_SIZE);
        vm.breakingChanges().addListener((ListChangeListener<String>) c -> {
            // registering a breaking version takes a deliberate click, never a second Enter
            boolean refused = !vm.breakingChanges().isEmpty();
            ok.setDefaultButton(!refused);
            ok.getStyleClass().remove(Styles.DANGER);
            if (refused) {
                ok.getStyleClass().add(Styles.DANGER);
            }
        });
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
