package io.mlwb.training.engine;

import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.training.spec.TrainingSpec.ImputeStrategy;
import io.mlwb.training.spec.TrainingSpec.Preprocessing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The preprocessing fitted on the training split only, then applied unchanged to validation, test and (later) served
 * rows. Every fitted value (imputation value, mean and standard deviation, the kept categories) is a field of a record
 * so it is stored with the model and shown in the run.
 *
 * <p>Per source column: numeric and date columns (dates as days since 1970-01-01) are imputed with the recorded
 * value, get a missing indicator when the training split had missing values, and are standardized when asked;
 * booleans become 0/1 with imputation; categorical columns are one-hot encoded over the most frequent training
 * categories (at most {@code max_categories}) with an "other" bucket that also takes categories never seen in
 * training, and a "missing" slot when the training split had missing values; text columns give their length (when
 * {@code text_length} is on) or are treated as categorical.
 *
 * @param features one fitted transform per source column, in column order
 */
public record Preprocessor(List<Feature> features) {

    /** Days per millisecond, for dates. */
    private static final double DAYS_PER_MS = 1.0 / 86_400_000.0;

    /** Copies the list. */
    public Preprocessor {
        features = List.copyOf(features);
    }

    /**
     * How one source column becomes model inputs.
     *
     * @param column      the source column
     * @param kind        {@code numeric}, {@code date}, {@code boolean}, {@code text_length} or {@code one_hot}
     * @param impute      the value written for a missing cell (numeric kinds)
     * @param mean        the mean subtracted (0 when not standardized)
     * @param scale       the divisor (1 when not standardized)
     * @param indicator   whether a {@code column__missing} input is added
     * @param categories  the categories kept, in output order ({@code one_hot})
     * @param other       whether an {@code column=__other__} input takes other and unseen categories
     */
    public record Feature(String column, String kind, double impute, double mean, double scale, boolean indicator,
                          List<String> categories, boolean other) {
        /** Copies the categories. */
        public Feature {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(kind, "kind");
            categories = categories == null ? List.of() : List.copyOf(categories);
        }

        /** @return how many model inputs this feature writes */
        public int width() {
            if ("one_hot".equals(kind)) {
                return categories.size() + (other ? 1 : 0) + (indicator ? 1 : 0);
            }
            return 1 + (indicator ? 1 : 0);
        }

        /** @return the names of the inputs this feature writes */
        public List<String> outputNames() {
            List<String> names = new ArrayList<>();
            if ("one_hot".equals(kind)) {
                for (String c : categories) {
                    names.add(column + "=" + c);
                }
                if (other) {
                    names.add(column + "=__other__");
                }
            } else {
                names.add("text_length".equals(kind) ? column + "__length" : column);
            }
            if (indicator) {
                names.add(column + "__missing");
            }
            return names;
        }
    }

    /**
     * Fits the preprocessing on the training rows.
     *
     * @param table    the whole table
     * @param columns  the feature columns, in order
     * @param train    the training rows
     * @param settings the spec's preprocessing section
     * @return the fitted preprocessing
     */
    public static Preprocessor fit(DataTable table, List<String> columns, int[] train, Preprocessing settings) {
        List<Feature> out = new ArrayList<>();
        for (String name : columns) {
            Column col = table.column(name).orElseThrow();
            out.add(fitOne(col, train, settings));
        }
        return new Preprocessor(out);
    }

    private static Feature fitOne(Column col, int[] train, Preprocessing s) {
        if (col instanceof CategoricalColumn c && (c.type() == ColumnType.CATEGORICAL || !s.textLengthFeatures())) {
            return fitOneHot(c, train, s.oneHotMaxCategories());
        }
        double[] values = new double[train.length];
        boolean[] missing = new boolean[train.length];
        String kind;
        for (int i = 0; i < train.length; i++) {
            int r = train[i];
            missing[i] = col.isMissing(r);
            values[i] = missing[i] ? Double.NaN : raw(col, r);
        }
        if (col instanceof NumericColumn) {
            kind = "numeric";
        } else if (col instanceof DateTimeColumn) {
            kind = "date";
        } else if (col instanceof BooleanColumn) {
            kind = "boolean";
        } else {
            kind = "text_length";
        }
        int present = 0;
        boolean anyMissing = false;
        for (boolean m : missing) {
            if (m) {
                anyMissing = true;
            } else {
                present++;
            }
        }
        double[] kept = new double[present];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (!missing[i]) {
                kept[k++] = values[i];
            }
        }
        double impute = imputeValue(kept, s.impute(), s.imputeValue());
        double mean = 0;
        double scale = 1;
        if (s.standardize() && !"boolean".equals(kind)) {
            double sum = 0;
            for (double v : values) {
                sum += Double.isNaN(v) ? impute : v;
            }
            mean = values.length == 0 ? 0 : sum / values.length;
            double ss = 0;
            for (double v : values) {
                double d = (Double.isNaN(v) ? impute : v) - mean;
                ss += d * d;
            }
            double sd = values.length == 0 ? 0 : Math.sqrt(ss / values.length);
            scale = sd > 1e-12 && Double.isFinite(sd) ? sd : 1;
        }
        return new Feature(col.name(), kind, impute, mean, scale, anyMissing, List.of(), false);
    }

    private static double imputeValue(double[] kept, ImputeStrategy strategy, String constant) {
        if (kept.length == 0) {
            return 0;
        }
        switch (strategy) {
            case MEAN -> {
                double sum = 0;
                for (double v : kept) {
                    sum += v;
                }
                return sum / kept.length;
            }
            case MEDIAN -> {
                double[] sorted = kept.clone();
                Arrays.sort(sorted);
                int m = sorted.length / 2;
                return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
            }
            case MOST_FREQUENT -> {
                double[] sorted = kept.clone();
                Arrays.sort(sorted);
                double best = sorted[0];
                int bestRun = 0;
                int i = 0;
                while (i < sorted.length) {
                    int j = i;
                    while (j < sorted.length && sorted[j] == sorted[i]) {
                        j++;
                    }
                    if (j - i > bestRun) {
                        bestRun = j - i;
                        best = sorted[i];
                    }
                    i = j;
                }
                return best;
            }
            case CONSTANT -> {
                try {
                    return constant == null ? 0 : Double.parseDouble(constant.trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
            default -> throw new IllegalStateException("unknown impute strategy " + strategy);
        }
    }

    private static Feature fitOneHot(CategoricalColumn c, int[] train, int maxCategories) {
        int[] counts = new int[c.dictionary().size()];
        boolean anyMissing = false;
        for (int r : train) {
            int code = c.codes()[r];
            if (code < 0) {
                anyMissing = true;
            } else {
                counts[code]++;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                order.add(i);
            }
        }
        // most frequent first; ties by the category text, so the order never depends on the file's row order
        order.sort(Comparator.<Integer>comparingInt(i -> -counts[i]).thenComparing(i -> c.dictionary().get(i)));
        int keep = Math.min(order.size(), Math.max(1, maxCategories));
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < keep; i++) {
            kept.add(c.dictionary().get(order.get(i)));
        }
        // "other" is always there: it takes the categories cut here and the ones never seen in training
        return new Feature(c.name(), "one_hot", 0, 0, 1, anyMissing, kept, true);
    }

    private static double raw(Column col, int r) {
        if (col instanceof NumericColumn n) {
            return n.values()[r];
        } else if (col instanceof DateTimeColumn d) {
            return d.millis()[r] * DAYS_PER_MS;
        } else if (col instanceof BooleanColumn b) {
            return b.values()[r];
        }
        return ((CategoricalColumn) col).value(r).length();
    }

    /**
     * Reads a preprocessing from the JSON {@code model.zip} stores (also in an ONNX export's metadata).
     *
     * @param json the JSON
     * @return the preprocessing
     * @throws IllegalArgumentException when it is not a preprocessing
     */
    public static Preprocessor fromJson(String json) {
        try {
            return TrainingService.json().readValue(json, Preprocessor.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a preprocessing: " + e.getMessage(), e);
        }
    }

    /** @return the number of model inputs */
    public int width() {
        int w = 0;
        for (Feature f : features) {
            w += f.width();
        }
        return w;
    }

    /** @return the model inputs' names, in order */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (Feature f : features) {
            names.addAll(f.outputNames());
        }
        return names;
    }

    /**
     * The inputs each source column writes, for importance by source column.
     *
     * @return per feature, the indices of its inputs
     */
    public int[][] groups() {
        int[][] g = new int[features.size()][];
        int at = 0;
        for (int i = 0; i < features.size(); i++) {
            int w = features.get(i).width();
            g[i] = new int[w];
            for (int j = 0; j < w; j++) {
                g[i][j] = at + j;
            }
            at += w;
        }
        return g;
    }

    /**
     * Transforms rows of a table into a row-major matrix.
     *
     * @param table the table (it must hold every source column with the same kinds as when fitted)
     * @param rows  the rows to transform
     * @return {@code rows.length × width()} values, row-major
     */
    public float[] transform(DataTable table, int[] rows) {
        int w = width();
        float[] out = new float[rows.length * w];
        int offset = 0;
        for (Feature f : features) {
            Column col = table.column(f.column()).orElseThrow(() -> new IllegalArgumentException(
                    "column " + f.column() + " is missing"));
            if ("one_hot".equals(f.kind())) {
                writeOneHot(f, (CategoricalColumn) col, rows, out, w, offset);
            } else {
                for (int i = 0; i < rows.length; i++) {
                    int r = rows[i];
                    boolean miss = col.isMissing(r);
                    double v = miss ? f.impute() : raw(col, r);
                    if (!Double.isFinite(v)) {
                        v = f.impute();
                    }
                    out[i * w + offset] = (float) ((v - f.mean()) / f.scale());
                    if (f.indicator()) {
                        out[i * w + offset + 1] = miss ? 1f : 0f;
                    }
                }
            }
            offset += f.width();
        }
        return out;
    }

    private static void writeOneHot(Feature f, CategoricalColumn col, int[] rows, float[] out, int w, int offset) {
        // map the table's dictionary codes to output slots once
        Map<String, Integer> slot = new HashMap<>();
        for (int i = 0; i < f.categories().size(); i++) {
            slot.put(f.categories().get(i), i);
        }
        int otherSlot = f.categories().size();
        int missingSlot = otherSlot + (f.other() ? 1 : 0);
        int[] codeSlot = new int[col.dictionary().size()];
        for (int c = 0; c < codeSlot.length; c++) {
            codeSlot[c] = slot.getOrDefault(col.dictionary().get(c), f.other() ? otherSlot : -1);
        }
        for (int i = 0; i < rows.length; i++) {
            int code = col.codes()[rows[i]];
            int s = code < 0 ? (f.indicator() ? missingSlot : -1) : codeSlot[code];
            if (s >= 0) {
                out[i * w + offset + s] = 1f;
            }
        }
    }

    /** @return a one-line summary, e.g. {@code 12 columns → 40 inputs (3 one-hot, 9 numeric)} */
    public String summary() {
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        for (Feature f : features) {
            kinds.merge(f.kind(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder();
        kinds.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append(' ')
                .append(k.replace('_', '-').toLowerCase(Locale.ROOT)));
        return features.size() + " columns → " + width() + " inputs (" + sb + ")";
    }
}
