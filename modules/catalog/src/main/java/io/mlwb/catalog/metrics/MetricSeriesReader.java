package io.mlwb.catalog.metrics;

import io.mlwb.catalog.Catalog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads what {@link MetricWriter} stored: whole series for charts, and latest values for the runs table
 * (from {@code metric_latest}, without reading any series). Each method holds the catalog's lock while it
 * runs.
 */
public final class MetricSeriesReader {
    /** SQLite allows 32,766 parameters; stay far below to keep statements small. */
    private static final int IN_CHUNK = 500;

    private final Catalog catalog;

    /** @param catalog the catalog to read */
    public MetricSeriesReader(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Reads one whole series in step order. Points with equal steps are all returned, in log order (nothing
     * recorded is hidden; a chart may keep the last). Blocks that overlap because steps were logged out of
     * order are merged with a stable sort; the usual in-order case is a straight copy.
     *
     * @return the series; empty arrays when the series does not exist
     */
    public MetricSeries read(long runId, String name, MetricKind kind) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        return catalog.read("read metric series", c -> {
            Long keyId = null;
            try (var st = c.prepareStatement("SELECT id FROM metric_key WHERE run_id = ? AND name = ? AND kind = ?")) {
                st.setLong(1, runId);
                st.setString(2, name);
                st.setString(3, kind.sqlName());
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        keyId = rs.getLong(1);
                    }
                }
            }
            if (keyId == null) {
                return new MetricSeries(runId, name, kind, new long[0], new double[0], new long[0]);
            }
            int expected;
            try (var st = c.prepareStatement("SELECT coalesce(sum(n), 0) FROM metric_block WHERE key_id = ?")) {
                st.setLong(1, keyId);
                try (ResultSet rs = st.executeQuery()) {
                    expected = rs.next() ? rs.getInt(1) : 0;
                }
            }
            long[] steps = new long[expected];
            double[] values = new double[expected];
            long[] times = new long[expected];
            int size = 0;
            boolean ordered = true;
            long maxStep = Long.MIN_VALUE;
            try (var st = c.prepareStatement(
                    "SELECT first_step, last_step, payload FROM metric_block WHERE key_id = ? ORDER BY seq")) {
                st.setLong(1, keyId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long first = rs.getLong(1);
                        long last = rs.getLong(2);
                        byte[] payload = rs.getBytes(3);
                        int n = MetricBlockCodec.count(payload);
                        if (size + n > steps.length) { // a writer committed between the two queries
                            int cap = Math.max(size + n, steps.length * 2);
                            steps = Arrays.copyOf(steps, cap);
                            values = Arrays.copyOf(values, cap);
                            times = Arrays.copyOf(times, cap);
                        }
                        size += MetricBlockCodec.decode(payload, steps, values, times, size);
                        if (size > n && first < maxStep) {
                            ordered = false;
                        }
                        maxStep = Math.max(maxStep, last);
                    }
                }
            }
            if (size != steps.length) {
                steps = Arrays.copyOf(steps, size);
                values = Arrays.copyOf(values, size);
                times = Arrays.copyOf(times, size);
            }
            if (!ordered) {
                StepSort.sort(steps, values, times, size);
            }
            return new MetricSeries(runId, name, kind, steps, values, times);
        });
    }

    /**
     * Where a {@link #readTail} stopped: the last block read and how many of its points were read. Blocks are only
     * ever appended, and a block only ever grows at its end (see {@link MetricWriter}), so the points after a cursor
     * are exactly the points logged since.
     *
     * @param seq    the last block's sequence number, or -1 before the first read
     * @param points how many points of that block were read
     */
    public record TailCursor(long seq, int points) {
        /** The cursor before anything is read. */
        public static final TailCursor START = new TailCursor(-1, 0);
    }

    /**
     * The points of a series logged after a cursor.
     *
     * @param points the new points, in log order (for a live chart, which only appends)
     * @param next   the cursor to pass next time
     */
    public record Tail(MetricSeries points, TailCursor next) {
    }

    /**
     * Reads only what was logged to a series since {@code from}: the block the cursor is in (its new points) and the
     * blocks after it. A live chart calls this a few times a second and decodes at most one partly read block plus
     * the new ones, however long the series.
     *
     * @param runId the run
     * @param name  the series' name
     * @param kind  its kind
     * @param from  where the previous call stopped, or {@link TailCursor#START}
     * @return the new points (none when the series does not exist yet) and the next cursor
     */
    public Tail readTail(long runId, String name, MetricKind kind, TailCursor from) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        return catalog.read("read new metric points", c -> {
            long[] steps = new long[0];
            double[] values = new double[0];
            long[] times = new long[0];
            int size = 0;
            TailCursor next = from;
            try (var st = c.prepareStatement("SELECT b.seq, b.payload FROM metric_block b JOIN metric_key k "
                    + "ON k.id = b.key_id WHERE k.run_id = ? AND k.name = ? AND k.kind = ? AND b.seq >= ? "
                    + "ORDER BY b.seq")) {
                st.setLong(1, runId);
                st.setString(2, name);
                st.setString(3, kind.sqlName());
                st.setLong(4, Math.max(from.seq(), 0));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        byte[] payload = rs.getBytes(2);
                        int n = MetricBlockCodec.count(payload);
                        int skip = seq == from.seq() ? from.points() : 0;
                        if (n <= skip) {
                            next = new TailCursor(seq, n);
                            continue;
                        }
                        long[] bs = new long[n];
                        double[] bv = new double[n];
                        long[] bt = new long[n];
                        MetricBlockCodec.decode(payload, bs, bv, bt, 0);
                        int add = n - skip;
                        if (size + add > steps.length) {
                            int cap = Math.max(size + add, steps.length * 2);
                            steps = Arrays.copyOf(steps, cap);
                            values = Arrays.copyOf(values, cap);
                            times = Arrays.copyOf(times, cap);
                        }
                        System.arraycopy(bs, skip, steps, size, add);
                        System.arraycopy(bv, skip, values, size, add);
                        System.arraycopy(bt, skip, times, size, add);
                        size += add;
                        next = new TailCursor(seq, n);
                    }
                }
            }
            return new Tail(new MetricSeries(runId, name, kind, Arrays.copyOf(steps, size),
                    Arrays.copyOf(values, size), Arrays.copyOf(times, size)), next);
        });
    }

    /** @return the latest point of each series of the run, ordered by name, then kind */
    public List<MetricLatest> latest(long runId) {
        return latestForRuns(List.of(runId)).get(runId);
    }

    /**
     * Latest points of many runs at once (the runs table): a few indexed queries, no series read.
     *
     * @param runIds the runs; duplicates are ignored
     * @return for each requested run, in the order given, its latest points ordered by name then kind
     *     (an empty list for a run without metrics or that does not exist)
     */
    public Map<Long, List<MetricLatest>> latestForRuns(Collection<Long> runIds) {
        Map<Long, List<MetricLatest>> result = new LinkedHashMap<>();
        for (Long id : runIds) {
            result.putIfAbsent(Objects.requireNonNull(id, "run id"), new ArrayList<>());
        }
        List<Long> ids = new ArrayList<>(result.keySet());
        return catalog.read("read latest metrics", c -> {
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<Long> part = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                String marks = String.join(",", Collections.nCopies(part.size(), "?"));
                try (PreparedStatement st = c.prepareStatement("SELECT k.run_id, k.name, k.kind, l.step, l.value, "
                        + "l.time FROM metric_latest l JOIN metric_key k ON k.id = l.key_id WHERE k.run_id IN ("
                        + marks + ") ORDER BY k.run_id, k.name, k.kind")) {
                    for (int i = 0; i < part.size(); i++) {
                        st.setLong(i + 1, part.get(i));
                    }
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            long runId = rs.getLong(1);
                            double value = rs.getDouble(5);
                            if (rs.wasNull()) {
                                value = Double.NaN; // SQLite stores NaN as NULL
                            }
                            result.get(runId).add(new MetricLatest(runId, rs.getString(2),
                                    MetricKind.fromSql(rs.getString(3)), rs.getLong(4), value, rs.getLong(6)));
                        }
                    }
                }
            }
            return result;
        });
    }

    /** @return the distinct metric names of the run (any kind), sorted */
    public List<String> names(long runId) {
        return catalog.read("read metric names", c -> {
            List<String> names = new ArrayList<>();
            try (var st = c.prepareStatement("SELECT DISTINCT name FROM metric_key WHERE run_id = ? ORDER BY name")) {
                st.setLong(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            return names;
        });
    }
}
