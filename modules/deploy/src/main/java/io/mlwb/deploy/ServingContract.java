package io.mlwb.deploy;

import java.util.List;
import java.util.Map;

/**
 * What the serving container is and which routes and port each target expects of it, typed by {@link DeployTarget}.
 * The values are the server's own ({@link io.mlwb.serving.ServingContract} in modules/serving, whose
 * {@link io.mlwb.serving.ServingMain} is the entry point), so the Dockerfile, the manifests, the request files and
 * the container agree.
 */
public final class ServingContract {
    /** Where the image keeps the server's jars. */
    public static final String LIB_DIR = io.mlwb.serving.ServingContract.LIB_DIR;
    /** Where the image keeps the model artifact (unzipped). */
    public static final String MODEL_DIR = io.mlwb.serving.ServingContract.MODEL_DIR;
    /** The name of the ONNX export in {@link #MODEL_DIR} when the image serves ONNX. */
    public static final String ONNX_FILE = io.mlwb.serving.ServingContract.ONNX_FILE;
    /** The inference server's main class (modules/serving). */
    public static final String MAIN_CLASS = io.mlwb.serving.ServingContract.MAIN_CLASS;
    /** The port every cloud target uses. */
    public static final int PORT = io.mlwb.serving.ServingContract.PORT;
    /** The environment variable the server reads its port from. */
    public static final String PORT_ENV = io.mlwb.serving.ServingContract.PORT_ENV;
    /** The environment variable naming the target whose routes the server speaks. */
    public static final String TARGET_ENV = io.mlwb.serving.ServingContract.TARGET_ENV;
    /** The user id the container runs as (never root). */
    public static final int USER_ID = io.mlwb.serving.ServingContract.USER_ID;

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
     * @param model   the model's name
     * @param version the version
     * @return the container's command: the server on the model, named as the registry names it
     */
    public static List<String> command(String model, int version) {
        return io.mlwb.serving.ServingContract.command(model, version);
    }

    /**
     * @param model   the model's name
     * @param version the version
     * @param format  what the image carries
     * @return the container's command for that format
     */
    public static List<String> command(String model, int version, io.mlwb.deploy.export.ServingFormat format) {
        return io.mlwb.serving.ServingContract.command(model, version, format.onnx());
    }

    /**
     * @param target the target
     * @param model  the model's name (KServe's V1 protocol routes name it)
     * @return the routes the target calls on the container
     */
    public static Routes routes(DeployTarget target, String model) {
        io.mlwb.serving.ServingContract.Routes r = io.mlwb.serving.ServingContract.routes(target.id(), model);
        return new Routes(r.port(), r.health(), r.predict());
    }

    /**
     * @param target the target
     * @return the environment the container gets on that target (port and contract; never a secret)
     */
    public static Map<String, String> environment(DeployTarget target) {
        return io.mlwb.serving.ServingContract.environment(target.id());
    }
}
