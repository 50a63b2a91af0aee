package io.mlwb.data.table;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Objects;

/**
 * How a date column's values were written, and so how they are written back as text: the {@link DateKind}, the
 * offset of an {@link DateKind#OFFSET} column, and the precision of the time. The one place that turns the epoch
 * numbers a {@link DateTimeColumn} holds back into text (profile JSON, HTML report, pane, CLI).
 *
 * <p>The numbers: for {@link DateKind#DATE} and {@link DateKind#LOCAL} columns, the wall-clock time read as if it
 * were UTC (epoch milliseconds of the local date-time; a date is its midnight); for {@link DateKind#OFFSET}
 * columns, the instant (epoch milliseconds, UTC). A column whose values all share one offset keeps it
 * ({@code +02:00}; an offset of zero is written {@code Z}); a column that mixes offsets, or mixes naive and zoned
 * values, is normalised to UTC and written with {@code Z} (its naive values read as UTC, as
 * {@code pandas.to_datetime(..., utc=True)} does).
 *
 * @param kind           date only, naive date-time, or date-time with an offset
 * @param offset         the offset of an {@link DateKind#OFFSET} column; null for the other kinds
 * @param fractionDigits the least precision written after the minutes: -1 for none ({@code HH:mm}), 0 for seconds,
 *                       1 to 3 for that many digits of the second's fraction; more are written when a value needs
 *                       them, so text out keeps every millisecond. -1 for {@link DateKind#DATE} columns
 */
public record DateStyle(DateKind kind, ZoneOffset offset, int fractionDigits) {
    /** Dates without a time. */
    public static final DateStyle DATE = new DateStyle(DateKind.DATE, null, -1);
    /** Instants written in UTC with seconds: what columns made without a style hold. */
    public static final DateStyle UTC = new DateStyle(DateKind.OFFSET, ZoneOffset.UTC, 0);

    private static final long DAY_MILLIS = 86_400_000L;

    /** Validates the parts. */
    public DateStyle {
        Objects.requireNonNull(kind, "kind");
        if ((kind == DateKind.OFFSET) != (offset != null)) {
            throw new IllegalArgumentException("an offset goes with, and only with, the OFFSET kind: " + kind);
        }
        if (fractionDigits < -1 || fractionDigits > 3) {
            throw new IllegalArgumentException("fractionDigits must be in [-1, 3]: " + fractionDigits);
        }
        if (kind == DateKind.DATE && fractionDigits != -1) {
            throw new IllegalArgumentException("a DATE style has no time precision");
        }
    }

    /**
     * @param fractionDigits see {@link #fractionDigits()}
     * @return naive date-times
     */
    public static DateStyle local(int fractionDigits) {
        return new DateStyle(DateKind.LOCAL, null, fractionDigits);
    }

    /**
     * @param offset         the column's offset ({@link ZoneOffset#UTC} for {@code Z})
     * @param fractionDigits see {@link #fractionDigits()}
     * @return date-times with an offset
     */
    public static DateStyle offset(ZoneOffset offset, int fractionDigits) {
        return new DateStyle(DateKind.OFFSET, Objects.requireNonNull(offset, "offset"), fractionDigits);
    }

    /** @return true for {@link DateKind#DATE} */
    public boolean dateOnly() {
        return kind == DateKind.DATE;
    }

    /**
     * @param millis a value as the column holds it
     * @return the wall-clock time of the value, in epoch milliseconds read as UTC: the value itself for dates and
     *         naive date-times, the instant moved to the column's offset otherwise
     */
    public long wallMillis(long millis) {
        return offset == null ? millis : millis + offset.getTotalSeconds() * 1000L;
    }

    /**
     * @param millis a value as the column holds it
     * @return the value as ISO-8601 text in the column's kind: {@code 2023-01-01}, {@code 2023-01-21T06:58:37},
     *         {@code 2023-01-21T06:58:37+02:00}; a value of a date column that is not a midnight (a histogram
     *         edge) is written as a naive date-time
     */
    public String format(long millis) {
        long wall = wallMillis(millis);
        long day = Math.floorDiv(wall, DAY_MILLIS);
        long ms = Math.floorMod(wall, DAY_MILLIS);
        StringBuilder b = new StringBuilder(32).append(LocalDate.ofEpochDay(day));
        if (kind == DateKind.DATE && ms == 0) {
            return b.toString();
        }
        b.append('T');
        two(b, ms / 3_600_000L);
        b.append(':');
        two(b, ms / 60_000L % 60);
        int second = (int) (ms / 1000 % 60);
        int milli = (int) (ms % 1000);
        int digits = fractionDigits;
        if (milli != 0) {
            digits = Math.max(digits, milli % 100 == 0 ? 1 : milli % 10 == 0 ? 2 : 3);
        }
        if (digits >= 0 || second != 0) {
            b.append(':');
            two(b, second);
        }
        if (digits > 0) {
            b.append('.');
            String f = Integer.toString(1000 + milli);
            b.append(f, 1, 1 + digits);
        }
        if (offset != null) {
            b.append(offset.getId());
        }
        return b.toString();
    }

    /**
     * The inverse of {@link #format(long)}. Text with an offset is read as that instant; text without one is a
     * wall-clock time of this style (at its offset, for an {@link DateKind#OFFSET} style).
     *
     * @param text an ISO-8601 date or date-time
     * @return the value as a column of this style holds it
     * @throws DateTimeParseException when the text is not ISO-8601
     */
    public long parse(String text) {
        String t = text.trim();
        long wall;
        if (t.indexOf('T') < 0 && t.indexOf(' ') < 0) {
            wall = LocalDate.parse(t).toEpochDay() * DAY_MILLIS;
        } else {
            TemporalAccessor a = DateTimeFormatter.ISO_DATE_TIME.parseBest(t.replace(' ', 'T'), OffsetDateTime::from,
                    LocalDateTime::from);
            if (a instanceof OffsetDateTime o) {
                return o.toInstant().toEpochMilli();
            }
            LocalDateTime l = (LocalDateTime) a;
            wall = l.toEpochSecond(ZoneOffset.UTC) * 1000L + l.getNano() / 1_000_000;
        }
        return offset == null ? wall : wall - offset.getTotalSeconds() * 1000L;
    }

    /**
     * @return the layout as a {@link DateTimeFormatter} pattern, e.g. {@code yyyy-MM-dd},
     *         {@code yyyy-MM-dd'T'HH:mm:ss}, {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX}
     */
    public String pattern() {
        if (kind == DateKind.DATE) {
            return "yyyy-MM-dd";
        }
        StringBuilder b = new StringBuilder("yyyy-MM-dd'T'HH:mm");
        if (fractionDigits >= 0) {
            b.append(":ss");
        }
        if (fractionDigits > 0) {
            b.append('.').append("S".repeat(fractionDigits));
        }
        if (offset != null) {
            b.append("XXX");
        }
        return b.toString();
    }

    /**
     * @param kind    the kind
     * @param pattern a pattern as {@link #pattern()} writes it
     * @param offset  the offset of an {@link DateKind#OFFSET} style, else null
     * @return the style
     */
    public static DateStyle of(DateKind kind, String pattern, ZoneOffset offset) {
        if (kind == DateKind.DATE) {
            return DATE;
        }
        int digits = -1;
        if (pattern.contains(":ss")) {
            digits = (int) pattern.chars().filter(c -> c == 'S').count();
        }
        return new DateStyle(kind, offset, Math.min(3, digits));
    }

    /**
     * The style of a column whose values come in parts with these two styles (chunks of a file, blocks of a
     * stream): dates and naive date-times make naive date-times; one offset stays; anything else is UTC.
     *
     * @param other the other part's style
     * @return the style of the whole
     */
    public DateStyle merge(DateStyle other) {
        if (equals(other)) {
            return this;
        }
        int digits = Math.max(fractionDigits, other.fractionDigits);
        if (kind == DateKind.DATE && other.kind == DateKind.DATE) {
            return DATE;
        }
        if (kind != DateKind.OFFSET && other.kind != DateKind.OFFSET) {
            return local(digits);
        }
        if (kind == DateKind.OFFSET && other.kind == DateKind.OFFSET && offset.equals(other.offset)) {
            return offset(offset, digits);
        }
        return offset(ZoneOffset.UTC, digits);
    }

    private static void two(StringBuilder b, long v) {
        if (v < 10) {
            b.append('0');
        }
        b.append(v);
    }
}
