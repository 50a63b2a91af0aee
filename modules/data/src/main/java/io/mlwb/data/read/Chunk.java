package io.mlwb.data.read;

import java.util.List;

/**
 * One parsed piece of a file: its rows, one builder per column, and the short/long rows it saw.
 *
 * @param rows          the number of rows
 * @param builders      one builder per column (the builders are replaced in place by rescans)
 * @param shortRows     rows with fewer cells than the header
 * @param shortExamples the first few of them, 0-based within the chunk
 * @param longRows      rows with more cells than the header
 * @param longExamples  the first few of them, 0-based within the chunk
 * @param unclosedQuote whether the chunk ended inside quotes
 */
record Chunk(int rows, ColumnBuilder[] builders, int shortRows, List<Integer> shortExamples, int longRows,
             List<Integer> longExamples, boolean unclosedQuote) {

    /** @return whether every string value seen so far is valid UTF-8 */
    boolean validUtf8() {
        for (ColumnBuilder b : builders) {
            if (b.dict != null && !b.dict.validUtf8()) {
                return false;
            }
        }
        return true;
    }
}
