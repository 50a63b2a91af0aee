package io.mlwb.deploy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.serving.Signature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A version's test set as the smoke test sends it: the rows the training run scored (its {@code predictions-test.csv}),
 * each as a JSON instance built from the data table the run read, with the prediction the run recorded for it.
 *
 * @param rows the rows, in the file's order
 */
public record TestSet(List<Row> rows) {
    /** Copies the list. */
    public TestSet {
        rows = List.copyOf(rows);
    }

    /**
     * One test row.
     *
     * @param row      the data row (1-based, as in predictions-test.csv)
     * @param instance the JSON instance keyed by input name (null for a missing value)
     * @param expected the run's recorded prediction (P(positive class), the top class's probability, or the value)
     * @param label    the run's recorded label, or null for a regression
     */
    public record Row(int row, ObjectNode instance, double expected, String label) {
    }

    /**
     * Builds the test set.
     *
     * @param predictions the run's predictions-test.csv
     * @param table       the data table the run read (read as training read it)
     * @param signature   the model's signature (which columns, as which JSON kinds)
     * @return the test set
     * @throws UserError (exit 2) when the predictions file cannot be read, lacks its columns or names rows the table
     *                   does not have, or the table lacks an input
     */
    public static TestSet of(Path predictions, DataTable table, Signature signature) {
        List<String> lines;
        try {
            lines = Files.readAllLines(predictions, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("Cannot read the run's test predictions " + predictions + ": " + e.getMessage(),
                    "Train the version's run again, or restore its files.", ExitCode.BAD_INPUT, e);
        }
        if (lines.isEmpty()) {
            throw bad(predictions, "is empty");
        }
        List<String> head = split(lines.get(0));
        int rowCol = head.indexOf("row");
        int predCol = head.indexOf("prediction");
        int labelCol = head.indexOf("predicted_label");
        if (rowCol < 0 || predCol < 0) {
            throw bad(predictions, "has no 'row' and 'prediction' columns (it has " + head + ")");
        }
        List<Column> inputs = new ArrayList<>();
        for (Signature.Input in : signature.inputs()) {
            inputs.add(table.column(in.name()).orElseThrow(() -> new UserError("The data the run read has no column '"
                    + in.name() + "', an input of the model.", "Restore the dataset the version was trained on.",
                    ExitCode.BAD_INPUT, null)));
        }
        List<Row> rows = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = split(lines.get(i));
            int row;
            double expected;
            try {
                row = Integer.parseInt(f.get(rowCol).strip());
                expected = Double.parseDouble(f.get(predCol).strip());
            } catch (RuntimeException e) {
                throw bad(predictions, "line " + (i + 1) + " has no row number and prediction");
            }
            if (row < 1 || row > table.rowCount()) {
                throw new UserError("The run's test predictions name data row " + row + ", but the data has "
                        + table.rowCount() + " rows.", "The dataset changed since the run; restore the version it "
                        + "was trained on.", ExitCode.BAD_INPUT, null);
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (int k = 0; k < inputs.size(); k++) {
                put(o, signature.inputs().get(k), inputs.get(k), row - 1);
            }
            String label = labelCol >= 0 && labelCol < f.size() ? f.get(labelCol) : null;
            rows.add(new Row(row, o, expected, label));
        }
        if (rows.isEmpty()) {
            throw bad(predictions, "holds no test row");
        }
        return new TestSet(rows);
    }

    /** One cell as the JSON value the signature's input takes, the way a caller of the endpoint would send it. */
    private static void put(ObjectNode o, Signature.Input in, Column c, int r) {
        String name = in.name();
        if (c.isMissing(r)) {
            o.putNull(name);
            return;
        }
        if (c instanceof NumericColumn n) {
            double v = n.values()[r];
            if (in.kind() == Signature.Kind.TEXT) {
                o.put(name, n.integral() || v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                        : Double.toString(v));
            } else {
                o.put(name, v);
            }
        } else if (c instanceof BooleanColumn b) {
            if (in.kind() == Signature.Kind.TEXT) {
                o.put(name, b.values()[r] > 0 ? "true" : "false");
            } else {
                o.put(name, b.values()[r] > 0);
            }
        } else if (c instanceof DateTimeColumn d) {
            o.put(name, Instant.ofEpochMilli(d.millis()[r]).toString());
        } else if (c instanceof CategoricalColumn k) {
            o.put(name, k.value(r));
        }
    }

    private static UserError bad(Path file, String what) {
        return new UserError("The run's test predictions " + file.getFileName() + " " + what + ".",
                "Train the version's run again; the file is written at the end of training.", ExitCode.BAD_INPUT,
                null);
    }

    /** Splits one CSV line (RFC 4180 quoting, as Tablesaw writes it). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
