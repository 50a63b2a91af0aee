package io.mlwb.data.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.ColumnType;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The schema of a table: its column names, in order, with their types. An approved snapshot is what the
 * {@code schema_equals_approved} rule compares each new version with.
 *
 * <p>JSON form: {@code {"columns":[{"name":"id","type":"numeric"}, ...]}}, types as written in mlwb.yaml.
 *
 * @param columns the columns, in table order
 */
public record SchemaSnapshot(List<SchemaColumn> columns) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the list. */
    public SchemaSnapshot {
        columns = List.copyOf(columns);
    }

    /**
     * @param table a read table
     * @return its schema
     */
    public static SchemaSnapshot of(DataTable table) {
        List<SchemaColumn> cols = new ArrayList<>();
        for (Column c : table.columns()) {
            cols.add(new SchemaColumn(c.name(), c.type()));
        }
        return new SchemaSnapshot(cols);
    }

    /** @return the column names, in order */
    public List<String> names() {
        return columns.stream().map(SchemaColumn::name).toList();
    }

    /** @return the snapshot as compact JSON */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode arr = root.putArray("columns");
        for (SchemaColumn c : columns) {
            arr.addObject().put("name", c.name()).put("type", c.type().yamlName());
        }
        return root.toString();
    }

    /**
     * Reads the JSON form written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the snapshot
     * @throws UserError when the text is not a schema snapshot (a damaged catalog entry)
     */
    public static SchemaSnapshot fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode arr = root == null ? null : root.get("columns");
            if (arr == null || !arr.isArray()) {
                throw unreadable("it has no \"columns\" list", null);
            }
            List<SchemaColumn> cols = new ArrayList<>();
            for (JsonNode c : arr) {
                JsonNode name = c.get("name");
                JsonNode type = c.get("type");
                if (name == null || !name.isTextual() || type == null || !type.isTextual()) {
                    throw unreadable("a column lacks a name or a type", null);
                }
                cols.add(new SchemaColumn(name.asText(), ColumnType.valueOf(type.asText().toUpperCase(Locale.ROOT))));
            }
            return new SchemaSnapshot(cols);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw unreadable(e.getMessage(), e);
        }
    }

    private static UserError unreadable(String why, Throwable cause) {
        return new UserError("A stored schema snapshot cannot be read: " + why + ".",
                "Approve the dataset's schema again.", io.mlwb.core.error.ExitCode.BAD_INPUT, cause);
    }
}
