package io.mlwb.serving;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the inference server runs. Build one with {@link #builder}; every setting has a default fit for a laptop.
 *
 * @param model            the served model's name (KServe's {@code /v1/models/<name>}, the request log)
 * @param version          the served version number
 * @param host             the address to bind ({@code 127.0.0.1} unless told otherwise)
 * @param port             the port (0 picks a free one)
 * @param workers          model replicas scoring at once
 * @param queueCapacity    the most requests admitted at once (scoring or waiting); more get 503
 * @param rateLimit        requests per second for the whole server, or 0 for no limit (more get 429)
 * @param rateBurst        the token bucket's size
 * @param cacheSize        instances kept in the cache of repeated inputs, or 0 for no cache
 * @param maxInstances     the most instances per JSON request (more get 413); a JSON Lines body, bounded by its
 *                         size only, is scored in chunks of this many
 * @param maxBodyBytes     the largest request body (larger gets 413)
 * @param unknownFields    what to do with instance keys that are not inputs
 * @param logDir           the request log folder, or null for no request log
 * @param logInputs        whether the request log records inputs
 * @param logMaxBytes      the size at which the active log file rotates
 * @param logKeep          rotated log files kept
 * @param apiKeys          the accepted API keys, or null for no auth
 * @param tlsCert          the PEM certificate chain, or null for plain HTTP
 * @param tlsKey           the PEM private key (with {@code tlsCert})
 * @param clientCa         the PEM CA certificates that client certificates must chain to (mutual TLS), or null
 * @param vertexPredict    Vertex AI's predict route ({@code AIP_PREDICT_ROUTE}), or null
 * @param vertexHealth     Vertex AI's health route ({@code AIP_HEALTH_ROUTE}), or null
 * @param drainTimeout     how long a stop waits for requests in flight
 */
public record ServerConfig(String model, int version, String host, int port, int workers, int queueCapacity,
                           double rateLimit, int rateBurst, int cacheSize, int maxInstances, int maxBodyBytes,
                           InputDecoder.UnknownFields unknownFields, Path logDir, boolean logInputs, long logMaxBytes,
                           int logKeep, ApiKeys apiKeys, Path tlsCert, Path tlsKey, Path clientCa,
                           String vertexPredict, String vertexHealth, Duration drainTimeout) {
    /** The loopback address bound unless {@code --host} says otherwise. */
    public static final String LOOPBACK = "127.0.0.1";
    /** SageMaker's fixed container port, the default when the environment names none. */
    public static final int SAGEMAKER_PORT = 8080;

    /** Checks the settings. */
    public ServerConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(unknownFields, "unknownFields");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (port < 0 || port > 65535) {
            throw bad("The port " + port + " is not between 0 and 65535.", "Give a port such as 8080.");
        }
        if (workers < 1 || queueCapacity < 1) {
            throw bad("Workers and queue capacity must be at least 1.", "Set --workers and --queue to 1 or more.");
        }
        if (rateLimit < 0 || rateBurst < 1) {
            throw bad("The rate limit must be 0 (off) or more, with a burst of 1 or more.", "Fix --rate-limit.");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw bad("TLS needs both a certificate and a key.", "Give --tls-cert and --tls-key together.");
        }
        if (clientCa != null && tlsCert == null) {
            throw bad("Mutual TLS (--client-ca) needs TLS.", "Give --tls-cert and --tls-key too.");
        }
    }

    private static UserError bad(String what, String todo) {
        return new UserError(what, todo, ExitCode.BAD_INPUT, null);
    }

    /**
     * The port a container is told to use: {@code AIP_HTTP_PORT} (Vertex AI), else {@code PORT} (Azure ML, Cloud
     * Run, KServe), else SageMaker's 8080.
     *
     * @param env the environment
     * @return the port
     * @throws UserError when the variable is not a port number
     */
    public static int portFromEnv(Map<String, String> env) {
        for (String name : new String[] {ServingContract.VERTEX_PORT_ENV, ServingContract.PORT_ENV}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                try {
                    return Integer.parseInt(v.strip());
                } catch (NumberFormatException e) {
                    throw bad("$" + name + " is '" + v + "', not a port number.", "Set it to a port such as 8080.");
                }
            }
        }
        return SAGEMAKER_PORT;
    }

    /**
     * @param model   the model's name
     * @param version its version
     * @return a builder with the defaults
     */
    public static Builder builder(String model, int version) {
        return new Builder(model, version);
    }

    /** @return whether the server speaks TLS */
    public boolean tls() {
        return tlsCert != null;
    }

    /** Builds a {@link ServerConfig}; every setter returns the builder. */
    public static final class Builder {
        private final String model;
        private final int version;
        private String host = LOOPBACK;
        private int port = SAGEMAKER_PORT;
        private int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private int queueCapacity = ServingContract.QUEUE_CAPACITY;
        private double rateLimit;
        private int rateBurst = 1;
        private int cacheSize;
        private int maxInstances = 10_000;
        private int maxBodyBytes = ServingContract.MAX_BODY_BYTES;
        private InputDecoder.UnknownFields unknownFields = InputDecoder.UnknownFields.REJECT;
        private Path logDir;
        private boolean logInputs = true;
        private long logMaxBytes = 64L << 20;
        private int logKeep = 30;
        private ApiKeys apiKeys;
        private Path tlsCert;
        private Path tlsKey;
        private Path clientCa;
        private String vertexPredict;
        private String vertexHealth;
        private Duration drainTimeout = Duration.ofSeconds(30);

        private Builder(String model, int version) {
            this.model = model;
            this.version = version;
        }

        /** @param v the address to bind @return this */
        public Builder host(String v) {
            host = v;
            return this;
        }

        /** @param v the port (0 = any free one) @return this */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /** @param v model replicas @return this */
        public Builder workers(int v) {
            workers = v;
            return this;
        }

        /** @param v the most requests admitted at once @return this */
        public Builder queueCapacity(int v) {
            queueCapacity = v;
            return this;
        }

        /** @param perSecond requests per second (0 = off) @param burst bucket size @return this */
        public Builder rateLimit(double perSecond, int burst) {
            rateLimit = perSecond;
            rateBurst = burst;
            return this;
        }

        /** @param v cached instances (0 = off) @return this */
        public Builder cacheSize(int v) {
            cacheSize = v;
            return this;
        }

        /** @param v the most instances per request @return this */
        public Builder maxInstances(int v) {
            maxInstances = v;
            return this;
        }

        /** @param v the largest body in bytes @return this */
        public Builder maxBodyBytes(int v) {
            maxBodyBytes = v;
            return this;
        }

        /** @param v the unknown-field policy @return this */
        public Builder unknownFields(InputDecoder.UnknownFields v) {
            unknownFields = v;
            return this;
        }

        /** @param dir the request log folder (null = none) @param inputs log inputs @return this */
        public Builder requestLog(Path dir, boolean inputs) {
            logDir = dir;
            logInputs = inputs;
            return this;
        }

        /** @param maxBytes rotation size @param keep rotated files kept @return this */
        public Builder logRotation(long maxBytes, int keep) {
            logMaxBytes = maxBytes;
            logKeep = keep;
            return this;
        }

        /** @param v accepted keys (null = no auth) @return this */
        public Builder apiKeys(ApiKeys v) {
            apiKeys = v;
            return this;
        }

        /** @param cert PEM chain @param key PEM key @param ca PEM CA for client certificates, or null @return this */
        public Builder tls(Path cert, Path key, Path ca) {
            tlsCert = cert;
            tlsKey = key;
            clientCa = ca;
            return this;
        }

        /** @param predict AIP_PREDICT_ROUTE @param health AIP_HEALTH_ROUTE @return this */
        public Builder vertexRoutes(String predict, String health) {
            vertexPredict = predict == null || predict.isBlank() ? null : predict;
            vertexHealth = health == null || health.isBlank() ? null : health;
            return this;
        }

        /** @param v how long a stop waits for requests in flight @return this */
        public Builder drainTimeout(Duration v) {
            drainTimeout = v;
            return this;
        }

        /** @return the configuration */
        public ServerConfig build() {
            return new ServerConfig(model, version, host, port, workers, queueCapacity, rateLimit, rateBurst,
                    cacheSize, maxInstances, maxBodyBytes, unknownFields, logDir, logInputs, logMaxBytes, logKeep,
                    apiKeys, tlsCert, tlsKey, clientCa, vertexPredict, vertexHealth, drainTimeout);
        }
    }
}
