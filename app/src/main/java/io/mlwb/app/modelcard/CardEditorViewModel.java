package io.mlwb.app.modelcard;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import io.mlwb.modelcard.CardDocument;
import io.mlwb.modelcard.CardSection;
import io.mlwb.modelcard.CardService;
import io.mlwb.vcs.Author;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The model card editor's state: the card's text (the source), a form over it (front-matter fields and one text per
 * level-2 section), the completeness of the text as it stands, and the card's review state in the catalog. Form and
 * source stay in step both ways through {@link CardDocument}'s surgical edits: a form edit rewrites only its key or its
 * section in the source; a source edit ({@link #reparse}, debounced by the view) updates the form, unless the front
 * matter does not parse, which is then shown and leaves the form as it was. Everything else goes through
 * {@link CardService}: save, autofill, submit and decisions, acting as the git identity like {@code mlwb card}.
 */
public final class CardEditorViewModel {
    /** The front-matter keys the form shows, in order ({@code mlwb.*} are ours, one level down). */
    public static final List<String> KEYS = List.of("license", "language", "tags", "library_name", "pipeline_tag",
            "base_model", "mlwb.risk_tier", "mlwb.owner");
    /** A section's leading prompt: one HTML comment (not a fill marker) and the line breaks after it. */
    private static final java.util.regex.Pattern PROMPT = java.util.regex.Pattern.compile(
            "<!--(?! mlwb:)(.*?)-->(?:\\r?\\n)*", java.util.regex.Pattern.DOTALL);
    /** Keys written as lists. */
    private static final List<String> LIST_KEYS = List.of("tags", "language");

    /** One front-matter field of the form. */
    public static final class Field {
        private final String key;
        private final StringProperty value = new SimpleStringProperty("");

        Field(String key) {
            this.key = key;
        }

        /** @return the key, e.g. {@code license} or {@code mlwb.risk_tier} */
        public String key() {
            return key;
        }

        /** @return its value as one line; lists comma-separated */
        public StringProperty valueProperty() {
            return value;
        }
    }

    /** One level-2 section of the form. */
    public static final class Section {
        private final int index;
        private final String heading;
        private final StringProperty text = new SimpleStringProperty("");
        private final StringProperty auto = new SimpleStringProperty("");
        private final BooleanProperty required = new SimpleBooleanProperty();
        private final BooleanProperty missing = new SimpleBooleanProperty();
        private final StringProperty prompt = new SimpleStringProperty("");
        private boolean promptOnly;
        private String lead = "";
        private String trail = "";
        private String autoPart = "";

        Section(int index, String heading) {
            this.index = index;
            this.heading = heading;
        }

        /** @return its position among the card's sections */
        public int index() {
            return index;
        }

        /** @return the heading's text */
        public String heading() {
            return heading;
        }

        /** @return what a person wrote (the body after the autofilled blocks, without its outer blank lines) */
        public StringProperty textProperty() {
            return text;
        }

        /** @return the autofilled blocks' text (markers removed), empty when there are none; read-only in the form */
        public ReadOnlyStringProperty autoProperty() {
            return auto;
        }

        /** @return whether the project's risk tier requires it */
        public ReadOnlyBooleanProperty requiredProperty() {
            return required;
        }

        /**
         * @return the section's prompt (the HTML comment a new card puts at its start), shown as the text box's
         *         placeholder; "" when it has none. The comment stays in the source, before what a person writes.
         */
        public ReadOnlyStringProperty promptProperty() {
            return prompt;
        }

        /** @return whether it is required and still empty */
        public ReadOnlyBooleanProperty missingProperty() {
            return missing;
        }
    }

    private final CardService service;
    private final UiJobs jobs;
    private final String model;
    private final Supplier<Author> who;
    private final StringProperty source = new SimpleStringProperty("");
    private final StringProperty saved = new SimpleStringProperty("");
    private final ObjectProperty<CardDocument> document = new SimpleObjectProperty<>();
    private final StringProperty parseError = new SimpleStringProperty();
    private final StringProperty message = new SimpleStringProperty();
    private final StringProperty problem = new SimpleStringProperty();
    private final StringProperty reviewNote = new SimpleStringProperty();
    private final StringProperty actingAs = new SimpleStringProperty("");
    private final ObjectProperty<CardService.Check> check = new SimpleObjectProperty<>();
    private final ObjectProperty<CardService.State> state = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty loaded = new SimpleBooleanProperty();
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final ObservableList<Field> fields = FXCollections.observableArrayList();
    private final ObservableList<Section> sections = FXCollections.observableArrayList();
    private final BooleanBinding dirty;
    private final StringProperty diskChange = new SimpleStringProperty();
    private boolean syncing;
    private boolean writing;
    private boolean diskPending;
    private String diskPendingText;
    private String diskText;

    /**
     * @param service the project's card service, or null when there is no project or catalog
     * @param jobs    runs file and catalog work in the background
     * @param model   the model whose card this is
     * @param who     the git identity (read in the background)
     * @param why     why there is no service, or null
     */
    public CardEditorViewModel(CardService service, UiJobs jobs, String model, Supplier<Author> who, String why) {
        this.service = service;
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.model = Objects.requireNonNull(model, "model");
        this.who = Objects.requireNonNull(who, "who");
        this.dirty = Bindings.createBooleanBinding(() -> loaded.get() && !source.get().equals(saved.get()), source,
                saved, loaded);
        problem.set(service == null ? why : null);
        for (String k : KEYS) {
            Field f = new Field(k);
            f.value.addListener((o, was, now) -> {
                if (!syncing) {
                    formEdited(() -> document.get().withMetadata(k, value(k, now)));
                }
            });
            fields.add(f);
        }
    }

    /**
     * @return the revision the project is open at for review ({@code mlwb open --review}), or null: the card is then
     *         read-only and nothing in the pane saves, fills or decides
     */
    public String revision() {
        return service == null ? null : service.revision().orElse(null);
    }

    /** @return the model's name */
    public String model() {
        return model;
    }

    /** @return the card's whole text as edited */
    public StringProperty sourceProperty() {
        return source;
    }

    /** @return true while the text differs from the file as last read or saved */
    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    /**
     * @return why the bar "changed on disk — Reload / Keep mine" shows: the file changed (or was deleted) outside the
     *         editor while it held unsaved edits; null when it does not show
     */
    public ReadOnlyStringProperty diskChangeProperty() {
        return diskChange;
    }

    /** @return the last text that parsed (the form shows it) */
    public ReadOnlyObjectProperty<CardDocument> documentProperty() {
        return document;
    }

    /** @return why the source does not parse (with line and column), or null */
    public ReadOnlyStringProperty parseErrorProperty() {
        return parseError;
    }

    /** @return the latest outcome (saved, filled, approval dropped...), or null */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** @return why the card cannot be edited (no project, no card, unreadable), or null */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    /** @return why the review state is unavailable (model no longer registered...), or null */
    public ReadOnlyStringProperty reviewNoteProperty() {
        return reviewNote;
    }

    /** @return "Name &lt;email&gt;": who saves, submits and decides */
    public ReadOnlyStringProperty actingAsProperty() {
        return actingAs;
    }

    /** @return the sections check of the text as it stands */
    public ReadOnlyObjectProperty<CardService.Check> checkProperty() {
        return check;
    }

    /** @return the review state in the catalog, or null when unavailable */
    public ReadOnlyObjectProperty<CardService.State> stateProperty() {
        return state;
    }

    /** @return true while a job runs */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** @return true once the card's text was read */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded;
    }

    /** @return true when the file is read-only (edits can be made but not saved) */
    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly;
    }

    /** @return the front-matter fields, in {@link #KEYS} order */
    public ObservableList<Field> fields() {
        return fields;
    }

    /** @return the sections, in card order; replaced as a whole when the headings change */
    public ObservableList<Section> sections() {
        return sections;
    }

    /** @param key a field's key @return the field */
    public Field field(String key) {
        return fields.stream().filter(f -> f.key.equals(key)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ load, save, revert

    private record Loaded(String text, boolean missing, boolean readOnly, Author who, CardService.State state,
                          String reviewNote) {
    }

    /** Reads the card file and its review state in the background. */
    public void load() {
        if (service == null) {
            return;
        }
        busy.set(true);
        jobs.run(Messages.format("modelcard.job.read", model), p -> read(), this::loaded, e -> {
            busy.set(false);
            problem.set(e.getMessage());
        });
    }

    private Loaded read() throws IOException {
        Author a = who.get();
        String text;
        try {
            text = Files.readString(service.file(model), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Loaded(null, true, false, a, null, null);
        }
        boolean ro = CardService.readOnly(service.file(model));
        try {
            return new Loaded(text, false, ro, a, service.state(model), null);
        } catch (UserError e) {
            // the model is gone from the registry, or the file is malformed: the text is still edited
            return new Loaded(text, false, ro, a, null, e.getMessage());
        }
    }

    private void loaded(Loaded l) {
        busy.set(false);
        diskChange.set(null);
        diskText = null;
        actingAs.set(CardService.who(l.who()));
        if (l.missing()) {
            problem.set(Messages.format("modelcard.missing", CardService.FOLDER + "/" + model + ".md"));
            loaded.set(false);
            return;
        }
        problem.set(null);
        readOnly.set(l.readOnly() || revision() != null);
        state.set(l.state());
        reviewNote.set(l.reviewNote());
        saved.set(l.text());
        source.set(l.text());
        loaded.set(true);
        document.set(null);
        reparse();
    }

    /**
     * Parses the source and updates the form; when the front matter does not parse, shows why and leaves the form as
     * it was. The view calls this a moment after the last keystroke in the source.
     */
    public void reparse() {
        String text = source.get();
        if (document.get() != null && text.equals(document.get().text())) {
            if (parseError.get() != null) {
                parseError.set(null);
                syncForm(document.get()); // back to the last good text: drop what the form took meanwhile
            }
            return; // otherwise the form wrote this text itself
        }
        CardDocument d;
        try {
            d = CardDocument.parse(text, CardService.FOLDER + "/" + model + ".md");
        } catch (UserError e) {
            parseError.set(e.getMessage() + " " + e.whatToDo());
            return;
        }
        parseError.set(null);
        document.set(d);
        syncForm(d);
    }

    /** Saves the text (Ctrl+S), records it in the catalog and reads the review state again. */
    public void save() {
        save(saved -> { });
    }

    /**
     * Saves as {@link #save()} does, then says whether it saved (the shell's unsaved-changes prompt waits for it).
     *
     * @param done called (on the jobs' thread: the FX thread in the app) with true once the text is saved, false when
     *             nothing could be saved (no card, a front matter that does not parse, a failed write: the pane's
     *             message says why)
     */
    public void save(java.util.function.Consumer<Boolean> done) {
        if (!ready()) {
            done.accept(false);
            return;
        }
        if (parseError.get() != null) {
            message.set(Messages.format("modelcard.save.malformed", parseError.get()));
            done.accept(false);
            return;
        }
        String text = source.get();
        String before = state.get() == null ? null : state.get().status();
        busy.set(true);
        writing = true;
        jobs.run(Messages.format("modelcard.job.save", model), p -> {
            CardService.Saved s = service.save(model, text, who.get());
            return Outcome.of(s, tryState());
        }, r -> {
            busy.set(false);
            writing = false;
            saved.set(text);
            readOnly.set(false);
            afterState(r.state(), r.note(), before);
            CardService.Saved s = r.saved();
            if (!s.recorded() && s.note() != null) {
                message.set(Messages.format("modelcard.saved.unrecorded", s.note()));
            } else if (message.get() == null || !message.get().equals(Messages.get("modelcard.approvalDropped"))) {
                message.set(Messages.get(s.written() ? "modelcard.saved" : "modelcard.saved.unchanged"));
            }
            if (text.equals(diskText) || diskChange.get() != null) {
                diskChange.set(null); // what is saved is now the file: nothing left to choose
                diskText = null;
            }
            drainDisk();
            done.accept(true);
        }, e -> {
            busy.set(false);
            writing = false;
            message.set(e.getMessage());
            drainDisk();
            done.accept(false);
        });
    }

    /**
     * Reads the review state again in the background (the catalog changed: the CLI filled, submitted or approved);
     * the text and any unsaved edit stay as they are.
     */
    public void refreshState() {
        if (service == null || !loaded.get() || busy.get()) {
            return;
        }
        String before = state.get() == null ? null : state.get().status();
        jobs.run(Messages.format("modelcard.job.state", model), p -> tryState(), r -> {
            if (r instanceof CardService.State s) {
                afterState(s, null, before);
            } else {
                afterState(null, (String) r, before);
            }
        }, e -> {
            // reported by the runner
        });
    }

    /** Puts back the text as last read or saved. */
    public void revert() {
        if (!loaded.get()) {
            return;
        }
        source.set(saved.get());
        reparse();
        message.set(Messages.get("modelcard.reverted"));
    }

    /**
     * Fills the card from the catalog in the background ({@link CardService#fill}), after saving unsaved edits so that
     * none is lost, then reads it again.
     */
    public void autofill() {
        if (!ready()) {
            return;
        }
        if (parseError.get() != null) {
            message.set(Messages.format("modelcard.save.malformed", parseError.get()));
            return;
        }
        String text = dirty.get() ? source.get() : null;
        busy.set(true);
        writing = true;
        jobs.run(Messages.format("modelcard.job.fill", model), p -> {
            Author a = who.get();
            if (text != null) {
                service.save(model, text, a);
            }
            List<String> blocks = service.fill(model, a);
            return Outcome.filled(blocks, read());
        }, r -> {
            writing = false;
            loaded(r.loaded());
            message.set(Messages.format("modelcard.filled", String.join(", ", r.blocks())));
            drainDisk();
        }, e -> {
            busy.set(false);
            writing = false;
            message.set(e.getMessage());
            drainDisk();
        });
    }

    // ------------------------------------------------------------------ changed on disk

    /**
     * The card file changed outside the editor (another editor, a git checkout); the watcher calls this on the FX
     * thread with the file's text now. Text equal to what the editor holds changes nothing (its own saves). Without
     * unsaved edits the editor reloads it; with unsaved edits it keeps them and shows the bar
     * ({@link #diskChangeProperty()}) offering {@link #reloadFromDisk()} or {@link #keepMine()}. While the editor itself
     * writes the file (save, autofill) the report waits for that to finish.
     *
     * @param text the file's text, or null when it was deleted
     */
    public void fileChanged(String text) {
        if (service == null) {
            return;
        }
        if (writing) {
            diskPending = true;
            diskPendingText = text;
            return;
        }
        if (!loaded.get()) {
            if (text != null) {
                load(); // the card appeared (e.g. checked out): show it
            }
            return;
        }
        if (text != null && (text.equals(saved.get()) || text.equals(source.get()))) {
            if (!text.equals(saved.get())) {
                saved.set(text); // the file now holds exactly the edits: they are no longer unsaved
                refreshState();
            }
            diskChange.set(null);
            diskText = null;
            return;
        }
        if (!dirty.get()) {
            if (text == null) {
                load(); // deleted, nothing unsaved: the pane says the card is missing
            } else {
                reloadText(text);
            }
            return;
        }
        diskText = text;
        message.set(null); // the bar says what matters now
        diskChange.set(Messages.format(text == null ? "modelcard.disk.deleted" : "modelcard.disk.changed",
                CardService.FOLDER + "/" + model + ".md"));
    }

    /** The bar's Reload: drops the unsaved edits and shows the file as it is on disk now. */
    public void reloadFromDisk() {
        if (diskChange.get() == null) {
            return;
        }
        String text = diskText;
        diskChange.set(null);
        diskText = null;
        if (text == null) {
            load(); // deleted: the pane says the card is missing
        } else {
            reloadText(text);
        }
    }

    /**
     * The bar's Keep mine: keeps the edits, which stay unsaved against the file as it is on disk now (Save writes them
     * over it; Revert goes back to it).
     */
    public void keepMine() {
        if (diskChange.get() == null) {
            return;
        }
        saved.set(diskText == null ? "" : diskText);
        diskChange.set(null);
        diskText = null;
        message.set(Messages.get("modelcard.disk.kept"));
    }

    private void reloadText(String text) {
        diskChange.set(null);
        diskText = null;
        saved.set(text);
        source.set(text);
        reparse();
        message.set(Messages.get("modelcard.disk.reloaded"));
        refreshState();
    }

    private void drainDisk() {
        if (diskPending) {
            diskPending = false;
            String text = diskPendingText;
            diskPendingText = null;
            fileChanged(text);
        }
    }

    // ------------------------------------------------------------------ review

    /** @param comment a note for reviewers, or blank: submits the saved card for review */
    public void submit(String comment) {
        review(Messages.format("modelcard.job.submit", model), a -> service.submit(model, blankToNull(comment), a));
    }

    /** @param comment the reviewer's comment, or blank: approves the saved card */
    public void approve(String comment) {
        review(Messages.format("modelcard.job.approve", model), a -> service.decide(model, true, blankToNull(comment),
                a));
    }

    /** @param comment what to change (required): sends the card back to its author */
    public void requestChanges(String comment) {
        review(Messages.format("modelcard.job.changes", model), a -> service.decide(model, false,
                blankToNull(comment), a));
    }

    /** @return whether the review buttons can act: a saved, parsed card with a review state */
    public BooleanBinding canReview() {
        return Bindings.createBooleanBinding(() -> state.get() != null && !dirty.get() && parseError.get() == null
                && !busy.get() && revision() == null, state, dirty, parseError, busy);
    }

    private interface ReviewCall {
        CardService.State apply(Author who);
    }

    private void review(String title, ReviewCall call) {
        if (!ready()) {
            return;
        }
        if (dirty.get()) {
            message.set(Messages.get("modelcard.review.saveFirst"));
            return;
        }
        String before = state.get() == null ? null : state.get().status();
        busy.set(true);
        jobs.run(title, p -> call.apply(who.get()), s -> {
            busy.set(false);
            afterState(s, null, before);
            if (message.get() == null || !message.get().equals(Messages.get("modelcard.approvalDropped"))) {
                message.set(Messages.format("modelcard.review.now", status(s.status())));
            }
        }, e -> {
            busy.set(false);
            message.set(e.getMessage());
        });
    }

    /**
     * @param s a review state, or null
     * @return how the pane names its status; a draft whose last decision asked for changes reads "changes requested"
     */
    public String statusText(CardService.State s) {
        if (s == null) {
            return Messages.get("modelcard.status.unknown");
        }
        if ("draft".equals(s.status()) && s.lastDecision() != null && s.lastDecision().startsWith("changes_requested")) {
            return Messages.get("modelcard.status.changes");
        }
        return status(s.status());
    }

    private static String status(String s) {
        return switch (s) {
            case "review" -> Messages.get("modelcard.status.review");
            case "approved" -> Messages.get("modelcard.status.approved");
            default -> Messages.get("modelcard.status.draft");
        };
    }

    // ------------------------------------------------------------------ internals

    private record Outcome(CardService.Saved saved, CardService.State state, String note, List<String> blocks,
                        Loaded loaded) {
        static Outcome of(CardService.Saved s, Object stateOrNote) {
            return stateOrNote instanceof CardService.State st ? new Outcome(s, st, null, null, null)
                    : new Outcome(s, null, (String) stateOrNote, null, null);
        }

        static Outcome filled(List<String> blocks, Loaded l) {
            return new Outcome(null, null, null, blocks, l);
        }
    }

    private Object tryState() {
        try {
            return service.state(model);
        } catch (UserError e) {
            return e.getMessage();
        }
    }

    private void afterState(CardService.State now, String note, String before) {
        state.set(now);
        reviewNote.set(note);
        if ("approved".equals(before) && now != null && !now.approved()) {
            message.set(Messages.get("modelcard.approvalDropped"));
        }
    }

    private boolean ready() {
        if (service == null || !loaded.get()) {
            return false;
        }
        if (busy.get()) {
            message.set(Messages.get("modelcard.busy"));
            return false;
        }
        return true;
    }

    private interface Edit {
        CardDocument apply();
    }

    /** A form edit: rewrite only its key or section in the source, or say why not and leave the source alone. */
    private void formEdited(Edit edit) {
        if (document.get() == null || parseError.get() != null) {
            return;
        }
        try {
            CardDocument d = edit.apply();
            document.set(d);
            source.set(d.text());
            check.set(service.check(model, d));
            markMissing();
        } catch (UserError e) {
            message.set(e.getMessage() + " " + e.whatToDo());
        }
    }

    private static Object value(String key, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (LIST_KEYS.contains(key) || t.contains(",") && key.equals("base_model")) {
            return Arrays.stream(t.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        return t;
    }

    private static String text(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return "";
        }
        if (n.isArray()) {
            List<String> out = new ArrayList<>();
            n.forEach(e -> out.add(e.isValueNode() ? e.asText() : e.toString()));
            return String.join(", ", out);
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private void syncForm(CardDocument d) {
        syncing = true;
        try {
            for (Field f : fields) {
                String[] path = f.key.split("\\.", 2);
                JsonNode n = path.length == 1 ? d.metadata().get(path[0]) : d.metadata().path(path[0]).get(path[1]);
                String v = text(n);
                if (!v.equals(f.value.get())) {
                    f.value.set(v);
                }
            }
            List<String> headings = d.sections().stream().map(CardDocument.Section::heading).toList();
            boolean same = headings.equals(sections.stream().map(Section::heading).toList());
            List<Section> rows = same ? sections : new ArrayList<>();
            for (int i = 0; i < d.sections().size(); i++) {
                CardDocument.Section s = d.sections().get(i);
                Section row = same ? sections.get(i) : newSection(i, s.heading());
                fill(row, s);
                if (!same) {
                    rows.add(row);
                }
            }
            if (!same) {
                sections.setAll(rows);
            }
        } finally {
            syncing = false;
        }
        check.set(service.check(model, d));
        markMissing();
    }

    private Section newSection(int index, String heading) {
        Section row = new Section(index, heading);
        row.text.addListener((o, was, now) -> {
            if (!syncing) {
                formEdited(() -> document.get().withSectionBody(row.index, body(row, now)));
            }
        });
        return row;
    }

    private static void fill(Section row, CardDocument.Section s) {
        String body = s.body();
        row.autoPart = body.substring(0, s.autoLength());
        String hand = body.substring(s.autoLength());
        int a = 0;
        while (a < hand.length() && (hand.charAt(a) == '\n' || hand.charAt(a) == '\r')) {
            a++;
        }
        int b = hand.length();
        while (b > a && (hand.charAt(b - 1) == '\n' || hand.charAt(b - 1) == '\r')) {
            b--;
        }
        if (a == hand.length()) {
            // nothing written yet: one line break before the text, the rest after it
            row.lead = hand.isEmpty() ? "" : hand.substring(0, 1);
            row.trail = hand.isEmpty() ? "" : hand.substring(1);
        } else {
            row.lead = hand.substring(0, a);
            row.trail = hand.substring(b);
        }
        String text = hand.substring(a, b);
        // a leading prompt comment is not what a person wrote: it stays in the source (in the lead) and the form
        // shows it as the text box's placeholder
        Matcher m = PROMPT.matcher(text);
        row.promptOnly = false;
        if (m.lookingAt()) {
            row.prompt.set(m.group(1).strip());
            if (m.end() == text.length()) {
                row.lead = row.lead + text;
                row.promptOnly = true; // typing then starts a paragraph after the comment
                text = "";
            } else {
                row.lead = row.lead + text.substring(0, m.end());
                text = text.substring(m.end());
            }
        } else {
            row.prompt.set("");
        }
        if (!text.equals(row.text.get())) {
            row.text.set(text);
        }
        String auto = row.autoPart.replaceAll("<!-- mlwb:(auto|end) \\S+ -->\\r?\\n?", "").strip();
        row.auto.set(auto);
    }

    private static String body(Section row, String text) {
        String t = text == null ? "" : text;
        String lead = row.lead.isEmpty() && row.autoPart.isEmpty() ? "\n" : row.lead;
        if (row.promptOnly && !t.isEmpty()) {
            lead = lead + "\n\n"; // a paragraph of its own after the prompt comment, not text on its line
        }
        String trail = row.trail.length() < 2 && !t.isEmpty() ? "\n\n" : row.trail;
        String body = row.autoPart + lead + t + trail;
        return body;
    }

    private void markMissing() {
        CardService.Check c = check.get();
        for (Section s : sections) {
            boolean req = c != null && c.required().stream().anyMatch(r -> same(r, s.heading));
            s.required.set(req);
            s.missing.set(req && c.missing().stream().anyMatch(m -> same(m, s.heading)));
        }
    }

    /** Whether a required section's title names this heading (as the check matches them). */
    private static boolean same(String title, String heading) {
        return title.equalsIgnoreCase(heading) || CardSection.of(title).isPresent()
                && CardSection.of(title).equals(CardSection.of(heading));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
