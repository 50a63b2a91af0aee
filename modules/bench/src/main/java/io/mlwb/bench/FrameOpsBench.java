package io.mlwb.bench;

import io.mlwb.core.job.Progress;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import io.mlwb.training.engine.Frames;
import io.mlwb.training.engine.Preprocessor;
import io.mlwb.training.spec.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The measurements behind decision 0006: the data-frame steps of training done on our reader's column arrays and
 * with Tablesaw (fed from the same arrays), in one warm JVM: Tablesaw's one-time start, the conversion, a stratified
 * split, standardizing and one-hot encoding fitted on the training rows, and writing the predictions as CSV.
 */
final class FrameOpsBench implements Benchmark {
    @Override
    public String name() {
        return "frame-ops";
    }

    @Override
    public String description() {
        return "training's data-frame steps on our arrays vs Tablesaw, 1,000,000 x 13 (decision 0006)";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) throws Exception {
        int rows = size > 0 ? (int) size : 1_000_000;
        Path csv = workDir.resolve("frame.csv");
        Files.writeString(csv, TrainOverheadBench.data(rows));
        long t0 = System.nanoTime();
        Class.forName("tech.tablesaw.api.Table");
        double initMs = BenchOutput.millisSince(t0);
        DataTable table = new TableReader().read(csv, ReadOptions.defaults(), Progress.NONE).table();
        List<String> features = new ArrayList<>(table.names());
        features.remove("y");
        TrainingSpec.Preprocessing settings = new TrainingSpec.Preprocessing(true, 20,
                TrainingSpec.ImputeStrategy.MEDIAN, null, false);
        double ours = 0;
        double theirs = 0;
        double convert = 0;
        double writeOurs = 0;
        double writeTheirs = 0;
        int reps = 3;
        for (int rep = 0; rep < reps; rep++) {
            // ours: index arrays, a seeded shuffle per class, the fitted preprocessing over primitive arrays
            long a = System.nanoTime();
            int[][] split = stratified(table, rows, rep);
            Preprocessor pre = Preprocessor.fit(table, features, split[0], settings);
            float[] x = pre.transform(table, split[0]);
            ours += BenchOutput.millisSince(a);
            if (x.length == 0) {
                throw new IllegalStateException("nothing transformed");
            }
            // Tablesaw: the same steps on a Table made from the same arrays
            long b = System.nanoTime();
            int[] all = new int[rows];
            for (int i = 0; i < rows; i++) {
                all[i] = i;
            }
            Table t = Frames.toTablesaw(table, all, table.names());
            convert += BenchOutput.millisSince(b);
            long c = System.nanoTime();
            Table[] parts = t.stratifiedSampleSplit(t.stringColumn("cat"), 0.8);
            Table train = parts[0];
            Table test = parts[1];
            for (String name : features) {
                if (train.column(name) instanceof DoubleColumn d) {
                    double mean = d.mean();
                    double sd = d.standardDeviation();
                    DoubleColumn z = d.subtract(mean).divide(sd == 0 ? 1 : sd);
                    z.setName(name + "_z");
                    train.addColumns(z);
                } else {
                    StringColumn s = train.stringColumn(name);
                    for (String level : s.unique().asList()) {
                        double[] hot = new double[train.rowCount()];
                        for (int i : s.isEqualTo(level).toArray()) {
                            hot[i] = 1;
                        }
                        train.addColumns(DoubleColumn.create(name + "=" + level, hot));
                    }
                }
            }
            theirs += BenchOutput.millisSince(c);
            // the predictions export, both ways
            double[] pred = new double[test.rowCount()];
            long d = System.nanoTime();
            StringBuilder sb = new StringBuilder("row,y,prediction\n");
            for (int i = 0; i < pred.length; i++) {
                sb.append(i + 1).append(',').append(test.doubleColumn("y").get(i)).append(',').append(pred[i])
                        .append('\n');
            }
            Files.writeString(workDir.resolve("ours.csv"), sb);
            writeOurs += BenchOutput.millisSince(d);
            long e = System.nanoTime();
            Table p = Table.create("p", test.doubleColumn("y").copy(), DoubleColumn.create("prediction", pred));
            p.write().csv(workDir.resolve("theirs.csv").toFile());
            writeTheirs += BenchOutput.millisSince(e);
        }
        out.line("rows", rows, "rows");
        out.line("tablesaw_init_ms", initMs, "ms");
        out.line("tablesaw_convert_ms", convert / reps, "ms");
        out.line("tablesaw_split_prep_ms", theirs / reps, "ms");
        out.line("arrays_split_prep_ms", ours / reps, "ms");
        out.line("write_predictions_arrays_ms", writeOurs / reps, "ms");
        out.line("write_predictions_tablesaw_ms", writeTheirs / reps, "ms");
        out.line("ratio_split_prep", (theirs + convert) / ours, "x");
    }

    private static int[][] stratified(DataTable table, int rows, int seed) {
        io.mlwb.data.table.NumericColumn y = (io.mlwb.data.table.NumericColumn) table.column("y").orElseThrow();
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] train = new int[rows];
        int[] test = new int[rows];
        int nTrain = 0;
        int nTest = 0;
        int[] seen = new int[2];
        int[] total = new int[2];
        for (int i = 0; i < rows; i++) {
            total[y.values()[i] > 0.5 ? 1 : 0]++;
        }
        for (int r : order) {
            int cls = y.values()[r] > 0.5 ? 1 : 0;
            if (seen[cls]++ < total[cls] * 0.8) {
                train[nTrain++] = r;
            } else {
                test[nTest++] = r;
            }
        }
        int[] tr = java.util.Arrays.copyOf(train, nTrain);
        java.util.Arrays.sort(tr);
        return new int[][] {tr, java.util.Arrays.copyOf(test, nTest)};
    }
}
