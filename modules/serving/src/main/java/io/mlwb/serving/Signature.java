package io.mlwb.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a served model takes and gives, read from its artifact's {@code signature.json}: the inputs in order, each
 * with the kind of value it accepts, and the kind of output. Requests are checked against it before any scoring.
 *
 * @param inputs the inputs, in the model's column order
 * @param output what each prediction holds
 */
public record Signature(List<Input> inputs, Output output) {
    /** Copies the list. */
    public Signature {
        inputs = List.copyOf(inputs);
    }

    /** The JSON value an input accepts. */
    public enum Kind {
        /** a JSON number (or null). */
        NUMBER,
        /** a JSON string holding an ISO-8601 date or date-time (or null). */
        DATE,
        /** a JSON boolean (or null). */
        BOOLEAN,
        /** a JSON string; numbers and booleans are taken as their text (or null). */
        TEXT
    }

    /** What each prediction holds. */
    public enum Output {
        /** {@code {"probability", "label"}}: P(positive class) and the label decided at the model's threshold. */
        BINARY,
        /** {@code {"probabilities": {class: p}, "label"}}. */
        MULTICLASS,
        /** {@code {"value"}}. */
        REGRESSION
    }

    /**
     * One input.
     *
     * @param name       the column name, the key in a request's instance
     * @param kind       the JSON value it accepts
     * @param modelKind  the preprocessing kind recorded in the artifact ({@code numeric}, {@code one_hot}...)
     */
    public record Input(String name, Kind kind, String modelKind) {
    }

    /**
     * Reads the signature of a model artifact.
     *
     * @param zip the run's {@code model.zip}
     * @param output the output kind (from the loaded model)
     * @return the signature
     * @throws UserError when the artifact has no readable signature
     */
    public static Signature read(Path zip, Output output) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry e = z.getEntry("signature.json");
            if (e == null) {
                throw new UserError(zip + " has no signature.json.", "Retrain the run to write its model again.",
                        ExitCode.BAD_INPUT, null);
            }
            JsonNode sig;
            try (InputStream in = z.getInputStream(e)) {
                sig = new ObjectMapper().readTree(in);
            }
            List<Input> inputs = new ArrayList<>();
            for (JsonNode in : sig.path("inputs")) {
                String kind = in.path("kind").asText("");
                inputs.add(new Input(in.path("name").asText(), kindOf(kind), kind));
            }
            if (inputs.isEmpty()) {
                throw new UserError(zip + " has a signature without inputs.", "Retrain the run.",
                        ExitCode.BAD_INPUT, null);
            }
            return new Signature(inputs, output);
        } catch (IOException e) {
            throw new UserError(zip + " is not a model artifact: " + e.getMessage(), "Retrain the run.",
                    ExitCode.BAD_INPUT, e);
        }
    }

    /**
     * The signature of a model from its fitted preprocessing, as {@code model.zip}'s {@code signature.json} is
     * written (one input per source column, with its kind).
     *
     * @param preprocessor the preprocessing
     * @param output       the output kind
     * @return the signature
     */
    public static Signature of(io.mlwb.training.engine.Preprocessor preprocessor, Output output) {
        List<Input> inputs = new ArrayList<>();
        for (io.mlwb.training.engine.Preprocessor.Feature f : preprocessor.features()) {
            inputs.add(new Input(f.column(), kindOf(f.kind()), f.kind()));
        }
        return new Signature(inputs, output);
    }

    private static Kind kindOf(String modelKind) {
        return switch (modelKind.toLowerCase(Locale.ROOT)) {
            case "numeric" -> Kind.NUMBER;
            case "date" -> Kind.DATE;
            case "boolean" -> Kind.BOOLEAN;
            default -> Kind.TEXT; // one_hot, text_length
        };
    }

    /** @return the input names, in order */
    public List<String> names() {
        return inputs.stream().map(Input::name).toList();
    }

    /** @return the JSON shape served at {@code GET /v1/models/<name>} and {@code /health} */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> ins = new ArrayList<>();
        for (Input in : inputs) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("name", in.name());
            i.put("type", in.kind().name().toLowerCase(Locale.ROOT));
            i.put("nullable", true);
            ins.add(i);
        }
        m.put("inputs", ins);
        m.put("output", output.name().toLowerCase(Locale.ROOT));
        return m;
    }
}
