package io.mlwb.training.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Partial dependence (Friedman 2001): the mean prediction over the rows when one feature is set to each value of a
 * grid while the other features keep their values.
 *
 * <p>For a numeric column the grid is its distinct values when there are at most {@code gridPoints} of them,
 * otherwise {@code gridPoints} equally spaced values from its 5th to its 95th percentile (as scikit-learn's
 * {@code partial_dependence}). For a one-hot group there is one point per category: that column 1, the group's
 * other columns 0.
 *
 * @param name        the feature (group) name
 * @param categorical whether the points are categories of a one-hot group
 * @param points      the grid in order
 */
public record PartialDependence(String name, boolean categorical, List<Point> points) {

    /** The percentiles that bound a numeric grid. */
    public static final double LOW_PERCENTILE = 0.05;
    /** The percentiles that bound a numeric grid. */
    public static final double HIGH_PERCENTILE = 0.95;

    /**
     * A grid point.
     *
     * @param label          the value as text, or the category's level label
     * @param value          the column's value (for a category: its index within the group)
     * @param meanPrediction mean prediction over the rows with the feature set to this point
     */
    public record Point(String label, double value, double meanPrediction) {
    }

    /**
     * Partial dependence on one column.
     *
     * @param model      the model
     * @param x          rows, preprocessed
     * @param column     the column index
     * @param gridPoints the most grid points, at least 2
     * @return the curve, named {@code x<column>}
     * @throws IllegalArgumentException on invalid input
     */
    public static PartialDependence compute(Predictor model, double[][] x, int column, int gridPoints) {
        return compute(model, x, FeatureGroup.of("x" + column, column), gridPoints);
    }

    /**
     * Partial dependence on a feature group: a grid for a single column, the categories for a one-hot group.
     *
     * @param model      the model
     * @param x          rows, preprocessed
     * @param feature    the feature group
     * @param gridPoints the most grid points of a numeric column, at least 2
     * @return the curve
     * @throws IllegalArgumentException on invalid input
     */
    public static PartialDependence compute(Predictor model, double[][] x, FeatureGroup feature, int gridPoints) {
        if (model == null) {
            throw new IllegalArgumentException("model and feature must not be null");
        }
        MultiPredictor one = rows -> {
            double[] p = Inputs.predict(model, rows);
            double[][] out = new double[p.length][];
            for (int i = 0; i < p.length; i++) {
                out[i] = new double[] {p[i]};
            }
            return out;
        };
        return compute(one, x, feature, gridPoints, new int[] {0}).get(0);
    }

    /**
     * Partial dependence of several outputs of one model on a feature group (e.g. one curve per class of a
     * multi-class classifier), each point's rows sent to the model once for all the outputs.
     *
     * @param model      the model
     * @param x          rows, preprocessed
     * @param feature    the feature group
     * @param gridPoints the most grid points of a numeric column, at least 2
     * @param outputs    the outputs to trace, by index
     * @return one curve per entry of {@code outputs}, in that order, each named after the feature
     * @throws IllegalArgumentException on invalid input, or a model that returns too few or non-finite outputs
     */
    public static List<PartialDependence> compute(MultiPredictor model, double[][] x, FeatureGroup feature,
            int gridPoints, int[] outputs) {
        if (model == null || feature == null || outputs == null) {
            throw new IllegalArgumentException("model, feature and outputs must not be null");
        }
        int width = Inputs.matrix(x, "X");
        Inputs.groups(List.of(feature), width);
        if (gridPoints < 2) {
            throw new IllegalArgumentException("gridPoints must be at least 2, got " + gridPoints);
        }
        int[] cols = feature.columns();
        double[][] work = Inputs.copy(x);
        List<List<Point>> points = new ArrayList<>();
        for (int k = 0; k < outputs.length; k++) {
            points.add(new ArrayList<>());
        }
        if (feature.categorical()) {
            for (int j = 0; j < cols.length; j++) {
                for (double[] row : work) {
                    for (int k = 0; k < cols.length; k++) {
                        row[cols[k]] = k == j ? 1.0 : 0.0;
                    }
                }
                double[] m = meanPredictions(model, work, outputs);
                for (int k = 0; k < outputs.length; k++) {
                    points.get(k).add(new Point(feature.levels().get(j), j, m[k]));
                }
            }
        } else {
            int c = cols[0];
            for (double v : grid(x, c, gridPoints)) {
                for (double[] row : work) {
                    row[c] = v;
                }
                double[] m = meanPredictions(model, work, outputs);
                for (int k = 0; k < outputs.length; k++) {
                    points.get(k).add(new Point(Double.toString(v), v, m[k]));
                }
            }
        }
        List<PartialDependence> out = new ArrayList<>(outputs.length);
        for (List<Point> p : points) {
            out.add(new PartialDependence(feature.name(), feature.categorical(), List.copyOf(p)));
        }
        return List.copyOf(out);
    }

    private static double[] meanPredictions(MultiPredictor model, double[][] rows, int[] outputs) {
        double[][] p = model.predict(rows);
        if (p == null || p.length != rows.length) {
            throw new IllegalArgumentException("the predictor returned " + (p == null ? "null" : p.length
                    + " rows") + " for " + rows.length + " rows");
        }
        double[] sum = new double[outputs.length];
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < outputs.length; k++) {
                if (p[i] == null || outputs[k] < 0 || outputs[k] >= p[i].length) {
                    throw new IllegalArgumentException("the predictor returned no output " + outputs[k] + " for row "
                            + i);
                }
                double v = p[i][outputs[k]];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("the predictor returned " + v + " for row " + i);
                }
                sum[k] += v;
            }
        }
        for (int k = 0; k < outputs.length; k++) {
            sum[k] /= p.length;
        }
        return sum;
    }

    static double[] grid(double[][] x, int c, int gridPoints) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = x[i][c];
        }
        Arrays.sort(v);
        double[] distinct = Arrays.stream(v).distinct().toArray();
        if (distinct.length <= gridPoints) {
            return distinct;
        }
        double lo = percentile(v, LOW_PERCENTILE);
        double hi = percentile(v, HIGH_PERCENTILE);
        if (lo == hi) {
            return new double[] {lo};
        }
        double[] g = new double[gridPoints];
        for (int k = 0; k < gridPoints; k++) {
            g[k] = k == gridPoints - 1 ? hi : lo + (hi - lo) * k / (gridPoints - 1);
        }
        return g;
    }

    /** Linear-interpolation percentile of sorted values, as numpy's default. */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (sorted[j] - sorted[i]) * (pos - i);
    }
}
