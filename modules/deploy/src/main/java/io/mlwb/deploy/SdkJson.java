package io.mlwb.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * An SDK request as the AWS CLI's {@code --cli-input-json} takes it: every set member under its model member name
 * (PascalCase), read through the SDK's own field metadata ({@link SdkPojo#sdkFields()}). Used for query-protocol
 * services (CloudWatch), whose wire body is form-encoded, not JSON (docs/decisions/0008-aws-request-files.md).
 */
public final class SdkJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkJson() {
    }

    /**
     * @param pojo an SDK request or structure
     * @return its members as JSON, in the model's member order; members left unset are left out
     */
    public static ObjectNode of(SdkPojo pojo) {
        ObjectNode out = NODES.objectNode();
        for (SdkField<?> f : pojo.sdkFields()) {
            Object v = f.getValueOrDefault(pojo);
            JsonNode n = value(v);
            if (n != null) {
                out.set(f.memberName(), n);
            }
        }
        return out;
    }

    private static JsonNode value(Object v) {
        if (v == null || v instanceof SdkAutoConstructList<?> || v instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        if (v instanceof SdkPojo p) {
            return of(p);
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode();
            c.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), value(x)));
            return o;
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (v instanceof Float fl) {
            return NODES.numberNode(fl);
        }
        if (v instanceof BigDecimal bd) {
            return NODES.numberNode(bd);
        }
        if (v instanceof Instant t) {
            return NODES.numberNode(t.getEpochSecond());
        }
        if (v instanceof SdkBytes b) {
            return NODES.textNode(b.asString(java.nio.charset.StandardCharsets.UTF_8));
        }
        return NODES.textNode(v.toString());
    }

    /**
     * @param json   a JSON body
     * @param mapper the mapper to read and indent it with
     * @return the body indented, keys in the order sent
     */
    public static String pretty(String json, ObjectMapper mapper) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the SDK sent a body that is not JSON: " + json, e);
        }
    }
}
