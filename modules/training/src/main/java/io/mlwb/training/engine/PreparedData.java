package io.mlwb.training.engine;

import java.util.List;
import java.util.Map;

/**
 * The model-ready data of one training: the fitted preprocessing and the three splits as row-major matrices.
 *
 * @param preprocessor the preprocessing fitted on the training split
 * @param target       how the target was encoded
 * @param featureColumns the source columns used as features
 * @param train        the training split
 * @param validation   the validation split
 * @param test         the test split
 * @param sensitive    the sensitive columns (for per-group metrics), which are never features
 * @param warnings     what was dropped or assumed, for the person to read
 * @param facts        counts and choices to record with the run (rows per split, positive rate, split rule)
 */
public record PreparedData(Preprocessor preprocessor, TargetEncoding target, List<String> featureColumns, Part train,
                           Part validation, Part test, List<String> sensitive, List<String> warnings,
                           Map<String, String> facts) {

    /** Copies the lists. */
    public PreparedData {
        featureColumns = List.copyOf(featureColumns);
        sensitive = List.copyOf(sensitive);
        warnings = List.copyOf(warnings);
        facts = Map.copyOf(facts);
    }

    /** @return the number of model inputs */
    public int width() {
        return preprocessor.width();
    }

    /**
     * One split.
     *
     * @param name   {@code train}, {@code validation} or {@code test}
     * @param rows   the table rows, ascending
     * @param x      {@code rows.length × width} inputs, row-major
     * @param y      the labels (0/1 or values)
     * @param groups per sensitive column, the group of each row (null when missing)
     * @param weights per-row loss weights (fairness reweighing), or null for none
     */
    public record Part(String name, int[] rows, float[] x, float[] y, Map<String, String[]> groups, float[] weights) {
        /** Copies the map. */
        public Part {
            groups = Map.copyOf(groups);
        }

        /** @return the number of rows */
        public int size() {
            return rows.length;
        }
    }
}
