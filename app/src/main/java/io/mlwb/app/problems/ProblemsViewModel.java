package io.mlwb.app.problems;

import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * State of the Problems tool window over a {@link ProblemsModel}: the list, the selected problem's details (what to
 * do; for a cause that is not a {@link UserError}, its stack trace), counts of errors and warnings for the status bar
 * and tab title, Copy and Clear. FX thread.
 */
public final class ProblemsViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ProblemsModel model;
    private final ZoneId zone;
    private final ObjectProperty<Problem> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyIntegerWrapper errors = new ReadOnlyIntegerWrapper(this, "errors");
    private final ReadOnlyIntegerWrapper warnings = new ReadOnlyIntegerWrapper(this, "warnings");
    private final StringBinding details;
    private final StringBinding summary;
    private final BooleanBinding bugSelected;

    /** @param model the problems reported in this window */
    public ProblemsViewModel(ProblemsModel model) {
        this(model, ZoneId.systemDefault());
    }

    /** @param model the problems; @param zone the time zone for the time column */
    public ProblemsViewModel(ProblemsModel model, ZoneId zone) {
        this.model = Objects.requireNonNull(model, "model");
        this.zone = Objects.requireNonNull(zone, "zone");
        model.problems().addListener((ListChangeListener<Problem>) c -> recount());
        recount();
        details = Bindings.createStringBinding(() -> details(selected.get()), selected);
        summary = Bindings.createStringBinding(
                () -> Messages.format("problems.summary", errors.get(), warnings.get()), errors, warnings);
        bugSelected = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().bug(), selected);
    }

    private void recount() {
        errors.set((int) model.problems().stream().filter(p -> p.severity() == Severity.ERROR).count());
        warnings.set((int) model.problems().stream().filter(p -> p.severity() == Severity.WARNING).count());
        if (selected.get() != null && !model.problems().contains(selected.get())) {
            selected.set(null);
        }
    }

    /** @return the problems, newest first */
    public ObservableList<Problem> problems() {
        return model.problems();
    }

    /** @return the problem whose details are shown; null for none */
    public ObjectProperty<Problem> selectedProperty() {
        return selected;
    }

    /** @return the selected problem's details: what to do, then a bug's stack trace; empty without a selection */
    public StringBinding detailsProperty() {
        return details;
    }

    /** @return how many errors are listed */
    public ReadOnlyIntegerProperty errorCountProperty() {
        return errors.getReadOnlyProperty();
    }

    /** @return how many warnings are listed */
    public ReadOnlyIntegerProperty warningCountProperty() {
        return warnings.getReadOnlyProperty();
    }

    /** @return e.g. "2 errors, 1 warning" for the status bar or tab title */
    public StringBinding summaryProperty() {
        return summary;
    }

    /** @return true while the selected problem is our bug, whose error dialog {@link #showDetails()} opens */
    public BooleanBinding bugSelectedProperty() {
        return bugSelected;
    }

    /** Opens the error dialog (copyable trace and error code) for the selected bug; nothing for anything else. */
    public void showDetails() {
        model.showDetails(selected.get());
    }

    /** Removes every problem. */
    public void clear() {
        model.clear();
    }

    /** @return the time column's text */
    public String formatTime(Problem p) {
        return TIME.format(p.time().atZone(zone));
    }

    /**
     * @param p a problem, or null
     * @return what to do, then (for a cause that is not a {@link UserError}) its stack trace
     */
    public static String details(Problem p) {
        if (p == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        if (!p.whatToDo().isBlank()) {
            out.append(p.whatToDo());
        }
        if (p.cause() != null && UserError.find(p.cause()).isEmpty()) {
            StringWriter trace = new StringWriter();
            p.cause().printStackTrace(new PrintWriter(trace));
            if (out.length() > 0) {
                out.append(System.lineSeparator()).append(System.lineSeparator());
            }
            out.append(trace);
        }
        return out.toString();
    }

    /** @return the given problems as text for the clipboard (each with its details) */
    public String copyText(List<Problem> problems) {
        String nl = System.lineSeparator();
        return problems.stream().map(p -> "%s %s [%s] %s".formatted(formatTime(p), p.severity(), p.source(),
                p.message()) + (details(p).isEmpty() ? "" : nl + details(p).strip()))
                .collect(Collectors.joining(nl + nl));
    }
}
