package io.mlwb.tracking.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a new model version's input/output signature ({@code signature.json} of the model artifact) still serves
 * the callers of the version it replaces. Callers send the old inputs and read the old outputs, so:
 * <ul>
 *   <li>breaking: an input the old version took whose kind changed ({@code numeric} → {@code categorical}); an input
 *       that was nullable and no longer is; a new input that is not nullable (old callers do not send it); an output
 *       field that is gone or means something else (another target, other classes);</li>
 *   <li>compatible, reported: a new nullable input (old callers leave it out and it is imputed); an input dropped
 *       (the server ignores fields it does not use); a new output field.</li>
 * </ul>
 */
public final class SignatureCheck {

    /**
     * One difference.
     *
     * @param field    {@code inputs.NAME} or {@code output.KEY}
     * @param change   what changed, in words
     * @param breaking whether old callers break
     */
    public record Change(String field, String change, boolean breaking) {
        @Override
        public String toString() {
            return field + ": " + change + (breaking ? " (breaking)" : "");
        }
    }

    private SignatureCheck() {
    }

    /**
     * @param previous the replaced version's signature, or null when it recorded none
     * @param next     the new version's signature
     * @return every difference, inputs first then outputs; empty when the signatures are the same
     */
    public static List<Change> compare(JsonNode previous, JsonNode next) {
        List<Change> changes = new ArrayList<>();
        if (previous == null || previous.isNull() || next == null || next.isNull()) {
            return changes;
        }
        Map<String, JsonNode> before = inputs(previous);
        Map<String, JsonNode> after = inputs(next);
        for (Map.Entry<String, JsonNode> e : before.entrySet()) {
            String f = "inputs." + e.getKey();
            JsonNode now = after.get(e.getKey());
            if (now == null) {
                changes.add(new Change(f, "no longer used (callers may keep sending it)", false));
                continue;
            }
            String k0 = e.getValue().path("kind").asText("");
            String k1 = now.path("kind").asText("");
            if (!k0.equals(k1)) {
                changes.add(new Change(f, "kind " + k0 + " → " + k1, true));
            }
            if (nullable(e.getValue()) && !nullable(now)) {
                changes.add(new Change(f, "no longer accepts a missing value", true));
            }
        }
        for (Map.Entry<String, JsonNode> e : after.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                boolean req = !nullable(e.getValue());
                changes.add(new Change("inputs." + e.getKey(), "new " + e.getValue().path("kind").asText("") + " input"
                        + (req ? ", required: callers of the previous version do not send it"
                        : ", may be missing (imputed)"), req));
            }
        }
        JsonNode o0 = previous.path("output");
        JsonNode o1 = next.path("output");
        for (Iterator<String> it = o0.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!o1.has(key)) {
                changes.add(new Change("output." + key, "gone", true));
            } else if (!Objects.equals(o0.get(key), o1.get(key))) {
                changes.add(new Change("output." + key, text(o0.get(key)) + " → " + text(o1.get(key)), true));
            }
        }
        for (Iterator<String> it = o1.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!o0.has(key)) {
                changes.add(new Change("output." + key, "new output field", false));
            }
        }
        return changes;
    }

    /** @return whether any change breaks old callers */
    public static boolean breaking(List<Change> changes) {
        return changes.stream().anyMatch(Change::breaking);
    }

    private static Map<String, JsonNode> inputs(JsonNode sig) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (JsonNode in : sig.path("inputs")) {
            m.put(in.path("name").asText(), in);
        }
        return m;
    }

    private static boolean nullable(JsonNode in) {
        return in.path("nullable").asBoolean(false);
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? "'" + n.asText() + "'" : n.toString();
    }
}
