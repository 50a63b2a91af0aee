package io.mlwb.app.review;

import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import io.mlwb.modelcard.CardComments;
import io.mlwb.modelcard.CardDocument;
import io.mlwb.modelcard.CardSection;
import io.mlwb.modelcard.CardService;
import io.mlwb.modelcard.ReviewEvidence;
import io.mlwb.vcs.Author;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A review session of one model card: the steps a reviewer walks (each section of the card, then the evidence pages
 * of {@link ReviewEvidence}, then the open comments), the comments of the step shown, and commenting, replying and
 * resolving through {@link CardComments} (stored in the catalog, which stays writable when the project is open
 * read-only at a tag). Every read and write runs as a job. No JavaFX nodes: tested without a toolkit.
 *
 * <p>In review mode the card is read from the revision's files; when that revision has no card (tags mark the commit
 * a model was trained from, and the card is usually written after), the card of the project's work tree is shown and
 * {@link #noteProperty()} says so.
 */
public final class ReviewViewModel {
    /** What a step shows. */
    public enum StepKind {
        /** One section of the card; comments are anchored to it. */
        CARD,
        /** One page of evidence. */
        EVIDENCE,
        /** The open comments of the whole card. */
        COMMENTS
    }

    /**
     * One step of the walk.
     *
     * @param kind     what it shows
     * @param title    its title
     * @param markdown its content
     * @param section  the card section's heading (CARD), else null
     * @param evidence the evidence page's key ({@link ReviewEvidence#RUN}...), else null
     */
    public record Step(StepKind kind, String title, String markdown, String section, String evidence) {
    }

    private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?-->\\n?", Pattern.DOTALL);

    private final CardService atRevision;
    private final CardService workTree;
    private final String revision;
    private final Author who;
    private final Path keyFile;
    private final UiJobs jobs;

    private final StringProperty model = new SimpleStringProperty("");
    private final StringProperty version = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty draft = new SimpleStringProperty("");
    private final StringProperty quote = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObservableList<Step> steps = FXCollections.observableArrayList();
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final ObjectProperty<Step> current = new SimpleObjectProperty<>();
    private final ObservableList<CardComments.Comment> comments = FXCollections.observableArrayList();
    private final ObjectProperty<CardComments.Comment> selected = new SimpleObjectProperty<>();
    private final BooleanBinding canPrevious;
    private final BooleanBinding canNext;
    private final BooleanBinding canComment;
    private List<CardComments.Comment> all = List.of();
    private CardDocument doc;
    private CardService service;
    private ReviewEvidence evidence;
    private BiConsumer<String, ReviewEvidence> openEvidence = (key, ev) -> { };

    /**
     * @param atRevision the cards of the files shown (the revision's in review mode, else the work tree's)
     * @param workTree   the cards of the project's work tree, read when the revision has no card; null when
     *                   {@code atRevision} is the work tree
     * @param revision   the revision reviewed, e.g. {@code model/credit-default/v1}; null for the work tree
     * @param model      the model whose card is reviewed; blank for the first card there is
     * @param who        the reviewer (git identity)
     * @param keyFile    the signing key of exported bundles
     * @param jobs       where reads and writes run
     */
    public ReviewViewModel(CardService atRevision, CardService workTree, String revision, String model, Author who,
                           Path keyFile, UiJobs jobs) {
        this.atRevision = Objects.requireNonNull(atRevision, "atRevision");
        this.workTree = workTree;
        this.revision = revision;
        this.who = Objects.requireNonNull(who, "who");
        this.keyFile = keyFile;
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.model.set(model == null ? "" : model.strip());
        index.addListener((o, a, i) -> showStep());
        canPrevious = Bindings.createBooleanBinding(() -> index.get() > 0, index, steps);
        canNext = Bindings.createBooleanBinding(() -> index.get() >= 0 && index.get() < steps.size() - 1, index, steps);
        canComment = Bindings.createBooleanBinding(() -> current.get() != null && current.get().kind() == StepKind.CARD
                && !draft.get().isBlank() && !busy.get(), current, draft, busy);
    }

    // ---------------------------------------------------------------- state

    /** @return the model reviewed (set once loaded when it was blank) */
    public StringProperty modelProperty() {
        return model;
    }

    /** @return the version the card describes ({@code NAME@N}) */
    public StringProperty versionProperty() {
        return version;
    }

    /** @return where the card shown comes from (the revision, or the work tree when the revision has none) */
    public StringProperty noteProperty() {
        return note;
    }

    /** @return the last failure's message, empty when none */
    public StringProperty errorProperty() {
        return error;
    }

    /** @return what the last action did */
    public StringProperty statusProperty() {
        return status;
    }

    /** @return the comment being written */
    public StringProperty draftProperty() {
        return draft;
    }

    /** @return the excerpt the comment being written is about, or blank */
    public StringProperty quoteProperty() {
        return quote;
    }

    /** @return true while a job runs */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** @return the steps of the walk */
    public ObservableList<Step> steps() {
        return steps;
    }

    /** @return the step shown's index; set it to jump */
    public IntegerProperty indexProperty() {
        return index;
    }

    /** @return the step shown */
    public ReadOnlyObjectProperty<Step> currentProperty() {
        return current;
    }

    /** @return the comments of the step shown: its section's threads (CARD), every open thread (COMMENTS) */
    public ObservableList<CardComments.Comment> comments() {
        return comments;
    }

    /** @return the comment selected (what Reply and Resolve act on) */
    public ObjectProperty<CardComments.Comment> selectedProperty() {
        return selected;
    }

    /** @return whether there is a step before */
    public BooleanBinding canPreviousProperty() {
        return canPrevious;
    }

    /** @return whether there is a step after */
    public BooleanBinding canNextProperty() {
        return canNext;
    }

    /** @return whether a comment can be added now (a card section shown, some text written) */
    public BooleanBinding canCommentProperty() {
        return canComment;
    }

    /** @return the open threads of the whole card (the first comments), orphaned ones included */
    public List<CardComments.Comment> openThreads() {
        return all.stream().filter(c -> c.root() && c.open()).toList();
    }

    /** @param opener what opens an evidence page's pane (run, dataset, drift), with the evidence */
    public void setOpenEvidence(BiConsumer<String, ReviewEvidence> opener) {
        this.openEvidence = Objects.requireNonNull(opener, "opener");
    }

    // ---------------------------------------------------------------- actions

    private record Loaded(String model, CardService service, CardDocument doc, String note, ReviewEvidence evidence,
                          List<CardComments.Comment> comments) {
    }

    /** Reads the card, its evidence and its comments, and shows the first step. */
    public void load() {
        String asked = model.get();
        busy.set(true);
        error.set("");
        jobs.run(Messages.format("review.job.load", asked.isBlank() ? Messages.get("review.card") : asked), p -> {
            String name = asked;
            if (name.isBlank()) {
                List<String> cards = atRevision.cards();
                if (cards.isEmpty() && workTree != null) {
                    cards = workTree.cards();
                }
                if (cards.isEmpty()) {
                    throw new UserError(Messages.get("review.noCards"), Messages.get("review.noCards.todo"));
                }
                name = cards.get(0);
            }
            CardService s = atRevision;
            String where = revision == null ? "" : Messages.format("review.note.revision", revision);
            CardDocument d;
            try {
                d = atRevision.read(name);
            } catch (UserError e) {
                if (workTree == null) {
                    throw e;
                }
                s = workTree;
                d = workTree.read(name);
                where = Messages.format("review.note.workTree", revision);
            }
            return new Loaded(name, s, d, where, s.evidence(name), s.comments().list(name, d, false));
        }, loaded -> {
            busy.set(false);
            model.set(loaded.model());
            service = loaded.service();
            doc = loaded.doc();
            note.set(loaded.note());
            evidence = loaded.evidence();
            version.set(evidence.version());
            all = loaded.comments();
            int keep = index.get();
            rebuildSteps();
            index.set(-1);
            index.set(keep >= 0 && keep < steps.size() ? keep : 0);
        }, e -> {
            busy.set(false);
            error.set(message(e));
        });
    }

    /** Shows the next step. */
    public void next() {
        if (canNext.get()) {
            index.set(index.get() + 1);
        }
    }

    /** Shows the previous step. */
    public void previous() {
        if (canPrevious.get()) {
            index.set(index.get() - 1);
        }
    }

    /** Comments on the section shown, with the excerpt in {@link #quoteProperty()} if any. */
    public void addComment() {
        Step s = current.get();
        if (s == null || s.kind() != StepKind.CARD || service == null) {
            return;
        }
        String text = draft.get();
        String q = quote.get();
        String name = model.get();
        CardService cards = service;
        CardDocument d = doc;
        write(Messages.format("review.job.comment", s.section()), () -> cards.comments().add(name, d, s.section(), q,
                text, who), c -> {
                    draft.set("");
                    quote.set("");
                    status.set(Messages.format("review.status.commented", c.id(), c.sectionHeading()));
                });
    }

    /** Replies to the selected comment with the text in {@link #draftProperty()}. */
    public void reply() {
        CardComments.Comment c = selected.get();
        if (c == null || draft.get().isBlank() || service == null) {
            return;
        }
        String text = draft.get();
        CardService cards = service;
        write(Messages.format("review.job.reply", c.id()), () -> cards.comments().reply(c.id(), text, who), r -> {
            draft.set("");
            status.set(Messages.format("review.status.replied", c.replyTo() == null ? c.id() : c.replyTo()));
        });
    }

    /** Resolves the selected comment's thread. */
    public void resolveSelected() {
        CardComments.Comment c = selected.get();
        if (c == null || service == null) {
            return;
        }
        CardService cards = service;
        write(Messages.format("review.job.resolve", c.id()), () -> cards.comments().resolve(c.id(), who),
                r -> status.set(Messages.format("review.status.resolved", r.id())));
    }

    /**
     * Writes the review bundle of the card (its card, evidence and comments, signed) in the background.
     *
     * @param out the zip
     */
    public void exportBundle(Path out) {
        if (service == null || out == null) {
            return;
        }
        String name = model.get();
        CardService cards = service;
        busy.set(true);
        error.set("");
        jobs.run(Messages.format("review.job.bundle", name), p -> cards.bundle(name, out, who, keyFile), key -> {
            busy.set(false);
            status.set(Messages.format("review.status.bundle", out.getFileName(), key.substring(0, 16)));
        }, e -> {
            busy.set(false);
            error.set(message(e));
        });
    }

    /** Opens the pane behind the evidence step shown (the run, a dataset, the drift pane). */
    public void openEvidence() {
        Step s = current.get();
        if (s != null && s.evidence() != null && evidence != null) {
            openEvidence.accept(s.evidence(), evidence);
        }
    }

    // ---------------------------------------------------------------- internals

    private interface Write<T> {
        T run();
    }

    /** Runs a comment write, then re-reads the comments (the same job) and refreshes the step shown. */
    private <T> void write(String title, Write<T> w, java.util.function.Consumer<T> then) {
        busy.set(true);
        error.set("");
        String name = model.get();
        CardService cards = service;
        CardDocument d = doc;
        jobs.run(title, p -> {
            T result = w.run();
            return new Object[] {result, cards.comments().list(name, d, false)};
        }, out -> {
            busy.set(false);
            @SuppressWarnings("unchecked") T result = (T) out[0];
            @SuppressWarnings("unchecked") List<CardComments.Comment> list = (List<CardComments.Comment>) out[1];
            all = list;
            int keep = index.get();
            rebuildSteps();
            index.set(-1);
            index.set(keep);
            then.accept(result);
        }, e -> {
            busy.set(false);
            error.set(message(e));
        });
    }

    private void rebuildSteps() {
        List<Step> out = new ArrayList<>();
        for (CardDocument.Section s : doc.sections()) {
            String body = HTML_COMMENT.matcher(s.body()).replaceAll("").strip();
            out.add(new Step(StepKind.CARD, s.heading(), body.isEmpty() ? Messages.get("review.emptySection") : body,
                    s.heading(), null));
        }
        for (ReviewEvidence.Page page : evidence.pages()) {
            out.add(new Step(StepKind.EVIDENCE, Messages.format("review.evidence.title", page.title()),
                    page.markdown(), null, page.key()));
        }
        List<CardComments.Comment> open = openThreads();
        StringBuilder md = new StringBuilder();
        if (open.isEmpty()) {
            md.append(Messages.get("review.comments.none"));
        }
        for (CardComments.Comment c : open) {
            md.append(Messages.format("review.comments.line", c.id(), c.sectionHeading(), c.author(),
                    c.text().replace("\n", " "), c.orphaned() ? Messages.get("review.comments.orphaned") : ""))
                    .append('\n');
        }
        out.add(new Step(StepKind.COMMENTS, Messages.format("review.comments.title", open.size()), md.toString(),
                null, null));
        steps.setAll(out);
    }

    private void showStep() {
        int i = index.get();
        Step s = i >= 0 && i < steps.size() ? steps.get(i) : null;
        current.set(s);
        selected.set(null);
        if (s == null) {
            comments.clear();
        } else if (s.kind() == StepKind.CARD) {
            String key = CardSection.key(s.section());
            List<Long> roots = all.stream().filter(c -> c.root() && c.sectionKey().equals(key))
                    .map(CardComments.Comment::id).toList();
            comments.setAll(all.stream().filter(c -> roots.contains(c.root() ? c.id() : c.replyTo())).toList());
        } else if (s.kind() == StepKind.COMMENTS) {
            List<Long> roots = openThreads().stream().map(CardComments.Comment::id).toList();
            comments.setAll(all.stream().filter(c -> roots.contains(c.root() ? c.id() : c.replyTo())).toList());
        } else {
            comments.clear();
        }
    }


    private static String message(Throwable e) {
        return UserError.find(e).map(UserError::describe).orElse(String.valueOf(e.getMessage()));
    }
}
