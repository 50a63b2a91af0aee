package io.mlwb.training.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Metrics of a multi-class classifier from class probabilities: accuracy, macro precision/recall/F1, log loss. */
final class MultiClass {
    private MultiClass() {
    }

    /**
     * @param y       class indices
     * @param proba   {@code rows × k} probabilities, row-major
     * @param k       classes
     * @return {@code accuracy}, {@code macro_precision}, {@code macro_recall}, {@code macro_f1}, {@code log_loss}
     */
    static Map<String, Double> metrics(float[] y, double[] proba, int k) {
        long[][] confusion = confusion(y, proba, k);
        Map<String, Double> m = new LinkedHashMap<>();
        long correct = 0;
        for (int c = 0; c < k; c++) {
            correct += confusion[c][c];
        }
        m.put("accuracy", y.length == 0 ? Double.NaN : (double) correct / y.length);
        double p = 0;
        double r = 0;
        double f = 0;
        int seen = 0;
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long actual = 0;
            long predicted = 0;
            for (int j = 0; j < k; j++) {
                actual += confusion[c][j];
                predicted += confusion[j][c];
            }
            if (actual == 0) {
                continue; // a class absent from the split does not count in the macro average
            }
            double prec = predicted == 0 ? 0 : (double) tp / predicted;
            double rec = (double) tp / actual;
            p += prec;
            r += rec;
            f += prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec);
            seen++;
        }
        m.put("macro_precision", seen == 0 ? Double.NaN : p / seen);
        m.put("macro_recall", seen == 0 ? Double.NaN : r / seen);
        m.put("macro_f1", seen == 0 ? Double.NaN : f / seen);
        double ll = 0;
        for (int i = 0; i < y.length; i++) {
            ll -= Math.log(Math.min(Math.max(proba[i * k + (int) y[i]], 1e-15), 1 - 1e-15));
        }
        m.put("log_loss", y.length == 0 ? Double.NaN : ll / y.length);
        return m;
    }

    /**
     * @param y     class indices
     * @param proba probabilities
     * @param k     classes
     * @return counts [actual][predicted], predicted = the most likely class
     */
    static long[][] confusion(float[] y, double[] proba, int k) {
        long[][] c = new long[k][k];
        for (int i = 0; i < y.length; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (proba[i * k + j] > proba[i * k + best]) {
                    best = j;
                }
            }
            c[(int) y[i]][best]++;
        }
        return c;
    }

    /**
     * @param proba probabilities
     * @param rows  rows
     * @param k     classes
     * @return the most likely class of each row
     */
    static int[] argmax(double[] proba, int rows, int k) {
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (proba[i * k + j] > proba[i * k + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * @param confusion counts [actual][predicted]
     * @param labels    class labels
     * @return per class {@code class}, {@code support} (rows of the class), {@code predicted}, {@code precision},
     *     {@code recall}, {@code f1}; precision is 0 when the class is never predicted, recall NaN without rows of it
     */
    static com.fasterxml.jackson.databind.node.ArrayNode perClass(long[][] confusion, java.util.List<String> labels) {
        com.fasterxml.jackson.databind.node.ArrayNode out = TrainingService.json().createArrayNode();
        int k = confusion.length;
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long actual = 0;
            long predicted = 0;
            for (int j = 0; j < k; j++) {
                actual += confusion[c][j];
                predicted += confusion[j][c];
            }
            double prec = predicted == 0 ? 0 : (double) tp / predicted;
            double rec = actual == 0 ? Double.NaN : (double) tp / actual;
            var n = out.addObject();
            n.put("class", labels.get(c));
            n.put("support", actual);
            n.put("predicted", predicted);
            n.put("precision", prec);
            n.put("recall", rec);
            n.put("f1", actual == 0 ? Double.NaN : prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec));
        }
        return out;
    }
}
