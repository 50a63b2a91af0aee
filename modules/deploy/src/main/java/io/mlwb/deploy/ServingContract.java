package io.mlwb.deploy;

import java.util.List;
import java.util.Map;

/**
 * What the serving container is and which routes and port each target expects of it: the one place that names the
 * inference server's entry point (modules/serving), so the Dockerfile, the manifests and the request files agree.
 */
public final class ServingContract {
    /** Where the image keeps the server's jars. */
    public static final String LIB_DIR = "/app/lib";
    /** Where the image keeps the model artifact (unzipped). */
    public static final String MODEL_DIR = "/model";
    /** The inference server's main class (modules/serving). */
    public static final String MAIN_CLASS = "io.mlwb.serving.ServingMain";
    /** The container's command: the server on the model. */
    public static final List<String> COMMAND = List.of("java", "-cp", LIB_DIR + "/*", MAIN_CLASS, "--model", MODEL_DIR);
    /** The port every cloud target uses. */
    public static final int PORT = 8080;
    /** The environment variable the server reads its port from. */
    public static final String PORT_ENV = "PORT";
    /** The environment variable naming the target whose routes the server speaks. */
    public static final String TARGET_ENV = "MLWB_SERVING_TARGET";
    /** The user id the container runs as (never root). */
    public static final int USER_ID = 10001;

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
     * @param target the target
     * @param model  the model's name (KServe's V1 protocol routes name it)
     * @return the routes the target calls on the container
     */
    public static Routes routes(DeployTarget target, String model) {
        return switch (target) {
            case SAGEMAKER -> new Routes(PORT, "/ping", "/invocations");
            case KSERVE -> new Routes(PORT, "/v1/models/" + model, "/v1/models/" + model + ":predict");
            default -> new Routes(PORT, "/health", "/predict");
        };
    }

    /**
     * @param target the target
     * @return the environment the container gets on that target (port and contract; never a secret)
     */
    public static Map<String, String> environment(DeployTarget target) {
        return new java.util.TreeMap<>(Map.of(PORT_ENV, Integer.toString(PORT), TARGET_ENV, target.id()));
    }
}
