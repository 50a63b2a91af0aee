package io.mlwb.deploy.export;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the serving container loads: the registered {@code model.zip} through DJL/PyTorch, its ONNX export in ONNX
 * Runtime, or the export's int8-quantized variant. Written in lower case in a deployment's configuration
 * ({@code format:}), on the command line ({@code --format}) and in the catalog ({@code deployment.serving_format}).
 */
public enum ServingFormat {
    /** The registered {@code model.zip} through DJL and PyTorch: the default. */
    DJL("djl", "DJL/PyTorch (model.zip)"),
    /** The ONNX float32 export, checked within {@link ModelExportService#TOLERANCE} of the model. */
    ONNX("onnx", "ONNX float32"),
    /** The ONNX export with int8 dense layers (dynamic quantization); only for models with a hidden layer. */
    ONNX_INT8("onnx-int8", "ONNX int8");

    private final String id;
    private final String label;

    ServingFormat(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** @return the name in configurations, on the command line and in the catalog, e.g. {@code onnx-int8} */
    public String id() {
        return id;
    }

    /** @return the name people read, e.g. {@code ONNX int8} */
    public String label() {
        return label;
    }

    /** @return whether the container serves an ONNX file (float or int8) rather than {@code model.zip} */
    public boolean onnx() {
        return this != DJL;
    }

    /**
     * @param text a format's id, any case; null or blank for the default
     * @return the format ({@link #DJL} for null or blank)
     * @throws UserError (exit 2) naming the formats there are
     */
    public static ServingFormat parse(String text) {
        if (text == null || text.isBlank()) {
            return DJL;
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ServingFormat f : values()) {
            if (f.id.equals(t)) {
                return f;
            }
        }
        throw new UserError("'" + text + "' is not a serving format.", "Use one of: " + ids() + ".",
                ExitCode.BAD_INPUT, null);
    }

    /** @return {@code djl, onnx, onnx-int8} */
    public static String ids() {
        return Arrays.stream(values()).map(ServingFormat::id).collect(Collectors.joining(", "));
    }
}
