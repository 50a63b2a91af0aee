package io.mlwb.app.training;

import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.ProjectConfig;
import io.mlwb.training.spec.SpecEditor;
import io.mlwb.training.spec.TrainingSpec;
import io.mlwb.training.spec.TrainingSpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The spec form: the fields people change most, read from the spec file and written back through {@link SpecEditor}
 * so the file keeps its comments, order and style. A value is checked by the spec loader before anything is written;
 * an invalid one is refused with the loader's message, which names the field. Use on the FX thread (files are small).
 */
public final class SpecFormModel {
    /** One form field: its spec key and how to read it from a loaded spec. */
    record Field(String key, Function<TrainingSpec, String> read) {
    }

    /** The fields, in form order. */
    static final List<Field> FIELDS = List.of(
            new Field("model.type", s -> lower(s.model().type())),
            new Field("model.layers", s -> s.model().layers().toString()),
            new Field("model.activation", s -> lower(s.model().activation())),
            new Field("model.dropout", s -> num(s.model().dropout())),
            new Field("model.batch_norm", s -> Boolean.toString(s.model().batchNorm())),
            new Field("loss.type", s -> lower(s.loss().type())),
            new Field("optimizer.type", s -> lower(s.optimizer().type())),
            new Field("optimizer.learning_rate", s -> num(s.optimizer().learningRate())),
            new Field("optimizer.weight_decay", s -> num(s.optimizer().weightDecay())),
            new Field("lr_schedule.type", s -> lower(s.schedule().type())),
            new Field("batch_size", s -> Integer.toString(s.batchSize())),
            new Field("epochs", s -> Integer.toString(s.epochs())),
            new Field("early_stopping.patience", s -> Integer.toString(s.earlyStopping().patience())),
            new Field("seed", s -> Long.toString(s.seed())),
            new Field("device", s -> s.device().yamlName()));

    private final Path root;
    private final ProjectConfig config;
    private final Map<String, StringProperty> values = new LinkedHashMap<>();
    private final Map<String, String> loaded = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(this, "editable", false);
    private Path file;

    /**
     * @param root   the project root
     * @param config the project's configuration (datasets, defaults), or null when the folder has none
     */
    public SpecFormModel(Path root, ProjectConfig config) {
        this.root = root;
        this.config = config;
        for (Field f : FIELDS) {
            values.put(f.key(), new SimpleStringProperty(this, f.key(), ""));
        }
    }

    /**
     * @param key a field key
     * @return its value as YAML text
     */
    public StringProperty value(String key) {
        return values.get(key);
    }

    /** @return a line about the last load or save */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return whether a valid spec is loaded */
    public ReadOnlyBooleanProperty editableProperty() {
        return editable.getReadOnlyProperty();
    }

    /**
     * Loads a spec into the form.
     *
     * @param spec the spec, relative to the project root, or null to clear
     */
    public void load(String spec) {
        file = spec == null ? null : root.resolve(spec);
        loaded.clear();
        editable.set(false);
        if (file == null || config == null) {
            values.values().forEach(v -> v.set(""));
            message.set("");
            return;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            TrainingSpec s = new TrainingSpecLoader().parse(text, spec, config).spec();
            for (Field f : FIELDS) {
                String v = f.read().apply(s);
                values.get(f.key()).set(v);
                loaded.put(f.key(), v);
            }
            editable.set(true);
            message.set("");
        } catch (IOException e) {
            message.set(Messages.format("training.form.unreadable", e.getMessage()));
        } catch (UserError e) {
            message.set(e.getMessage());
        }
    }

    /** @return whether a field differs from the file */
    public boolean dirty() {
        return loaded.entrySet().stream().anyMatch(e -> !e.getValue().equals(values.get(e.getKey()).get().strip()));
    }

    /**
     * Writes the changed fields into the file, keeping everything else of it.
     *
     * @return true when written; false when nothing changed or a value is invalid (the message says which)
     */
    public boolean save() {
        if (file == null || !editable.get()) {
            return false;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String edited = text;
            int changed = 0;
            for (Field f : FIELDS) {
                String v = values.get(f.key()).get().strip();
                if (!v.equals(loaded.get(f.key()))) {
                    if (v.isEmpty()) {
                        message.set(Messages.format("training.form.empty", f.key()));
                        return false;
                    }
                    edited = SpecEditor.set(edited, f.key(), v);
                    changed++;
                }
            }
            if (changed == 0) {
                message.set(Messages.get("training.form.unchanged"));
                return false;
            }
            new TrainingSpecLoader().parse(edited, root.relativize(file).toString(), config);
            Files.writeString(file, edited, StandardCharsets.UTF_8);
            load(root.relativize(file).toString().replace('\\', '/'));
            message.set(Messages.format("training.form.saved", changed, file.getFileName()));
            return true;
        } catch (IOException e) {
            message.set(Messages.format("training.form.unreadable", e.getMessage()));
        } catch (UserError | IllegalArgumentException e) {
            message.set(e.getMessage());
        }
        return false;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String num(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
