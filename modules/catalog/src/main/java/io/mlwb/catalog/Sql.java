package io.mlwb.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Small JDBC helpers for the catalog's conventions: nullable numbers, epoch-millisecond times, 0/1 flags. */
public final class Sql {
    private Sql() {
    }

    /**
     * Binds a nullable long.
     *
     * @param st    the statement
     * @param index the parameter index
     * @param value the value, or null for SQL NULL
     * @throws SQLException from the driver
     */
    public static void setLong(PreparedStatement st, int index, Long value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.INTEGER);
        } else {
            st.setLong(index, value);
        }
    }

    /**
     * Binds a nullable double.
     *
     * @param st    the statement
     * @param index the parameter index
     * @param value the value, or null for SQL NULL
     * @throws SQLException from the driver
     */
    public static void setDouble(PreparedStatement st, int index, Double value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.REAL);
        } else {
            st.setDouble(index, value);
        }
    }

    /**
     * Binds a nullable instant as epoch milliseconds.
     *
     * @param st    the statement
     * @param index the parameter index
     * @param value the time, or null for SQL NULL
     * @throws SQLException from the driver
     */
    public static void setInstant(PreparedStatement st, int index, Instant value) throws SQLException {
        setLong(st, index, value == null ? null : value.toEpochMilli());
    }

    /**
     * Binds a nullable flag as 0/1.
     *
     * @param st    the statement
     * @param index the parameter index
     * @param value the flag, or null for SQL NULL
     * @throws SQLException from the driver
     */
    public static void setFlag(PreparedStatement st, int index, Boolean value) throws SQLException {
        setLong(st, index, value == null ? null : (value ? 1L : 0L));
    }

    /**
     * Reads a nullable long.
     *
     * @param rs     the result set, on a row
     * @param column the column label
     * @return the value, or null for SQL NULL
     * @throws SQLException from the driver
     */
    public static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * Reads a nullable double.
     *
     * @param rs     the result set, on a row
     * @param column the column label
     * @return the value, or null for SQL NULL
     * @throws SQLException from the driver
     */
    public static Double getDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * Reads a nullable epoch-millisecond time.
     *
     * @param rs     the result set, on a row
     * @param column the column label
     * @return the time, or null for SQL NULL
     * @throws SQLException from the driver
     */
    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        Long ms = getLong(rs, column);
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    /**
     * Reads a nullable 0/1 flag.
     *
     * @param rs     the result set, on a row
     * @param column the column label
     * @return the flag, or null for SQL NULL
     * @throws SQLException from the driver
     */
    public static Boolean getFlag(ResultSet rs, String column) throws SQLException {
        Long v = getLong(rs, column);
        return v == null ? null : v != 0;
    }
}
