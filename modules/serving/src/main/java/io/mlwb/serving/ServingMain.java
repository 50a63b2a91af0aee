package io.mlwb.serving;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving container's entry point ({@link ServingContract#command}): {@code java -cp /app/lib/*
 * io.mlwb.serving.ServingMain --model /model [--name NAME] [--version N] [--host H] [--port P] [--workers N]
 * [--format djl|onnx]}. With {@code --format onnx} the model is an ONNX export of {@code mlwb models export} (the file,
 * or the folder holding it as {@code model.onnx}), scored in ONNX Runtime; PyTorch is not loaded.
 *
 * <p>It is a container entry, so it binds {@code 0.0.0.0} unless {@code --host} says otherwise: the platform's load
 * balancer reaches the container from outside its network namespace, and the container is the boundary (on a laptop,
 * {@code mlwb serve} binds loopback). The port is {@code --port}, else {@code $AIP_HTTP_PORT} (Vertex AI), else
 * {@code $PORT}, else 8080; the Vertex routes come from {@code $AIP_HEALTH_ROUTE} and {@code $AIP_PREDICT_ROUTE};
 * the server always answers SageMaker's, KServe v1's and the plain routes too. {@code $MLWB_SERVING_TARGET}, when
 * set, must name a target. SIGTERM (every platform's stop) drains the requests in flight, then exits. Logs go to
 * stdout, where every platform collects them. No picocli and no catalog here: the image carries modules/serving only.
 */
public final class ServingMain {
    static {
        // before the first logger: the container logs to stdout (a uniquely named file, so it never shadows the
        // CLI's or the app's logback.xml on a shared classpath)
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/mlwb/serving/serving-logback.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ServingMain.class);
    /** The address a container binds: every interface, so the platform can reach it. */
    public static final String ALL_INTERFACES = "0.0.0.0";

    private ServingMain() {
    }

    /**
     * The parsed command line.
     *
     * @param model   the artifact: a {@code model.zip}, or the folder it was unzipped into
     * @param name    the model's name (KServe's {@code /v1/models/<name>}, the health body)
     * @param version its version
     * @param host    the address to bind
     * @param port    the port, or null to take it from the environment
     * @param workers model replicas, or null for the default
     * @param onnx    whether the model is an ONNX export ({@code --format onnx}) rather than {@code model.zip}
     */
    public record Options(Path model, String name, int version, String host, Integer port, Integer workers,
                          boolean onnx) {
    }

    /**
     * Runs the server until SIGTERM (or Ctrl+C). Exits 2 on bad arguments or a bad artifact, 3 on anything else.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        InferenceServer server;
        try {
            server = start(List.of(args), System.getenv());
        } catch (UserError e) {
            LOG.error("{}", e.describe());
            System.exit(e.exit().code());
            return;
        } catch (RuntimeException | Error e) {
            LOG.error("The inference server failed to start (a bug; please report it)", e);
            System.exit(ExitCode.INTERNAL.code());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stop signal: draining the requests in flight");
            server.close();
        }, "mlwb-serving-shutdown"));
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parses the arguments, reads the environment, loads the model and starts serving.
     *
     * @param args the command line (as the Dockerfile's ENTRYPOINT gives it, less {@code java -cp ... MAIN})
     * @param env  the environment
     * @return the running server (the caller closes it)
     * @throws UserError (exit 2) on bad arguments, environment or artifact
     */
    public static InferenceServer start(List<String> args, Map<String, String> env) {
        Options o = parse(args);
        String target = env.get(ServingContract.TARGET_ENV);
        if (target != null && !target.isBlank()) {
            target = ServingContract.checkTarget(target);
        }
        engineDefaults();
        ServerConfig.Builder b = ServerConfig.builder(o.name(), o.version()).host(o.host())
                .port(o.port() != null ? o.port() : ServerConfig.portFromEnv(env))
                .vertexRoutes(env.get(ServingContract.VERTEX_PREDICT_ENV), env.get(ServingContract.VERTEX_HEALTH_ENV));
        if (o.workers() != null) {
            b.workers(o.workers());
        }
        ServerConfig config = b.build();
        Predictor predictor = o.onnx() ? Predictor.loadOnnx(onnxFile(o.model()), config.workers())
                : Predictor.load(artifact(o.model()), config.workers(), EngineThreads.perReplica());
        InferenceServer server = InferenceServer.start(config, predictor);
        LOG.info("Container entry serving {}@{} from {} ({}, target {}) at {}: health /ping /health{} /v1/models/{}, "
                + "predict /invocations /predict{} /v1/models/{}:predict", o.name(), o.version(), o.model(),
                predictor.format(),
                target == null ? "unset" : target, server.url(),
                config.vertexHealth() == null ? "" : " " + config.vertexHealth(), o.name(),
                config.vertexPredict() == null ? "" : " " + config.vertexPredict(), o.name());
        return server;
    }

    /**
     * @param args the arguments
     * @return the options
     * @throws UserError (exit 2) naming the bad argument
     */
    public static Options parse(List<String> args) {
        Path model = null;
        String name = "model";
        int version = 0;
        String host = ALL_INTERFACES;
        Integer port = null;
        Integer workers = null;
        boolean onnx = false;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--help") || flag.equals("-h")) {
                throw bad("Usage: ServingMain --model DIR|ZIP|ONNX [--name NAME] [--version N] [--host H] [--port P] "
                        + "[--workers N] [--format djl|onnx]", "See docs/deploy.md (the serving container).");
            }
            if (i + 1 >= args.size()) {
                throw bad(flag.startsWith("--") ? flag + " needs a value." : "Unexpected argument '" + flag + "'.",
                        "Usage: --model DIR|ZIP|ONNX [--name NAME] [--version N] [--host H] [--port P] [--workers N] "
                                + "[--format djl|onnx].");
            }
            String v = args.get(++i);
            switch (flag) {
                case "--model" -> model = Path.of(v);
                case "--name" -> name = v;
                case "--version" -> version = number(flag, v);
                case "--host" -> host = v;
                case "--port" -> port = number(flag, v);
                case "--workers" -> workers = number(flag, v);
                case "--format" -> {
                    if (!v.equals("djl") && !v.equals("onnx")) {
                        throw bad("--format is '" + v + "', not a format the server loads.",
                                "Use --format djl (model.zip) or --format onnx (an ONNX export).");
                    }
                    onnx = v.equals("onnx");
                }
                default -> throw bad("Unknown option '" + flag + "'.",
                        "Use --model, --name, --version, --host, --port, --workers or --format.");
            }
        }
        if (model == null) {
            throw bad("No model: --model is required.", "Give --model " + ServingContract.MODEL_DIR
                    + " (the unzipped model.zip) or a model.zip file.");
        }
        if (name.isBlank() || name.contains("/")) {
            throw bad("--name '" + name + "' is not a model name.", "Give the registry's model name.");
        }
        return new Options(model, name, version, host, port, workers, onnx);
    }

    private static int number(String flag, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw bad(flag + " is '" + v + "', not a whole number.", "Give a number such as 8080.");
        }
    }

    /**
     * The ONNX export to serve: the file itself, or {@link ServingContract#ONNX_FILE} in the folder (the image's
     * {@code /model}).
     */
    static Path onnxFile(Path model) {
        Path file = Files.isDirectory(model) ? model.resolve(ServingContract.ONNX_FILE) : model;
        if (!Files.isRegularFile(file)) {
            throw bad("There is no ONNX export at " + file + ".", "Give --model the .onnx file, or the folder holding "
                    + "it as " + ServingContract.ONNX_FILE + " (see the Dockerfile's header), or serve model.zip "
                    + "with --format djl.");
        }
        return file;
    }

    /**
     * The artifact as a zip: the file itself, or the unzipped folder (the image's {@code /model}) packed again into a
     * temporary file (stored, not compressed; deleted at exit), so the model loads exactly as {@code model.zip} does.
     */
    static Path artifact(Path model) {
        if (Files.isRegularFile(model)) {
            return model;
        }
        if (!Files.isDirectory(model)) {
            throw bad("There is no model at " + model + ".", "Give --model the folder model.zip was unzipped into "
                    + "(the image's " + ServingContract.MODEL_DIR + ") or a model.zip file.");
        }
        if (!Files.isRegularFile(model.resolve("model.json"))) {
            throw bad(model + " holds no model.json: it is not an unzipped model artifact.",
                    "Unzip the version's model.zip into it (see the Dockerfile's header).");
        }
        try {
            Path zip = Files.createTempFile("mlwb-model-", ".zip");
            zip.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
                 Stream<Path> walk = Files.walk(model)) {
                List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder())
                        .toList());
                for (Path f : files) {
                    z.putNextEntry(new ZipEntry(model.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, z);
                    z.closeEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + model + " for loading", e);
        }
    }

    /**
     * The engine never downloads (natives ship in the jars), and caches its natives under the temporary folder when
     * the container user has no writable home (the image's user has none).
     */
    private static void engineDefaults() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null
                && !Files.isWritable(Path.of(System.getProperty("user.home", "/")))) {
            System.setProperty("DJL_CACHE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "djl").toString());
        }
    }

    private static UserError bad(String what, String todo) {
        return new UserError(what, todo, ExitCode.BAD_INPUT, null);
    }
}
