package io.mlwb.app.audit;

import io.mlwb.app.jobs.JobHandle;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.audit.AuditPage;
import io.mlwb.catalog.audit.AuditQuery;
import io.mlwb.catalog.audit.AuditService;
import io.mlwb.catalog.audit.AuditVerification;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Audit log pane's state: a page of entries (newest first by default) matching a filter, "load more", and the
 * result of verifying the hash chain. It gets only what it needs: the project's {@link AuditService}, or the reason
 * there is none (the catalog cannot be read), and {@link UiJobs}; every read runs as a job, never on the FX thread.
 *
 * <p>Use on the FX thread. A failed job is reported to Problems by the job runner; this view model only shows it in
 * its own {@link #messageProperty() message} and is no longer busy. Without a service every command does nothing,
 * and {@link #unavailableProperty() unavailable} says why.
 */
public final class AuditLogViewModel {
    /** How many entries one read fetches. */
    public static final int PAGE_SIZE = 200;

    private final AuditService service;
    private final UiJobs jobs;
    private final int pageSize;

    private final ObservableList<AuditRow> rows = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty newestFirst = new SimpleBooleanProperty(this, "newestFirst", true);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", 0);
    /** Where the next page starts: entries read so far, counting those not added again after the log grew. */
    private final ReadOnlyLongWrapper nextOffset = new ReadOnlyLongWrapper(this, "nextOffset", 0);
    private final ReadOnlyStringWrapper appliedFilter = new ReadOnlyStringWrapper(this, "appliedFilter", "");
    private final ReadOnlyObjectWrapper<AuditVerification> verification =
            new ReadOnlyObjectWrapper<>(this, "verification");
    private final ReadOnlyStringWrapper verificationText =
            new ReadOnlyStringWrapper(this, "verificationText", Messages.get("audit.verify.notChecked"));
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper(this, "unavailable", "");
    private final BooleanBinding canLoadMore;
    private final ObservableStringValue summary;

    /** Bumped by every refresh: a slower, older read must not overwrite a newer one. */
    private long generation;
    private boolean appliedNewestFirst = true;
    private int pending;
    private JobHandle load;
    private JobHandle check;

    /**
     * A pane over a readable catalog (read-write or read-only).
     *
     * @param service the project's audit service
     * @param jobs    where reads run
     */
    public AuditLogViewModel(AuditService service, UiJobs jobs) {
        this(Objects.requireNonNull(service, "service"), "", jobs, PAGE_SIZE);
    }

    /**
     * @param service  the audit service, or null when the catalog cannot be read
     * @param reason   why the catalog cannot be read (used only without a service)
     * @param jobs     where reads run
     * @param pageSize entries per read, at least 1
     */
    AuditLogViewModel(AuditService service, String reason, UiJobs jobs, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
        }
        this.service = service;
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.pageSize = pageSize;
        if (service == null) {
            unavailable.set(Messages.format("audit.unavailable", reason == null ? "" : reason));
        }
        canLoadMore = Bindings.createBooleanBinding(() -> !busy.get() && nextOffset.get() < total.get(), busy, total,
                nextOffset);
        summary = Bindings.createStringBinding(() -> appliedFilter.get().isEmpty()
                        ? Messages.format("audit.summary", rows.size(), total.get())
                        : Messages.format("audit.summary.filtered", rows.size(), total.get(), appliedFilter.get()),
                rows, total, appliedFilter);
    }

    /**
     * A pane for a catalog that cannot be read: it shows why, and never touches the catalog.
     *
     * @param reason why the catalog cannot be read (the catalog's own error message)
     * @param jobs   where reads would run
     * @return a view model whose commands do nothing
     */
    public static AuditLogViewModel unavailable(String reason, UiJobs jobs) {
        return new AuditLogViewModel(null, reason, jobs, PAGE_SIZE);
    }

    /** @return the entries shown, in the order of the last read */
    public ObservableList<AuditRow> rows() {
        return rows;
    }

    /** @return the filter text as typed; applied by the next {@link #refresh()} */
    public StringProperty filterProperty() {
        return filter;
    }

    /** @return true for the newest entry first (the default); applied by the next {@link #refresh()} */
    public BooleanProperty newestFirstProperty() {
        return newestFirst;
    }

    /** @return true while a read or a verification runs */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return how many entries match the filter the rows were read with (all of them without one) */
    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** @return the filter the rows shown were read with */
    public ReadOnlyStringProperty appliedFilterProperty() {
        return appliedFilter.getReadOnlyProperty();
    }

    /** @return the last verification, or null when the chain has not been checked (or the check failed) */
    public ReadOnlyObjectProperty<AuditVerification> verificationProperty() {
        return verification.getReadOnlyProperty();
    }

    /** @return the verification as a sentence: not checked, intact with the count, or broken at which entry and why */
    public ReadOnlyStringProperty verificationTextProperty() {
        return verificationText.getReadOnlyProperty();
    }

    /** @return why the last read or verification failed, or empty */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return "The catalog cannot be read: ..." when there is no service, else empty */
    public ReadOnlyStringProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    /** @return true when the catalog can be read */
    public boolean available() {
        return service != null;
    }

    /** @return true when matching entries past the last page read exist, and nothing runs */
    public BooleanBinding canLoadMoreProperty() {
        return canLoadMore;
    }

    /** @return "Showing n of m entries" (with the filter, when one was applied) */
    public ObservableStringValue summaryProperty() {
        return summary;
    }

    /**
     * Reads the first page again with the current filter and order, replacing the rows. Call it when the pane opens
     * and whenever the log may have grown (an {@code AuditAppended} catalog event).
     */
    public void refresh() {
        if (service == null) {
            return;
        }
        AuditQuery query = new AuditQuery(0, pageSize, filter.get(), newestFirst.get());
        long mine = ++generation;   // a read still running is left to finish; its rows are ignored
        started();
        load = jobs.run(Messages.get("audit.job.load"), p -> service.page(query), page -> {
            finished();
            if (mine == generation) {
                appliedFilter.set(query.filter());
                appliedNewestFirst = query.newestFirst();
                rows.setAll(page.entries().stream().map(AuditRow::of).toList());
                nextOffset.set(page.entries().size());
                total.set(page.total());
                message.set("");
            }
        }, error -> failed(mine, error, "audit.error.load"));
    }

    /**
     * Appends the next page of entries matching the filter the rows were read with. Entries already shown are not
     * repeated when the log grew in between (newest first shifts the pages).
     */
    public void loadMore() {
        if (service == null || !canLoadMore.get()) {
            return;
        }
        AuditQuery query = new AuditQuery((int) Math.min(Integer.MAX_VALUE, nextOffset.get()), pageSize,
                appliedFilter.get(), appliedNewestFirst);
        long mine = generation;
        started();
        load = jobs.run(Messages.get("audit.job.load"), p -> service.page(query), page -> {
            finished();
            if (mine == generation) {
                append(query, page);
            }
        }, error -> failed(mine, error, "audit.error.load"));
    }

    /** Recomputes the hash chain in the background and shows whether it is intact or where it breaks. */
    public void verify() {
        if (service == null) {
            return;
        }
        started();
        check = jobs.run(Messages.get("audit.job.verify"), p -> service.verify(), v -> {
            finished();
            verification.set(v);
            verificationText.set(v.ok()
                    ? Messages.format("audit.verify.intact", v.entriesChecked())
                    : Messages.format("audit.verify.broken", v.firstBroken().orElse(0L), v.reason().orElse(""),
                            v.entriesChecked()));
        }, error -> {
            finished();
            verification.set(null);
            verificationText.set(Messages.get("audit.verify.notChecked"));
            show(error, "audit.error.verify");
        });
    }

    /** Cancels what still runs; the pane is closing. */
    public void dispose() {
        generation++;
        cancel(load);
        cancel(check);
    }

    private void append(AuditQuery query, AuditPage page) {
        Set<Long> shown = new HashSet<>();
        rows.forEach(r -> shown.add(r.seq()));
        rows.addAll(page.entries().stream().filter(e -> !shown.contains(e.seq())).map(AuditRow::of).toList());
        nextOffset.set(query.offset() + page.entries().size());
        total.set(page.total());
        message.set("");
    }

    private void failed(long mine, Throwable error, String key) {
        finished();
        if (mine == generation) {
            show(error, key);
        }
    }

    /** Our own state only: the job runner has already reported the failure to Problems. */
    private void show(Throwable error, String key) {
        if (error instanceof Cancelled) {
            return;
        }
        String why = UserError.find(error).map(Throwable::getMessage).orElseGet(() -> String.valueOf(error));
        message.set(Messages.format(key, why));
    }

    private void started() {
        pending++;
        busy.set(true);
    }

    private void finished() {
        pending = Math.max(0, pending - 1);
        busy.set(pending > 0);
    }

    private static void cancel(JobHandle handle) {
        if (handle != null && !handle.done()) {
            handle.cancel();
        }
    }
}
