package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.deploy.export.ModelExportService;
import io.mlwb.serving.ApiKeys;
import io.mlwb.serving.EngineThreads;
import io.mlwb.serving.InferenceServer;
import io.mlwb.serving.InputDecoder;
import io.mlwb.serving.Predictor;
import io.mlwb.serving.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlwb serve MODEL@VERSION}: a thin adapter over {@link InferenceServer}; runs until Ctrl+C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a registered model version over HTTP (SageMaker, Vertex AI, KServe v1 and plain routes;"
                + " docs/serving.md). Prints the URL, runs until Ctrl+C, then drains the requests in flight.",
            "Binds 127.0.0.1 unless --host says otherwise. The port is --port, else $AIP_HTTP_PORT, else $PORT, "
                + "else 8080."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions options;

    @Parameters(index = "0", paramLabel = "MODEL@VERSION", description = "The version to serve (an alias is "
            + "resolved once, at start).")
    String model;

    @Option(names = "--port", paramLabel = "P", description = "The port (0 picks a free one).")
    Integer port;

    @Option(names = "--host", paramLabel = "H", description = "The address to bind (default 127.0.0.1; 0.0.0.0 "
            + "exposes the server to the network).")
    String host = ServerConfig.LOOPBACK;

    @Option(names = "--api-key-file", paramLabel = "F", description = "Require an API key: one key per line (also "
            + "read from $" + ApiKeys.ENV + ", comma-separated). Keys are held hashed, never written anywhere.")
    Path apiKeyFile;

    @Option(names = "--tls-cert", paramLabel = "F", description = "Serve HTTPS with this PEM certificate chain.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "F", description = "The PEM private key of --tls-cert (PKCS#8 or "
            + "PKCS#1 RSA, unencrypted).")
    Path tlsKey;

    @Option(names = "--client-ca", paramLabel = "F", description = "Mutual TLS: accept only clients whose "
            + "certificate chains to these PEM CA certificates.")
    Path clientCa;

    @Option(names = "--log-dir", paramLabel = "D", description = "The request log folder (default "
            + ".mlwb/request-logs/NAME-vVERSION in the project; docs/request-log.md).")
    Path logDir;

    @Option(names = "--no-request-log", description = "Write no request log.")
    boolean noLog;

    @Option(names = "--no-log-inputs", description = "Leave the inputs out of the request log.")
    boolean noLogInputs;

    @Option(names = "--workers", paramLabel = "N", description = "Model replicas scoring at once (default: cores, "
            + "at most 4).")
    Integer workers;

    @Option(names = "--queue", paramLabel = "N", description = "The most requests admitted at once; more get 503 "
            + "(default ${DEFAULT-VALUE}).")
    int queue = 64;

    @Option(names = "--rate-limit", paramLabel = "R", description = "Requests per second for the whole server; "
            + "more get 429 (default 0: no limit).")
    double rateLimit;

    @Option(names = "--cache", paramLabel = "N", description = "Cache the predictions of up to N repeated "
            + "instances (default 0: no cache).")
    int cache;

    @Option(names = "--unknown-fields", paramLabel = "POLICY", description = "reject (400 naming the field, the "
            + "default) or ignore instance keys that are not inputs of the model.")
    String unknownFields = "reject";

    @Option(names = "--format", paramLabel = "FORMAT", description = "djl (model.zip through PyTorch, the default) "
            + "or onnx (the version's checked export from `mlwb models export`, in ONNX Runtime).")
    String format = "djl";

    @Option(names = "--quantize", paramLabel = "int8", description = "With --format onnx: serve the int8 export.")
    String quantize;

    @Override
    public Integer call() throws Exception {
        boolean onnx = "onnx".equalsIgnoreCase(format);
        if (!onnx && !"djl".equalsIgnoreCase(format)) {
            throw new UserError("Unknown serving format '" + format + "'.", "Use --format djl or --format onnx.",
                    ExitCode.BAD_INPUT, null);
        }
        if (quantize != null && !(onnx && "int8".equalsIgnoreCase(quantize))) {
            throw new UserError("--quantize " + quantize + " is not a served variant.", "Use --format onnx "
                    + "--quantize int8, or leave --quantize out.", ExitCode.BAD_INPUT, null);
        }
        Project p = options.load(spec);
        ServingModels.Resolved r = ServingModels.resolve(p, model);
        Path onnxFile = null;
        if (onnx) {
            try (Catalog catalog = Catalog.open(p.catalogFile())) {
                onnxFile = new ModelExportService(p, catalog, VersionProvider.productVersion(), 10)
                        .exported(r.version().ref(), quantize != null);
            }
        }
        ServerConfig.Builder b = ServerConfig.builder(r.version().model(), r.version().version())
                .host(host)
                .port(port != null ? port : ServerConfig.portFromEnv(System.getenv()))
                .queueCapacity(queue)
                .rateLimit(rateLimit, Math.max(1, (int) Math.ceil(rateLimit)))
                .cacheSize(cache)
                .unknownFields(policy(unknownFields))
                .tls(tlsCert, tlsKey, clientCa)
                .vertexRoutes(System.getenv("AIP_PREDICT_ROUTE"), System.getenv("AIP_HEALTH_ROUTE"));
        if (workers != null) {
            b.workers(workers);
        }
        Path logs = noLog ? null : logDir != null ? logDir
                : p.root().resolve(".mlwb/request-logs/" + r.version().model() + "-v" + r.version().version());
        b.requestLog(logs, !noLogInputs);
        String envKeys = System.getenv(ApiKeys.ENV);
        if (apiKeyFile != null) {
            b.apiKeys(ApiKeys.fromFile(apiKeyFile));
        } else if (envKeys != null && !envKeys.isBlank()) {
            b.apiKeys(ApiKeys.fromEnv(envKeys));
        }
        ServerConfig config = b.build();
        InferenceServer server = InferenceServer.start(config, onnx ? Predictor.loadOnnx(onnxFile, config.workers())
                : Predictor.load(r.artifact(), config.workers(), EngineThreads.perReplica()));
        Thread hook = new Thread(server::close, "mlwb-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            Json.print(out, Map.of("url", server.url(), "model", r.version().ref(), "port", server.port(),
                    "request_log", logs == null ? "" : logs.toString(), "format", onnx ? "onnx" : "djl",
                    "artifact", onnx ? onnxFile.toString() : r.artifact().toString()));
        } else {
            out.println("Serving " + r.version().ref() + " at " + server.url()
                    + (onnx ? " (ONNX Runtime: " + onnxFile.getFileName() + ")" : ""));
            out.println("  POST " + server.url() + "/invocations  (also /predict, /v1/models/" + r.version().model()
                    + ":predict)");
            if (logs != null) {
                out.println("  request log: " + logs);
            }
            out.println("Press Ctrl+C to stop.");
        }
        out.flush();
        server.join();
        return 0;
    }

    static InputDecoder.UnknownFields policy(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "reject" -> InputDecoder.UnknownFields.REJECT;
            case "ignore" -> InputDecoder.UnknownFields.IGNORE;
            default -> throw new UserError("--unknown-fields is '" + text + "'.", "Use reject or ignore.",
                    ExitCode.BAD_INPUT, null);
        };
    }
}
