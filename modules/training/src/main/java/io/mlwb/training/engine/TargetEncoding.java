package io.mlwb.training.engine;

import io.mlwb.core.error.UserError;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.training.spec.TrainingSpec.Task;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the target column becomes the model's label: 0/1 for a binary classification, the value itself for a
 * regression.
 *
 * <p>The positive class of a binary target is, in this order: {@code true} for a boolean column; the larger of the two
 * values for a numeric one (so 0/1 keeps 1); for text, a value that reads as positive ({@code 1}, {@code true},
 * {@code yes}, {@code y}, {@code positive}, {@code default}, {@code defaulted}, {@code bad}, {@code fraud}, {@code churn}),
 * else the rarer of the two values.
 *
 * @param task     classification or regression
 * @param column   the target column
 * @param negative the label of class 0 (classification), or null
 * @param positive the label of class 1 (classification), or null
 * @param classes  the classes of a multi-class target (loss cross_entropy), in label order, or null
 */
public record TargetEncoding(Task task, String column, String negative, String positive, List<String> classes) {

    /** Copies the classes. */
    public TargetEncoding {
        classes = classes == null ? null : List.copyOf(classes);
    }

    /**
     * A binary or regression encoding.
     *
     * @param task     the task
     * @param column   the target column
     * @param negative class 0, or null
     * @param positive class 1, or null
     */
    public TargetEncoding(Task task, String column, String negative, String positive) {
        this(task, column, negative, positive, null);
    }

    /** @return the model's outputs: the number of classes of a multi-class target, else 1 */
    public int outputs() {
        return classes == null ? 1 : classes.size();
    }

    /** @return whether the target has more than two classes */
    public boolean multiClass() {
        return classes != null;
    }

    /**
     * Decides the encoding; a target with more than two classes is multi-class when the spec asks for it.
     *
     * @param col        the target column
     * @param task       what the spec trains
     * @param multiClass whether the spec's loss is cross_entropy
     * @return the encoding
     */
    public static TargetEncoding of(Column col, Task task, boolean multiClass) {
        if (multiClass && task == Task.CLASSIFICATION) {
            java.util.TreeSet<String> distinct = new java.util.TreeSet<>();
            for (int i = 0; i < col.size(); i++) {
                if (!col.isMissing(i)) {
                    distinct.add(text(col, i));
                }
            }
            if (distinct.size() < 2) {
                checkTwo(col.name(), distinct.size(), distinct.toString());
            }
            if (distinct.size() > 1000) {
                throw new UserError("target " + col.name() + " has " + distinct.size() + " classes",
                        "A classifier over more than 1,000 classes is not what this trains; pick another target.");
            }
            return new TargetEncoding(task, col.name(), null, null, new java.util.ArrayList<>(distinct));
        }
        return of(col, task);
    }

    private static String text(Column col, int i) {
        if (col instanceof NumericColumn n) {
            return number(n.values()[i]);
        }
        if (col instanceof BooleanColumn b) {
            return b.values()[i] > 0 ? "true" : "false";
        }
        if (col instanceof CategoricalColumn c) {
            return c.value(i);
        }
        throw new UserError("target " + col.name() + " is a date column", "Pick a numeric, boolean or categorical target.");
    }

    private static final Set<String> POSITIVE_WORDS = Set.of("1", "true", "yes", "y", "positive", "pos", "default",
            "defaulted", "bad", "fraud", "churn", "churned");

    /**
     * Decides the encoding from the column.
     *
     * @param col  the target column
     * @param task what the spec trains
     * @return the encoding
     * @throws UserError when the column cannot be a target for the task
     */
    public static TargetEncoding of(Column col, Task task) {
        if (task == Task.REGRESSION) {
            if (!(col instanceof NumericColumn)) {
                throw new UserError("target " + col.name() + " is " + col.type().yamlName()
                        + ", but a regression needs a numeric target",
                        "Pick a numeric target, or train a classifier (loss bce or focal, or model logistic).");
            }
            return new TargetEncoding(task, col.name(), null, null);
        }
        if (col instanceof BooleanColumn) {
            return new TargetEncoding(task, col.name(), "false", "true");
        }
        if (col instanceof NumericColumn n) {
            TreeSet<Double> distinct = new TreeSet<>();
            for (int i = 0; i < n.size() && distinct.size() <= 2; i++) {
                if (!n.isMissing(i)) {
                    distinct.add(n.values()[i]);
                }
            }
            checkTwo(col.name(), distinct.size(), distinct.toString());
            return new TargetEncoding(task, col.name(), number(distinct.first()), number(distinct.last()));
        }
        if (col instanceof CategoricalColumn c) {
            int[] counts = new int[c.dictionary().size()];
            for (int code : c.codes()) {
                if (code >= 0) {
                    counts[code]++;
                }
            }
            List<String> seen = new java.util.ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    seen.add(c.dictionary().get(i));
                }
            }
            checkTwo(col.name(), seen.size(), seen.size() > 6 ? seen.subList(0, 6) + "…" : seen.toString());
            int a = c.dictionary().indexOf(seen.get(0));
            int b = c.dictionary().indexOf(seen.get(1));
            String pa = seen.get(0);
            String pb = seen.get(1);
            boolean aPos = POSITIVE_WORDS.contains(pa.trim().toLowerCase(Locale.ROOT));
            boolean bPos = POSITIVE_WORDS.contains(pb.trim().toLowerCase(Locale.ROOT));
            String positive;
            if (aPos != bPos) {
                positive = aPos ? pa : pb;
            } else if (counts[a] != counts[b]) {
                positive = counts[a] < counts[b] ? pa : pb;
            } else {
                positive = pa.compareTo(pb) > 0 ? pa : pb;
            }
            return new TargetEncoding(task, col.name(), positive.equals(pa) ? pb : pa, positive);
        }
        throw new UserError("target " + col.name() + " is a date column", "Pick a numeric, boolean or categorical target.");
    }

    private static void checkTwo(String name, int distinct, String values) {
        if (distinct == 0) {
            throw new UserError("target " + name + " has no value in any row (the data is empty, or the column is)",
                    "Check the data file and the target column.");
        }
        if (distinct < 2) {
            throw new UserError("target " + name + " has only one class " + values + " in the rows with a target",
                    "A classifier needs both classes; check the target column or the data file.");
        }
        if (distinct > 2) {
            throw new UserError("target " + name + " has more than two classes " + values
                    + ", but the spec's loss is binary",
                    "Set `loss: cross_entropy` for a multi-class classifier (or --set loss.type=cross_entropy).");
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * @param col the target column
     * @param row a row
     * @return the label of the row (0/1, or the value), or NaN when the target is missing
     */
    public double label(Column col, int row) {
        if (col.isMissing(row)) {
            return Double.NaN;
        }
        if (classes != null) {
            int k = java.util.Collections.binarySearch(classes, text(col, row));
            return k < 0 ? Double.NaN : k;
        }
        if (task == Task.REGRESSION) {
            return ((NumericColumn) col).values()[row];
        }
        if (col instanceof BooleanColumn b) {
            return b.values()[row] > 0 ? 1 : 0;
        }
        if (col instanceof NumericColumn n) {
            return n.values()[row] == Double.parseDouble(positive) ? 1 : 0;
        }
        return ((CategoricalColumn) col).value(row).equals(positive) ? 1 : 0;
    }
}
