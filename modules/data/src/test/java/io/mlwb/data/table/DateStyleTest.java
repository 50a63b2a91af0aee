package io.mlwb.data.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DateStyleTest {
    private static long wall(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void formatsEachKindAsWritten() {
        assertEquals("2023-01-01", DateStyle.DATE.format(wall("2023-01-01T00:00")));
        assertEquals("2023-01-01T12:00", DateStyle.DATE.format(wall("2023-01-01T12:00"))); // a histogram edge
        assertEquals("2023-01-21T06:58:37", DateStyle.local(0).format(wall("2023-01-21T06:58:37")));
        assertEquals("2023-01-21T06:58", DateStyle.local(-1).format(wall("2023-01-21T06:58")));
        assertEquals("2023-01-21T06:58:00.500", DateStyle.local(3).format(wall("2023-01-21T06:58:00.5")));
        assertEquals("2023-01-21T06:58:00.5", DateStyle.local(0).format(wall("2023-01-21T06:58:00.5")));
        assertEquals("2023-01-21T06:58:00.25", DateStyle.local(1).format(wall("2023-01-21T06:58:00.25")));
        long instant = OffsetDateTime.parse("2023-01-21T06:58:37+02:00").toInstant().toEpochMilli();
        assertEquals("2023-01-21T06:58:37+02:00", DateStyle.offset(ZoneOffset.ofHours(2), 0).format(instant));
        assertEquals("2023-01-21T04:58:37Z", DateStyle.UTC.format(instant));
        assertEquals("1969-12-31T23:59:59.999", DateStyle.local(0).format(-1));
    }

    @Test
    void parseInvertsFormat() {
        SplittableRandom rnd = new SplittableRandom(5);
        DateStyle[] styles = {DateStyle.DATE, DateStyle.local(-1), DateStyle.local(0), DateStyle.local(2),
            DateStyle.UTC, DateStyle.offset(ZoneOffset.ofHoursMinutes(-3, -30), 3)};
        for (int i = 0; i < 10_000; i++) {
            long ms = rnd.nextLong(-50_000_000_000_000L, 200_000_000_000_000L);
            for (DateStyle s : styles) {
                assertEquals(ms, s.parse(s.format(ms)), s + " " + s.format(ms));
            }
        }
    }

    @Test
    void patternsRoundTripAndPartsMerge() {
        for (DateStyle s : new DateStyle[] {DateStyle.DATE, DateStyle.local(-1), DateStyle.local(3), DateStyle.UTC,
            DateStyle.offset(ZoneOffset.ofHours(2), 1)}) {
            assertEquals(s, DateStyle.of(s.kind(), s.pattern(), s.offset()), s.pattern());
        }
        assertEquals("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", DateStyle.offset(ZoneOffset.UTC, 3).pattern());
        assertEquals(DateStyle.local(0), DateStyle.DATE.merge(DateStyle.local(0)));
        assertEquals(DateStyle.local(3), DateStyle.local(3).merge(DateStyle.local(0)));
        DateStyle plus2 = DateStyle.offset(ZoneOffset.ofHours(2), 0);
        assertEquals(plus2, plus2.merge(plus2));
        assertEquals(DateStyle.UTC, plus2.merge(DateStyle.offset(ZoneOffset.ofHours(1), 0)));
        assertEquals(DateStyle.UTC, plus2.merge(DateStyle.local(0)));
        assertEquals(DateStyle.UTC, DateStyle.DATE.merge(plus2));
    }
}
