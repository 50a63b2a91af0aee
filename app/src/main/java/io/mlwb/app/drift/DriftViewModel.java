package io.mlwb.app.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlwb.app.jobs.JobHandle;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.drift.DatasetDrift;
import io.mlwb.drift.DriftOptions;
import io.mlwb.drift.service.DriftService;
import io.mlwb.drift.report.ColumnDistribution;
import io.mlwb.drift.report.DriftDistributions;
import io.mlwb.drift.report.DriftHtml;
import io.mlwb.drift.time.DriftOverTime;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Drift pane's state: the reference and current data as {@code mlwb drift} takes them (a file, {@code dataset:NAME},
 * {@code dataset:NAME@VERSION}, {@code REV:path} or a folder of request logs), the choices offered for them (declared
 * datasets and their recorded versions, read as a job), and a comparison run as one job ("Drift: A → B", progress and
 * Cancel) through the project's {@link DriftService}, which records the report in the catalog. Then: the verdict,
 * share and counts, the sides, the columns (drifted first) with their distributions on the PSI bins, the selected
 * column's detail, the schema differences; exports as JSON and as the self-contained HTML page ({@link DriftHtml}), and
 * "Commit report": both files under {@code reports/drift/<timestamp>/}, committed through {@link GitRepo}. Nothing
 * refreshes by itself; a new Run replaces the result. Use on the FX thread; no toolkit needed.
 */
public final class DriftViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(DriftViewModel.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    /** Where committed reports go, under the project root. */
    public static final String REPORTS_DIR = "reports/drift";

    /** Where the pane stands. */
    public enum State {
        /** Nothing run yet. */
        EMPTY,
        /** The comparison runs. */
        RUNNING,
        /** A result is shown. */
        READY,
        /** The last run was cancelled. */
        CANCELLED,
        /** The last run failed; {@link #messageProperty()} says why. */
        FAILED
    }

    /**
     * A finished comparison with what the pane draws.
     *
     * @param result        the service's result
     * @param distributions   per column, its two sides on its PSI bins
     * @param timeColumn      the column drift over time was cut by, or null
     * @param overTimeMessage why there is no drift over time, or null
     */
    public record Outcome(DriftService.Result result, Map<String, ColumnDistribution> distributions,
                          String timeColumn, String overTimeMessage) {
        /**
         * An outcome without drift over time.
         *
         * @param result        the service's result
         * @param distributions per column, its two sides on its PSI bins
         */
        public Outcome(DriftService.Result result, Map<String, ColumnDistribution> distributions) {
            this(result, distributions, null, null);
        }
    }

    /**
     * Something to compare, offered in the pickers.
     *
     * @param spec   what {@link DriftService#load} takes: {@code dataset:NAME} or {@code dataset:NAME@VERSION}
     * @param detail a line about it (file, rows, commit)
     */
    public record Choice(String spec, String detail) {
    }

    /** Reads the choices; called inside a job. */
    @FunctionalInterface
    public interface Choices {
        /** @return what can be picked, in the order to show */
        List<Choice> list();
    }

    /** Reads the registered models the model picker offers; called inside a job. */
    @FunctionalInterface
    public interface ModelChoices {
        /** @return {@code NAME@VERSION} and {@code NAME@ALIAS} specs, in the order to show */
        List<String> list();
    }

    /** The windows the window picker offers ({@code Nd} may be typed too). */
    public static final List<String> WINDOWS = List.of("month", "week", "7d", "14d", "30d");

    private final DriftService service;
    private final DriftOptions options;
    private final Choices choiceSource;
    private final ModelChoices modelSource;
    private final Path root;
    private final GitRepo repo;
    private final UiJobs jobs;
    private final String actor;
    private final Clock clock;

    private final StringProperty reference = new SimpleStringProperty(this, "reference", "");
    private final StringProperty current = new SimpleStringProperty(this, "current", "");
    private final ObservableList<Choice> choices = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.EMPTY);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyBooleanWrapper writing = new ReadOnlyBooleanWrapper(this, "writing", false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message",
            Messages.get("drift.status.empty"));
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ObservableList<DriftRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<DriftRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper datasetDrift = new ReadOnlyBooleanWrapper(this, "datasetDrift", false);
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final ReadOnlyStringWrapper share = new ReadOnlyStringWrapper(this, "share", "");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");
    private final ReadOnlyStringWrapper sides = new ReadOnlyStringWrapper(this, "sides", "");
    private final ReadOnlyObjectWrapper<Long> reportId = new ReadOnlyObjectWrapper<>(this, "reportId");
    private final ObservableList<String> schema = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final StringProperty timeColumn = new SimpleStringProperty(this, "timeColumn", "");
    private final StringProperty window = new SimpleStringProperty(this, "window", "month");
    private final ObservableList<String> timeColumns = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<DriftOverTime.Result> overTime = new ReadOnlyObjectWrapper<>(this,
            "overTime");
    private final ReadOnlyStringWrapper overTimeMessage = new ReadOnlyStringWrapper(this, "overTimeMessage",
            Messages.get("drift.time.noColumn"));
    private final StringProperty heatColumn = new SimpleStringProperty(this, "heatColumn");
    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ModelSection> modelSection = new ReadOnlyObjectWrapper<>(this,
            "modelSection");
    private final ReadOnlyStringWrapper modelMessage = new ReadOnlyStringWrapper(this, "modelMessage",
            Messages.get("drift.model.none"));
    private final BooleanBinding canRun;
    private final BooleanBinding canCommit;

    private volatile double progressFraction = -1;
    private volatile String progressMessage = "";
    private JobHandle job;
    private Consumer<String> lineageOpener = id -> { };
    private Runnable onCommitted = () -> { };

    /**
     * @param service compares and records (the open project's)
     * @param options the project's drift options (for the bins drawn)
     * @param choices reads what the pickers offer
     * @param root    the project folder (reports are committed under it), or null outside a project
     * @param repo    its git repository, or null (no "Commit report")
     * @param jobs    where comparisons, exports and commits run
     * @param actor   who runs comparisons (the audit's actor)
     * @param clock   the time that names committed reports
     */
    public DriftViewModel(DriftService service, DriftOptions options, Choices choices, Path root, GitRepo repo,
                          UiJobs jobs, String actor, Clock clock) {
        this(service, options, choices, List::of, root, repo, jobs, actor, clock);
    }

    /**
     * @param service compares and records (the open project's)
     * @param options the project's drift options (for the bins drawn)
     * @param choices reads what the data pickers offer
     * @param models  reads what the model picker offers (registered versions and aliases)
     * @param root    the project folder (reports are committed under it), or null outside a project
     * @param repo    its git repository, or null (no "Commit report")
     * @param jobs    where comparisons, exports and commits run
     * @param actor   who runs comparisons (the audit's actor)
     * @param clock   the time that names committed reports
     */
    public DriftViewModel(DriftService service, DriftOptions options, Choices choices, ModelChoices models, Path root,
                          GitRepo repo, UiJobs jobs, String actor, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.options = Objects.requireNonNull(options, "options");
        this.choiceSource = Objects.requireNonNull(choices, "choices");
        this.modelSource = Objects.requireNonNull(models, "models");
        this.root = root;
        this.repo = repo;
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.actor = actor == null || actor.isBlank() ? "unknown" : actor;
        this.clock = Objects.requireNonNull(clock, "clock");
        canRun = Bindings.createBooleanBinding(() -> !busy.get() && !reference.get().isBlank()
                && !current.get().isBlank(), busy, reference, current);
        canCommit = Bindings.createBooleanBinding(() -> outcome.get() != null && repo != null && root != null
                && !writing.get() && !busy.get(), outcome, writing, busy);
    }

    /**
     * The choices of a project, as {@link DriftService#sides()} lists them, with what a person reads beside each.
     * Reads the catalog: call inside a job.
     *
     * @param service the project's drift service
     * @return the choices
     */
    public static List<Choice> choices(DriftService service) {
        List<Choice> out = new ArrayList<>();
        for (DriftService.Side side : service.sides()) {
            out.add(new Choice(side.spec(), side.declared() ? Messages.format("drift.choice.declared", side.path())
                    : Messages.format("drift.choice.version", side.path(), side.rows() == null ? "?"
                            : String.format(Locale.ROOT, "%,d", side.rows()), side.commit() == null
                            ? Messages.get("drift.choice.uncommitted")
                            : side.commit().substring(0, Math.min(7, side.commit().length())))));
        }
        return out;
    }

    /** Reads the choices (data and models) as a job; the pickers keep what was typed. */
    public void loadChoices() {
        jobs.run(Messages.get("drift.job.choices"), p -> new Picks(choiceSource.list(), modelSource.list()),
                picks -> {
                    choices.setAll(picks.data());
                    models.setAll(picks.models());
                }, e -> { });
    }

    private record Picks(List<Choice> data, List<String> models) {
    }

    /** Compares the reference with the current data as a job; does nothing unless {@link #canRunProperty()}. */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        String ref = reference.get().strip();
        String cur = current.get().strip();
        String time = timeColumn.get() == null ? "" : timeColumn.get().strip();
        String win = window.get() == null || window.get().isBlank() ? "month" : window.get().strip();
        String modelSpec = model.get() == null || model.get().isBlank() ? null : model.get().strip();
        busy.set(true);
        state.set(State.RUNNING);
        message.set(Messages.format("drift.status.running", ref, cur));
        notice.set("");
        progressFraction = 0;
        progressMessage = "";
        job = jobs.run(Messages.format("drift.job.compare", ref, cur), p -> {
            // over time is computed after the comparison, so that a time column without values or a bad window
            // leaves the comparison standing and says why beside the heatmap
            DriftService.Result r = service.compare(ref, cur, null, "", null, modelSpec, true, actor, recording(p));
            p.checkCancelled();
            String column = timeColumnFor(r, time);
            String why = null;
            DriftOverTime.Result ot = null;
            if (column != null) {
                p.report(0.97, Messages.format("drift.time.computing", column));
                try {
                    ot = service.overTime(r, column, win);
                } catch (UserError e) {
                    why = e.getMessage();
                }
            }
            DriftService.Result with = new DriftService.Result(r.reference(), r.current(), r.drift(), r.reportId(),
                    r.warnings(), ot, r.model());
            return new Outcome(with, DriftDistributions.of(with, options), column, why);
        }, this::show, e -> {
            busy.set(false);
            job = null;
            if (e instanceof Cancelled) {
                state.set(State.CANCELLED);
                message.set(Messages.get("drift.status.cancelled"));
            } else {
                state.set(State.FAILED);
                message.set(e instanceof UserError ? e.getMessage() : Messages.format("drift.status.failed",
                        String.valueOf(e.getMessage())));
            }
        });
    }

    /** Cancels the comparison if it runs. */
    public void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    /** Cancels what runs; called when the tab closes. */
    public void dispose() {
        cancel();
    }

    private void show(Outcome o) {
        busy.set(false);
        job = null;
        DriftService.Result r = o.result();
        DatasetDrift d = r.drift();
        LOG.info("Drift {} -> {}: {} of {} columns drifted (report {})", r.reference().label(),
                r.current().label(), d.drifted(), d.compared(), r.reportId());
        outcome.set(o);
        datasetDrift.set(d.datasetDrift());
        verdict.set(Messages.get(d.datasetDrift() ? "drift.verdict.drift" : "drift.verdict.none"));
        share.set(Messages.format("drift.summary.share", String.format(Locale.ROOT, "%.2f", d.share()),
                String.format(Locale.ROOT, "%.2f", d.driftShare())));
        counts.set(Messages.format("drift.summary.counts", d.drifted(), d.compared()));
        sides.set(Messages.format("drift.summary.sides", describe(r.reference()), describe(r.current())));
        reportId.set(r.reportId());
        List<String> s = new ArrayList<>();
        if (!d.added().isEmpty()) {
            s.add(Messages.format("drift.schema.added", String.join(", ", d.added())));
        }
        if (!d.removed().isEmpty()) {
            s.add(Messages.format("drift.schema.removed", String.join(", ", d.removed())));
        }
        for (DatasetDrift.Retyped t : d.retyped()) {
            s.add(Messages.format("drift.schema.retyped", t.name(), t.reference().yamlName(),
                    t.current().yamlName()));
        }
        if (!d.ignored().isEmpty()) {
            s.add(Messages.format("drift.schema.ignored", String.join(", ", d.ignored())));
        }
        schema.setAll(s);
        warnings.setAll(r.warnings());
        timeColumns.setAll(datetimeColumns(r));
        timeColumn.set(o.timeColumn() == null ? "" : o.timeColumn());
        showOverTime(r.overTime(), o.overTimeMessage());
        ModelSection ms = ModelSection.of(r);
        modelSection.set(ms);
        modelMessage.set(ms == null ? Messages.get("drift.model.none") : switch (ms.labels()) {
            case "none" -> "";
            case "current" -> Messages.format("drift.model.noLabels.current", ms.target());
            case "reference" -> Messages.format("drift.model.noLabels.reference", ms.target());
            default -> Messages.format("drift.model.noLabels.both", ms.target());
        });
        List<DriftRow> list = new ArrayList<>();
        d.columns().forEach(c -> list.add(new DriftRow(c, o.distributions().get(c.name()))));
        list.sort(DriftRow.REVIEW_ORDER);
        selected.set(null);
        rows.setAll(list);
        selected.set(list.isEmpty() ? null : list.get(0));
        state.set(State.READY);
        message.set("");
    }

    /**
     * The column drift over time is cut by: the one asked for; else the current dataset's declared time column, then
     * the reference's; else the request log's {@code __ts}; null when the current data has none of them.
     */
    static String timeColumnFor(DriftService.Result r, String asked) {
        if (asked != null && !asked.isBlank()) {
            return asked;
        }
        List<String> candidates = new ArrayList<>();
        if (r.current().config() != null) {
            candidates.add(r.current().config().timeColumn());
        }
        if (r.reference().config() != null) {
            candidates.add(r.reference().config().timeColumn());
        }
        candidates.add("__ts");
        for (String c : candidates) {
            if (c != null && r.current().table().column(c).orElse(null) instanceof DateTimeColumn) {
                return c;
            }
        }
        return null;
    }

    /** The datetime columns of the current data (what windows are cut by). */
    private static List<String> datetimeColumns(DriftService.Result r) {
        List<String> out = new ArrayList<>();
        for (Column c : r.current().table().columns()) {
            if (c instanceof DateTimeColumn) {
                out.add(c.name());
            }
        }
        return out;
    }

    private void showOverTime(DriftOverTime.Result ot, String why) {
        overTime.set(ot);
        overTimeMessage.set(ot != null ? "" : why == null ? Messages.get("drift.time.noColumn") : why);
        String keep = heatColumn.get();
        if (ot == null || ot.psi().isEmpty()) {
            heatColumn.set(null);
        } else if (keep == null || !ot.psi().containsKey(keep)) {
            // the column whose chart says most: the first with an alarm, else the largest PSI in any window
            heatColumn.set(ot.psi().keySet().stream().filter(c -> ot.control().containsKey(c)
                    && !ot.control().get(c).alarms().isEmpty()).findFirst().orElseGet(() -> ot.psi().entrySet()
                    .stream().max(Comparator.comparingDouble(e -> max(e.getValue()))).map(Map.Entry::getKey)
                    .orElse(null)));
        }
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                m = Math.max(m, d);
            }
        }
        return m;
    }

    /**
     * Recomputes drift over time of the shown comparison for the picked time column and window, as a job (nothing is
     * read again or recorded). A column or window the data does not support says why beside the heatmap.
     */
    public void refreshOverTime() {
        Outcome o = outcome.get();
        if (o == null || busy.get()) {
            return;
        }
        String column = timeColumn.get() == null ? "" : timeColumn.get().strip();
        String win = window.get() == null || window.get().isBlank() ? "month" : window.get().strip();
        DriftService.Result r = o.result();
        if (r.overTime() != null && column.equals(o.timeColumn()) && win.equals(r.overTime().window())) {
            return; // what is shown (the pickers fire again when a run fills them in)
        }
        if (column.isEmpty()) {
            outcome.set(new Outcome(without(r, null), o.distributions(), null, null));
            showOverTime(null, Messages.get("drift.time.noColumn"));
            return;
        }
        busy.set(true);
        job = jobs.run(Messages.format("drift.job.overTime", column, win), p -> {
            try {
                return new Timed(service.overTime(r, column, win), null);
            } catch (UserError e) {
                return new Timed(null, e.getMessage());
            }
        }, t -> {
            busy.set(false);
            job = null;
            outcome.set(new Outcome(without(r, t.result()), o.distributions(), t.result() == null ? null : column,
                    t.why()));
            showOverTime(t.result(), t.why());
        }, e -> {
            busy.set(false);
            job = null;
            if (!(e instanceof Cancelled)) {
                showOverTime(null, String.valueOf(e.getMessage()));
            }
        });
    }

    private record Timed(DriftOverTime.Result result, String why) {
    }

    private static DriftService.Result without(DriftService.Result r, DriftOverTime.Result ot) {
        return new DriftService.Result(r.reference(), r.current(), r.drift(), r.reportId(), r.warnings(), ot,
                r.model());
    }

    /**
     * @param ot     drift over time
     * @param window its window index
     * @return how a window is named: {@code 2024-01} for a month, its first day otherwise
     */
    public static String windowLabel(DriftOverTime.Result ot, int window) {
        String day = ot.windows().get(window).start().toString().substring(0, 10);
        return "month".equalsIgnoreCase(ot.window().strip()) ? day.substring(0, 7) : day;
    }

    /** {@code label (24,000 rows · sha 7708c23e · commit fe56a2ce)}. */
    static String describe(DriftService.Source s) {
        StringBuilder b = new StringBuilder(s.label()).append(" (").append(Messages.format("drift.summary.rows",
                s.table().rowCount()));
        if (s.sha256() != null) {
            b.append(" \u00b7 sha ").append(s.sha256(), 0, Math.min(8, s.sha256().length()));
        }
        if (s.commit() != null) {
            b.append(" \u00b7 ").append(Messages.format("drift.summary.commit", s.commit().substring(0,
                    Math.min(8, s.commit().length()))));
        }
        return b.append(')').toString();
    }

    /** Writes the shown report as the JSON of {@code mlwb drift --json} to {@code file}, as a job. */
    public void exportJson(Path file) {
        Outcome o = outcome.get();
        if (o == null) {
            return;
        }
        write(Messages.format("drift.job.exportJson", file.getFileName()), () -> {
            writeJson(o, file);
            return file;
        });
    }

    /** Writes the shown report as one self-contained HTML page to {@code file}, as a job. */
    public void exportHtml(Path file) {
        Outcome o = outcome.get();
        if (o == null) {
            return;
        }
        write(Messages.format("drift.job.exportHtml", file.getFileName()), () -> {
            new DriftHtml().write(o.result(), o.distributions(), file);
            return file;
        });
    }

    private void write(String title, java.util.concurrent.Callable<Path> work) {
        writing.set(true);
        jobs.run(title, p -> work.call(), f -> {
            writing.set(false);
            notice.set(Messages.format("drift.export.done", f.toString()));
        }, e -> {
            writing.set(false);
            notice.set(e instanceof Cancelled ? "" : String.valueOf(e.getMessage()));
        });
    }

    private static void writeJson(Outcome o, Path file) {
        Path abs = file.toAbsolutePath();
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(o.result().toJson()) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserError(Messages.format("drift.export.failed", file.toString(), e.getMessage()),
                    Messages.get("drift.export.failed.todo"), ExitCode.BAD_INPUT, e);
        }
    }

    /** @return whether "Commit report" can work: a result is shown, there is a repository, nothing is being written */
    public BooleanBinding canCommitProperty() {
        return canCommit;
    }

    /**
     * Writes the shown report as {@code drift.json} and {@code drift.html} under
     * {@code reports/drift/<yyyyMMdd-HHmmss>/} (UTC) and commits exactly those two files, as a job.
     */
    public void commitReport() {
        Outcome o = outcome.get();
        if (o == null || repo == null || root == null) {
            return;
        }
        String stamp = STAMP.format(clock.instant());
        DriftService.Result r = o.result();
        String message = Messages.format("drift.commit.message", r.reportId() == null ? "" : "#" + r.reportId(),
                r.reference().label(), r.current().label(), r.drift().datasetDrift()
                        ? Messages.get("drift.commit.drift") : Messages.get("drift.commit.none"),
                r.drift().drifted(), r.drift().compared());
        writing.set(true);
        jobs.run(Messages.get("drift.job.commit"), p -> {
            String rel = REPORTS_DIR + "/" + stamp;
            for (int n = 2; Files.exists(root.resolve(rel)); n++) {
                rel = REPORTS_DIR + "/" + stamp + "-" + n;
            }
            Path dir = root.resolve(rel);
            writeJson(o, dir.resolve("drift.json"));
            new DriftHtml().write(r, o.distributions(), dir.resolve("drift.html"));
            CommitInfo made = repo.commit(List.of(rel + "/drift.json", rel + "/drift.html"), message);
            return new String[] {rel, made.shortSha()};
        }, done -> {
            writing.set(false);
            notice.set(Messages.format("drift.commit.done", done[0], done[1]));
            onCommitted.run();
        }, e -> {
            writing.set(false);
            notice.set(e instanceof Cancelled ? "" : String.valueOf(e.getMessage()));
        });
    }

    /**
     * @param chosen a file or folder picked in a chooser
     * @return how to name it: relative to the project root when inside it ({@code data/x.csv}), else absolute
     */
    public String specOf(Path chosen) {
        Path abs = chosen.toAbsolutePath().normalize();
        if (root != null && abs.startsWith(root.toAbsolutePath().normalize())) {
            return root.toAbsolutePath().normalize().relativize(abs).toString().replace('\\', '/');
        }
        return abs.toString();
    }

    /** @return where choosers start: the project folder, when there is one */
    public java.util.Optional<Path> initialFolder() {
        return root != null && Files.isDirectory(root) ? java.util.Optional.of(root) : java.util.Optional.empty();
    }

    /** Opens the recorded report's lineage ({@code drift:ID}), when it was recorded. */
    public void openLineage() {
        Long id = reportId.get();
        if (id != null) {
            lineageOpener.accept("drift:" + id);
        }
    }

    /** @param opener opens a lineage id in the Lineage pane */
    public void setLineageOpener(Consumer<String> opener) {
        this.lineageOpener = Objects.requireNonNull(opener, "opener");
    }

    /** @param callback called on the FX thread after a report was committed (the shell refreshes git state) */
    public void setOnCommitted(Runnable callback) {
        this.onCommitted = Objects.requireNonNull(callback, "callback");
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

    /** @return the reference data, as {@code mlwb drift} takes it */
    public StringProperty referenceProperty() {
        return reference;
    }

    /** @return the current data, as {@code mlwb drift} takes it */
    public StringProperty currentProperty() {
        return current;
    }

    /** @return what the pickers offer */
    public ObservableList<Choice> choices() {
        return choices;
    }

    /** @return whether Run can start: both sides named, nothing running */
    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** @return where the pane stands */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** @return true while the comparison runs */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return what runs, or why nothing is shown (failure, cancel); empty when a fresh result is shown */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return a passing notice: where an export went, what was committed, why that failed */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** @return the last comparison, or null */
    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** @return the columns, drifted first then by PSI (the table may sort them otherwise) */
    public ObservableList<DriftRow> rows() {
        return rows;
    }

    /** @return the column whose detail is shown */
    public ObjectProperty<DriftRow> selectedProperty() {
        return selected;
    }

    /** @return whether the dataset drifted */
    public ReadOnlyBooleanProperty datasetDriftProperty() {
        return datasetDrift.getReadOnlyProperty();
    }

    /** @return "Dataset drift" or "No dataset drift" */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** @return "share 0.30 (threshold 0.50)" */
    public ReadOnlyStringProperty shareProperty() {
        return share.getReadOnlyProperty();
    }

    /** @return "6 of 20 columns drifted" */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** @return both sides with rows, hash and commit */
    public ReadOnlyStringProperty sidesProperty() {
        return sides.getReadOnlyProperty();
    }

    /** @return the catalog's id of the recorded report, or null when it was not recorded */
    public ReadOnlyObjectProperty<Long> reportIdProperty() {
        return reportId.getReadOnlyProperty();
    }

    /** @return the schema differences, one line each (added, removed, retyped, ignored) */
    public ObservableList<String> schema() {
        return schema;
    }

    /** @return what the service noticed (reading, recording) */
    public ObservableList<String> warnings() {
        return warnings;
    }

    /** @return the datetime column drift over time is cut by; "" for the declared one (or none) */
    public StringProperty timeColumnProperty() {
        return timeColumn;
    }

    /** @return the window: {@code week}, {@code month} or {@code Nd} */
    public StringProperty windowProperty() {
        return window;
    }

    /** @return the current data's datetime columns in the shown comparison (the time column picker's choices) */
    public ObservableList<String> timeColumns() {
        return timeColumns;
    }

    /** @return PSI per column per window with control charts, or null */
    public ReadOnlyObjectProperty<DriftOverTime.Result> overTimeProperty() {
        return overTime.getReadOnlyProperty();
    }

    /** @return why there is no drift over time; empty when it is shown */
    public ReadOnlyStringProperty overTimeMessageProperty() {
        return overTimeMessage.getReadOnlyProperty();
    }

    /** @return the column whose control chart is shown */
    public StringProperty heatColumnProperty() {
        return heatColumn;
    }

    /** @return the registered model to score both sides with ({@code NAME@VERSION} or {@code NAME@ALIAS}); "" for none */
    public StringProperty modelProperty() {
        return model;
    }

    /** @return the model picker's choices */
    public ObservableList<String> models() {
        return models;
    }

    /** @return the shown comparison's model section, or null without a model */
    public ReadOnlyObjectProperty<ModelSection> modelSectionProperty() {
        return modelSection.getReadOnlyProperty();
    }

    /** @return why the model section is empty or partial (no model, no labels on a side); empty otherwise */
    public ReadOnlyStringProperty modelMessageProperty() {
        return modelMessage.getReadOnlyProperty();
    }

    /** @return true while an export or a commit is written */
    public ReadOnlyBooleanProperty writingProperty() {
        return writing.getReadOnlyProperty();
    }
}
