package io.mlwb.tracking;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.UserError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A columnar, read-only snapshot of every run of a catalog, for the runs table and {@code mlwb runs list}: the
 * fixed columns of all runs in plain arrays (one query), the keys of params, tags and metrics with how many runs
 * have each (read on first use), and per-key columns loaded lazily, one indexed query per key, then cached.
 * Rows are the runs newest first (descending id). Nothing here holds a per-run object.
 *
 * <p>Column names: the fixed {@link #FIXED} ({@code id}, {@code name}, {@code experiment}, {@code status},
 * {@code start_ms}, {@code end_ms}, {@code duration_ms}, {@code user}, {@code commit}, {@code dirty},
 * {@code dataset}, {@code parent_id}, {@code deleted}), {@link #TAGS} (every tag of a run in one text) and
 * {@code params.KEY}, {@code tags.KEY},
 * {@code metrics.KEY} (the latest value; where a metric is logged under several kinds, the {@code train} one, then
 * {@code system}, then {@code eval}, as {@link TrackedRun#latest()} has it). A key may contain any character,
 * {@code /} and {@code .} included: everything after the first dot is the key.
 *
 * <p>Loading a column and listing keys read the catalog and may be called from any thread; the rest only reads
 * arrays. {@link #loaded(String)} answers without reading, for a UI thread.
 */
public final class RunTable {
    /** The fixed columns, in display order. */
    public static final List<String> FIXED = List.of("id", "name", "experiment", "status", "start_ms", "end_ms",
            "duration_ms", "user", "commit", "dirty", "dataset", "parent_id", "deleted");
    /** Tag holding who started an MLflow run; it names the user where present. */
    static final String TAG_MLFLOW_USER = "mlflow.user";
    /** A lazily loaded column with every tag of a run but mlwb's own, as {@code key=value, ...} by key. */
    public static final String TAGS = "tags";
    private static final long NONE = Long.MIN_VALUE;

    private final Catalog catalog;
    private final int n;
    private final long[] ids;
    private final IdIndex index;
    private final int[] parentRow;
    private final int[][] childRows;
    private final Map<String, Column> columns = new ConcurrentHashMap<>();
    private volatile Keys keys;
    private BitSet deletedRows = new BitSet();

    private RunTable(Catalog catalog, long[] ids, int[] parentRow) {
        this.catalog = catalog;
        this.n = ids.length;
        this.ids = ids;
        this.index = new IdIndex(ids);
        this.parentRow = parentRow;
        int[] count = new int[n];
        for (int p : parentRow) {
            if (p >= 0) {
                count[p]++;
            }
        }
        childRows = new int[n][];
        for (int i = 0; i < n; i++) {
            childRows[i] = new int[count[i]];
        }
        Arrays.fill(count, 0);
        for (int i = n - 1; i >= 0; i--) { // oldest child first, as RunRepository.children lists them
            int p = parentRow[i];
            if (p >= 0) {
                childRows[p][count[p]++] = i;
            }
        }
    }

    /**
     * Reads the fixed columns of every run (soft-deleted ones included) in one read transaction.
     *
     * @param catalog the catalog
     * @return the snapshot
     */
    public static RunTable load(Catalog catalog) {
        return catalog.read("read the runs table", c -> {
            int count;
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM run"); ResultSet rs = st.executeQuery()) {
                rs.next();
                count = rs.getInt(1);
            }
            long[] ids = new long[count];
            String[] names = new String[count];
            String[] experiments = new String[count];
            String[] statuses = new String[count];
            double[] start = new double[count];
            double[] end = new double[count];
            double[] duration = new double[count];
            String[] commits = new String[count];
            String[] dirty = new String[count];
            double[] parent = new double[count];
            String[] deleted = new String[count];
            BitSet hasStart = new BitSet(count);
            BitSet hasEnd = new BitSet(count);
            BitSet hasDuration = new BitSet(count);
            BitSet hasParent = new BitSet(count);
            long[] parentIds = new long[count];
            int i = 0;
            try (PreparedStatement st = c.prepareStatement("SELECT r.id, r.name, e.name, r.status, r.started_at, "
                    + "r.ended_at, r.commit_sha, r.dirty, r.parent_run_id, r.deleted_at IS NOT NULL FROM run r "
                    + "LEFT JOIN experiment e ON e.id = r.experiment_id ORDER BY r.id DESC");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next() && i < count) {
                    ids[i] = rs.getLong(1);
                    names[i] = rs.getString(2);
                    experiments[i] = rs.getString(3);
                    statuses[i] = rs.getString(4);
                    long s = rs.getLong(5);
                    boolean sNull = rs.wasNull();
                    long e = rs.getLong(6);
                    boolean eNull = rs.wasNull();
                    if (!sNull) {
                        start[i] = s;
                        hasStart.set(i);
                    }
                    if (!eNull) {
                        end[i] = e;
                        hasEnd.set(i);
                    }
                    if (!sNull && !eNull) {
                        duration[i] = e - s;
                        hasDuration.set(i);
                    }
                    String sha = rs.getString(7);
                    commits[i] = sha == null ? null : sha.substring(0, Math.min(7, sha.length()));
                    int d = rs.getInt(8);
                    dirty[i] = rs.wasNull() ? null : d != 0 ? "true" : "false";
                    long p = rs.getLong(9);
                    parentIds[i] = rs.wasNull() ? NONE : p;
                    if (parentIds[i] != NONE) {
                        parent[i] = p;
                        hasParent.set(i);
                    }
                    deleted[i] = rs.getInt(10) != 0 ? "true" : "false";
                    i++;
                }
            }
            if (i < count) { // runs deleted between the two statements cannot happen in one read transaction
                throw new IllegalStateException("the run count changed while reading");
            }
            IdIndex idx = new IdIndex(ids);
            int[] parentRow = new int[count];
            for (int r = 0; r < count; r++) {
                parentRow[r] = parentIds[r] == NONE ? -1 : idx.row(parentIds[r]);
            }
            RunTable t = new RunTable(catalog, ids, parentRow);
            // status: "interrupted" when the run's process died before it ended (see TrackingService)
            String[] ends = t.readTexts(c, "SELECT run_id, value FROM run_tag WHERE key = ?", TrackingService.TAG_END);
            for (int r = 0; r < count; r++) {
                if ("interrupted".equals(ends[r])) {
                    statuses[r] = "interrupted";
                }
            }
            String[] users = t.readUsers(c);
            String[] datasets = t.readDatasets(c);
            double[] idValues = new double[count];
            for (int r = 0; r < count; r++) {
                idValues[r] = ids[r];
            }
            BitSet all = new BitSet(count);
            all.set(0, count);
            BitSet del = new BitSet(count);
            for (int r = 0; r < count; r++) {
                if (deleted[r].equals("true")) {
                    del.set(r);
                }
            }
            t.deletedRows = del;
            t.columns.put("id", Column.numbers("id", idValues, all));
            t.columns.put("name", Column.texts("name", names));
            t.columns.put("experiment", Column.texts("experiment", experiments));
            t.columns.put("status", Column.texts("status", statuses));
            t.columns.put("start_ms", Column.numbers("start_ms", start, hasStart));
            t.columns.put("end_ms", Column.numbers("end_ms", end, hasEnd));
            t.columns.put("duration_ms", Column.numbers("duration_ms", duration, hasDuration));
            t.columns.put("user", Column.texts("user", users));
            t.columns.put("commit", Column.texts("commit", commits));
            t.columns.put("dirty", Column.texts("dirty", dirty));
            t.columns.put("dataset", Column.texts("dataset", datasets));
            t.columns.put("parent_id", Column.numbers("parent_id", parent, hasParent));
            t.columns.put("deleted", Column.texts("deleted", deleted));
            return t;
        });
    }

    /** @return how many runs (rows) */
    public int size() {
        return n;
    }

    /**
     * @param row a row
     * @return its run id
     */
    public long id(int row) {
        return ids[row];
    }

    /**
     * @param id a run id
     * @return its row, or -1 when the snapshot has no such run
     */
    public int row(long id) {
        return index.row(id);
    }

    /**
     * @param row a row
     * @return whether the run is soft-deleted
     */
    public boolean deleted(int row) {
        return deletedRows.get(row);
    }

    /**
     * @param row a row
     * @return its parent (sweep) run's row, or -1 when it has none or the parent is not in the snapshot
     */
    public int parent(int row) {
        return parentRow[row];
    }

    /**
     * @param row a row
     * @return its child runs' rows, oldest first (the array is a copy)
     */
    public int[] children(int row) {
        return childRows[row].clone();
    }

    /** @return every row, newest run first */
    public int[] allRows() {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /**
     * @param withDeleted include soft-deleted runs
     * @return the rows shown by default, newest run first
     */
    public int[] rows(boolean withDeleted) {
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (withDeleted || !deleted(i)) {
                out[k++] = i;
            }
        }
        return Arrays.copyOf(out, k);
    }

    // ------------------------------------------------------------------------------------------------ columns

    /**
     * A column: a value per row, either numbers (with a mark for rows that have none) or texts (null where a row has
     * none). Text columns also answer numerically, for sorting texts that are numbers as numbers.
     */
    public static final class Column {
        private final String name;
        private final double[] numbers;
        private final String[] texts;
        private final BitSet present;
        private volatile BitSet numeric; // text columns: rows whose text is a number (then in parsed)
        private volatile double[] parsed;

        private Column(String name, double[] numbers, String[] texts, BitSet present) {
            this.name = name;
            this.numbers = numbers;
            this.texts = texts;
            this.present = present;
        }

        static Column numbers(String name, double[] values, BitSet present) {
            return new Column(name, values, null, present);
        }

        static Column texts(String name, String[] values) {
            BitSet present = new BitSet(values.length);
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    present.set(i);
                }
            }
            return new Column(name, null, values, present);
        }

        /** @return the column's name ({@code params.lr}, {@code status}, ...) */
        public String name() {
            return name;
        }

        /** @return whether its values are numbers (metrics, times, ids) rather than texts */
        public boolean isNumeric() {
            return numbers != null;
        }

        /**
         * @param row a row
         * @return whether the run has a value (a NaN metric is a value)
         */
        public boolean has(int row) {
            return present.get(row);
        }

        /** @return how many rows have a value */
        public int count() {
            return present.cardinality();
        }

        /**
         * @param row a row
         * @return the number (NaN when the run has none, or for a text that is not a number)
         */
        public double number(int row) {
            if (!present.get(row)) {
                return Double.NaN;
            }
            if (numbers != null) {
                return numbers[row];
            }
            parse();
            return numeric.get(row) ? parsed[row] : Double.NaN;
        }

        /**
         * @param row a row
         * @return the text, or null when the run has none (numbers as Java writes a double)
         */
        public String text(int row) {
            if (!present.get(row)) {
                return null;
            }
            return texts != null ? texts[row] : Double.toString(numbers[row]);
        }

        /**
         * @param row a row
         * @return the value as {@link RunQuery} reads it: a {@code Double} for a number column, the text otherwise,
         *     null when the run has none
         */
        public Object value(int row) {
            if (!present.get(row)) {
                return null;
            }
            return numbers != null ? (Object) numbers[row] : texts[row];
        }

        /**
         * @param row a row
         * @return whether the value is a number (always for a number column with a value)
         */
        public boolean isNumber(int row) {
            if (!present.get(row)) {
                return false;
            }
            if (numbers != null) {
                return true;
            }
            parse();
            return numeric.get(row);
        }

        private void parse() {
            if (numeric != null) {
                return;
            }
            synchronized (this) {
                if (numeric != null) {
                    return;
                }
                double[] p = new double[texts.length];
                BitSet ok = new BitSet(texts.length);
                for (int i = present.nextSetBit(0); i >= 0; i = present.nextSetBit(i + 1)) {
                    String s = texts[i].strip();
                    if (looksNumeric(s)) {
                        try {
                            p[i] = Double.parseDouble(s);
                            ok.set(i);
                        } catch (NumberFormatException e) {
                            // a text after all
                        }
                    }
                }
                parsed = p;
                numeric = ok;
            }
        }

        private static boolean looksNumeric(String s) {
            if (s.isEmpty()) {
                return false;
            }
            char c = s.charAt(0);
            return c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.' || c == 'N' || c == 'I';
        }
    }

    /**
     * @param name a column name
     * @return whether it names a fixed column or a {@code params.}, {@code tags.} or {@code metrics.} key
     */
    public static boolean isColumnName(String name) {
        return FIXED.contains(name) || TAGS.equals(name) || scope(name) != null;
    }

    private static String scope(String name) {
        for (String s : List.of("params.", "tags.", "metrics.")) {
            if (name.startsWith(s) && name.length() > s.length()) {
                return s;
            }
        }
        return null;
    }

    /**
     * The column, loaded with one indexed query the first time it is asked for, then cached. A key no run has gives
     * an empty column.
     *
     * @param name a fixed column or {@code params.KEY}, {@code tags.KEY}, {@code metrics.KEY}
     * @return the column
     * @throws IllegalArgumentException for a name that is neither
     */
    public Column column(String name) {
        Column c = columns.get(name);
        if (c != null) {
            return c;
        }
        return load(List.of(name)).get(0);
    }

    /**
     * Loads the columns not yet loaded, in one read transaction.
     *
     * @param names column names
     * @return the columns, in the order given
     */
    public List<Column> load(Collection<String> names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!columns.containsKey(name)) {
                if (scope(name) == null && !TAGS.equals(name)) {
                    throw new IllegalArgumentException("not a column of the runs table: " + name);
                }
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Column> read = catalog.read("read runs table columns", c -> {
                Map<String, Column> m = new HashMap<>();
                for (String name : missing) {
                    m.put(name, readColumn(c, name));
                }
                return m;
            });
            read.forEach(columns::putIfAbsent);
        }
        List<Column> out = new ArrayList<>(names.size());
        for (String name : names) {
            out.add(columns.get(name));
        }
        return out;
    }

    /**
     * @param name a column name
     * @return the column when it is loaded, else null (reads nothing)
     */
    public Column loaded(String name) {
        return columns.get(name);
    }

    private Column readColumn(Connection c, String name) throws SQLException {
        if (TAGS.equals(name)) {
            String[] all = new String[n];
            try (PreparedStatement st = c.prepareStatement("SELECT run_id, group_concat(CASE WHEN value IS NULL THEN key "
                    + "ELSE key || '=' || value END, ', ') FROM (SELECT run_id, key, value FROM run_tag "
                    + "WHERE key NOT LIKE 'mlwb.%' ORDER BY run_id, key) GROUP BY run_id");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int row = index.row(rs.getLong(1));
                    if (row >= 0) {
                        all[row] = rs.getString(2);
                    }
                }
            }
            return Column.texts(name, all);
        }
        String scope = scope(name);
        String key = name.substring(scope.length());
        return switch (scope) {
            case "params." -> Column.texts(name, readTexts(c, "SELECT run_id, value FROM run_param WHERE key = ?", key));
            case "tags." -> Column.texts(name, readTexts(c, "SELECT run_id, value FROM run_tag WHERE key = ?", key));
            default -> readMetric(c, name, key);
        };
    }

    private String[] readTexts(Connection c, String sql, String key) throws SQLException {
        String[] values = new String[n];
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int row = index.row(rs.getLong(1));
                    if (row >= 0) {
                        values[row] = rs.getString(2);
                    }
                }
            }
        }
        return values;
    }

    private Column readMetric(Connection c, String name, String key) throws SQLException {
        double[] values = new double[n];
        BitSet present = new BitSet(n);
        byte[] rank = new byte[n];
        // run id, kind rank and null flag packed into one number: a JDBC call per row fewer (the fetch is what costs)
        try (PreparedStatement st = c.prepareStatement("SELECT k.run_id * 8 + CASE k.kind WHEN 'train' THEN 6 "
                + "WHEN 'system' THEN 4 ELSE 2 END + (l.value IS NULL), l.value FROM metric_key k "
                + "JOIN metric_latest l ON l.key_id = k.id WHERE k.name = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long code = rs.getLong(1);
                    int row = index.row(code >> 3);
                    // the kind TrackedRun keeps when a name has several: the last by name then kind
                    byte r = (byte) ((code >> 1) & 3);
                    if (row < 0 || r <= rank[row]) {
                        continue;
                    }
                    values[row] = (code & 1) != 0 ? Double.NaN : rs.getDouble(2); // SQLite keeps NaN as NULL
                    rank[row] = r;
                    present.set(row);
                }
            }
        }
        return Column.numbers(name, values, present);
    }

    private String[] readUsers(Connection c) throws SQLException {
        // who recorded the run: MLflow's user for an imported run, else the actor of the run's first audit entry
        String[] users = new String[n];
        try (PreparedStatement st = c.prepareStatement("SELECT entity_id, actor, min(seq) FROM audit_log "
                + "WHERE entity = 'run' GROUP BY entity_id");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long id;
                try {
                    id = Long.parseLong(rs.getString(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                int row = index.row(id);
                if (row >= 0) {
                    String actor = rs.getString(2);
                    int lt = actor.indexOf(" <"); // "Name <email>" from git
                    users[row] = lt > 0 ? actor.substring(0, lt) : actor;
                }
            }
        }
        String[] mlflow = readTexts(c, "SELECT run_id, value FROM run_tag WHERE key = ?", TAG_MLFLOW_USER);
        for (int i = 0; i < n; i++) {
            if (mlflow[i] != null) {
                users[i] = mlflow[i];
            }
        }
        return users;
    }

    private String[] readDatasets(Connection c) throws SQLException {
        // the dataset version a run trained on ("name v3"); another role when it has no train input
        String[] out = new String[n];
        try (PreparedStatement st = c.prepareStatement("SELECT rd.run_id, d.name, v.version_no FROM run_dataset rd "
                + "JOIN dataset_version v ON v.id = rd.dataset_version_id JOIN dataset d ON d.id = v.dataset_id "
                + "ORDER BY rd.run_id, rd.role <> 'train', rd.role, v.id");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                int row = index.row(rs.getLong(1));
                if (row >= 0 && out[row] == null) {
                    out[row] = rs.getString(2) + " v" + rs.getInt(3);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ keys

    /**
     * A param, tag or metric key with how many runs have it.
     *
     * @param column the column name ({@code params.lr})
     * @param count  how many runs (soft-deleted included) have it
     */
    public record Key(String column, int count) {
    }

    private record Keys(List<Key> params, List<Key> tags, List<Key> metrics) {
    }

    /** @return every param key, sorted, with counts (read on first use) */
    public List<Key> paramKeys() {
        return keys().params();
    }

    /** @return every tag key, sorted, with counts */
    public List<Key> tagKeys() {
        return keys().tags();
    }

    /** @return every metric name, sorted, with how many runs logged it */
    public List<Key> metricKeys() {
        return keys().metrics();
    }

    /** @return params, then tags, then metrics */
    public List<Key> allKeys() {
        Keys k = keys();
        List<Key> all = new ArrayList<>(k.params());
        all.addAll(k.tags());
        all.addAll(k.metrics());
        return all;
    }

    private Keys keys() {
        Keys k = keys;
        if (k == null) {
            k = catalog.read("list run keys", c -> new Keys(
                    keyCounts(c, "params.", "SELECT key, count(*) FROM run_param GROUP BY key"),
                    keyCounts(c, "tags.", "SELECT key, count(*) FROM run_tag GROUP BY key"),
                    keyCounts(c, "metrics.", "SELECT name, count(DISTINCT run_id) FROM metric_key GROUP BY name")));
            keys = k;
        }
        return k;
    }

    private static List<Key> keyCounts(Connection c, String prefix, String sql) throws SQLException {
        TreeMap<String, Integer> sorted = new TreeMap<>();
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                sorted.put(rs.getString(1), rs.getInt(2));
            }
        }
        List<Key> out = new ArrayList<>(sorted.size());
        sorted.forEach((k, v) -> out.add(new Key(prefix + k, v)));
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------------ queries

    /**
     * The rows that match a query. Loads only the columns the query names.
     *
     * @param query the query
     * @param rows  the rows to consider, in the order wanted
     * @return the matching rows, in the same order
     */
    public int[] filter(RunQuery query, int[] rows) {
        Set<String> fields = query.fields();
        if (fields.isEmpty()) {
            return rows.clone();
        }
        List<Column> cols = load(fields);
        Map<String, Column> byName = new HashMap<>();
        int i = 0;
        for (String f : fields) {
            byName.put(f, cols.get(i++));
        }
        RowFields view = new RowFields(byName);
        int[] out = new int[rows.length];
        int k = 0;
        for (int row : rows) {
            view.row = row;
            if (query.matches(view)) {
                out[k++] = row;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /**
     * @param query       a {@link RunQuery} (blank for all)
     * @param withDeleted include soft-deleted runs
     * @return the matching rows, newest first
     * @throws UserError for a query that does not parse
     */
    public int[] filter(String query, boolean withDeleted) {
        return filter(RunQuery.parse(query), rows(withDeleted));
    }

    private static final class RowFields implements RunQuery.Fields {
        private final Map<String, Column> columns;
        int row;

        RowFields(Map<String, Column> columns) {
            this.columns = columns;
        }

        @Override
        public Object get(String field) {
            Column c = columns.get(field);
            return c == null ? null : c.value(row);
        }
    }

    /**
     * Sorts rows by a column: numbers numerically (a text column's numbers before its texts), texts by code point,
     * runs without a value last in either direction; stable, so equal values keep their order.
     *
     * @param column    a column name
     * @param ascending the direction
     * @param rows      the rows
     * @return the rows sorted (a new array)
     */
    public int[] sort(String column, boolean ascending, int[] rows) {
        Column c = column(column);
        int[] out = rows.clone();
        IntComparator cmp = (a, b) -> {
            boolean ha = c.has(a);
            boolean hb = c.has(b);
            if (!ha || !hb) {
                return ha == hb ? 0 : ha ? -1 : 1;
            }
            int r;
            boolean na = c.isNumber(a);
            boolean nb = c.isNumber(b);
            if (na && nb) {
                r = Double.compare(c.number(a), c.number(b));
            } else if (na != nb) {
                r = na ? -1 : 1;
            } else {
                r = c.text(a).compareTo(c.text(b));
            }
            return ascending ? r : -r;
        };
        mergeSort(out, new int[out.length], 0, out.length, cmp);
        return out;
    }

    /** Compares two rows. */
    @FunctionalInterface
    interface IntComparator {
        int compare(int a, int b);
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, IntComparator cmp) {
        if (to - from < 12) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, cmp);
        mergeSort(a, tmp, mid, to, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || i < mid && cmp.compare(tmp[i], tmp[j]) <= 0) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /**
     * A group of rows sharing a value.
     *
     * @param value the value, or null for the runs without one
     * @param rows  the rows, in the order given
     */
    public record Group(String value, int[] rows) {
    }

    /**
     * Groups rows by a column's value: groups ordered as {@link #sort} orders their values, the runs without a value
     * last.
     *
     * @param column a column name, usually {@code params.KEY} or {@code tags.KEY}
     * @param rows   the rows, in the order wanted inside each group
     * @return the groups
     */
    public List<Group> group(String column, int[] rows) {
        Column c = column(column);
        Map<String, int[]> acc = new LinkedHashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        Map<String, Integer> first = new LinkedHashMap<>();
        int[] none = new int[rows.length];
        int noneCount = 0;
        for (int row : rows) {
            String v = c.has(row) ? c.text(row) : null;
            if (v == null) {
                none[noneCount++] = row;
                continue;
            }
            int[] g = acc.get(v);
            int size = g == null ? 0 : sizes.get(v);
            if (g == null) {
                g = new int[4];
                first.put(v, row);
            } else if (size == g.length) {
                g = Arrays.copyOf(g, size * 2);
            }
            g[size] = row;
            acc.put(v, g);
            sizes.put(v, size + 1);
        }
        int[] firsts = first.values().stream().mapToInt(Integer::intValue).toArray();
        int[] order = sort(column, true, firsts);
        List<Group> out = new ArrayList<>();
        for (int row : order) {
            String v = c.text(row);
            out.add(new Group(v, Arrays.copyOf(acc.get(v), sizes.get(v))));
        }
        if (noneCount > 0) {
            out.add(new Group(null, Arrays.copyOf(none, noneCount)));
        }
        return out;
    }

    /** Run id to row: a direct array when the ids are dense enough, else a binary search over them. */
    private static final class IdIndex {
        private final long min;
        private final int[] direct;
        private final long[] sorted;
        private final int[] rowOfSorted;

        IdIndex(long[] ids) {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (long id : ids) {
                lo = Math.min(lo, id);
                hi = Math.max(hi, id);
            }
            if (ids.length > 0 && hi - lo < 4L * ids.length + 1024) {
                min = lo;
                direct = new int[(int) (hi - lo + 1)];
                Arrays.fill(direct, -1);
                for (int i = 0; i < ids.length; i++) {
                    direct[(int) (ids[i] - lo)] = i;
                }
                sorted = null;
                rowOfSorted = null;
            } else {
                min = 0;
                direct = null;
                // rows are in descending id order: reversed, ascending
                sorted = new long[ids.length];
                rowOfSorted = new int[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    sorted[i] = ids[ids.length - 1 - i];
                    rowOfSorted[i] = ids.length - 1 - i;
                }
            }
        }

        int row(long id) {
            if (direct != null) {
                long k = id - min;
                return k < 0 || k >= direct.length ? -1 : direct[(int) k];
            }
            int i = Arrays.binarySearch(sorted, id);
            return i < 0 ? -1 : rowOfSorted[i];
        }
    }
}
