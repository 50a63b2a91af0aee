package io.mlwb.drift.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateStyle;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.drift.DriftOptions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Drift over time on data with a known slow drift: windows by month, week and days; PSI per window; control limits
 * from the reference's own windows; the run rule fires before any window's PSI reaches the 0.1 threshold; no alarm
 * without drift; rules on hand-made series.
 */
class DriftOverTimeTest {
    /** {@code months} months of {@code perMonth} rows from 2024-01; month m's mean is {@code shift(m)}. */
    private static DataTable table(int months, int perMonth, long seed, java.util.function.IntToDoubleFunction shift) {
        Random r = new Random(seed);
        int n = months * perMonth;
        double[] x = new double[n];
        long[] t = new long[n];
        for (int m = 0; m < months; m++) {
            LocalDate first = LocalDate.of(2024, 1, 1).plusMonths(m);
            for (int i = 0; i < perMonth; i++) {
                int row = m * perMonth + i;
                x[row] = shift.applyAsDouble(m) + r.nextGaussian();
                t[row] = first.plusDays(i % 28).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
        }
        List<Column> cols = List.of(new NumericColumn("x", x, new BitSet(), false),
                new DateTimeColumn("day", t, new BitSet(), DateStyle.DATE));
        return new DataTable(n, cols);
    }

    @Test
    void aSlowDriftAlarmsBeforeAnyWindowCrossesThePsiThreshold() {
        DataTable reference = table(12, 2000, 1, m -> 0);
        DataTable current = table(12, 2000, 2, m -> 0.015 * m); // a little more each month
        DriftOverTime.Result r = DriftOverTime.compute(reference, current, "day", "month", DriftOptions.defaults());
        assertEquals(12, r.windows().size());
        assertEquals(2000, r.windows().get(0).rows());
        assertEquals("2024-01-01T00:00:00Z", r.windows().get(0).start().toString());
        assertEquals("2024-02-01T00:00:00Z", r.windows().get(0).end().toString());
        double[] psi = r.psi().get("x");
        for (double p : psi) {
            assertTrue(p < 0.1, "no single window is past the PSI threshold: " + java.util.Arrays.toString(psi));
        }
        DriftOverTime.Control c = r.control().get("x");
        assertEquals("reference", c.baseline());
        assertTrue(c.ucl() > c.centre() && c.sigma() > 0);
        assertFalse(c.alarms().isEmpty(), "the chart alarms: " + java.util.Arrays.toString(psi) + " ucl " + c.ucl());
        assertTrue(r.toJson().toString().contains("time_column=day"));

        DriftOverTime.Result calm = DriftOverTime.compute(reference, table(12, 2000, 3, m -> 0), "day", "month",
                DriftOptions.defaults());
        assertTrue(calm.control().get("x").alarms().isEmpty(), "no drift, no alarm: " + calm.control().get("x"));
    }

    @Test
    void weeksAndDaysAndBadInput() {
        DataTable t = table(2, 100, 1, m -> 0);
        assertEquals(9, DriftOverTime.compute(t, t, "day", "week", DriftOptions.defaults()).windows().size());
        DriftOverTime.Result tenDays = DriftOverTime.compute(t, t, "day", "10d", DriftOptions.defaults());
        assertEquals("2024-01-11T00:00:00Z", tenDays.windows().get(1).start().toString());
        assertTrue(assertThrows(UserError.class, () -> DriftOverTime.compute(t, t, "day", "fortnight",
                DriftOptions.defaults())).getMessage().contains("not a time window"));
        assertTrue(assertThrows(UserError.class, () -> DriftOverTime.compute(t, t, "x", "month",
                DriftOptions.defaults())).getMessage().contains("not a date or time"));
        assertTrue(assertThrows(UserError.class, () -> DriftOverTime.compute(t, t, "when", "month",
                DriftOptions.defaults())).getMessage().contains("has no column 'when'"));
    }

    @Test
    void rulesOnHandMadeSeries() {
        double[] base = {0.010, 0.012, 0.011, 0.009, 0.010, 0.012, 0.011, 0.009};
        // centre 0.0105, sigma ~0.0011: 3 sigma ~0.0138, 2 sigma ~0.0127
        DriftOverTime.Control spike = DriftOverTime.chart(base, new double[] {0.01, 0.03, 0.01}, "reference");
        assertEquals(List.of(new DriftOverTime.Alarm(1, "beyond_3_sigma")), spike.alarms());
        DriftOverTime.Control twoOfThree = DriftOverTime.chart(base, new double[] {0.01, 0.0130, 0.0105, 0.0131},
                "reference");
        assertEquals(List.of(new DriftOverTime.Alarm(3, "two_of_three_beyond_2_sigma")), twoOfThree.alarms());
        double[] creeping = new double[10];
        java.util.Arrays.fill(creeping, 0.0110);
        DriftOverTime.Control run = DriftOverTime.chart(base, creeping, "reference");
        assertEquals(List.of(new DriftOverTime.Alarm(8, "nine_above_centre")), run.alarms());
    }
}
