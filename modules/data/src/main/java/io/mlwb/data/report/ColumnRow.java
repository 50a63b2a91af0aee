package io.mlwb.data.report;

import io.mlwb.data.profile.ColumnProfile;
import io.mlwb.data.profile.NumericStats;
import io.mlwb.data.profile.TopValue;
import java.util.Objects;

/**
 * One row of the Columns table: a column's profile with the figures the table shows. Numeric figures are NaN for
 * columns that are not numeric.
 *
 * @param profile the column's profile
 */
public record ColumnRow(ColumnProfile profile) {
    /** Validates the part. */
    public ColumnRow {
        Objects.requireNonNull(profile, "profile");
    }

    /** @return the column's name */
    public String name() {
        return profile.name();
    }

    /** @return the type in lower case, e.g. "numeric" */
    public String type() {
        return profile.type().yamlName();
    }

    /** @return missing rows in percent */
    public double missingPct() {
        return profile.missingPct();
    }

    /** @return distinct present values */
    public long distinct() {
        return profile.distinct();
    }

    /** @return the mean, NaN if not numeric */
    public double mean() {
        NumericStats n = profile.numeric();
        return n == null ? Double.NaN : n.mean();
    }

    /** @return the sample standard deviation, NaN if not numeric */
    public double std() {
        NumericStats n = profile.numeric();
        return n == null ? Double.NaN : n.std();
    }

    /** @return the smallest finite value, NaN if not numeric */
    public double min() {
        NumericStats n = profile.numeric();
        return n == null ? Double.NaN : n.min();
    }

    /** @return the largest finite value, NaN if not numeric */
    public double max() {
        NumericStats n = profile.numeric();
        return n == null ? Double.NaN : n.max();
    }

    /** @return the most frequent value as text, empty if none */
    public String top() {
        return profile.top().isEmpty() ? "" : DatasetFormat.value(profile.top().get(0));
    }

    /**
     * @return the bar heights of the sparkline: the histogram's counts (numeric, date), else the top values'
     *         counts; empty when there is nothing to draw
     */
    public long[] sparkline() {
        if (profile.histogram() != null) {
            return profile.histogram().counts();
        }
        return profile.top().stream().mapToLong(TopValue::count).toArray();
    }
}
