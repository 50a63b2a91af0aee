package io.mlwb.app.dataset;

import io.mlwb.app.jobs.JobHandle;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.QualityRule;
import io.mlwb.data.history.ProfileNote;
import io.mlwb.data.history.ProfileRequest;
import io.mlwb.data.history.ProfileResult;
import io.mlwb.data.history.ProfileService;
import io.mlwb.data.history.ProfileSettings;
import io.mlwb.data.profile.Alert;
import io.mlwb.data.profile.AlertGroups;
import io.mlwb.data.profile.ColumnProfile;
import io.mlwb.data.profile.CorrelationMatrix;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.NumericStats;
import io.mlwb.data.profile.ProfileJson;
import io.mlwb.data.profile.TargetAssociation;
import io.mlwb.data.profile.TopValue;
import io.mlwb.data.quality.RuleResult;
import io.mlwb.data.read.Detected;
import io.mlwb.data.report.ColumnRow;
import io.mlwb.data.report.DatasetFormat;
import io.mlwb.data.report.ProfileHtmlReport;
import io.mlwb.data.table.DataTable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of a Dataset pane: profiles a file as one job ("Profiling &lt;name&gt;", with progress and Cancel) through
 * {@link ProfileService}, then exposes the overview figures, one {@link ColumnRow} per column, the selected column's
 * detail, the correlation matrix chosen by {@link #correlationKindProperty()}, the rules, and the rows for the
 * preview. A cancelled job leaves state {@link State#CANCELLED} (not an error); a failed one leaves
 * {@link State#FAILED} with its message in {@link #messageProperty()} (the job runner reports it to the Problems
 * panel, once).
 *
 * <p>What is reused, computed, recorded and checked is the service's decision (the same as {@code mlwb profile}'s):
 * {@link #cachedProperty()} says when the catalog's profile of this file version is shown, and
 * {@link #profileAgain()} always recomputes. The service's notes (e.g. that nothing was recorded, and why) join the
 * reader's warnings.
 */
public final class DatasetViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetViewModel.class);
    private static final DateTimeFormatter STORED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    /** Where the pane stands. */
    public enum State {
        /** Nothing ran yet. */
        IDLE,
        /** The profiling job runs. */
        PROFILING,
        /** A profile is shown. */
        READY,
        /** The last job was cancelled. */
        CANCELLED,
        /** The last job failed; {@link #messageProperty()} says why. */
        FAILED
    }

    private final DatasetSource source;
    private final ProfileService service;
    private final UiJobs jobs;
    private final ErrorReporter errors;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyObjectWrapper<DatasetProfile> profile = new ReadOnlyObjectWrapper<>(this, "profile");
    private final ReadOnlyObjectWrapper<DataTable> table = new ReadOnlyObjectWrapper<>(this, "table");
    private final ReadOnlyStringWrapper rows = new ReadOnlyStringWrapper(this, "rows", "");
    private final ReadOnlyStringWrapper columnCount = new ReadOnlyStringWrapper(this, "columnCount", "");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper(this, "memory", "");
    private final ReadOnlyStringWrapper missingCells = new ReadOnlyStringWrapper(this, "missingCells", "");
    private final ReadOnlyStringWrapper duplicates = new ReadOnlyStringWrapper(this, "duplicates", "");
    private final ReadOnlyStringWrapper approximate = new ReadOnlyStringWrapper(this, "approximate", "");
    private final ReadOnlyStringWrapper format = new ReadOnlyStringWrapper(this, "format", "");
    private final ReadOnlyBooleanWrapper cached = new ReadOnlyBooleanWrapper(this, "cached", false);
    private final ReadOnlyStringWrapper cacheNote = new ReadOnlyStringWrapper(this, "cacheNote", "");
    private final ObservableList<AlertRow> alerts = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObservableList<ColumnRow> columns = FXCollections.observableArrayList();
    private final ObjectProperty<ColumnRow> selectedColumn = new SimpleObjectProperty<>(this, "selectedColumn");
    private final ObservableList<StatRow> detailStats = FXCollections.observableArrayList();
    private final ObservableList<TopValueRow> detailTop = FXCollections.observableArrayList();
    private final ObjectProperty<CorrelationKind> correlationKind =
            new SimpleObjectProperty<>(this, "correlationKind", CorrelationKind.PEARSON);
    private final ReadOnlyObjectWrapper<CorrelationMatrix> matrix =
            new ReadOnlyObjectWrapper<>(this, "matrix", CorrelationMatrix.empty());
    private final ObservableList<TargetAssociation> targetAssociations = FXCollections.observableArrayList();
    private final ObservableList<RuleRow> rules = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ObservableList<Integer>> previewRows =
            new ReadOnlyObjectWrapper<>(this, "previewRows", FXCollections.emptyObservableList());

    private volatile double progressFraction = -1;
    private volatile String progressMessage = "";
    private JobHandle job;

    /**
     * A pane outside any project: profiles, records nothing.
     *
     * @param source what to profile
     * @param jobs   where profiling and exports run
     * @param errors where a source that cannot be profiled is reported
     */
    public DatasetViewModel(DatasetSource source, UiJobs jobs, ErrorReporter errors) {
        this(source, ProfileService.withoutProject(ProfileSettings.current()), jobs, errors);
    }

    /**
     * @param source  what to profile
     * @param service profiles it (the open project's, which reuses and records profiles in its catalog)
     * @param jobs    where profiling and exports run
     * @param errors  where a source that cannot be profiled is reported (job failures are reported by the runner)
     */
    public DatasetViewModel(DatasetSource source, ProfileService service, UiJobs jobs, ErrorReporter errors) {
        this.source = Objects.requireNonNull(source, "source");
        this.service = Objects.requireNonNull(service, "service");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.errors = Objects.requireNonNull(errors, "errors");
        selectedColumn.addListener((o, was, now) -> fillDetail(now));
        correlationKind.addListener((o, was, now) -> fillMatrix());
        rules.setAll(declaredRules(source.rules()));
    }

    /** @return the tab's title */
    public String title() {
        return source.title();
    }

    /** @return what this pane profiles */
    public DatasetSource source() {
        return source;
    }

    /**
     * Reads and profiles the file as a job, reusing the catalog's profile of this file version when there is one;
     * does nothing while a job runs.
     */
    public void profile() {
        run(false);
    }

    /** Reads and profiles the file as a job, computing the profile even when the catalog holds one. */
    public void profileAgain() {
        run(true);
    }

    private void run(boolean force) {
        if (busy.get()) {
            return;
        }
        if (source.problem() != null) {
            // not a job: nobody else reports it
            errors.error(Messages.get("dataset.source"), source.problem());
            fail(source.problem());
            return;
        }
        ProfileRequest request = ProfileRequest.of(source.file(), title(), source.config(), source.options())
                .withTarget(source.target().orElse(null)).withForce(force);
        busy.set(true);
        state.set(State.PROFILING);
        message.set(Messages.format("dataset.status.profiling", title()));
        notice.set("");
        progressFraction = 0;
        progressMessage = "";
        job = jobs.run(Messages.format("dataset.job.profile", title()), p -> service.profile(request, recording(p)),
                this::show, e -> {
                    busy.set(false);
                    job = null;
                    if (e instanceof Cancelled) {
                        state.set(State.CANCELLED);
                        message.set(Messages.get("dataset.status.cancelled"));
                    } else {
                        fail(e);
                    }
                });
    }

    /** @return "csv, UTF-8, ','" (plus ", gzip" when compressed): the "Read as" line's format */
    static String formatOf(Detected d) {
        return d.format().name().toLowerCase(java.util.Locale.ROOT) + ", " + d.charset().name()
                + d.delimiter().map(c -> ", '" + (c == '\t' ? "\\t" : String.valueOf(c)) + "'").orElse("")
                + (d.gzip() ? ", gzip" : "");
    }

    /** Cancels the profiling job if it runs. */
    public void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    /** Cancels what runs; called when the tab closes. */
    public void dispose() {
        cancel();
    }

    private void fail(Throwable e) {
        state.set(State.FAILED);
        Throwable shown = e instanceof UserError ? e : new UserError(
                Messages.format("dataset.error.unexpected", title()), Messages.get("dataset.error.unexpected.todo"),
                ExitCode.INTERNAL, e);
        message.set(shown.getMessage());
    }

    private void show(ProfileResult r) {
        busy.set(false);
        job = null;
        DatasetProfile p = r.profile();
        LOG.info("{} {}: {} rows, {} columns, {} alerts", r.wasReused() ? "Reused the profile of" : "Profiled",
                title(), p.rows(), p.columnsCount(), p.alerts().size());
        cached.set(r.wasReused());
        cacheNote.set(r.wasReused() ? Messages.format("dataset.overview.cached",
                STORED_AT.format(r.reused().createdAt())) : "");
        // a streamed file has no table in memory: an empty preview, and the pane's note saying so
        DataTable shown = r.read() != null ? r.read().table() : new DataTable(0, List.of());
        table.set(shown);
        profile.set(p);
        rows.set(DatasetFormat.count(p.rows()));
        columnCount.set(DatasetFormat.count(p.columnsCount()));
        memory.set(DatasetFormat.bytes(p.memoryBytes()));
        long cells = p.rows() * (long) p.columnsCount();
        missingCells.set(Messages.format("dataset.overview.missingValue", DatasetFormat.count(p.missingCells()),
                DatasetFormat.percent(cells == 0 ? 0 : 100.0 * p.missingCells() / cells)));
        duplicates.set(DatasetFormat.count(p.duplicateRows()));
        // A streaming profile says which figures come from sketches, with their error; an exact one has none.
        approximate.set(p.isApproximate()
                ? Messages.format("dataset.overview.approximate", String.join("; ", p.approximate().entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).toList()))
                : Messages.get("dataset.overview.exact"));
        if (r.detected() == null) {
            format.set(Messages.get("dataset.overview.streaming"));
        } else {
            format.set(r.read() == null ? Messages.format("dataset.overview.streamed", formatOf(r.detected()))
                    : formatOf(r.detected()));
        }
        // Repeated alerts of one type are one row (as the CLI and the HTML report show them): 2,998 "unique" rows
        // would bury the rest.
        alerts.setAll(AlertGroups.group(p.alerts()).stream().map(DatasetViewModel::alertRow).toList());
        // streamed: the pane's note on what a streaming profile leaves out, then what the reader said
        List<String> shownWarnings = new ArrayList<>(r.read() == null
                ? List.of(Messages.format("dataset.streaming.note", source.file().getFileName())) : List.of());
        shownWarnings.addAll(r.warnings());
        // the streaming note is worded by the pane (above); the others come as the service words them
        r.notes().stream().filter(n -> n.kind() != ProfileNote.Kind.STREAMED).map(ProfileNote::message)
                .forEach(shownWarnings::add);
        warnings.setAll(shownWarnings);
        columns.setAll(p.columns().stream().map(ColumnRow::new).toList());
        targetAssociations.setAll(p.target());
        previewRows.set(FXCollections.unmodifiableObservableList(
                FXCollections.observableList(new PreviewRows(shown))));
        fillMatrix();
        rules.setAll(r.quality() == null ? declaredRules(source.rules())
                : r.quality().results().stream().map(DatasetViewModel::ruleRow).toList());
        selectedColumn.set(columns.isEmpty() ? null : columns.get(0));
        fillDetail(selectedColumn.get());
        state.set(State.READY);
        message.set("");
    }

    private static AlertRow alertRow(AlertGroups.Group g) {
        if (!g.grouped()) {
            return alertRow(g.alerts().get(0));
        }
        return new AlertRow(g.type().jsonName(), Messages.format("dataset.alerts.grouped",
                DatasetFormat.count(g.alerts().size())), g.text());
    }

    private static AlertRow alertRow(Alert a) {
        String column = a.column() == null ? "" : a.column() + (a.otherColumn() == null ? "" : " \u2194 "
                + a.otherColumn());
        return new AlertRow(a.type().jsonName(), column, a.message());
    }

    private void fillMatrix() {
        DatasetProfile p = profile.get();
        matrix.set(p == null ? CorrelationMatrix.empty() : correlationKind.get().of(p.correlations()));
    }

    private void fillDetail(ColumnRow row) {
        if (row == null) {
            detailStats.clear();
            detailTop.clear();
            return;
        }
        ColumnProfile c = row.profile();
        long total = c.count() + c.missing();
        List<StatRow> stats = new ArrayList<>();
        stats.add(stat("dataset.stat.type", c.type().yamlName()));
        stats.add(stat("dataset.stat.count", DatasetFormat.count(c.count())));
        stats.add(stat("dataset.stat.missing", DatasetFormat.count(c.missing()) + " ("
                + DatasetFormat.percent(c.missingPct()) + ")"));
        stats.add(stat("dataset.stat.distinct", DatasetFormat.count(c.distinct())));
        NumericStats n = c.numeric();
        if (n != null) {
            stats.add(stat("dataset.stat.mean", DatasetFormat.number(n.mean())));
            stats.add(stat("dataset.stat.std", DatasetFormat.number(n.std())));
            stats.add(stat("dataset.stat.min", DatasetFormat.number(n.min())));
            stats.add(stat("dataset.stat.p5", DatasetFormat.number(n.p5())));
            stats.add(stat("dataset.stat.p25", DatasetFormat.number(n.p25())));
            stats.add(stat("dataset.stat.p50", DatasetFormat.number(n.p50())));
            stats.add(stat("dataset.stat.p75", DatasetFormat.number(n.p75())));
            stats.add(stat("dataset.stat.p95", DatasetFormat.number(n.p95())));
            stats.add(stat("dataset.stat.max", DatasetFormat.number(n.max())));
            stats.add(stat("dataset.stat.skewness", DatasetFormat.number(n.skewness())));
            stats.add(stat("dataset.stat.kurtosis", DatasetFormat.number(n.kurtosis())));
            stats.add(stat("dataset.stat.zeros", DatasetFormat.count(n.zeros())));
            stats.add(stat("dataset.stat.negatives", DatasetFormat.count(n.negatives())));
            stats.add(stat("dataset.stat.infinities", DatasetFormat.count(n.infinities())));
        }
        if (c.date() != null) {
            stats.add(stat("dataset.stat.min", c.date().minText()));
            stats.add(stat("dataset.stat.max", c.date().maxText()));
            stats.add(stat("dataset.stat.largestGap",
                    DatasetFormat.number(c.date().largestGapMillis() / 86_400_000.0)));
            if (c.date().missingDays() >= 0) {
                stats.add(stat("dataset.stat.missingDays", DatasetFormat.count(c.date().missingDays())));
            }
        }
        if (c.text() != null) {
            stats.add(stat("dataset.stat.length", c.text().minLength() + " / "
                    + DatasetFormat.number(c.text().meanLength()) + " / " + c.text().maxLength()));
        }
        if (c.bool() != null) {
            stats.add(stat("dataset.stat.trueCount", DatasetFormat.count(c.bool().trueCount())));
            stats.add(stat("dataset.stat.falseCount", DatasetFormat.count(c.bool().falseCount())));
        }
        if (!Double.isNaN(c.imbalance())) {
            stats.add(stat("dataset.stat.imbalance", DatasetFormat.number(c.imbalance())));
        }
        detailStats.setAll(stats);
        List<TopValueRow> top = new ArrayList<>();
        for (TopValue t : c.top()) {
            top.add(new TopValueRow(DatasetFormat.value(t), t.count(), total == 0 ? 0 : 100.0 * t.count() / total));
        }
        detailTop.setAll(top);
    }

    private static StatRow stat(String key, String value) {
        return new StatRow(Messages.get(key), value);
    }

    private static RuleRow ruleRow(RuleResult r) {
        RuleStatus status = switch (r.status()) {
            case PASS -> RuleStatus.PASS;
            case FAIL -> RuleStatus.FAIL;
            case WARN -> RuleStatus.WARN;
        };
        return new RuleRow(status, r.label(), r.observed(), r.message(), r.examples());
    }

    /** The rules declared in mlwb.yaml, before they were checked (no profile yet). */
    private static List<RuleRow> declaredRules(List<QualityRule> declared) {
        return declared.stream().map(r -> new RuleRow(RuleStatus.NOT_CHECKED, describe(r), "",
                Messages.get("dataset.rules.notChecked"), List.of())).toList();
    }

    /** @return a rule as one line, e.g. "range age [18, 100]" */
    static String describe(QualityRule r) {
        StringBuilder b = new StringBuilder(r.type().yamlName());
        if (r.column() != null) {
            b.append(' ').append(r.column());
        }
        if (r.min() != null || r.max() != null) {
            b.append(" [").append(r.min() == null ? "" : DatasetFormat.number(r.min())).append(", ")
                    .append(r.max() == null ? "" : DatasetFormat.number(r.max())).append(']');
        }
        if (!r.values().isEmpty()) {
            b.append(' ').append(r.values());
        }
        if (r.pattern() != null) {
            b.append(' ').append(r.pattern());
        }
        if (r.maxAge() != null) {
            b.append(' ').append(r.maxAge());
        }
        if (r.severity() != null) {
            b.append(" (").append(r.severity().yamlName()).append(')');
        }
        return b.toString();
    }

    /** Writes the profile as JSON ({@link ProfileJson}) to {@code file}, as a job. */
    public void exportJson(Path file) {
        DatasetProfile p = profile.get();
        if (p == null) {
            return;
        }
        export(file, out -> ProfileJson.write(p, out));
    }

    /** Writes the profile as one self-contained HTML file ({@link ProfileHtmlReport}) to {@code file}, as a job. */
    public void exportHtml(Path file) {
        DatasetProfile p = profile.get();
        if (p == null) {
            return;
        }
        String name = title();
        export(file, out -> out.write(new ProfileHtmlReport().render(name, p).getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes to a stream; may throw. */
    private interface Writing {
        void write(OutputStream out) throws IOException;
    }

    private void export(Path file, Writing writing) {
        jobs.run(Messages.format("dataset.job.export", file.getFileName()), p -> {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    writing.write(out);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // a user error, so the runner shows what to do rather than a bug
                throw new UserError(Messages.format("dataset.export.failed", file.toString()),
                        Messages.get("dataset.export.failed.todo"), ExitCode.BAD_INPUT, e);
            }
            return file;
        }, f -> notice.set(Messages.format("dataset.export.done", f.toString())),
                e -> notice.set(e instanceof Cancelled ? "" : String.valueOf(e.getMessage())));
    }

    /** Keeps the job's last progress for {@link #progressFraction()} and passes it on. */
    private Progress recording(Progress p) {
        return new Progress() {
            @Override
            public void report(double fraction, String text) {
                progressFraction = fraction;
                progressMessage = text;
                p.report(fraction, text);
            }

            @Override
            public boolean cancelled() {
                return p.cancelled();
            }
        };
    }

    /** @return the job's last reported fraction (0..1, negative when unknown); safe from any thread */
    public double progressFraction() {
        return progressFraction;
    }

    /** @return the job's last reported step; safe from any thread */
    public String progressMessage() {
        return progressMessage;
    }

    /** @return where the pane stands */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** @return true while the profiling job runs */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return a status line (profiling, cancelled, or the failure's message); empty when a profile is shown */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return a passing notice, e.g. where an export was written; empty when none */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** @return the last profile, null before one finished */
    public ReadOnlyObjectProperty<DatasetProfile> profileProperty() {
        return profile.getReadOnlyProperty();
    }

    /** @return the table read for the last profile, null before */
    public ReadOnlyObjectProperty<DataTable> tableProperty() {
        return table.getReadOnlyProperty();
    }

    /** @return the row count, formatted */
    public ReadOnlyStringProperty rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** @return the column count, formatted */
    public ReadOnlyStringProperty columnCountProperty() {
        return columnCount.getReadOnlyProperty();
    }

    /** @return the table's approximate memory, formatted */
    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    /** @return missing cells and their share, formatted */
    public ReadOnlyStringProperty missingCellsProperty() {
        return missingCells.getReadOnlyProperty();
    }

    /** @return duplicate rows, formatted */
    public ReadOnlyStringProperty duplicatesProperty() {
        return duplicates.getReadOnlyProperty();
    }

    /** @return which figures are approximate (a sentence; "all exact" in exact mode) */
    public ReadOnlyStringProperty approximateProperty() {
        return approximate.getReadOnlyProperty();
    }

    /** @return true when the profile shown is the catalog's profile of this file version, not computed now */
    public ReadOnlyBooleanProperty cachedProperty() {
        return cached.getReadOnlyProperty();
    }

    /**
     * @return where the profile shown comes from, for the overview: "Profile of this file version from &lt;date&gt;;
     *         Profile again to recompute" when it came from the catalog; empty when computed now
     */
    public ReadOnlyStringProperty cacheNoteProperty() {
        return cacheNote.getReadOnlyProperty();
    }

    /** @return what the reader detected: format, charset, delimiter, compression */
    public ReadOnlyStringProperty formatProperty() {
        return format.getReadOnlyProperty();
    }

    /** @return the alerts of the last profile */
    public ObservableList<AlertRow> alerts() {
        return alerts;
    }

    /** @return the reader's warnings for the last profile */
    public ObservableList<String> warnings() {
        return warnings;
    }

    /** @return one row per column of the last profile */
    public ObservableList<ColumnRow> columns() {
        return columns;
    }

    /** @return the column whose detail is shown */
    public ObjectProperty<ColumnRow> selectedColumnProperty() {
        return selectedColumn;
    }

    /** @return the selected column's figures */
    public ObservableList<StatRow> detailStats() {
        return detailStats;
    }

    /** @return the selected column's most frequent values */
    public ObservableList<TopValueRow> detailTop() {
        return detailTop;
    }

    /** @return which correlation matrix is shown */
    public ObjectProperty<CorrelationKind> correlationKindProperty() {
        return correlationKind;
    }

    /** @return the matrix of the chosen kind, empty before a profile */
    public ReadOnlyObjectProperty<CorrelationMatrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    /** @return each feature against the target (empty without a target) */
    public ObservableList<TargetAssociation> targetAssociations() {
        return targetAssociations;
    }

    /** @return the dataset's quality rules with their outcome */
    public ObservableList<RuleRow> rules() {
        return rules;
    }

    /** @return the table's rows as row indices (no object per row), for the preview */
    public ReadOnlyObjectProperty<ObservableList<Integer>> previewRowsProperty() {
        return previewRows.getReadOnlyProperty();
    }

    /** @return the target column, if the dataset declares one */
    public Optional<String> target() {
        return source.target();
    }
}
