package io.mlwb.data.read;

/**
 * One chunk's region of a column's shared number array: the chunks of a delimited file parse their numbers straight
 * into one array per column, each into its own region, so that assembling the column moves rows within that array
 * instead of copying every chunk into a new one (on 1M x 20 a table's worth of doubles, ~110 MB, less to allocate,
 * zero and collect). Each chunk's region holds an upper bound of its rows, the line breaks in it; the assembler
 * closes the gaps (see {@link ColumnAssembler}).
 */
final class NumericSlot {
    /** The shared arrays of a file's columns, made on first use (most columns of a file are never numeric). */
    static final class Columns {
        private final double[][] arrays;
        private final int length;

        /**
         * @param columns how many columns
         * @param length  each array's length: the sum of the chunks' row bounds
         */
        Columns(int columns, int length) {
            this.arrays = new double[columns][];
            this.length = length;
        }

        synchronized double[] array(int column) {
            double[] a = arrays[column];
            if (a == null) {
                a = new double[length];
                arrays[column] = a;
            }
            return a;
        }

        synchronized double[] peek(int column) {
            return arrays[column];
        }
    }

    private final Columns columns;
    private final int column;
    private final int base;

    NumericSlot(Columns columns, int column, int base) {
        this.columns = columns;
        this.column = column;
        this.base = base;
    }

    /** @return the column's shared array (made now if it is the first use) */
    double[] array() {
        return columns.array(column);
    }

    /** @return the column's shared array, or null while no chunk made it */
    double[] peek() {
        return columns.peek(column);
    }

    /** @return where this chunk's rows start in it */
    int base() {
        return base;
    }
}
