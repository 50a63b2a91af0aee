package io.mlwb.app.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.util.BitSet;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** The preview's rows are indices into the table: a million rows, no object per row, cells from the arrays. */
class PreviewRowsTest {
    @Test
    void aMillionRowsAreListedWithoutMaterializingThem() {
        int n = 1_000_000;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i * 0.5;
        }
        BitSet missing = new BitSet(n);
        missing.set(3);
        DataTable table = new DataTable(n, List.of(new NumericColumn("x", values, missing, false)));
        PreviewRows rows = new PreviewRows(table);
        ObservableList<Integer> list = FXCollections.observableList(rows);

        assertEquals(n, list.size());
        assertEquals(999_999, list.get(999_999));
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(n));
        assertEquals("499999.5", PreviewRows.cell(table.columns().get(0), 999_999));
        assertEquals("", PreviewRows.cell(table.columns().get(0), 3));
    }

    @Test
    void cellsOfEveryColumnType() {
        BitSet none = new BitSet();
        DataTable table = new DataTable(2, List.of(
                new NumericColumn("n", new double[] {3, 4}, none, true),
                new CategoricalColumn("c", ColumnType.CATEGORICAL, new int[] {1, -1}, List.of("a", "b")),
                new BooleanColumn("b", new byte[] {1, 0}),
                new DateTimeColumn("d", new long[] {0, 86_400_000L}, none, true, "yyyy-MM-dd")));
        assertEquals("3", PreviewRows.cell(table.columns().get(0), 0));
        assertEquals("b", PreviewRows.cell(table.columns().get(1), 0));
        assertEquals("", PreviewRows.cell(table.columns().get(1), 1));
        assertEquals("false", PreviewRows.cell(table.columns().get(2), 1));
        assertEquals("1970-01-02", PreviewRows.cell(table.columns().get(3), 1));
    }
}
