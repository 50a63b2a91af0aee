package io.mlwb.serving;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The serving container's contract, owned by the server that honours it: where the image keeps the jars and the
 * model, the entry point and its arguments, the port, and the routes each target calls. modules/deploy writes its
 * Dockerfile and manifests from these values ({@code io.mlwb.deploy.ServingContract} adapts them to its targets), so
 * the generated files and {@link ServingMain} cannot disagree.
 */
public final class ServingContract {
    /** Where the image keeps the server's jars (modules/serving and its runtime libraries). */
    public static final String LIB_DIR = "/app/lib";
    /** Where the image keeps the model artifact: the registered {@code model.zip}, unzipped. */
    public static final String MODEL_DIR = "/model";
    /** The inference server's main class; taken from the class itself so a rename cannot leave the Dockerfile. */
    public static final String MAIN_CLASS = ServingMain.class.getName();
    /** The name an ONNX export has in {@link #MODEL_DIR} when the image serves ONNX. */
    public static final String ONNX_FILE = "model.onnx";
    /** The port every cloud target uses (SageMaker's is fixed at 8080). */
    public static final int PORT = 8080;
    /** The environment variable the server reads its port from (Azure ML, Kubernetes, KServe, SageMaker). */
    public static final String PORT_ENV = "PORT";
    /** The environment variable naming the target whose contract the container is deployed under. */
    public static final String TARGET_ENV = "MLWB_SERVING_TARGET";
    /** Vertex AI's port variable, set from the container spec's port; it wins over {@link #PORT_ENV}. */
    public static final String VERTEX_PORT_ENV = "AIP_HTTP_PORT";
    /** Vertex AI's health route variable, set from the container spec's {@code healthRoute}. */
    public static final String VERTEX_HEALTH_ENV = "AIP_HEALTH_ROUTE";
    /** Vertex AI's predict route variable, set from the container spec's {@code predictRoute}. */
    public static final String VERTEX_PREDICT_ENV = "AIP_PREDICT_ROUTE";
    /** The user id the container runs as (never root). */
    public static final int USER_ID = 10001;
    /**
     * The media type of a JSON Lines body: one instance per line in, one prediction per line out (SageMaker Batch
     * Transform's {@code MultiRecord} mini-batches; the transform job modules/deploy writes sends and accepts it).
     */
    public static final String JSON_LINES = "application/jsonlines";
    /** The media types read as JSON Lines ({@link #JSON_LINES} and the older {@code x-} form). */
    public static final List<String> JSON_LINES_TYPES = List.of(JSON_LINES, "application/x-jsonlines");
    /** The largest request body the server takes by default (larger is 413); a batch payload must fit in it. */
    public static final int MAX_BODY_BYTES = 16 << 20;
    /** The requests the server admits at once by default (more are 503); concurrent batch requests must fit. */
    public static final int QUEUE_CAPACITY = 64;
    /** The target names {@link #TARGET_ENV} may hold (modules/deploy's target ids). */
    public static final List<String> TARGETS = List.of("local", "sagemaker", "vertex", "azureml", "kubernetes",
            "kserve");

    private ServingContract() {
    }

    /**
     * The routes a target calls.
     *
     * @param port    the container port
     * @param health  the health (readiness) route
     * @param predict the prediction route
     */
    public record Routes(int port, String health, String predict) {
    }

    /**
     * The container's command: the server on the model in {@link #MODEL_DIR}, named as the registry names it (KServe's
     * V1 routes and the health body carry the name).
     *
     * @param model   the model's name
     * @param version the version
     * @return {@code java -cp /app/lib/* io.mlwb.serving.ServingMain --model /model --name NAME --version N}
     */
    public static List<String> command(String model, int version) {
        return command(model, version, false);
    }

    /**
     * The container's command for a format: {@code model.zip} unzipped in {@link #MODEL_DIR} (DJL), or an ONNX export
     * there as {@link #ONNX_FILE} ({@code --format onnx}, float32 or int8 alike: the file says which).
     *
     * @param model   the model's name
     * @param version the version
     * @param onnx    whether the image carries an ONNX export rather than {@code model.zip}
     * @return {@link #command(String, int)}, followed by {@code --format onnx} when {@code onnx}
     */
    public static List<String> command(String model, int version, boolean onnx) {
        List<String> c = new java.util.ArrayList<>(List.of("java", "-cp", LIB_DIR + "/*", MAIN_CLASS, "--model",
                MODEL_DIR, "--name", model, "--version", Integer.toString(version)));
        if (onnx) {
            c.addAll(List.of("--format", "onnx"));
        }
        return List.copyOf(c);
    }

    /**
     * @param target a target id ({@link #TARGETS})
     * @param model  the model's name (KServe's V1 protocol routes name it)
     * @return the routes the target calls on the container
     * @throws UserError (exit 2) when the target is not one of {@link #TARGETS}
     */
    public static Routes routes(String target, String model) {
        return switch (checkTarget(target)) {
            case "sagemaker" -> new Routes(PORT, "/ping", "/invocations");
            case "kserve" -> new Routes(PORT, "/v1/models/" + model, "/v1/models/" + model + ":predict");
            default -> new Routes(PORT, "/health", "/predict");
        };
    }

    /**
     * @param target a target id ({@link #TARGETS})
     * @return the environment the container gets on that target (port and contract; never a secret)
     */
    public static Map<String, String> environment(String target) {
        return new TreeMap<>(Map.of(PORT_ENV, Integer.toString(PORT), TARGET_ENV, checkTarget(target)));
    }

    /**
     * @param target a target id, any case
     * @return it in lower case
     * @throws UserError (exit 2) when it is not one of {@link #TARGETS}
     */
    public static String checkTarget(String target) {
        String t = target == null ? "" : target.strip().toLowerCase(Locale.ROOT);
        if (!TARGETS.contains(t)) {
            throw new UserError("$" + TARGET_ENV + " is '" + target + "', not a deployment target.",
                    "Set it to one of: " + String.join(", ", TARGETS) + ".", ExitCode.BAD_INPUT, null);
        }
        return t;
    }
}
