package io.mlwb.data.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlwb.core.job.Progress;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.NumericColumn;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The paths that exist for speed give what the plain ones give: sort buffers reused from column to column (one
 * thread, longer columns before shorter ones, so stale entries sit past each column's end), and Spearman over
 * pairwise-complete rows (ranks of a subset found by walking the sorted column) against a direct computation.
 */
class ProfilerSpeedPathsTest {
    private static final int ROWS = 3_000;

    private static NumericColumn column(String name, SplittableRandom r, double missingShare, int levels) {
        double[] v = new double[ROWS];
        BitSet missing = new BitSet();
        for (int i = 0; i < ROWS; i++) {
            if (r.nextDouble() < missingShare) {
                v[i] = Double.NaN;
                missing.set(i);
            } else {
                // few levels: many ties; many levels: mostly distinct values
                v[i] = r.nextInt(levels) * 0.25 - levels / 8.0;
            }
        }
        return new NumericColumn(name, v, missing, false);
    }

    private static List<NumericColumn> columns() {
        SplittableRandom r = new SplittableRandom(42);
        List<NumericColumn> cols = new ArrayList<>();
        cols.add(column("full", r, 0.0, 1_000_000));
        cols.add(column("ties", r, 0.0, 7));
        cols.add(column("sparse", r, 0.4, 50));
        cols.add(column("mostly_missing", r, 0.9, 1_000_000));
        cols.add(column("some_missing", r, 0.05, 300));
        return cols;
    }

    private static ProfileOptions oneThread() {
        return new ProfileOptions(50, 10, Optional.empty(), true, 1);
    }

    @Test
    void reusedSortBuffersGiveWhatFreshOnesGive() {
        List<NumericColumn> cols = columns();
        DatasetProfile together = new Profiler().profile(new DataTable(ROWS, List.copyOf(cols)), oneThread(),
                Progress.NONE);
        for (int c = 0; c < cols.size(); c++) {
            DatasetProfile alone = new Profiler().profile(new DataTable(ROWS, List.of(cols.get(c))), oneThread(),
                    Progress.NONE);
            ColumnProfile a = alone.columns().get(0);
            ColumnProfile t = together.columns().get(c);
            assertEquals(a.numeric(), t.numeric(), a.name());
            assertEquals(a.distinct(), t.distinct(), a.name());
            assertEquals(a.top(), t.top(), a.name());
            assertArrayEquals(a.histogram().counts(), t.histogram().counts(), a.name());
            assertArrayEquals(a.histogram().edges(), t.histogram().edges(), a.name());
        }
    }

    @Test
    void spearmanOverPairwiseCompleteRowsMatchesADirectRanking() {
        List<NumericColumn> cols = columns();
        DatasetProfile p = new Profiler().profile(new DataTable(ROWS, List.copyOf(cols)), oneThread(), Progress.NONE);
        for (NumericColumn a : cols) {
            for (NumericColumn b : cols) {
                if (a != b) {
                    assertEquals(direct(a.values(), b.values()), p.correlations().spearman().get(a.name(), b.name()),
                            1e-12, a.name() + " ~ " + b.name());
                }
            }
        }
    }

    /** Pearson of average ranks within the rows where both are present, computed the obvious way. */
    private static double direct(double[] x, double[] y) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                pairs.add(new double[] {x[i], y[i]});
            }
        }
        int m = pairs.size();
        double[] rx = ranks(pairs.stream().mapToDouble(q -> q[0]).toArray());
        double[] ry = ranks(pairs.stream().mapToDouble(q -> q[1]).toArray());
        double mx = 0;
        double my = 0;
        for (int i = 0; i < m; i++) {
            mx += rx[i] / m;
            my += ry[i] / m;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < m; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int below = 0;
            int equal = 0;
            for (double w : v) {
                below += w < v[i] ? 1 : 0;
                equal += w == v[i] ? 1 : 0;
            }
            r[i] = below + (equal + 1) / 2.0;
        }
        return r;
    }
}
