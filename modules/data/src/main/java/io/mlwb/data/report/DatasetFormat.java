package io.mlwb.data.report;

import io.mlwb.data.profile.TopValue;
import io.mlwb.data.table.DateStyle;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * How the Dataset pane and the HTML report write numbers and dates: short, locale-independent, "—" for undefined.
 */
public final class DatasetFormat {
    /** Shown for an undefined figure (NaN, or a statistic that does not apply). */
    public static final String UNDEFINED = "\u2014";

    private DatasetFormat() {
    }

    /** @return {@code v} with at most 4 significant decimals, scientific for very large or small magnitudes */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return UNDEFINED;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\u221e" : "-\u221e";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e9 || a < 1e-4) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        String s = String.format(Locale.ROOT, a >= 100 ? "%,.2f" : "%.4f", v);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** @return a count with thousands separators */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** @return a percentage with one decimal, e.g. "12.5 %" */
    public static String percent(double pct) {
        return Double.isNaN(pct) ? UNDEFINED : String.format(Locale.ROOT, "%.1f %%", pct);
    }

    /** @return bytes in B, KB, MB or GB (powers of 1024) */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** @return a top value as text: numbers formatted, others as they are */
    public static String value(TopValue top) {
        return top == null ? "" : value(top.value());
    }

    /** @return a profile value as text: numbers formatted, others as they are, "" for null */
    public static String value(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof Double d ? number(d) : String.valueOf(value);
    }

    /**
     * @param style  the date column's style
     * @param millis a value as the column holds it
     * @return the value as the file wrote it (see {@link DateStyle#format(long)})
     */
    public static String date(DateStyle style, long millis) {
        return style.format(millis);
    }

    /**
     * A label for a date axis whose ticks span {@code spanMillis}: the year over spans of several years, the
     * month ({@code 2023-01}) over spans of months, the day ({@code 2023-01-21}) over days, and the time
     * ({@code 2023-01-21 06:58}, {@code 06:58:37.250}) below. Times are the column's wall clock (at its offset); no
     * zone is added to a naive column.
     *
     * @param style      the date column's style
     * @param millis     the tick, as the column holds values (it is rounded to a millisecond)
     * @param spanMillis the range the axis shows, in milliseconds
     * @return the label
     */
    public static String dateTick(DateStyle style, double millis, double spanMillis) {
        if (!Double.isFinite(millis)) {
            return UNDEFINED;
        }
        long wall = style.wallMillis(Math.round(millis));
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(wall, 1000L),
                (int) Math.floorMod(wall, 1000L) * 1_000_000, ZoneOffset.UTC);
        double day = 86_400_000.0;
        if (spanMillis >= 4 * 365 * day) {
            return String.format(Locale.ROOT, "%04d", t.getYear());
        }
        if (spanMillis >= 90 * day) {
            return String.format(Locale.ROOT, "%04d-%02d", t.getYear(), t.getMonthValue());
        }
        if (spanMillis >= 3 * day || style.dateOnly()) {
            return t.toLocalDate().toString();
        }
        if (spanMillis >= 2 * 3_600_000.0) {
            return String.format(Locale.ROOT, "%s %02d:%02d", t.toLocalDate(), t.getHour(), t.getMinute());
        }
        if (spanMillis >= 10_000) {
            return String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        }
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", t.getHour(), t.getMinute(), t.getSecond(),
                t.getNano() / 1_000_000);
    }
}
