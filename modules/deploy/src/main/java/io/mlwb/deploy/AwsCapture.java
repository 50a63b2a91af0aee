package io.mlwb.deploy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A loopback recorder the real AWS SDK clients are pointed at: it keeps the body of every request and answers an
 * empty success, so the SDK's own marshalling produces exactly the bytes a call would send. The credentials are dummies
 * and nothing leaves 127.0.0.1.
 */
public final class AwsCapture implements AutoCloseable {
    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();

    /**
     * A request the SDK sent.
     *
     * @param target      the {@code X-Amz-Target} header (JSON protocols), or null
     * @param contentType the body's content type
     * @param body        the body
     */
    public record Request(String target, String contentType, String body) {
        /** @return the form parameters of a query-protocol body, in order */
        public Map<String, String> form() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    /** Starts the recorder on an ephemeral loopback port. */
    public AwsCapture() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the AWS request recorder", e);
        }
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            Request r = new Request(ex.getRequestHeaders().getFirst("X-Amz-Target"), type,
                    new String(body, StandardCharsets.UTF_8));
            synchronized (requests) {
                requests.add(r);
            }
            String response;
            String responseType;
            if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
                String action = r.form().getOrDefault("Action", "Unknown");
                response = "<" + action + "Response xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                        + "<ResponseMetadata><RequestId>0</RequestId></ResponseMetadata></" + action + "Response>";
                responseType = "text/xml";
            } else {
                response = "{}";
                responseType = type == null ? "application/json" : type;
            }
            byte[] out = response.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", responseType);
            ex.getResponseHeaders().add("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
            ex.sendResponseHeaders(200, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    /**
     * Points a client builder at the recorder, with dummy credentials, the url-connection HTTP client and no retries.
     *
     * @param builder a service client's builder
     * @param region  the region the requests name
     * @param <B>     the builder's type
     * @return the builder
     */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region) {
        builder.endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE",
                        "mlwb-loopback-recorder-no-secret")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(UrlConnectionHttpClient.create());
        }
        return builder;
    }

    /**
     * @return the last request recorded
     * @throws IllegalStateException when none was
     */
    public Request last() {
        synchronized (requests) {
            if (requests.isEmpty()) {
                throw new IllegalStateException("the SDK sent no request");
            }
            return requests.get(requests.size() - 1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
