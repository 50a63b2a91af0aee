package io.mlwb.training.eval;

/**
 * Reweighing (Kamiran and Calders, 2012): training-row weights that make the label statistically independent of
 * the sensitive group in the weighted data, {@code w = P(g) P(y) / P(g, y)}.
 *
 * <p>Under-represented (group, label) cells get weights above 1, over-represented ones below 1; the weights
 * average to 1 over the rows. Null or blank groups form the group {@value FairnessReport#MISSING_GROUP}.
 */
public final class Reweighing {

    private Reweighing() {
    }

    /**
     * The weight of each row.
     *
     * @param y01   labels, each 0 or 1
     * @param group sensitive attribute value per row; null or blank means missing
     * @return one weight per row, in row order
     * @throws IllegalArgumentException on null arrays, different lengths or labels other than 0/1
     */
    public static double[] weights(double[] y01, String[] group) {
        Checks.labels01(y01, "y");
        int n = y01.length;
        GroupIndex index = GroupIndex.of(group, n);
        int k = index.names.length;
        int[] byGroup = new int[k];
        int[][] byCell = new int[k][2];
        int[] byLabel = new int[2];
        for (int i = 0; i < n; i++) {
            int y = (int) y01[i];
            byGroup[index.ids[i]]++;
            byLabel[y]++;
            byCell[index.ids[i]][y]++;
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            int g = index.ids[i];
            int y = (int) y01[i];
            w[i] = (double) byGroup[g] * byLabel[y] / ((double) n * byCell[g][y]);
        }
        return w;
    }
}
