package io.mlwb.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DriftConfig;
import io.mlwb.core.project.DriftConfig.Test;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.drift.stats.Bins;
import io.mlwb.drift.stats.PopulationStability;
import io.mlwb.drift.stats.Wasserstein;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Comparing columns on several threads gives exactly what comparing them in turn gives, and the sorted fast paths
 * (radix sort, bins counted from sorted values, distinct numbers merged from sorted values) agree with the plain
 * definitions; cancellation and the first failing column's error come through.
 */
class DriftEngineParallelTest {
    private static final int ROWS = 20_000;

    /** Twelve columns of every kind, with missing values, NaN, −0.0, infinities and ties; large enough to go parallel. */
    private static DataTable table(long seed, boolean shifted) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            double[] v = new double[ROWS];
            BitSet missing = new BitSet();
            for (int i = 0; i < ROWS; i++) {
                double x = switch (c) {
                    case 0 -> r.nextGaussian() * 10 + (shifted ? 1 : 0);
                    case 1 -> Math.rint(r.nextDouble() * 50) / 2;                  // ties
                    case 2 -> r.nextInt(2);                                        // binary: categories
                    case 3 -> r.nextDouble() < 0.05 ? -0.0 : r.nextDouble() < 0.5 ? 0.0 : r.nextGaussian();
                    case 4 -> r.nextInt(4) + (shifted && r.nextDouble() < 0.01 ? 10 : 0); // a new value
                    default -> Math.exp(r.nextGaussian() * 3);                     // wide range
                };
                if (r.nextDouble() < 0.03) {
                    missing.set(i);
                } else if (c == 0 && r.nextDouble() < 0.02) {
                    x = Double.NaN;                                                // NaN counts as missing
                }
                v[i] = x;
            }
            cols.add(new NumericColumn("n" + c, v, missing, false));
        }
        String[] cats = {"a", "b", "c", "d", "e", "f"};
        int[] codes = new int[ROWS];
        byte[] flags = new byte[ROWS];
        long[] millis = new long[ROWS];
        BitSet missingDates = new BitSet();
        int[] small = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            codes[i] = r.nextDouble() < 0.02 ? -1 : r.nextInt(shifted ? 6 : 5);
            flags[i] = (byte) (r.nextDouble() < 0.02 ? -1 : r.nextDouble() < (shifted ? 0.6 : 0.5) ? 1 : 0);
            millis[i] = 1_700_000_000_000L + r.nextLong(86_400_000L * 365);
            if (r.nextDouble() < 0.01) {
                missingDates.set(i);
            }
            small[i] = r.nextInt(3);
        }
        cols.add(new CategoricalColumn("cat", ColumnType.CATEGORICAL, codes, List.of(cats)));
        cols.add(new BooleanColumn("flag", flags));
        cols.add(new DateTimeColumn("when", millis, missingDates, false, "%Y-%m-%d %H:%M:%S"));
        cols.add(new CategoricalColumn("small", ColumnType.CATEGORICAL, small, List.of("x", "y", "z")));
        double[] inf = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            inf[i] = i % 1000 == 0 ? Double.POSITIVE_INFINITY : r.nextGaussian();
        }
        cols.add(new NumericColumn("inf", inf, new BitSet(), false));
        cols.add(new NumericColumn("const", new double[ROWS], new BitSet(), true));
        return new DataTable(ROWS, cols);
    }

    @org.junit.jupiter.api.Test
    void parallelGivesExactlyWhatInTurnGives() {
        DataTable ref = table(1, false);
        DataTable cur = table(2, true);
        DriftOptions o = new DriftOptions(0.5, 10, null,
                Map.of("n1", new DriftConfig.Column(Test.KS, null, null, DriftConfig.Binning.EQUAL_WIDTH, null, false),
                        "n4", new DriftConfig.Column(Test.CHI2, null, null, null, null, false)));
        DatasetDrift inTurn = new DriftEngine(1).compare(ref, cur, o);
        for (int threads : new int[] {2, 3, 8}) {
            assertEquals(inTurn, new DriftEngine(threads).compare(ref, cur, o), threads + " threads");
        }
        assertEquals(12, inTurn.columns().size());
        assertEquals(List.of("10", "11", "12", "13"), column(inTurn, "n4").newCategories());
    }

    @org.junit.jupiter.api.Test
    void sortedFastPathsAgreeWithThePlainDefinitions() {
        DataTable ref = table(3, false);
        DataTable cur = table(4, true);
        DatasetDrift d = new DriftEngine().compare(ref, cur, DriftOptions.defaults());
        for (String name : List.of("n0", "n1", "n3", "n5", "when")) {
            double[] r = present(ref.column(name).orElseThrow());
            double[] c = present(cur.column(name).orElseThrow());
            ColumnDrift got = column(d, name);
            double w = Wasserstein.distance(r, c) / Math.max(Wasserstein.populationStd(r, r.length), 0.001);
            assertEquals(w, got.statistic(), 0.0, name);
            double[] sorted = r.clone();
            Arrays.sort(sorted);
            double[] edges = Bins.quantileEdges(sorted, sorted.length, 10);
            PopulationStability.Result psi = PopulationStability.compute(Bins.counts(r, r.length, edges),
                    Bins.counts(c, c.length, edges));
            assertEquals(psi.psi(), got.psi(), 0.0, name);
            assertEquals(psi.kl(), got.kl(), 0.0, name);
            assertEquals(r.length, got.countRef(), name);
        }
    }

    @org.junit.jupiter.api.Test
    void cancellingStopsTheParallelComparison() {
        AtomicInteger asked = new AtomicInteger();
        Progress cancelSoon = new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public boolean cancelled() {
                return asked.incrementAndGet() > 15;
            }
        };
        assertThrows(Cancelled.class,
                () -> new DriftEngine(4).compare(table(5, false), table(6, true), DriftOptions.defaults(), cancelSoon));
    }

    @org.junit.jupiter.api.Test
    void theFirstFailingColumnInOrderIsReported() {
        DriftConfig.Column ks = new DriftConfig.Column(Test.KS, null, null, null, null, false);
        DriftOptions o = new DriftOptions(0.5, 10, null, Map.of("small", ks, "cat", ks));
        for (int threads : new int[] {1, 4}) {
            UserError e = assertThrows(UserError.class,
                    () -> new DriftEngine(threads).compare(table(7, false), table(8, true), o));
            assertTrue(e.getMessage().contains("'cat'"), e.getMessage());
        }
    }

    private static ColumnDrift column(DatasetDrift d, String name) {
        return d.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static double[] present(Column c) {
        double[] out = new double[c.size()];
        int k = 0;
        for (int i = 0; i < c.size(); i++) {
            if (c instanceof NumericColumn n && !n.isMissing(i) && !Double.isNaN(n.values()[i])) {
                out[k++] = n.values()[i];
            } else if (c instanceof DateTimeColumn t && !t.isMissing(i)) {
                out[k++] = t.millis()[i];
            }
        }
        return Arrays.copyOf(out, k);
    }
}
