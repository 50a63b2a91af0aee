package io.mlwb.catalog.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Objects;

/**
 * Writes a whole metric series inside the caller's transaction: the import path, where a run and every point it
 * has must land together or not at all. (Live training goes through the batching {@link MetricWriter}.)
 */
public final class MetricBulk {

    private MetricBulk() {
    }

    /**
     * Stores a new series of a run. The points must be sorted by step (then time); the latest value, step and
     * time are what the series reports as its latest. A series without points records only its latest value (a
     * summary value the source kept without a history).
     *
     * @param c           a connection inside a write transaction ({@code Catalog.inTransaction})
     * @param runId       the run
     * @param name        metric name
     * @param kind        train, eval or system
     * @param steps       steps, non-decreasing
     * @param values      values (NaN and infinities stored faithfully)
     * @param times       timestamps, ms since the epoch
     * @param latestValue the value {@code metric_latest} holds, with its step and time below
     * @param latestStep  step of the latest value
     * @param latestTime  time of the latest value
     * @throws SQLException          when a write fails
     * @throws IllegalArgumentException when the arrays differ in length or the steps go back
     */
    public static void write(Connection c, long runId, String name, MetricKind kind, long[] steps, double[] values,
                             long[] times, double latestValue, long latestStep, long latestTime) throws SQLException {
        Objects.requireNonNull(name, "name");
        int n = steps.length;
        if (values.length != n || times.length != n) {
            throw new IllegalArgumentException("a series needs as many values and times as steps");
        }
        for (int i = 1; i < n; i++) {
            if (steps[i] < steps[i - 1]) {
                throw new IllegalArgumentException("steps of " + name + " go back at point " + i);
            }
        }
        long keyId;
        try (PreparedStatement st = c.prepareStatement("INSERT INTO metric_key(run_id, name, kind) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setLong(1, runId);
            st.setString(2, name);
            st.setString(3, kind.sqlName());
            st.executeUpdate();
            try (ResultSet rs = st.getGeneratedKeys()) {
                rs.next();
                keyId = rs.getLong(1);
            }
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO metric_block(key_id, seq, first_step, last_step, "
                + "n, min_value, max_value, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            long seq = 0;
            for (int from = 0; from < n; from += MetricWriter.MAX_BLOCK_POINTS) {
                int len = Math.min(MetricWriter.MAX_BLOCK_POINTS, n - from);
                double min = Double.NaN;
                double max = Double.NaN;
                for (int i = from; i < from + len; i++) {
                    double v = values[i];
                    if (!Double.isNaN(v)) {
                        min = Double.isNaN(min) || v < min ? v : min;
                        max = Double.isNaN(max) || v > max ? v : max;
                    }
                }
                st.setLong(1, keyId);
                st.setLong(2, seq++);
                st.setLong(3, steps[from]);
                st.setLong(4, steps[from + len - 1]);
                st.setInt(5, len);
                setReal(st, 6, min);
                setReal(st, 7, max);
                st.setBytes(8, MetricBlockCodec.encode(steps, values, times, from, len));
                st.addBatch();
            }
            st.executeBatch();
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO metric_latest(key_id, step, value, time) VALUES (?, ?, ?, ?)")) {
            st.setLong(1, keyId);
            st.setLong(2, latestStep);
            setReal(st, 3, latestValue);
            st.setLong(4, latestTime);
            st.executeUpdate();
        }
    }

    private static void setReal(PreparedStatement st, int index, double v) throws SQLException {
        if (Double.isNaN(v)) {
            st.setNull(index, Types.REAL);
        } else {
            st.setDouble(index, v);
        }
    }
}
