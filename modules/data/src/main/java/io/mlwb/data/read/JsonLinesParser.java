package io.mlwb.data.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Reads JSON Lines: one flat JSON object per line. The columns are the union of the keys, in first-seen order; a
 * row without a key is missing there; {@code null} is missing; a nested object or array becomes the text of its
 * JSON; a repeated key keeps its first value. Values reach the column builders as text, so inference is the same
 * as for delimited files. Single-threaded: JSON Lines files are rarely the big ones.
 */
final class JsonLinesParser {
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper mapper = new ObjectMapper();
    private final byte[] buf;
    private final String fileName;
    /** Column names in first-seen order, and their indexes. */
    final List<String> names = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    JsonLinesParser(byte[] buf, String fileName) {
        this.buf = buf;
        this.fileName = fileName;
    }

    /**
     * Parses {@code [start, end)}. With {@code newColumn} non-null, unseen keys become columns (built by it, and
     * filled with missing cells for the rows before); with null, unseen keys are ignored and {@code builders} (by
     * column index; null entries skipped) is fixed.
     *
     * @return the number of rows
     */
    int parse(int start, int end, List<ColumnBuilder> builders, IntFunction<ColumnBuilder> newColumn) {
        int rows = 0;
        int line = 0;
        int p = start;
        int[] filled = new int[16];
        while (p < end) {
            int e = p;
            while (e < end && buf[e] != '\n') {
                e++;
            }
            line++;
            int s = p;
            int le = e;
            p = e + 1;
            while (s < le && isSpace(buf[s])) {
                s++;
            }
            while (le > s && isSpace(buf[le - 1])) {
                le--;
            }
            if (s == le) {
                continue;
            }
            int row = rows++;
            try (JsonParser jp = mapper.createParser(buf, s, le - s)) {
                if (jp.nextToken() != JsonToken.START_OBJECT) {
                    throw notObject(line, null);
                }
                JsonToken t;
                while ((t = jp.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = jp.currentName();
                    JsonToken v = jp.nextToken();
                    Integer col = index.get(key);
                    if (col == null && newColumn != null) {
                        col = names.size();
                        names.add(key);
                        index.put(key, col);
                        ColumnBuilder cb = newColumn.apply(col);
                        for (int r = 0; r < row; r++) {
                            cb.addMissing();
                        }
                        builders.add(cb);
                    }
                    ColumnBuilder cb = col == null || col >= builders.size() ? null : builders.get(col);
                    if (col != null && col >= filled.length) {
                        filled = java.util.Arrays.copyOf(filled, Math.max(col + 1, filled.length * 2));
                    }
                    if (cb == null || filled[col] == row + 1) {
                        jp.skipChildren();
                        continue;
                    }
                    filled[col] = row + 1;
                    switch (v) {
                        case VALUE_NULL -> cb.addMissing();
                        case VALUE_TRUE -> cb.add(TRUE, 0, TRUE.length);
                        case VALUE_FALSE -> cb.add(FALSE, 0, FALSE.length);
                        case START_OBJECT, START_ARRAY -> add(cb, mapper.readTree(jp).toString());
                        default -> add(cb, jp.getText());
                    }
                }
                if (t != JsonToken.END_OBJECT || jp.nextToken() != null) {
                    throw notObject(line, null);
                }
            } catch (JsonProcessingException ex) {
                throw notObject(line, ex);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            for (int c = 0; c < builders.size(); c++) {
                ColumnBuilder cb = builders.get(c);
                if (cb != null && (c >= filled.length || filled[c] != row + 1)) {
                    cb.addMissing();
                }
            }
        }
        return rows;
    }

    /** Parses again with the columns of an earlier parse fixed; null builders are skipped. */
    int parseFixed(int start, int end, List<String> columns, List<ColumnBuilder> builders) {
        for (String c : columns) {
            index.put(c, names.size());
            names.add(c);
        }
        return parse(start, end, builders, null);
    }

    private static void add(ColumnBuilder cb, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        cb.add(b, 0, b.length);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private UserError notObject(int line, Exception cause) {
        String detail = cause == null ? "" : " (" + firstLine(cause.getMessage()) + ")";
        return new UserError("Line " + line + " of " + fileName + " is not a flat JSON object" + detail + ".",
                "Each line of a JSON Lines file must be one JSON object, e.g. {\"a\": 1, \"b\": \"x\"}.",
                ExitCode.BAD_INPUT, cause);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
