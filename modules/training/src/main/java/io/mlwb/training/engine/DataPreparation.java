package io.mlwb.training.engine;

import io.mlwb.core.error.UserError;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.SplitStrategy;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.training.spec.TrainingSpec;
import io.mlwb.training.spec.TrainingSpec.Split;
import io.mlwb.training.spec.TrainingSpec.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Turns a table read by our reader into model-ready splits, in one pass over the columns already in memory (the file
 * is never parsed twice): the target encoded, the feature columns chosen, the rows split, the preprocessing fitted on
 * the training rows only and applied to all three splits.
 *
 * <p>Feature columns, unless the spec lists them: every column but the target, the dataset's id and time columns,
 * its sensitive attributes (kept aside for per-group metrics), the spec's excludes, columns with no value in the
 * training rows, columns with one value only, and columns that look like row ids (named {@code id} or ending in
 * {@code _id} with a distinct value per row). Every such choice is a warning the person reads.
 *
 * <p>Splits are deterministic for a seed: time (ordered by the time column; earliest rows train, latest test),
 * random (seeded shuffle), stratified (seeded shuffle within each class) and group (a group's rows stay together).
 */
public final class DataPreparation {

    private DataPreparation() {
    }

    /**
     * Prepares a table for a spec.
     *
     * @param table   the data, as read
     * @param file    the file it came from (for messages)
     * @param spec    the training spec
     * @param dataset the dataset's configuration (id, time and sensitive columns)
     * @return the prepared splits
     * @throws UserError for a missing target or feature column, a target that cannot be trained on, or splits too small
     */
    public static PreparedData prepare(DataTable table, Path file, TrainingSpec spec, DatasetConfig dataset) {
        List<String> warnings = new ArrayList<>();
        Column target = table.column(spec.target()).orElseThrow(
                () -> UserError.missingColumn(file, spec.target(), table.names()));
        TargetEncoding enc = TargetEncoding.of(target, spec.task(),
                spec.loss().type() == io.mlwb.training.spec.TrainingSpec.LossType.CROSS_ENTROPY);
        double[] labels = new double[table.rowCount()];
        int missingTarget = 0;
        for (int r = 0; r < labels.length; r++) {
            labels[r] = enc.label(target, r);
            if (Double.isNaN(labels[r]) || Double.isInfinite(labels[r])) {
                missingTarget++;
            }
        }
        if (missingTarget > 0) {
            warnings.add(missingTarget + " rows have no " + spec.target() + " and are left out");
        }
        int[] usable = new int[table.rowCount() - missingTarget];
        int k = 0;
        for (int r = 0; r < labels.length; r++) {
            if (Double.isFinite(labels[r])) {
                usable[k++] = r;
            }
        }
        if (usable.length < 10) {
            throw new UserError(file + " has " + usable.length + " rows with a target; training needs at least 10",
                    "Check the file and the target column " + spec.target() + ".");
        }
        Split split = spec.split();
        int[][] parts = split(table, file, split, usable, labels, spec);
        for (int i = 0; i < 3; i++) {
            if (parts[i].length == 0) {
                throw new UserError("the " + List.of("training", "validation", "test").get(i) + " split of "
                        + usable.length + " rows is empty", "Raise split.validation_fraction/test_fraction or add rows.");
            }
        }
        if (spec.task() == Task.CLASSIFICATION && !enc.multiClass()) {
            double pos = 0;
            for (int r : parts[0]) {
                pos += labels[r];
            }
            if (pos == 0 || pos == parts[0].length) {
                throw new UserError("the training split holds only one class of " + spec.target(),
                        "Use a stratified split (`split: {strategy: random, stratified: true}`) or more data.");
            }
        }
        List<String> sensitive = new ArrayList<>();
        List<String> declared = new ArrayList<>(dataset.sensitiveAttributes());
        String fairAttr = spec.fairness().attribute();
        if (fairAttr != null && !declared.contains(fairAttr)) {
            declared.add(fairAttr);
        }
        for (String s : declared) {
            if (table.column(s).isPresent()) {
                sensitive.add(s);
            } else {
                if (s.equals(fairAttr)) {
                    throw UserError.missingColumn(file, s, table.names());
                }
                warnings.add("sensitive attribute " + s + " is not a column of " + file.getFileName()
                        + "; no per-group metrics for it");
            }
        }
        List<String> features = chooseFeatures(table, file, spec, dataset, sensitive, parts[0], warnings);
        if (features.isEmpty()) {
            throw new UserError("no feature columns are left in " + file.getFileName() + " after leaving out the target, "
                    + "id, time and sensitive columns", "List features under `features: include:` in the spec.");
        }
        Preprocessor pre = Preprocessor.fit(table, features, parts[0], spec.preprocessing());
        PreparedData.Part train = part("train", table, pre, parts[0], labels, sensitive);
        io.mlwb.training.spec.TrainingSpec.Mitigation mitigation = spec.fairness().mitigation();
        if (enc.multiClass() && mitigation != io.mlwb.training.spec.TrainingSpec.Mitigation.NONE) {
            warnings.add("fairness.mitigation " + mitigation.name().toLowerCase(Locale.ROOT) + " is for binary "
                    + "classifiers only; this multi-class run is trained and evaluated without it (its per-group "
                    + "fairness is still reported)");
        } else if (mitigation == io.mlwb.training.spec.TrainingSpec.Mitigation.REWEIGHING) {
            double[] w = io.mlwb.training.eval.Reweighing.weights(Evaluation.doubles(train.y()),
                    train.groups().get(fairAttr));
            float[] wf = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                wf[i] = (float) w[i];
            }
            train = new PreparedData.Part(train.name(), train.rows(), train.x(), train.y(), train.groups(), wf);
        }
        PreparedData.Part val = part("validation", table, pre, parts[1], labels, sensitive);
        PreparedData.Part test = part("test", table, pre, parts[2], labels, sensitive);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("rows_train", Integer.toString(train.size()));
        facts.put("rows_validation", Integer.toString(val.size()));
        facts.put("rows_test", Integer.toString(test.size()));
        facts.put("inputs", Integer.toString(pre.width()));
        facts.put("split", describe(split));
        if (enc.multiClass()) {
            facts.put("classes", String.join(",", enc.classes()));
        }
        if (enc.positive() != null) {
            facts.put("positive_class", enc.positive());
            double pos = 0;
            for (float y : train.y()) {
                pos += y;
            }
            facts.put("positive_rate_train", String.format(Locale.ROOT, "%.4f", pos / train.size()));
        }
        return new PreparedData(pre, enc, features, train, val, test, sensitive, warnings, facts);
    }

    /** @return e.g. {@code time by applied_at (70/10/20)} */
    static String describe(Split s) {
        String how = switch (s.strategy()) {
            case TIME -> "time by " + s.timeColumn();
            case GROUP -> "group by " + s.groupColumn();
            case RANDOM -> s.stratified() ? "stratified random" : "random";
        };
        long tr = Math.round(100 * (1 - s.validationFraction() - s.testFraction()));
        return how + " (" + tr + "/" + Math.round(100 * s.validationFraction()) + "/"
                + Math.round(100 * s.testFraction()) + ")";
    }

    private static PreparedData.Part part(String name, DataTable table, Preprocessor pre, int[] rows, double[] labels,
                                          List<String> sensitive) {
        float[] y = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = (float) labels[rows[i]];
        }
        Map<String, String[]> groups = new HashMap<>();
        for (String s : sensitive) {
            Column c = table.column(s).orElseThrow();
            String[] g = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                g[i] = cellText(c, rows[i]);
            }
            groups.put(s, g);
        }
        return new PreparedData.Part(name, rows, pre.transform(table, rows), y, groups, null);
    }

    private static String cellText(Column c, int r) {
        if (c.isMissing(r)) {
            return null;
        }
        if (c instanceof CategoricalColumn cc) {
            return cc.value(r);
        }
        if (c instanceof NumericColumn n) {
            double v = n.values()[r];
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
        if (c instanceof DateTimeColumn d) {
            return d.text(r);
        }
        return ((io.mlwb.data.table.BooleanColumn) c).values()[r] > 0 ? "true" : "false";
    }

    private static List<String> chooseFeatures(DataTable table, Path file, TrainingSpec spec, DatasetConfig dataset,
                                               List<String> sensitive, int[] train, List<String> warnings) {
        List<String> include = spec.features().include();
        Set<String> exclude = new LinkedHashSet<>(spec.features().exclude());
        for (String e : exclude) {
            if (table.column(e).isEmpty()) {
                warnings.add("features.exclude names " + e + ", which is not a column of " + file.getFileName());
            }
        }
        if (!include.isEmpty()) {
            for (String c : include) {
                if (table.column(c).isEmpty()) {
                    throw UserError.missingColumn(file, c, table.names());
                }
                if (c.equals(spec.target())) {
                    throw new UserError("features.include lists the target " + c, "Remove it from the feature list.");
                }
            }
            return include.stream().filter(c -> !exclude.contains(c)).toList();
        }
        Set<String> skip = new LinkedHashSet<>();
        skip.add(spec.target());
        if (dataset.idColumn() != null) {
            skip.add(dataset.idColumn());
        }
        String time = spec.split().timeColumn() != null ? spec.split().timeColumn() : dataset.timeColumn();
        if (time != null) {
            skip.add(time);
        }
        skip.addAll(sensitive);
        skip.addAll(exclude);
        List<String> out = new ArrayList<>();
        for (Column c : table.columns()) {
            String name = c.name();
            if (skip.contains(name)) {
                continue;
            }
            int present = 0;
            for (int r : train) {
                if (!c.isMissing(r)) {
                    present++;
                }
            }
            if (present == 0) {
                warnings.add("column " + name + " has no value in the training rows and is left out");
                continue;
            }
            if (constant(c, train)) {
                warnings.add("column " + name + " holds one value only and is left out");
                continue;
            }
            if (looksLikeId(c, table.rowCount())) {
                warnings.add("column " + name + " looks like a row id (a distinct value per row) and is left out; "
                        + "list it under features.include to keep it");
                continue;
            }
            out.add(name);
        }
        return out;
    }

    private static boolean constant(Column c, int[] train) {
        if (c instanceof NumericColumn n) {
            double first = Double.NaN;
            for (int r : train) {
                if (!n.isMissing(r)) {
                    if (Double.isNaN(first)) {
                        first = n.values()[r];
                    } else if (n.values()[r] != first) {
                        return false;
                    }
                }
            }
            // a column missing in some rows still tells something through its missing indicator
            return hasNoMissing(c, train);
        }
        if (c instanceof CategoricalColumn cc) {
            int first = Integer.MIN_VALUE;
            for (int r : train) {
                int code = cc.codes()[r];
                if (first == Integer.MIN_VALUE) {
                    first = code;
                } else if (code != first) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean hasNoMissing(Column c, int[] train) {
        for (int r : train) {
            if (c.isMissing(r)) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeId(Column c, int rows) {
        String n = c.name().toLowerCase(Locale.ROOT);
        boolean named = n.equals("id") || n.endsWith("_id") || n.endsWith("-id") || c.name().endsWith("Id")
                || n.equals("uuid") || n.equals("index");
        if (!named) {
            return false;
        }
        if (c instanceof NumericColumn num) {
            if (!num.integral()) {
                return false;
            }
            double[] v = num.values().clone();
            Arrays.sort(v);
            for (int i = 1; i < v.length; i++) {
                if (v[i] == v[i - 1]) {
                    return false;
                }
            }
            return true;
        }
        if (c instanceof CategoricalColumn cc) {
            return cc.dictionary().size() >= rows * 0.99;
        }
        return false;
    }

    private static int[][] split(DataTable table, Path file, Split s, int[] usable, double[] labels, TrainingSpec spec) {
        int n = usable.length;
        int nTest = (int) Math.round(n * s.testFraction());
        int nVal = (int) Math.round(n * s.validationFraction());
        if (s.strategy() == SplitStrategy.TIME) {
            Column tc = table.column(s.timeColumn()).orElseThrow(
                    () -> UserError.missingColumn(file, s.timeColumn(), table.names()));
            double[] key = new double[table.rowCount()];
            for (int r : usable) {
                key[r] = tc.isMissing(r) ? Double.NEGATIVE_INFINITY : timeKey(tc, file);
            }
            if (tc instanceof DateTimeColumn d) {
                for (int r : usable) {
                    key[r] = d.isMissing(r) ? Double.NEGATIVE_INFINITY : d.millis()[r];
                }
            } else if (tc instanceof NumericColumn num) {
                for (int r : usable) {
                    key[r] = num.isMissing(r) ? Double.NEGATIVE_INFINITY : num.values()[r];
                }
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = usable[i];
            }
            // stable: rows with the same time keep the file's order
            Arrays.sort(order, (a, b) -> Double.compare(key[a], key[b]));
            int[] sorted = new int[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = order[i];
            }
            int nTrain = n - nVal - nTest;
            return new int[][] {
                sortedCopy(sorted, 0, nTrain), sortedCopy(sorted, nTrain, nTrain + nVal),
                sortedCopy(sorted, nTrain + nVal, n)};
        }
        SplittableRandom rnd = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + 17);
        if (s.strategy() == SplitStrategy.GROUP) {
            Column gc = table.column(s.groupColumn()).orElseThrow(
                    () -> UserError.missingColumn(file, s.groupColumn(), table.names()));
            Map<String, Double> draw = new HashMap<>();
            List<Integer> tr = new ArrayList<>();
            List<Integer> va = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int r : usable) {
                keys.add(String.valueOf(cellText(gc, r)));
            }
            List<String> distinct = new ArrayList<>(new java.util.TreeSet<>(keys));
            for (String key : distinct) {
                draw.put(key, rnd.nextDouble());
            }
            for (int i = 0; i < n; i++) {
                double u = draw.get(keys.get(i));
                (u < s.testFraction() ? te : u < s.testFraction() + s.validationFraction() ? va : tr).add(usable[i]);
            }
            return new int[][] {ints(tr), ints(va), ints(te)};
        }
        if (s.stratified() && spec.task() == Task.CLASSIFICATION) {
            List<Integer> tr = new ArrayList<>();
            List<Integer> va = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            int classes = Math.max(2, (int) java.util.Arrays.stream(labels).filter(Double::isFinite).max().orElse(1) + 1);
            for (int cls = 0; cls < classes; cls++) {
                List<Integer> members = new ArrayList<>();
                for (int r : usable) {
                    if (labels[r] == cls) {
                        members.add(r);
                    }
                }
                int[] m = ints(members);
                shuffle(m, rnd);
                int ct = (int) Math.round(m.length * s.testFraction());
                int cv = (int) Math.round(m.length * s.validationFraction());
                for (int i = 0; i < m.length; i++) {
                    (i < ct ? te : i < ct + cv ? va : tr).add(m[i]);
                }
            }
            return new int[][] {sortedInts(tr), sortedInts(va), sortedInts(te)};
        }
        int[] m = usable.clone();
        shuffle(m, rnd);
        return new int[][] {
            sortedCopy(m, nTest + nVal, n), sortedCopy(m, nTest, nTest + nVal), sortedCopy(m, 0, nTest)};
    }

    private static double timeKey(Column tc, Path file) {
        if (tc instanceof DateTimeColumn || tc instanceof NumericColumn) {
            return 0;
        }
        throw new UserError("time column " + tc.name() + " of " + file.getFileName() + " holds "
                + tc.type().yamlName() + " values, not dates or numbers",
                "Name a date column as the split's time_column, or use a random split.");
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] sortedCopy(int[] a, int from, int to) {
        int[] c = Arrays.copyOfRange(a, from, to);
        Arrays.sort(c);
        return c;
    }

    private static int[] ints(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    private static int[] sortedInts(List<Integer> l) {
        int[] a = ints(l);
        Arrays.sort(a);
        return a;
    }
}
