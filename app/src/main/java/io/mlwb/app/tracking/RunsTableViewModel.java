package io.mlwb.app.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import io.mlwb.tracking.RunQuery;
import io.mlwb.tracking.RunTable;
import io.mlwb.tracking.TrackingService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs table's state over a {@link RunTable} snapshot: the filter (the tracking query language; a parse error
 * with its position), whether soft-deleted runs show, the sort column, the grouping (by a param or tag), the columns
 * offered (every param, tag and metric key with how many runs have it) and chosen, and the shape of the tree the
 * view shows, as plain ints ({@link #topItems()}, {@link #children(int)}): an item is a run's row in the snapshot
 * (no per-run object), or a group header {@code -(group index + 1)}; sweep runs nest under their parent. The chosen columns, grouping
 * and sort are remembered per project in {@code .mlwb/ui/runs-table.json}. Reads and writes run as jobs through
 * {@link TrackingService}. Use on the FX thread.
 */
public final class RunsTableViewModel {
    /** Where the state is kept, relative to the project's {@code .mlwb} folder. */
    public static final String STATE_FILE = "ui/runs-table.json";
    /** The item value of the view's invisible root (neither a run nor a group). */
    public static final int ROOT = Integer.MIN_VALUE;
    private static final Logger LOG = LoggerFactory.getLogger(RunsTableViewModel.class);
    private static final Pattern POSITION = Pattern.compile("filter error at (\\d+)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final TrackingService service;
    private final UiJobs jobs;
    private final Path stateFile;
    private final String actor = System.getProperty("user.name", "unknown");
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty showDeleted = new SimpleBooleanProperty(this, "showDeleted", false);
    private final ReadOnlyObjectWrapper<RunTable> table = new ReadOnlyObjectWrapper<>(this, "table");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision", 0);
    private int[] topItems = new int[0];
    private int[][] groupTop = new int[0][];
    private int[] firstChild = new int[0];
    private int[] nextSibling = new int[0];
    private final ObservableList<RunTable.Key> available = FXCollections.observableArrayList();
    private final ObservableList<String> chosen = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper groupBy = new ReadOnlyStringWrapper(this, "groupBy", "");
    private final ReadOnlyStringWrapper sortColumn = new ReadOnlyStringWrapper(this, "sortColumn", "");
    private final ReadOnlyBooleanWrapper sortAscending = new ReadOnlyBooleanWrapper(this, "sortAscending", true);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper(this, "filterError", "");
    private final ReadOnlyIntegerWrapper filterErrorPosition = new ReadOnlyIntegerWrapper(this, "filterErrorPosition",
            -1);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper(this, "shown", 0);
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(this, "exporting", false);
    private Path lastExportDir;
    private final Set<Long> expanded = new HashSet<>();
    private final List<String> groupValues = new ArrayList<>();
    private final List<Integer> groupSizes = new ArrayList<>();
    private int[] matching = new int[0];
    private boolean stateRead;
    private boolean again;

    /**
     * @param service the project's tracking service, or null (nothing to show; the message says why)
     * @param jobs    where reads and writes run
     * @param why     why there is no service, or null
     */
    public RunsTableViewModel(TrackingService service, UiJobs jobs, String why) {
        this(service, jobs, why, service == null ? null : stateFileOf(service.catalogFile()));
    }

    /**
     * @param service   the project's tracking service, or null
     * @param jobs      where reads and writes run
     * @param why       why there is no service, or null
     * @param stateFile where the chosen columns, grouping and sort are remembered, or null for nowhere
     */
    public RunsTableViewModel(TrackingService service, UiJobs jobs, String why, Path stateFile) {
        this.service = service;
        this.jobs = jobs;
        this.stateFile = stateFile;
        if (why != null) {
            message.set(why);
        }
    }

    /**
     * @param catalogFile the project's catalog, {@code .mlwb/catalog.db}
     * @return {@code .mlwb/ui/runs-table.json} beside it
     */
    public static Path stateFileOf(Path catalogFile) {
        Path parent = catalogFile.toAbsolutePath().getParent();
        return parent.resolve(STATE_FILE);
    }

    /** @return the filter as typed */
    public StringProperty filterProperty() {
        return filter;
    }

    /** @return whether soft-deleted runs are listed */
    public BooleanProperty showDeletedProperty() {
        return showDeleted;
    }

    /** @return the snapshot the rows refer to (null before the first read) */
    public ReadOnlyObjectProperty<RunTable> tableProperty() {
        return table.getReadOnlyProperty();
    }

    /** @return a number that changes whenever the tree's shape ({@link #topItems()}, {@link #children}) changes */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** @return the items at the top: group headers when grouped, else the runs whose sweep is not shown */
    public int[] topItems() {
        return topItems.clone();
    }

    /**
     * @param item a group header or a run's row
     * @return a group's top runs, or a run's child runs that match, in display order
     */
    public int[] children(int item) {
        if (isGroup(item)) {
            return groupTop[-item - 1].clone();
        }
        int n = 0;
        for (int c = firstChild[item]; c >= 0; c = nextSibling[c]) {
            n++;
        }
        int[] out = new int[n];
        n = 0;
        for (int c = firstChild[item]; c >= 0; c = nextSibling[c]) {
            out[n++] = c;
        }
        return out;
    }

    /**
     * @param row a run's row
     * @return whether its children are shown (remembered across reads by run id; collapsed at first)
     */
    public boolean isExpanded(int row) {
        RunTable t = table.get();
        return t != null && expanded.contains(t.id(row));
    }

    /**
     * @param row      a run's row
     * @param expand   show its children or not
     */
    public void setExpanded(int row, boolean expand) {
        RunTable t = table.get();
        if (t != null) {
            if (expand) {
                expanded.add(t.id(row));
            } else {
                expanded.remove(t.id(row));
            }
        }
    }

    /** @return every param, tag and metric key that can be a column, with how many runs have it */
    public ObservableList<RunTable.Key> available() {
        return available;
    }

    /** @return the columns added, in order */
    public ObservableList<String> chosen() {
        return chosen;
    }

    /** @return the column runs are grouped by, or "" */
    public ReadOnlyStringProperty groupByProperty() {
        return groupBy.getReadOnlyProperty();
    }

    /** @return the column runs are sorted by, or "" for newest first */
    public ReadOnlyStringProperty sortColumnProperty() {
        return sortColumn.getReadOnlyProperty();
    }

    /** @return the sort direction */
    public ReadOnlyBooleanProperty sortAscendingProperty() {
        return sortAscending.getReadOnlyProperty();
    }

    /** @return a line about the list or what went wrong */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return the filter's parse error (with a line pointing at it), or "" */
    public ReadOnlyStringProperty filterErrorProperty() {
        return filterError.getReadOnlyProperty();
    }

    /** @return where in the filter the error is (0-based), or -1 */
    public ReadOnlyIntegerProperty filterErrorPositionProperty() {
        return filterErrorPosition.getReadOnlyProperty();
    }

    /** @return whether a read or write is under way */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** @return how many runs match */
    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** @return the matching rows, in display order before nesting and grouping */
    public int[] matchingRows() {
        return matching.clone();
    }

    private record Loaded(RunTable table, List<RunTable.Key> keys, int[] rows, State state) {
    }

    /** The remembered part of the state. */
    private record State(List<String> columns, String groupBy, String sort, boolean ascending) {
    }

    /** Reads a fresh snapshot of the runs and applies the filter, grouping and sort. */
    public void refresh() {
        if (service == null) {
            return;
        }
        if (busy.get()) {
            again = true; // a change arrived while reading: read once more at the end
            return;
        }
        RunQuery q = parseFilter();
        if (q == null) {
            return;
        }
        boolean deleted = showDeleted.get();
        boolean readState = !stateRead;
        List<String> wanted = new ArrayList<>(chosen);
        String group = groupBy.get();
        String sort = sortColumn.get();
        busy.set(true);
        jobs.run(Messages.get("tracking.job.list"), p -> {
            State st = readState ? readState() : null;
            Set<String> cols = new LinkedHashSet<>(st != null ? st.columns() : wanted);
            String g = st != null ? st.groupBy() : group;
            String s = st != null ? st.sort() : sort;
            if (!g.isEmpty()) {
                cols.add(g);
            }
            if (!s.isEmpty()) {
                cols.add(s);
            }
            RunTable t = service.table();
            cols.add(RunTable.TAGS); // shown always, read with the runs
            cols.removeIf(c -> !RunTable.isColumnName(c));
            t.load(cols.stream().filter(c -> !RunTable.FIXED.contains(c)).toList());
            int[] rows = t.filter(q, t.rows(deleted));
            return new Loaded(t, t.allKeys(), rows, st);
        }, loaded -> {
            busy.set(false);
            stateRead = true;
            if (loaded.state() != null) {
                State st = loaded.state();
                chosen.setAll(st.columns().stream().filter(RunTable::isColumnName).toList());
                groupBy.set(st.groupBy());
                sortColumn.set(st.sort());
                sortAscending.set(st.ascending());
            }
            table.set(loaded.table());
            available.setAll(loaded.keys());
            matching = loaded.rows();
            rebuild();
            if (again) {
                again = false;
                refresh();
            }
        }, e -> {
            busy.set(false);
            stateRead = true;
            message.set(UserError.find(e).map(UserError::getMessage).orElse(String.valueOf(e.getMessage())));
        });
    }

    /** @return the parsed filter, or null after showing its error */
    private RunQuery parseFilter() {
        try {
            RunQuery q = RunQuery.parse(filter.get());
            filterError.set("");
            filterErrorPosition.set(-1);
            return q;
        } catch (UserError e) {
            filterError.set(e.getMessage());
            Matcher m = POSITION.matcher(e.getMessage());
            filterErrorPosition.set(m.find() ? Integer.parseInt(m.group(1)) - 1 : 0);
            message.set(e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    /**
     * Adds or removes a column; an added column is read first (a job), then shown. Remembered.
     *
     * @param column a column name ({@code params.lr}, {@code metrics.val_auc}, {@code tags.stage}, {@code user}...)
     * @param on     add or remove it
     */
    public void choose(String column, boolean on) {
        if (!on) {
            if (chosen.remove(column)) {
                saveState();
            }
            return;
        }
        if (chosen.contains(column) || !RunTable.isColumnName(column)) {
            return;
        }
        withColumn(column, () -> {
            if (!chosen.contains(column)) {
                chosen.add(column);
                saveState();
            }
        });
    }

    /**
     * Groups the runs by a column's value (usually a param or tag), or ungroups. Remembered.
     *
     * @param column the column, or "" / null for no grouping
     */
    public void groupBy(String column) {
        String c = column == null ? "" : column;
        if (!c.isEmpty() && !RunTable.isColumnName(c)) {
            return;
        }
        withColumn(c, () -> {
            groupBy.set(c);
            saveState();
            rebuild();
        });
    }

    /**
     * Sorts by a column (numbers numerically, runs without a value last), or back to newest first. Remembered.
     *
     * @param column    the column, or "" / null for newest first
     * @param ascending the direction
     */
    public void sortBy(String column, boolean ascending) {
        String c = column == null ? "" : column;
        if (!c.isEmpty() && !RunTable.isColumnName(c)) {
            return;
        }
        withColumn(c, () -> {
            sortColumn.set(c);
            sortAscending.set(ascending);
            saveState();
            rebuild();
        });
    }

    /** Runs {@code then} on the FX thread once the column is loaded (at once when it is, or needs no loading). */
    private void withColumn(String column, Runnable then) {
        RunTable t = table.get();
        if (column.isEmpty() || t == null || t.loaded(column) != null) {
            then.run();
            return;
        }
        jobs.run(Messages.format("tracking.job.column", column), p -> t.column(column), c -> then.run(),
                e -> message.set(String.valueOf(e.getMessage())));
    }

    /** Builds the tree from the matching rows: sorted, grouped, sweep children under their parent. */
    private void rebuild() {
        RunTable t = table.get();
        groupValues.clear();
        groupSizes.clear();
        if (t == null) {
            topItems = new int[0];
            shown.set(0);
            revision.set(revision.get() + 1);
            return;
        }
        int[] rows = sortColumn.get().isEmpty() ? matching : t.sort(sortColumn.get(), sortAscending.get(), matching);
        firstChild = new int[t.size()];
        nextSibling = new int[t.size()];
        java.util.Arrays.fill(firstChild, -1);
        java.util.Arrays.fill(nextSibling, -1);
        if (groupBy.get().isEmpty()) {
            topItems = nest(t, rows);
            groupTop = new int[0][];
        } else {
            List<RunTable.Group> groups = t.group(groupBy.get(), rows);
            topItems = new int[groups.size()];
            groupTop = new int[groups.size()][];
            for (int g = 0; g < groups.size(); g++) {
                topItems[g] = -(g + 1);
                groupValues.add(groups.get(g).value());
                groupSizes.add(groups.get(g).rows().length);
                groupTop[g] = nest(t, groups.get(g).rows()); // groups are disjoint: one pair of link arrays serves all
            }
        }
        shown.set(matching.length);
        message.set(filter.get().isBlank() ? Messages.format("tracking.count", matching.length)
                : Messages.format("tracking.count.of", matching.length, t.size()));
        revision.set(revision.get() + 1);
    }

    /** Links each run whose parent is among the rows under it (in the order given); returns the rest. */
    private int[] nest(RunTable t, int[] rows) {
        BitSet in = new BitSet(t.size());
        for (int r : rows) {
            in.set(r);
        }
        int[] lastChild = new int[t.size()];
        int[] top = new int[rows.length];
        int k = 0;
        for (int r : rows) {
            int p = t.parent(r);
            if (p >= 0 && in.get(p) && p != r) {
                if (firstChild[p] < 0) {
                    firstChild[p] = r;
                } else {
                    nextSibling[lastChild[p]] = r;
                }
                lastChild[p] = r;
            } else {
                top[k++] = r;
            }
        }
        return java.util.Arrays.copyOf(top, k);
    }

    /**
     * @param value an item's value
     * @return whether the item is a group header
     */
    public static boolean isGroup(int value) {
        return value < 0 && value != ROOT;
    }

    /**
     * @param value a group item's value
     * @return the group's label: its value (or "none") and how many runs
     */
    public String groupLabel(int value) {
        int g = -value - 1;
        String v = groupValues.get(g);
        return Messages.format("tracking.group.label", groupBy.get(), v == null ? Messages.get("tracking.group.none")
                : v, groupSizes.get(g));
    }

    /**
     * The text of a cell: times as dates, durations as "2 min 5 s", metrics with 6 significant digits, the sweep
     * as {@code #id}, a dirty commit with a {@code *}. Empty when the run has no value or the column is not loaded.
     *
     * @param column a column name
     * @param row    a row of the snapshot
     * @return the text
     */
    public String cell(String column, int row) {
        RunTable t = table.get();
        RunTable.Column c = t == null ? null : t.loaded(column);
        if (c == null || !c.has(row)) {
            return "";
        }
        return switch (column) {
            case "id" -> Long.toString(t.id(row));
            case "start_ms", "end_ms" -> TIME.format(Instant.ofEpochMilli((long) c.number(row)));
            case "duration_ms" -> duration(Duration.ofMillis((long) c.number(row)));
            case "parent_id" -> "#" + (long) c.number(row);
            case "commit" -> c.text(row) + ("true".equals(t.column("dirty").text(row)) ? " *" : "");
            case "deleted" -> "true".equals(c.text(row)) ? "✕" : "";
            default -> c.isNumeric() ? number(c.number(row)) : c.text(row);
        };
    }

    private static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.6g", d);
    }

    static String duration(Duration d) {
        long s = d.getSeconds();
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60)
                + " min";
    }

    /**
     * @param items tree item values (rows and group headers)
     * @return the run ids of the rows among them
     */
    public List<Long> ids(List<Integer> items) {
        RunTable t = table.get();
        if (t == null) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (Integer v : items) {
            if (v != null && v >= 0) {
                out.add(t.id(v));
            }
        }
        return out;
    }

    /**
     * Soft-deletes or restores runs, then reads the list again.
     *
     * @param ids     the runs
     * @param deleted delete or restore
     */
    public void setDeleted(List<Long> ids, boolean deleted) {
        if (service == null || ids.isEmpty()) {
            return;
        }
        List<Long> copy = new ArrayList<>(ids);
        jobs.run(Messages.get(deleted ? "tracking.job.delete" : "tracking.job.restore"),
                p -> service.setDeleted(copy, deleted, actor), n -> refresh(), e -> message.set(String.valueOf(
                        e.getMessage())));
    }

    /**
     * Tags runs, then reads the list again.
     *
     * @param ids   the runs
     * @param key   the tag
     * @param value its value, or null
     */
    public void tag(List<Long> ids, String key, String value) {
        if (service == null || ids.isEmpty()) {
            return;
        }
        List<Long> copy = new ArrayList<>(ids);
        jobs.run(Messages.get("tracking.job.tag"), p -> {
            service.tag(copy, key, value, actor);
            return copy.size();
        }, n -> refresh(), e -> message.set(UserError.find(e).map(UserError::getMessage)
                .orElse(String.valueOf(e.getMessage()))));
    }

    /** @return the folder the export's folder chooser opens in: the last one exported into, else the project's */
    public Path exportFolder() {
        if (lastExportDir != null && Files.isDirectory(lastExportDir)) {
            return lastExportDir;
        }
        Path catalogDir = service == null ? null : service.catalogFile().toAbsolutePath().getParent();
        Path project = catalogDir == null ? null : catalogDir.getParent();
        return project != null && Files.isDirectory(project) ? project : null;
    }

    /** @return whether an export is under way (the Jobs window shows its progress and can cancel it) */
    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    /**
     * Exports runs with their metric series into a folder, in the background with progress (a fraction per run) and
     * cancel, through the same engine path as {@code mlwb runs export --ids} (CSV: runs.csv and series.csv; JSON:
     * runs.json). The files appear only once every run is read: a cancelled export leaves the folder as it was.
     *
     * @param ids  the selected runs, in order; empty for every run the table shows (the filter applied)
     * @param json JSON instead of CSV
     * @param dir  the folder written into
     */
    public void export(List<Long> ids, boolean json, Path dir) {
        if (service == null || exporting.get()) {
            return;
        }
        List<Long> chosen = new ArrayList<>(ids);
        if (chosen.isEmpty()) {
            RunTable t = table.get();
            if (t != null) {
                for (int row : matching) {
                    chosen.add(t.id(row));
                }
            }
        }
        if (chosen.isEmpty()) {
            message.set(Messages.get("tracking.export.none"));
            return;
        }
        List<Long> runs = List.copyOf(chosen);
        lastExportDir = dir;
        exporting.set(true);
        message.set(Messages.format("tracking.job.export", runs.size()));
        jobs.run(Messages.format("tracking.job.export", runs.size()), p -> service.export(runs, json, dir, p),
                files -> {
                    exporting.set(false);
                    message.set(Messages.format("tracking.export.done", runs.size(), dir, files.size()));
                }, e -> {
                    exporting.set(false);
                    message.set(e instanceof io.mlwb.core.job.Cancelled ? Messages.get("tracking.export.cancelled")
                            : UserError.find(e).map(UserError::getMessage).orElse(String.valueOf(e.getMessage())));
                });
    }

    private io.mlwb.core.project.NamingRules naming = io.mlwb.core.project.NamingRules.none();

    /** @param rules the project's naming rules, which a new run name must match ({@code naming.run}) */
    public void setNaming(io.mlwb.core.project.NamingRules rules) {
        this.naming = rules == null ? io.mlwb.core.project.NamingRules.none() : rules;
    }

    /**
     * Renames a run, then reads the list again.
     *
     * @param id   the run
     * @param name its new name
     */
    public void rename(long id, String name) {
        if (service == null) {
            return;
        }
        jobs.run(Messages.get("tracking.job.rename"), p -> {
            service.rename(id, name, actor, naming);
            return id;
        }, n -> refresh(), e -> message.set(UserError.find(e).map(UserError::getMessage)
                .orElse(String.valueOf(e.getMessage()))));
    }

    // ------------------------------------------------------------------------------------------------ state

    private State readState() {
        if (stateFile == null || !Files.isRegularFile(stateFile)) {
            return new State(List.of(), "", "", true);
        }
        try {
            JsonNode n = new ObjectMapper().readTree(stateFile.toFile());
            List<String> cols = new ArrayList<>();
            n.path("columns").forEach(c -> cols.add(c.asText()));
            return new State(cols, n.path("group_by").asText(""), n.path("sort").path("column").asText(""),
                    n.path("sort").path("ascending").asBoolean(true));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the runs table state in {}: {}", stateFile, e.getMessage());
            return new State(List.of(), "", "", true);
        }
    }

    private void saveState() {
        if (stateFile == null) {
            return;
        }
        ObjectMapper om = new ObjectMapper();
        ObjectNode n = om.createObjectNode();
        chosen.forEach(n.putArray("columns")::add);
        n.put("group_by", groupBy.get());
        ObjectNode sort = n.putObject("sort");
        sort.put("column", sortColumn.get());
        sort.put("ascending", sortAscending.get());
        Path file = stateFile;
        jobs.run(Messages.get("tracking.job.saveState"), p -> {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            om.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), n);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        }, f -> { }, e -> LOG.warn("Could not remember the runs table columns in {}: {}", file, e.getMessage()));
    }
}
