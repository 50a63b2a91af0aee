package io.mlwb.training.engine;

import io.mlwb.core.project.DatasetConfig;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.training.spec.TrainingSpec.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tablesaw frames built from columns our reader already holds (the file is never parsed twice), where a data frame
 * serves: the exported predictions, which join the test rows' identifying columns with the model's output. Where
 * Tablesaw is not used, and the measurements behind that, are in decision 0006.
 */
public final class Frames {
    private Frames() {
    }

    /**
     * Copies some rows of some columns of a table into a Tablesaw table (numbers as doubles, the rest as text; a
     * missing cell stays missing).
     *
     * @param table   our table
     * @param rows    the rows, in output order
     * @param columns the columns, in output order
     * @return the frame
     */
    public static Table toTablesaw(DataTable table, int[] rows, Iterable<String> columns) {
        Table out = Table.create("rows");
        for (String name : columns) {
            Column c = table.column(name).orElseThrow();
            if (c instanceof NumericColumn n) {
                double[] v = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = n.isMissing(rows[i]) ? Double.NaN : n.values()[rows[i]];
                }
                out.addColumns(DoubleColumn.create(name, v));
            } else {
                String[] v = new String[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = text(c, rows[i]);
                }
                out.addColumns(StringColumn.create(name, v));
            }
        }
        return out;
    }

    private static String text(Column c, int r) {
        if (c.isMissing(r)) {
            return "";
        }
        if (c instanceof CategoricalColumn cc) {
            return cc.value(r);
        }
        if (c instanceof DateTimeColumn d) {
            return d.text(r);
        }
        if (c instanceof BooleanColumn b) {
            return b.values()[r] > 0 ? "true" : "false";
        }
        return String.valueOf(((NumericColumn) c).values()[r]);
    }

    /**
     * The test split's predictions as a frame: the data row (1-based, as in the file), the id column, the target as
     * written, the sensitive columns, the prediction (probability of the positive class, or the value) and, for a
     * classifier, the decision at the threshold.
     *
     * @param table     the table read
     * @param dataset   the dataset (id and sensitive columns)
     * @param data      the prepared splits
     * @param task      classification or regression
     * @param pred      the test split's predictions, in its row order
     * @param threshold the decision threshold (classification)
     * @return the frame
     */
    static Table predictions(DataTable table, DatasetConfig dataset, PreparedData data, Task task, double[] pred,
                             double threshold) {
        int[] rows = data.test().rows();
        Set<String> keep = new LinkedHashSet<>();
        if (dataset.idColumn() != null && table.column(dataset.idColumn()).isPresent()) {
            keep.add(dataset.idColumn());
        }
        keep.add(data.target().column());
        keep.addAll(data.sensitive());
        Table frame = toTablesaw(table, rows, keep);
        int[] lineNo = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            lineNo[i] = rows[i] + 1;
        }
        frame.insertColumn(0, IntColumn.create("row", lineNo));
        frame.addColumns(DoubleColumn.create("prediction", pred));
        if (data.target().multiClass()) {
            return frame;
        }
        if (task == Task.CLASSIFICATION) {
            String[] decided = new String[pred.length];
            for (int i = 0; i < pred.length; i++) {
                decided[i] = pred[i] >= threshold ? data.target().positive() : data.target().negative();
            }
            frame.addColumns(StringColumn.create("predicted_label", decided));
        }
        return frame;
    }

    /**
     * Writes the test predictions as CSV.
     *
     * @param file      the CSV file
     * @param table     the table read
     * @param dataset   the dataset
     * @param data      the prepared splits
     * @param task      the task
     * @param eval      the evaluation (test predictions, threshold)
     * @return the file
     */
    static Path writePredictions(Path file, DataTable table, DatasetConfig dataset, PreparedData data, Task task,
                                 Evaluation eval) {
        try {
            Files.createDirectories(file.getParent());
            Table frame = predictions(table, dataset, data, task, eval.testPred(), eval.threshold());
            if (eval.testClasses() != null) {
                String[] decided = new String[eval.testClasses().length];
                for (int i = 0; i < decided.length; i++) {
                    decided[i] = data.target().classes().get(eval.testClasses()[i]);
                }
                frame.addColumns(StringColumn.create("predicted_label", decided));
            }
            frame.write().csv(file.toFile());
            return file;
        } catch (IOException e) {
            throw TrainingService.io("cannot write the predictions " + file, e);
        }
    }
}
