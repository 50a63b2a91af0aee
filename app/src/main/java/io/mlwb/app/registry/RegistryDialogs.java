package io.mlwb.app.registry;

import atlantafx.base.theme.Styles;
import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.registry.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** The registry pane's small dialogs: Set alias (with champion/challenger offered) and Retire (rationale, successor). */
final class RegistryDialogs {

    private RegistryDialogs() {
    }

    /**
     * What the Retire dialog asked for.
     *
     * @param rationale why
     * @param successor the version that replaces it, or null
     */
    record Retirement(String rationale, ModelVersion successor) {
    }

    /**
     * @param owner   the window, or null
     * @param version the version the alias will point at
     * @return the Set alias dialog, not yet shown; its result is the alias typed (stripped), or empty on Cancel
     */
    static Dialog<String> alias(Window owner, ModelVersion version) {
        Dialog<String> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(Messages.get("registry.alias.title"));
        d.setHeaderText(Messages.format("registry.alias.header", version.ref()));
        ComboBox<String> box = new ComboBox<>();
        box.setId("aliasBox");
        box.setEditable(true);
        List<String> offered = new ArrayList<>(ModelRegistryViewModel.SUGGESTED_ALIASES);
        offered.removeAll(version.aliases());
        box.getItems().setAll(offered);
        box.setPrefWidth(260);
        box.setPromptText(Messages.get("registry.alias.prompt"));
        StringProperty text = box.getEditor().textProperty();
        Label problem = problemLabel("aliasProblem");
        problem.textProperty().bind(Bindings.createStringBinding(() -> text.get() == null || text.get().isEmpty()
                ? "" : nullToEmpty(ModelRegistryViewModel.aliasProblem(text.get())), text));
        GridPane grid = grid();
        grid.addRow(0, label("registry.alias.label", box), box);
        grid.add(problem, 1, 1);
        grid.add(muted(Messages.get("registry.alias.hint")), 1, 2);
        d.getDialogPane().setContent(grid);
        ButtonType set = new ButtonType(Messages.get("registry.alias.set"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(set, ButtonType.CANCEL);
        Button ok = (Button) d.getDialogPane().lookupButton(set);
        ok.setId("aliasOk");
        ok.disableProperty().bind(Bindings.createBooleanBinding(
                () -> ModelRegistryViewModel.aliasProblem(text.get()) != null, text));
        d.setResultConverter(b -> b == set ? text.get().strip() : null);
        d.setOnShown(e -> box.requestFocus()); // an editable combo hands its focus to its editor
        return d;
    }

    /**
     * @param owner      the window, or null
     * @param version    the version to retire
     * @param successors the versions that may succeed it, newest first
     * @return the Retire dialog, not yet shown; empty on Cancel
     */
    static Dialog<Retirement> retire(Window owner, ModelVersion version, List<ModelVersion> successors) {
        Dialog<Retirement> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(Messages.get("registry.retire.title"));
        d.setHeaderText(Messages.format("registry.retire.header", version.ref()));
        TextArea rationale = new TextArea();
        rationale.setId("retireRationale");
        rationale.setPrefRowCount(3);
        rationale.setPrefColumnCount(36);
        rationale.setWrapText(true);
        rationale.setPromptText(Messages.get("registry.retire.rationale.prompt"));
        ComboBox<ModelVersion> successor = new ComboBox<>();
        successor.setId("retireSuccessor");
        List<ModelVersion> choices = new ArrayList<>();
        choices.add(null);
        choices.addAll(successors);
        successor.getItems().setAll(choices);
        successor.setConverter(new StringConverter<>() {
            @Override
            public String toString(ModelVersion v) {
                return v == null ? Messages.get("registry.retire.noSuccessor") : v.ref() + (v.aliases().isEmpty()
                        ? "" : " (" + String.join(", ", v.aliases()) + ")");
            }

            @Override
            public ModelVersion fromString(String s) {
                return null;
            }
        });
        // the newest version in service is the usual successor
        successor.setValue(successors.stream().filter(v -> v.version() > version.version()).findFirst()
                .orElse(null));
        successor.setMaxWidth(Double.MAX_VALUE);
        StringProperty text = new SimpleStringProperty();
        text.bind(rationale.textProperty());
        Label problem = problemLabel("retireProblem");
        GridPane grid = grid();
        grid.addRow(0, label("registry.retire.rationale", rationale), rationale);
        grid.addRow(1, label("registry.retire.successor", successor), successor);
        grid.add(problem, 1, 2);
        grid.add(muted(Messages.get("registry.retire.hint")), 1, 3);
        d.getDialogPane().setContent(grid);
        ButtonType retire = new ButtonType(Messages.get("registry.retire.ok"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(retire, ButtonType.CANCEL);
        Button ok = (Button) d.getDialogPane().lookupButton(retire);
        ok.setId("retireOk");
        ok.getStyleClass().add(Styles.DANGER);
        ok.disableProperty().bind(Bindings.createBooleanBinding(
                () -> ModelRegistryViewModel.rationaleProblem(text.get()) != null, text));
        problem.textProperty().bind(Bindings.createStringBinding(() -> text.get() == null || text.get().isEmpty()
                ? "" : nullToEmpty(ModelRegistryViewModel.rationaleProblem(text.get())), text));
        d.setResultConverter(b -> b == retire ? new Retirement(text.get().strip(), successor.getValue()) : null);
        d.setOnShown(e -> rationale.requestFocus());
        return d;
    }

    /** Shows {@code d} and waits; empty when cancelled. */
    static <T> Optional<T> ask(Dialog<T> d) {
        return d.showAndWait();
    }

    static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        return grid;
    }

    static Label label(String key, javafx.scene.Node target) {
        Label l = new Label(Messages.get(key));
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setLabelFor(target);
        return l;
    }

    static Label problemLabel(String id) {
        Label problem = new Label();
        problem.setId(id);
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);
        problem.setMaxWidth(420);
        problem.setMinHeight(Region.USE_PREF_SIZE); // wrapped, never cut to "..."
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());
        return problem;
    }

    static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setWrapText(true);
        l.setMaxWidth(420);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
