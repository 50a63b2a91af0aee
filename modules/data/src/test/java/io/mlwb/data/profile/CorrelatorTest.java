package io.mlwb.data.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlwb.core.job.Progress;
import io.mlwb.data.profile.ColumnAnalysis.CorrInput;
import io.mlwb.data.table.NumericColumn;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorrelatorTest {
    /**
     * The tiled all-pairs work gives each pair the very bits the pair-by-pair functions give: complete and
     * incomplete columns, ties, a constant column, partial tiles and groups of one to four pairs.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 203})
    void tilesGiveThePairFunctionsBitForBit(int rows) throws Exception {
        SplittableRandom r = new SplittableRandom(rows);
        List<CorrInput> num = new ArrayList<>();
        int k = 71;
        for (int c = 0; c < k; c++) {
            double[] v = new double[rows];
            BitSet missing = new BitSet();
            for (int i = 0; i < rows; i++) {
                v[i] = switch (c % 5) {
                    case 0 -> r.nextGaussian();
                    case 1 -> r.nextInt(4); // ties
                    case 2 -> c == 2 ? 3.0 : r.nextDouble() * 1e6; // one constant column
                    case 3 -> i > 0 ? v[i - 1] + r.nextGaussian() : 0;
                    default -> r.nextDouble() - 0.5;
                };
                if (c % 7 == 6 && r.nextInt(5) == 0) {
                    v[i] = Double.NaN;
                    missing.set(i);
                }
            }
            num.add(ColumnAnalysis.numeric(new NumericColumn("c" + c, v, missing, false), rows,
                    ProfileOptions.defaults(), true, new SortBuffers()).numeric());
        }
        double[][] pearson = new double[k][k];
        double[][] spearman = new double[k][k];
        for (Callable<Void> t : Correlator.pairTasks(num, pearson, spearman, Progress.NONE)) {
            t.call();
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                int lo = Math.min(a, b);
                int hi = Math.max(a, b);
                assertEquals(Correlator.pearson(num.get(lo), num.get(hi)), pearson[a][b], 0.0,
                        "pearson " + a + "," + b);
                assertEquals(Double.doubleToLongBits(Correlator.spearman(num.get(lo), num.get(hi))),
                        Double.doubleToLongBits(spearman[a][b]), "spearman " + a + "," + b);
                assertEquals(Double.doubleToLongBits(Correlator.pearson(num.get(lo), num.get(hi))),
                        Double.doubleToLongBits(pearson[a][b]), "pearson bits " + a + "," + b);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void fewColumnsAreSplitSoEveryThreadGetsTilesAndWideTablesUseFullTiles() {
        org.junit.jupiter.api.Assertions.assertEquals(4, Correlator.tileSide(12, 2), "12 columns: 6 tiles, not 1");
        org.junit.jupiter.api.Assertions.assertEquals(4, Correlator.tileSide(3, 8), "never under 4");
        org.junit.jupiter.api.Assertions.assertEquals(32, Correlator.tileSide(3000, 2));
        org.junit.jupiter.api.Assertions.assertEquals(18, Correlator.tileSide(71, 2));
    }
}
