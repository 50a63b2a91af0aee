package io.mlwb.data.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberParserTest {
    private final NumberParser parser = new NumberParser();

    private double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return parser.parse(b, 0, b.length);
    }

    private void assertSameAsJdk(String s) {
        long expected = Double.doubleToRawLongBits(Double.parseDouble(s));
        long actual = Double.doubleToRawLongBits(parse(s));
        assertEquals(expected, actual, () -> s + ": expected " + Double.parseDouble(s) + " got " + parse(s));
    }

    @Test
    void randomDoublesInEveryFormatEqualParseDoubleBitForBit() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            double v = Double.longBitsToDouble(rnd.nextLong()); // every exponent, subnormals included
            if (!Double.isFinite(v)) {
                continue;
            }
            assertSameAsJdk(Double.toString(v));
            assertSameAsJdk(String.format(Locale.ROOT, "%.17g", v));
            double u = rnd.nextDouble() * Math.pow(10, rnd.nextInt(-8, 9)) * (rnd.nextBoolean() ? 1 : -1);
            assertSameAsJdk(Double.toString(u));
            assertSameAsJdk(String.format(Locale.ROOT, "%." + rnd.nextInt(0, 7) + "f", u));
            assertSameAsJdk(String.format(Locale.ROOT, "%.17g", u));
        }
    }

    @Test
    void randomDigitStringsOfAnyLengthEqualParseDouble() {
        SplittableRandom rnd = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            sb.setLength(0);
            int digits = rnd.nextInt(1, 30);
            for (int k = 0; k < digits; k++) {
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            if (rnd.nextBoolean()) {
                sb.insert(rnd.nextInt(sb.length() + 1), '.');
            }
            if (rnd.nextInt(3) == 0) {
                sb.append('e').append(rnd.nextInt(-340, 320));
            }
            assertSameAsJdk(sb.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "-0.0", "+0.0", "1e308", "1.7976931348623157e308", "1.7976931348623159e308",
        "4.9e-324", "2.4703282292062328e-324", "2.4703282292062327e-324", "2.2250738585072011e-308",
        "2.2250738585072012e-308", "9007199254740993", "9007199254740992.5", "1e23", "8.98846567431158e307",
        "123456789012345678901234567890", "0.000000000000000000000000000001", "1e-400", "1e400", "-1e400",
        ".5", "5.", "+.5e-3", "00000.000123", "3.14159265358979323846264338327950288", "1E+05", " 42 ",
        "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
        "0.1", "0.3", "2.675", "1.00000000000000011102230246251565404236316680908203125",
        "7.3177701707893310e+15", "179769313486231580793728971405303415079934132710037826936173778980444968"})
    void hardCasesEqualParseDouble(String s) {
        assertSameAsJdk(s);
    }

    @Test
    void infinitiesAreNumbers() {
        assertEquals(Double.POSITIVE_INFINITY, parse("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-Infinity"));
        assertEquals(Double.POSITIVE_INFINITY, parse("+INF"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "abc", "1,5", "0x10", "NaN", "1 2",
        "--1", "1-", "infinit", "1d", "1f", "١٢"})
    void rejectsWhatIsNotANumber(String s) {
        assertTrue(Double.isNaN(new NumberParser().parse(s.getBytes(StandardCharsets.UTF_8), 0,
                s.getBytes(StandardCharsets.UTF_8).length)), s);
    }

    @Test
    void integralMeansNoPointAndNoExponent() {
        parse("-12");
        assertTrue(parser.integral);
        parse("12.0");
        assertFalse(parser.integral);
        parse("1e3");
        assertFalse(parser.integral);
    }
}
