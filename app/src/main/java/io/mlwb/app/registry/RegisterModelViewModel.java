package io.mlwb.app.registry;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.run.RunRecord;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.NamingRules;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.RegisteredModel;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Register model dialog's state for one run: the model's name (the registered names offered, any new name
 * allowed), an optional alias and description, checked as typed; then {@link ModelRegistry#register} as a job. When
 * the registry refuses because the new version's signature breaks the callers of the version it replaces (exit code
 * {@link ExitCode#CHECK_FAILED}), that is not reported as a failure: the dialog lists the breaking changes and
 * offers to register anyway ({@link #registerAnyway()}). Any other refusal (naming rule, unfinished run, missing
 * model file) is reported by the jobs runner and said in the dialog. Use on the FX thread; no toolkit needed.
 */
public final class RegisterModelViewModel {

    /** What a registration ended in (a job's result: a refusal on the signature is not a failure). */
    private sealed interface Outcome {
    }

    private record Registered(ModelRegistry.Registration registration) implements Outcome {
    }

    private record Breaking(String headline, List<String> changes) implements Outcome {
    }

    private record Loaded(List<String> names, String runName) {
    }

    private final ModelRegistry registry;
    private final Catalog catalog;
    private final UiJobs jobs;
    private final long runId;
    private final String actor;
    private final NamingRules naming;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty alias = new SimpleStringProperty(this, "alias", "");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final ObservableList<String> knownNames = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper runLabel = new ReadOnlyStringWrapper(this, "runLabel", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ObservableList<String> breakingChanges = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ModelRegistry.Registration> registered = new ReadOnlyObjectWrapper<>(this,
            "registered");
    private final BooleanBinding canRegister;

    /**
     * @param registry the project's registry, or null (the dialog says why nothing can be registered)
     * @param catalog  the project's catalog (the run's name is read from it), or null
     * @param jobs     where the names are read and the registration runs
     * @param runId    the run whose model to register
     * @param actor    who registers (the audit's actor)
     * @param naming   the project's naming rules (a name that breaks {@code naming.model} is refused as typed)
     */
    public RegisterModelViewModel(ModelRegistry registry, Catalog catalog, UiJobs jobs, long runId, String actor,
                                  NamingRules naming) {
        this.registry = registry;
        this.naming = naming == null ? NamingRules.none() : naming;
        this.catalog = catalog;
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.runId = runId;
        this.actor = actor == null || actor.isBlank() ? "unknown" : actor;
        runLabel.set(Messages.format("registry.register.run", runId, ""));
        name.addListener((o, was, is) -> check());
        alias.addListener((o, was, is) -> check());
        // a changed name or alias is another registration: a refusal shown for the old one no longer holds
        name.addListener((o, was, is) -> breakingChanges.clear());
        canRegister = Bindings.createBooleanBinding(() -> problem.get().isEmpty() && !busy.get()
                && registered.get() == null && registry != null && name.get() != null && !name.get().isBlank(),
                problem, busy, registered, name);
        check();
        if (registry == null) {
            message.set(Messages.get("registry.noCatalog"));
        }
    }

    /** @return the run */
    public long runId() {
        return runId;
    }

    /** @return the model's name as typed */
    public StringProperty nameProperty() {
        return name;
    }

    /** @return the alias as typed ("" for none) */
    public StringProperty aliasProperty() {
        return alias;
    }

    /** @return the version's description as typed ("" for none) */
    public StringProperty descriptionProperty() {
        return description;
    }

    /** @return the registered models' names, offered in the name box */
    public ObservableList<String> knownNames() {
        return knownNames;
    }

    /** @return the project's rule for model names, to show beside the name; "" without one */
    public String namingHint() {
        return naming.rule(NamingRules.Kind.MODEL).map(r -> Messages.format("registry.register.naming", r.pattern()))
                .orElse("");
    }

    /** @return {@code Run #12 baseline} */
    public ReadOnlyStringProperty runLabelProperty() {
        return runLabel.getReadOnlyProperty();
    }

    /** @return what is wrong with the name or alias as typed, or "" */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** @return why the last registration was refused, or what it did; "" at first */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return whether the names are being read or the registration runs */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return the breaking signature changes of the last refusal; empty when the last try was not refused so */
    public ObservableList<String> breakingChanges() {
        return breakingChanges;
    }

    /** @return the registration once done; null before */
    public ReadOnlyObjectProperty<ModelRegistry.Registration> registeredProperty() {
        return registered.getReadOnlyProperty();
    }

    /** @return whether Register can be pressed: the input is well formed, nothing runs, not yet registered */
    public BooleanBinding canRegisterProperty() {
        return canRegister;
    }

    private void check() {
        String n = name.get() == null ? "" : name.get().strip();
        String a = alias.get() == null ? "" : alias.get().strip();
        if (n.isEmpty()) {
            problem.set(""); // nothing typed yet is not an error; Register stays off
        } else if (!ModelRef.NAME.matcher(n).matches()) {
            problem.set(Messages.format("registry.register.badName", n));
        } else if (naming.check(NamingRules.Kind.MODEL, n).isPresent()) {
            problem.set(naming.check(NamingRules.Kind.MODEL, n).get());
        } else if (!a.isEmpty() && ModelRegistryViewModel.aliasProblem(a) != null) {
            problem.set(ModelRegistryViewModel.aliasProblem(a));
        } else {
            problem.set("");
        }
    }

    /** Reads the registered names (and the run's name) to offer; the first name is proposed if none is typed. */
    public void load() {
        if (registry == null) {
            return;
        }
        busy.set(true);
        jobs.run(Messages.get("registry.job.list"), p -> {
            List<String> names = registry.list().stream().map(RegisteredModel::name).toList();
            String run = catalog == null ? null : new RunRepository(catalog).get(runId).map(RunRecord::name)
                    .orElse(null);
            return new Loaded(names, run);
        }, loaded -> {
            busy.set(false);
            List<String> names = loaded.names();
            knownNames.setAll(names);
            if (loaded.runName() != null) {
                runLabel.set(Messages.format("registry.register.run", runId, loaded.runName()));
            }
            if ((name.get() == null || name.get().isBlank()) && !names.isEmpty()) {
                name.set(names.get(0));
            }
        }, e -> busy.set(false));
    }

    /** Registers the run's model under the name typed; stops at a breaking signature change. */
    public void register() {
        register(false);
    }

    /** Registers it although its signature breaks the callers of the version it replaces. */
    public void registerAnyway() {
        register(true);
    }

    private void register(boolean allowBreaking) {
        if (!canRegister.get()) {
            return;
        }
        String n = name.get().strip();
        String a = alias.get() == null || alias.get().isBlank() ? null : alias.get().strip();
        String d = description.get() == null || description.get().isBlank() ? null : description.get().strip();
        busy.set(true);
        message.set("");
        jobs.run(Messages.format("registry.job.register", runId, n), p -> {
            try {
                return (Outcome) new Registered(registry.register(runId, n, a, d, allowBreaking, actor));
            } catch (UserError e) {
                if (e.exit() == ExitCode.CHECK_FAILED && !allowBreaking) {
                    return breaking(e);
                }
                throw e;
            }
        }, outcome -> {
            busy.set(false);
            if (outcome instanceof Registered r) {
                breakingChanges.clear();
                ModelRegistry.Registration reg = r.registration();
                message.set(Messages.format("registry.register.done", reg.version().ref())
                        + (reg.warnings().isEmpty() ? "" : " " + String.join("; ", reg.warnings())));
                registered.set(reg);
            } else if (outcome instanceof Breaking b) {
                message.set(b.headline());
                breakingChanges.setAll(b.changes());
            }
        }, e -> {
            busy.set(false);
            message.set(UserError.find(e).map(UserError::getMessage).orElse(String.valueOf(e.getMessage())));
        });
    }

    /** The registry's refusal: its first line, and one line per change it lists. */
    private static Breaking breaking(UserError e) {
        List<String> lines = e.getMessage().lines().toList();
        List<String> changes = lines.stream().skip(1).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new Breaking(lines.isEmpty() ? "" : lines.get(0), changes);
    }
}
