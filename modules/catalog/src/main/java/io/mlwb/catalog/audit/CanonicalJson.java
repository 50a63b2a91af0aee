package io.mlwb.catalog.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON form the audit chain hashes: object keys sorted, no whitespace. Details are normalised by
 * writing and re-reading them, so appending and verifying hash exactly the same structure.
 */
final class CanonicalJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private CanonicalJson() {
    }

    /** @return canonical JSON of {@code details} (a map of JSON-able values) */
    static String details(Map<String, ?> details) {
        try {
            return write(MAPPER.readValue(MAPPER.writeValueAsString(details), Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details must be plain JSON values (strings, numbers, "
                    + "booleans, lists, maps): " + e.getOriginalMessage(), e);
        }
    }

    /** @return canonical JSON of the hashed envelope of one entry */
    static String envelope(long seq, long time, String actor, String action, String entity, String entityId,
                           String detailsJson) throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("time", time);
        m.put("actor", actor);
        m.put("action", action);
        m.put("entity", entity);
        m.put("entity_id", entityId);
        m.put("details", MAPPER.readValue(detailsJson, Object.class));
        return write(m);
    }

    private static String write(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }
}
