package io.mlwb.catalog;

import io.mlwb.catalog.audit.AuditLog;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Map;

/**
 * A second process for {@link TwoProcessWriteTest}: writes {@code rows} runs named {@code <label>-<i>} into the
 * catalog, alternating runs of single-row transactions with 10-row batches, and appends an audit entry every
 * {@code auditEvery} rows. Exits 0 on success, 1 with the error on stderr otherwise.
 *
 * <p>Usage: {@code ConcurrentWriterMain <catalog file> <label> <rows> <auditEvery>}
 */
public final class ConcurrentWriterMain {
    private ConcurrentWriterMain() {
    }

    /** @param args catalog file, label, rows, auditEvery */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String label = args[1];
        int rows = Integer.parseInt(args[2]);
        int auditEvery = Integer.parseInt(args[3]);
        try (Catalog catalog = Catalog.open(file)) {
            AuditLog audit = new AuditLog(catalog);
            int i = 0;
            while (i < rows) {
                int batch = (i / 10) % 2 == 0 ? 1 : Math.min(10, rows - i);
                int first = i;
                catalog.inTransaction("write " + label + " rows from " + first, c -> {
                    try (PreparedStatement st = c.prepareStatement("INSERT INTO run(name) VALUES (?)")) {
                        for (int k = 0; k < batch; k++) {
                            st.setString(1, label + "-" + (first + k));
                            st.addBatch();
                        }
                        st.executeBatch();
                    }
                    return null;
                });
                for (int k = first; k < first + batch; k++) {
                    if ((k + 1) % auditEvery == 0) {
                        audit.append(label, "create", "run", label + "-" + k, Map.of("row", k));
                    }
                }
                i += batch;
            }
        } catch (RuntimeException e) {
            e.printStackTrace();   // the parent test reads this file when the exit code is not 0
            System.exit(1);
        }
        System.exit(0);
    }
}
