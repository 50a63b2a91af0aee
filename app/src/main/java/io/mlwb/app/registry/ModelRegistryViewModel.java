package io.mlwb.app.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Job;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import io.mlwb.tracking.registry.RegisteredModel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One registered model's pane (editor kind {@code model.registry}): its versions, newest first, read from
 * {@link ModelRegistry#model(String)} as a job; the selected version (kept across reads by its id); and what a person
 * does to a version — point an alias at it or remove one, move it to a stage, retire it with a rationale and a
 * successor, open its run. Every change goes through the registry (which audits it) in a job and is followed by a
 * fresh read; the catalog's {@code ModelChanged} events (also from another process) read it again too. Bad input
 * (an alias that is not one, a retirement without a rationale) is said in the pane and nothing is written. Use on
 * the FX thread; no toolkit needed.
 */
public final class ModelRegistryViewModel {
    /** Aliases offered first; any other alias of the right form works too. */
    public static final List<String> SUGGESTED_ALIASES = List.of("champion", "challenger");
    /** The stages a person may choose, in order ({@code archived} comes only with retiring). */
    public static final List<String> STAGES = List.of("none", "staging", "production");

    /**
     * One input of a version's signature.
     *
     * @param name     the column
     * @param kind     numeric, categorical, ...
     * @param nullable whether it may be missing (it is imputed)
     */
    public record Input(String name, String kind, boolean nullable) {
    }

    /**
     * One field of a version's output.
     *
     * @param key   {@code probability}, {@code label}, {@code classes}...
     * @param value what it holds
     */
    public record Output(String key, String value) {
    }

    private final ModelRegistry registry;
    private final UiJobs jobs;
    private final String name;
    private final String actor;
    private final ReadOnlyObjectWrapper<RegisteredModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ObservableList<ModelVersion> versions = FXCollections.observableArrayList();
    private final ObjectProperty<ModelVersion> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private LongConsumer openRun = id -> { };
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private boolean again;

    /**
     * @param registry the project's registry, or null (nothing to show; {@code why} says why)
     * @param jobs     where the registry is read and changed
     * @param name     the model's name (the editor's item id)
     * @param actor    who makes the changes (the audit's actor)
     * @param why      why there is no registry, or null
     */
    public ModelRegistryViewModel(ModelRegistry registry, UiJobs jobs, String name, String actor, String why) {
        this.registry = registry;
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.name = Objects.requireNonNull(name, "name");
        this.actor = actor == null || actor.isBlank() ? "unknown" : actor;
        if (registry == null) {
            message.set(why == null ? Messages.get("registry.noCatalog") : why);
        }
    }

    /** @return the model's name */
    public String name() {
        return name;
    }

    /** @param open opens a run's detail editor, given the run's id */
    public void setOpenRun(LongConsumer open) {
        this.openRun = Objects.requireNonNull(open, "open");
    }

    /** @return the model as last read; null before the first read or when there is no such model */
    public ReadOnlyObjectProperty<RegisteredModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** @return its versions, newest first */
    public ObservableList<ModelVersion> versions() {
        return versions;
    }

    /** @return the version the detail area shows and the buttons act on; null for none */
    public ObjectProperty<ModelVersion> selectedProperty() {
        return selected;
    }

    /** @return what was last done or refused, or why nothing can be shown; "" at first */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return how many versions, how many retired, the latest and the cost; or that the model is not registered */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** @return whether the registry is being read or changed */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    // ---------------------------------------------------------------- reading

    /** Reads the model again (once more at the end when asked while busy); keeps the selected version. */
    public void load() {
        if (registry == null) {
            return;
        }
        if (busy.get()) {
            again = true;
            return;
        }
        busy.set(true);
        jobs.run(Messages.format("registry.job.read", name), p -> registry.model(name), found -> {
            busy.set(false);
            show(found.orElse(null));
            if (again) {
                again = false;
                load();
            }
        }, e -> {
            busy.set(false);
            again = false;
            message.set(text(e));
        });
    }

    private void show(RegisteredModel m) {
        ModelVersion was = selected.get();
        model.set(m);
        if (m == null) {
            versions.clear();
            selected.set(null);
            summary.set(Messages.format("registry.model.missing", name));
            return;
        }
        versions.setAll(m.versions());
        ModelVersion again = was == null ? null
                : m.versions().stream().filter(v -> v.id() == was.id()).findFirst().orElse(null);
        selected.set(again != null ? again : m.versions().isEmpty() ? null : m.versions().get(0));
        long retired = m.versions().stream().filter(ModelVersion::retired).count();
        summary.set(Messages.format("registry.model.summary", m.versions().size(), retired,
                m.latest() == null ? "-" : m.latest().ref(), m.costUsd() == null ? "-"
                        : RegistryFormat.money(m.costUsd())));
    }

    /** @param batch what changed in the catalog: read again when it concerns the registry */
    public void onCatalogChange(List<CatalogEvent> batch) {
        if (ModelsViewModel.concerns(batch)) {
            load();
        }
    }

    // ---------------------------------------------------------------- changes

    /**
     * @param alias what was typed
     * @return why it cannot be an alias, or null when it can
     */
    public static String aliasProblem(String alias) {
        String a = alias == null ? "" : alias.strip();
        if (a.isEmpty()) {
            return Messages.get("registry.alias.empty");
        }
        if (ModelRef.LATEST.equals(a)) {
            return Messages.get("registry.alias.latest");
        }
        if (!ModelRef.ALIAS.matcher(a).matches()) {
            return Messages.format("registry.alias.bad", a);
        }
        return null;
    }

    /**
     * Points an alias at the selected version (moving it from the version that had it).
     *
     * @param alias the alias
     * @return false (with the reason in the message) when nothing was started
     */
    public boolean setAlias(String alias) {
        ModelVersion v = editable();
        String problem = aliasProblem(alias);
        if (v == null || problem != null) {
            if (problem != null) {
                message.set(problem);
            }
            return false;
        }
        String a = alias.strip();
        return change(Messages.format("registry.job.alias", a, v.ref()),
                p -> registry.setAlias(ref(v), a, actor), Messages.format("registry.done.alias", a, v.ref()));
    }

    /**
     * Removes one of the selected version's aliases.
     *
     * @param alias the alias
     * @return false when nothing was started
     */
    public boolean removeAlias(String alias) {
        ModelVersion v = selected.get();
        if (v == null || alias == null || !v.aliases().contains(alias) || registry == null) {
            return false;
        }
        return change(Messages.format("registry.job.unalias", alias, v.ref()), p -> {
            registry.removeAlias(v.model(), alias, actor);
            return v;
        }, Messages.format("registry.done.unalias", alias, v.ref()));
    }

    /**
     * Moves the selected version to a stage.
     *
     * @param stage none, staging or production
     * @return false when nothing was started (no version, retired, the same stage)
     */
    public boolean setStage(String stage) {
        ModelVersion v = editable();
        if (v == null || stage == null || stage.equals(v.stage()) || !STAGES.contains(stage)) {
            return false;
        }
        return change(Messages.format("registry.job.stage", v.ref(), stage),
                p -> registry.setStage(ref(v), stage, actor), Messages.format("registry.done.stage", v.ref(), stage));
    }

    /**
     * @param rationale what was typed
     * @return why the version cannot be retired with it, or null
     */
    public static String rationaleProblem(String rationale) {
        return rationale == null || rationale.isBlank() ? Messages.get("registry.retire.noRationale") : null;
    }

    /** @return the versions that can succeed the selected one: in service, not itself, newest first */
    public List<ModelVersion> successors() {
        ModelVersion v = selected.get();
        List<ModelVersion> out = new ArrayList<>();
        for (ModelVersion c : versions) {
            if (!c.retired() && (v == null || c.id() != v.id())) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Retires the selected version: archived, its aliases removed, the rationale and successor kept.
     *
     * @param rationale why (required)
     * @param successor the version that replaces it, or null
     * @return false (with the reason in the message) when nothing was started
     */
    public boolean retire(String rationale, ModelVersion successor) {
        ModelVersion v = editable();
        String problem = rationaleProblem(rationale);
        if (v == null || problem != null) {
            if (problem != null) {
                message.set(problem);
            }
            return false;
        }
        String why = rationale.strip();
        return change(Messages.format("registry.job.retire", v.ref()),
                p -> registry.retire(ref(v), why, successor == null ? null : ref(successor), actor),
                Messages.format("registry.done.retire", v.ref()));
    }

    private java.util.function.Consumer<String> openLineage = id -> { };

    /** @param action opens the Lineage pane on a node id ({@code model:NAME@VERSION}) */
    public void setOpenLineage(java.util.function.Consumer<String> action) {
        this.openLineage = action;
    }

    /** Opens the Lineage pane on the selected version. */
    public void openLineage() {
        ModelVersion v = selected.get();
        if (v != null) {
            openLineage.accept("model:" + v.ref());
        }
    }

    /** Opens the selected version's run, if it still has one. */
    public void openRun() {
        ModelVersion v = selected.get();
        if (v != null && v.runId() != null) {
            openRun.accept(v.runId());
        }
    }

    /** @return the selected version when it can be changed (there is one, it is not retired, there is a registry) */
    private ModelVersion editable() {
        ModelVersion v = selected.get();
        if (registry == null || v == null) {
            return null;
        }
        if (v.retired()) {
            message.set(Messages.format("registry.retired.noChange", v.ref()));
            return null;
        }
        return v;
    }

    private boolean change(String title, Job<ModelVersion> job, String done) {
        if (busy.get()) {
            message.set(Messages.get("registry.busy"));
            return false;
        }
        busy.set(true);
        jobs.run(title, job, v -> {
            busy.set(false);
            message.set(done);
            load();
        }, e -> {
            busy.set(false);
            message.set(text(e));
            load(); // another process may have changed it meanwhile
        });
        return true;
    }

    private static ModelRef ref(ModelVersion v) {
        return new ModelRef(v.model(), v.version(), null);
    }

    private static String text(Throwable e) {
        return UserError.find(e).map(UserError::getMessage).orElse(String.valueOf(e.getMessage()));
    }

    // ---------------------------------------------------------------- what the detail area shows

    /**
     * @param v a version
     * @return its signature's inputs, in order; empty without a signature
     */
    public static List<Input> inputs(ModelVersion v) {
        List<Input> out = new ArrayList<>();
        JsonNode sig = v == null ? null : v.signature();
        if (sig != null) {
            for (JsonNode in : sig.path("inputs")) {
                out.add(new Input(in.path("name").asText(), in.path("kind").asText(""),
                        in.path("nullable").asBoolean(false)));
            }
        }
        return out;
    }

    /**
     * @param v a version
     * @return its signature's output fields (with the task and classes the registry adds), in order
     */
    public static List<Output> outputs(ModelVersion v) {
        List<Output> out = new ArrayList<>();
        JsonNode o = v == null || v.signature() == null ? null : v.signature().path("output");
        if (o != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(new Output(e.getKey(), e.getValue().isTextual() ? e.getValue().asText()
                        : e.getValue().toString()));
            }
        }
        return out;
    }

    /**
     * @param v a version
     * @return the dataset versions its run read: {@code credit v2 (train)}, one per line; "" for none
     */
    public static String datasets(ModelVersion v) {
        if (v == null) {
            return "";
        }
        return String.join("\n", v.datasets().stream().map(d -> Messages.format("registry.dataset", d.dataset(),
                d.version(), d.role())).toList());
    }

    /**
     * @param v a version
     * @return when it was retired, why and what succeeds it; empty when it is in service
     */
    public static Optional<String> retirement(ModelVersion v) {
        if (v == null || !v.retired()) {
            return Optional.empty();
        }
        return Optional.of(Messages.format("registry.retired.text", RegistryFormat.time(v.retiredAtMs()),
                Objects.toString(v.retireRationale(), ""), v.successor() == null
                        ? Messages.get("registry.retired.noSuccessor") : v.successor()));
    }
}
