package io.mlwb.training.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary classification metrics of predicted probabilities against 0/1 labels, optionally weighted per row.
 *
 * <p>A row is predicted positive when its probability is {@code >= threshold}. Weights (when given) weigh every
 * metric and the confusion matrix, as scikit-learn's {@code sample_weight} does; {@link #count()} and
 * {@link #positives()} stay plain row counts. Ranking metrics ({@link #rocAuc()}, {@link #prAuc()}) and the curves
 * do not depend on the threshold. A metric that is undefined for the data is NaN and {@link #undefined()} maps
 * its snake_case name to the reason.
 *
 * @param count        number of rows
 * @param positives    number of rows labelled 1
 * @param threshold    the decision threshold of the threshold-based metrics and the confusion matrix
 * @param loss         the binary cross-entropy, i.e. the same value as {@link #logLoss()}
 * @param accuracy     weighted share of rows predicted correctly
 * @param precision    tp / (tp + fp); NaN when nothing is predicted positive
 * @param recall       tp / (tp + fn); NaN when there is no positive row
 * @param f1           2 tp / (2 tp + fp + fn); NaN when that denominator is 0
 * @param rocAuc       area under the ROC curve, ties counted half (Mann–Whitney); NaN with one class only
 * @param prAuc        average precision, as scikit-learn's {@code average_precision_score}; NaN without positives
 * @param logLoss      mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15]
 * @param brier        mean squared difference between probability and label
 * @param confusion    the (weighted) confusion matrix at the threshold
 * @param calibration  the non-empty ones of {@value #CALIBRATION_BINS} equal-width probability bins
 * @param roc          ROC curve points: x = false positive rate, y = true positive rate; at most
 *                     {@value #MAX_CURVE_POINTS}
 * @param pr           precision–recall curve points: x = recall, y = precision; at most {@value #MAX_CURVE_POINTS}
 * @param undefined    snake_case metric name to the reason it is NaN, in metric order
 */
public record ClassificationMetrics(
        int count,
        int positives,
        double threshold,
        double loss,
        double accuracy,
        double precision,
        double recall,
        double f1,
        double rocAuc,
        double prAuc,
        double logLoss,
        double brier,
        Confusion confusion,
        List<CalibrationBin> calibration,
        List<CurvePoint> roc,
        List<CurvePoint> pr,
        Map<String, String> undefined) {

    /** Probabilities are clipped to [EPS, 1 − EPS] in the log loss, as scikit-learn's default did. */
    public static final double LOG_LOSS_EPS = 1e-15;
    /** Number of equal-width calibration bins over [0, 1]. */
    public static final int CALIBRATION_BINS = 10;
    /** Curves are downsampled to at most this many points for storage; the areas use every point. */
    public static final int MAX_CURVE_POINTS = 200;

    /**
     * A confusion matrix; with weights, each cell is the sum of its rows' weights, otherwise a row count.
     *
     * @param tp true positives
     * @param fp false positives
     * @param tn true negatives
     * @param fn false negatives
     */
    public record Confusion(double tp, double fp, double tn, double fn) {

        /**
         * The unweighted confusion matrix of decisions, e.g. those of {@link GroupThresholds#apply}.
         *
         * @param yTrue01   labels, each 0 or 1
         * @param predicted the decision per row (true: predicted 1)
         * @return the matrix
         * @throws IllegalArgumentException on null arrays, different lengths or labels other than 0/1
         */
        public static Confusion of(double[] yTrue01, boolean[] predicted) {
            Checks.labels01(yTrue01, "yTrue");
            Checks.notNull(predicted, "predicted");
            Checks.sameLength(yTrue01.length, predicted.length, "predicted", "yTrue");
            int[] cells = new int[4];
            for (int i = 0; i < yTrue01.length; i++) {
                cells[(yTrue01[i] == 1.0 ? 0 : 1) + (predicted[i] ? 0 : 2)]++;
            }
            return new Confusion(cells[0], cells[1], cells[3], cells[2]);
        }

        /**
         * (tp + tn) / all; NaN when empty.
         *
         * @return the accuracy
         */
        public double accuracy() {
            double all = tp + fp + tn + fn;
            return all > 0 ? (tp + tn) / all : Double.NaN;
        }

        /**
         * tp / (tp + fp); NaN when nothing is predicted positive.
         *
         * @return the precision
         */
        public double precision() {
            return tp + fp > 0 ? tp / (tp + fp) : Double.NaN;
        }

        /**
         * tp / (tp + fn); NaN without positive rows.
         *
         * @return the recall
         */
        public double recall() {
            return tp + fn > 0 ? tp / (tp + fn) : Double.NaN;
        }

        /**
         * 2 tp / (2 tp + fp + fn); NaN when that denominator is 0.
         *
         * @return the F1 score
         */
        public double f1() {
            double den = 2 * tp + fp + fn;
            return den > 0 ? 2 * tp / den : Double.NaN;
        }
    }

    /**
     * One calibration bin {@code [lower, upper)} (the last bin includes 1).
     *
     * @param lower         lower bin edge
     * @param upper         upper bin edge
     * @param meanPredicted (weighted) mean probability of the bin's rows
     * @param observedRate  (weighted) share of the bin's rows labelled 1
     * @param count         number of rows in the bin
     */
    public record CalibrationBin(double lower, double upper, double meanPredicted, double observedRate, int count) {
    }

    /**
     * A point of a ROC or precision–recall curve.
     *
     * @param x         false positive rate (ROC) or recall (PR)
     * @param y         true positive rate (ROC) or precision (PR)
     * @param threshold rows with probability {@code >= threshold} are predicted positive; the first point, where
     *                  nothing is, has {@code +Infinity}
     */
    public record CurvePoint(double x, double y, double threshold) {
    }

    /**
     * Computes the metrics at threshold 0.5, unweighted.
     *
     * @param yTrue01 labels, each 0 or 1
     * @param prob    predicted probability of class 1 per row, in [0, 1]
     * @return the metrics
     * @throws IllegalArgumentException on null arrays, different lengths, labels other than 0/1, or probabilities
     *                                  outside [0, 1] or NaN
     */
    public static ClassificationMetrics compute(double[] yTrue01, double[] prob) {
        return compute(yTrue01, prob, null, 0.5);
    }

    /**
     * Computes the metrics.
     *
     * @param yTrue01   labels, each 0 or 1
     * @param prob      predicted probability of class 1 per row, in [0, 1]
     * @param weights   non-negative weight per row, or null for equal weights
     * @param threshold decision threshold in [0, 1]; a row is predicted positive when {@code prob >= threshold}
     * @return the metrics; with no rows every metric is NaN with reason "no rows"
     * @throws IllegalArgumentException on null arrays, different lengths, labels other than 0/1, probabilities
     *                                  outside [0, 1] or NaN, negative or non-finite weights, weights summing to 0,
     *                                  or a threshold outside [0, 1]
     */
    public static ClassificationMetrics compute(double[] yTrue01, double[] prob, double[] weights, double threshold) {
        Checks.labels01(yTrue01, "yTrue");
        Checks.probabilities(prob, "prob");
        int n = yTrue01.length;
        Checks.sameLength(n, prob.length, "prob", "yTrue");
        double totalWeight = Checks.weights(weights, n);
        Checks.threshold(threshold);

        Map<String, String> undefined = new LinkedHashMap<>();
        if (n == 0) {
            for (String name : List.of("loss", "accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc",
                    "log_loss", "brier")) {
                undefined.put(name, "no rows");
            }
            double nan = Double.NaN;
            return new ClassificationMetrics(0, 0, threshold, nan, nan, nan, nan, nan, nan, nan, nan, nan,
                    new Confusion(0, 0, 0, 0), List.of(), List.of(), List.of(), Collections.unmodifiableMap(undefined));
        }

        int positives = 0;
        double tp = 0;
        double fp = 0;
        double tn = 0;
        double fn = 0;
        double logSum = 0;
        double brierSum = 0;
        double[] binWeight = new double[CALIBRATION_BINS];
        double[] binProb = new double[CALIBRATION_BINS];
        double[] binPos = new double[CALIBRATION_BINS];
        int[] binCount = new int[CALIBRATION_BINS];
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1.0 : weights[i];
            double p = prob[i];
            boolean actual = yTrue01[i] == 1.0;
            boolean predicted = p >= threshold;
            if (actual) {
                positives++;
                if (predicted) {
                    tp += w;
                } else {
                    fn += w;
                }
            } else if (predicted) {
                fp += w;
            } else {
                tn += w;
            }
            double clipped = Math.min(Math.max(p, LOG_LOSS_EPS), 1.0 - LOG_LOSS_EPS);
            logSum -= w * (actual ? Math.log(clipped) : Math.log1p(-clipped));
            double d = p - yTrue01[i];
            brierSum += w * d * d;
            int bin = Math.min((int) (p * CALIBRATION_BINS), CALIBRATION_BINS - 1);
            binWeight[bin] += w;
            binProb[bin] += w * p;
            binPos[bin] += actual ? w : 0;
            binCount[bin]++;
        }
        double logLoss = logSum / totalWeight;
        double accuracy = (tp + tn) / totalWeight;
        double precision = ratio(tp, tp + fp, "precision", "no row is predicted positive at the threshold", undefined);
        double recall = ratio(tp, tp + fn, "recall", "no positive row", undefined);
        double f1 = ratio(2 * tp, 2 * tp + fp + fn, "f1", "no positive row and none predicted positive", undefined);

        Ranked ranked = Ranked.of(yTrue01, prob, weights);
        double rocAuc = ranked.rocAuc();
        if (Double.isNaN(rocAuc)) {
            undefined.put("roc_auc", ranked.pos > 0 ? "no negative row" : "no positive row");
        }
        double prAuc = ranked.averagePrecision();
        if (Double.isNaN(prAuc)) {
            undefined.put("pr_auc", "no positive row");
        }

        List<CalibrationBin> calibration = new ArrayList<>();
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            if (binCount[b] > 0) {
                double mean = binWeight[b] > 0 ? binProb[b] / binWeight[b] : Double.NaN;
                double rate = binWeight[b] > 0 ? binPos[b] / binWeight[b] : Double.NaN;
                calibration.add(new CalibrationBin((double) b / CALIBRATION_BINS, (double) (b + 1) / CALIBRATION_BINS,
                        mean, rate, binCount[b]));
            }
        }
        return new ClassificationMetrics(n, positives, threshold, logLoss, accuracy, precision, recall, f1, rocAuc,
                prAuc, logLoss, brierSum / totalWeight, new Confusion(tp, fp, tn, fn), List.copyOf(calibration),
                downsample(ranked.rocCurve()), downsample(ranked.prCurve()), Collections.unmodifiableMap(undefined));
    }

    /**
     * ROC AUC of scores against labels, ties counted half; cheaper than {@link #compute} when only the AUC is
     * needed (permutation importance).
     *
     * @param yTrue01 labels, each 0 or 1
     * @param score   any finite score per row; higher means more likely 1
     * @param weights non-negative weight per row, or null
     * @return the AUC, or NaN when there is only one class (or no row)
     * @throws IllegalArgumentException on invalid input
     */
    public static double rocAuc(double[] yTrue01, double[] score, double[] weights) {
        checkRanking(yTrue01, score, weights);
        return Ranked.of(yTrue01, score, weights).rocAuc();
    }

    /**
     * Average precision of scores against labels, as scikit-learn's {@code average_precision_score}.
     *
     * @param yTrue01 labels, each 0 or 1
     * @param score   any finite score per row; higher means more likely 1
     * @param weights non-negative weight per row, or null
     * @return the average precision, or NaN when there is no positive row
     * @throws IllegalArgumentException on invalid input
     */
    public static double averagePrecision(double[] yTrue01, double[] score, double[] weights) {
        checkRanking(yTrue01, score, weights);
        return Ranked.of(yTrue01, score, weights).averagePrecision();
    }

    /**
     * The defined metrics under flat snake_case names for JSON and the catalog: {@code accuracy},
     * {@code precision}, {@code recall}, {@code f1}, {@code roc_auc}, {@code pr_auc}, {@code log_loss},
     * {@code brier}. Undefined (NaN) metrics are left out; {@link #undefined()} says why.
     *
     * @return an insertion-ordered map
     */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        putDefined(m, "accuracy", accuracy);
        putDefined(m, "precision", precision);
        putDefined(m, "recall", recall);
        putDefined(m, "f1", f1);
        putDefined(m, "roc_auc", rocAuc);
        putDefined(m, "pr_auc", prAuc);
        putDefined(m, "log_loss", logLoss);
        putDefined(m, "brier", brier);
        return m;
    }

    static void putDefined(Map<String, Double> m, String name, double value) {
        if (!Double.isNaN(value)) {
            m.put(name, value);
        }
    }

    private static void checkRanking(double[] yTrue01, double[] score, double[] weights) {
        Checks.labels01(yTrue01, "yTrue");
        Checks.finite(score, "score");
        Checks.sameLength(yTrue01.length, score.length, "score", "yTrue");
        Checks.weights(weights, yTrue01.length);
    }

    private static double ratio(double num, double den, String name, String reason, Map<String, String> undefined) {
        if (den > 0) {
            return num / den;
        }
        undefined.put(name, reason);
        return Double.NaN;
    }

    /** Evenly spaced points by index, always keeping the first and the last. */
    static List<CurvePoint> downsample(List<CurvePoint> points) {
        int n = points.size();
        if (n <= MAX_CURVE_POINTS) {
            return List.copyOf(points);
        }
        List<CurvePoint> out = new ArrayList<>(MAX_CURVE_POINTS);
        for (int i = 0; i < MAX_CURVE_POINTS; i++) {
            out.add(points.get((int) Math.round((double) i * (n - 1) / (MAX_CURVE_POINTS - 1))));
        }
        return List.copyOf(out);
    }

    /** Cumulative weighted true and false positives at each distinct score, scores descending. */
    static final class Ranked {
        final double[] thresholds;
        final double[] tp;
        final double[] fp;
        final int size;
        final double pos;
        final double neg;

        private Ranked(double[] thresholds, double[] tp, double[] fp, int size, double pos, double neg) {
            this.thresholds = thresholds;
            this.tp = tp;
            this.fp = fp;
            this.size = size;
            this.pos = pos;
            this.neg = neg;
        }

        static Ranked of(double[] y, double[] score, double[] weights) {
            int n = y.length;
            int[] order = IndexSort.descending(score);
            double[] thr = new double[n];
            double[] tps = new double[n];
            double[] fps = new double[n];
            int m = 0;
            double tp = 0;
            double fp = 0;
            for (int k = 0; k < n; k++) {
                int i = order[k];
                double w = weights == null ? 1.0 : weights[i];
                if (y[i] == 1.0) {
                    tp += w;
                } else {
                    fp += w;
                }
                if (k == n - 1 || score[order[k + 1]] != score[i]) {
                    thr[m] = score[i];
                    tps[m] = tp;
                    fps[m] = fp;
                    m++;
                }
            }
            return new Ranked(thr, tps, fps, m, tp, fp);
        }

        double rocAuc() {
            if (!(pos > 0) || !(neg > 0)) {
                return Double.NaN;
            }
            double area = 0;
            double prevTp = 0;
            double prevFp = 0;
            for (int i = 0; i < size; i++) {
                area += (fp[i] - prevFp) * (tp[i] + prevTp) / 2.0;
                prevTp = tp[i];
                prevFp = fp[i];
            }
            return area / (pos * neg);
        }

        double averagePrecision() {
            if (!(pos > 0)) {
                return Double.NaN;
            }
            double ap = 0;
            double prevTp = 0;
            for (int i = 0; i < size; i++) {
                double selected = tp[i] + fp[i];
                if (tp[i] > prevTp && selected > 0) {
                    ap += (tp[i] - prevTp) * (tp[i] / selected);
                }
                prevTp = tp[i];
            }
            return ap / pos;
        }

        List<CurvePoint> rocCurve() {
            if (!(pos > 0) || !(neg > 0)) {
                return List.of();
            }
            List<CurvePoint> points = new ArrayList<>(size + 1);
            points.add(new CurvePoint(0, 0, Double.POSITIVE_INFINITY));
            for (int i = 0; i < size; i++) {
                points.add(new CurvePoint(fp[i] / neg, tp[i] / pos, thresholds[i]));
            }
            return points;
        }

        List<CurvePoint> prCurve() {
            if (!(pos > 0)) {
                return List.of();
            }
            List<CurvePoint> points = new ArrayList<>(size + 1);
            points.add(new CurvePoint(0, 1, Double.POSITIVE_INFINITY));
            for (int i = 0; i < size; i++) {
                double selected = tp[i] + fp[i];
                points.add(new CurvePoint(tp[i] / pos, selected > 0 ? tp[i] / selected : 1.0, thresholds[i]));
            }
            return points;
        }
    }
}
