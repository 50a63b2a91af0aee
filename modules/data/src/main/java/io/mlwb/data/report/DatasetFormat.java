package io.mlwb.data.report;

import io.mlwb.data.profile.TopValue;
import java.util.Locale;

/** How the Dataset pane and the HTML report write numbers: short, locale-independent, "—" for undefined. */
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
}
