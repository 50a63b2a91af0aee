package io.mlwb.app.tracking;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Compare runs" dialog's state: the run ids as typed ({@code "12, 15, 19"}), checked as they are typed by
 * {@link CompareViewModel#parseIds}; whether the runs exist is said by the Compare pane itself. No toolkit needed.
 */
public final class CompareDialogViewModel {
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyBooleanWrapper canOpen = new ReadOnlyBooleanWrapper(this, "canOpen");

    /** An empty dialog. */
    public CompareDialogViewModel() {
        text.addListener((o, a, b) -> check());
        check();
    }

    private void check() {
        CompareViewModel.Ids ids = CompareViewModel.parseIds(text.get());
        problem.set(ids.ok() ? "" : ids.problem());
        canOpen.set(ids.ok());
    }

    /** @return the ids as typed */
    public StringProperty textProperty() {
        return text;
    }

    /** @return what is wrong with them, or "" */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** @return whether they can be compared */
    public ReadOnlyBooleanProperty canOpenProperty() {
        return canOpen.getReadOnlyProperty();
    }

    /** @return the ids typed; empty while {@link #canOpenProperty()} is false */
    public List<Long> ids() {
        return CompareViewModel.parseIds(text.get()).ids();
    }
}
