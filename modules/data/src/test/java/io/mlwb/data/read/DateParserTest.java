package io.mlwb.data.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DateParserTest {
    private final DateParser parser = new DateParser();

    private long parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return parser.parse(b, 0, b.length);
    }

    @Test
    void randomDatesAndDateTimesMatchJavaTime() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 50_000; i++) {
            LocalDate d = LocalDate.ofEpochDay(rnd.nextLong(LocalDate.of(1, 1, 1).toEpochDay(),
                    LocalDate.of(9999, 12, 31).toEpochDay()));
            assertEquals(d.toEpochDay() * 86_400_000L, parse(d.toString()), d.toString());
            assertTrue(parser.dateOnly);
            int h = rnd.nextInt(-17, 18);
            int m = rnd.nextBoolean() ? 0 : 30;
            ZoneOffset off = ZoneOffset.ofHoursMinutes(h, h < 0 ? -m : m);
            OffsetDateTime t = d.atTime(rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60),
                    rnd.nextInt(1000) * 1_000_000).atOffset(off);
            String text = t.toString().replace('T', rnd.nextBoolean() ? 'T' : ' ');
            assertEquals(t.toInstant().toEpochMilli(), parse(text), text);
            assertFalse(parser.dateOnly);
        }
    }

    @Test
    void timeWithoutOffsetIsUtc() {
        assertEquals(OffsetDateTime.parse("2024-02-29T13:45:00Z").toInstant().toEpochMilli(), parse("2024-02-29 13:45"));
        assertEquals(OffsetDateTime.parse("2024-02-29T13:45:07.120Z").toInstant().toEpochMilli(),
                parse("2024-02-29T13:45:07.12"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "2023-13-01", "2023-00-10", "2023-01-32", "2023-1-5", "20230105",
        "2023-01-05T24:00", "2023-01-05T10:60", "2023-01-05T10", "2023-01-05X10:00", "2023-01-05T10:00:00.",
        "2023-01-05T10:00+5", "2023-01-05T10:00Zjunk", "05/01/2023", "abc", "2023-01-05 "})
    void rejectsWhatIsNotIso(String s) {
        if ("2023-01-05 ".equals(s)) {
            assertEquals(LocalDate.of(2023, 1, 5).toEpochDay() * 86_400_000L, parse(s)); // spaces are trimmed
            return;
        }
        assertEquals(DateParser.FAIL, parse(s), s);
    }
}
