package io.mlwb.serving;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics, written in the text exposition format 0.0.4 by hand (a few counters, gauges and
 * one histogram do not need a client library): requests by route and status, errors by status, the latency
 * histogram of scoring routes, instances scored, cache hits, and the queue depth and in-flight gauges.
 */
public final class Metrics {
    /** Upper bounds of the latency histogram, in seconds. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder[] bucketCounts = new LongAdder[BUCKETS.length + 1];
    private final LongAdder latencyCount = new LongAdder();
    private final java.util.concurrent.atomic.DoubleAdder latencySum = new java.util.concurrent.atomic.DoubleAdder();
    private final LongAdder predictions = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final IntSupplier queueDepth;
    private final IntSupplier inFlight;
    private final int queueCapacity;

    /**
     * @param queueDepth    requests admitted and waiting for a model replica
     * @param inFlight      requests admitted and not answered
     * @param queueCapacity the most requests admitted at once
     */
    public Metrics(IntSupplier queueDepth, IntSupplier inFlight, int queueCapacity) {
        for (int i = 0; i < bucketCounts.length; i++) {
            bucketCounts[i] = new LongAdder();
        }
        this.queueDepth = queueDepth;
        this.inFlight = inFlight;
        this.queueCapacity = queueCapacity;
    }

    /**
     * Counts one answered request.
     *
     * @param route   the route name ({@code /invocations}, {@code /v1/models/:predict}...; never a raw path)
     * @param status  the HTTP status sent
     * @param seconds latency, or a negative number when it is not a scoring route
     */
    public void request(String route, int status, double seconds) {
        requests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
        if (status >= 400) {
            errors.computeIfAbsent(status, k -> new LongAdder()).increment();
        }
        if (seconds >= 0) {
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            bucketCounts[i].increment();
            latencyCount.increment();
            latencySum.add(seconds);
        }
    }

    /** @param n instances scored (or served from the cache) */
    public void predictions(int n) {
        predictions.add(n);
    }

    /** @param n instances served from the cache */
    public void cacheHits(int n) {
        cacheHits.add(n);
    }

    /** @return the exposition text */
    public String text() {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("# HELP mlwb_requests_total Requests answered, by route and HTTP status.\n");
        sb.append("# TYPE mlwb_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> {
            int sep = k.indexOf('\u0000');
            sb.append("mlwb_requests_total{route=\"").append(escape(k.substring(0, sep))).append("\",code=\"")
                    .append(k.substring(sep + 1)).append("\"} ").append(v.sum()).append('\n');
        });
        sb.append("# HELP mlwb_request_errors_total Requests answered with a status of 400 or more, by status.\n");
        sb.append("# TYPE mlwb_request_errors_total counter\n");
        new TreeMap<>(errors).forEach((k, v) -> sb.append("mlwb_request_errors_total{code=\"").append(k)
                .append("\"} ").append(v.sum()).append('\n'));
        sb.append("# HELP mlwb_request_duration_seconds Latency of scoring requests, arrival to response.\n");
        sb.append("# TYPE mlwb_request_duration_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += bucketCounts[i].sum();
            sb.append("mlwb_request_duration_seconds_bucket{le=\"").append(number(BUCKETS[i])).append("\"} ")
                    .append(cumulative).append('\n');
        }
        cumulative += bucketCounts[BUCKETS.length].sum();
        sb.append("mlwb_request_duration_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        sb.append("mlwb_request_duration_seconds_sum ").append(number(latencySum.sum())).append('\n');
        sb.append("mlwb_request_duration_seconds_count ").append(cumulative).append('\n');
        sb.append("# HELP mlwb_predictions_total Instances scored or served from the cache.\n");
        sb.append("# TYPE mlwb_predictions_total counter\n");
        sb.append("mlwb_predictions_total ").append(predictions.sum()).append('\n');
        sb.append("# HELP mlwb_cache_hits_total Instances served from the cache of repeated inputs.\n");
        sb.append("# TYPE mlwb_cache_hits_total counter\n");
        sb.append("mlwb_cache_hits_total ").append(cacheHits.sum()).append('\n');
        sb.append("# HELP mlwb_queue_depth Requests admitted and waiting for a model replica.\n");
        sb.append("# TYPE mlwb_queue_depth gauge\n");
        sb.append("mlwb_queue_depth ").append(queueDepth.getAsInt()).append('\n');
        sb.append("# HELP mlwb_in_flight Requests admitted and not yet answered.\n");
        sb.append("# TYPE mlwb_in_flight gauge\n");
        sb.append("mlwb_in_flight ").append(inFlight.getAsInt()).append('\n');
        sb.append("# HELP mlwb_queue_capacity The most requests admitted at once; more get 503.\n");
        sb.append("# TYPE mlwb_queue_capacity gauge\n");
        sb.append("mlwb_queue_capacity ").append(queueCapacity).append('\n');
        return sb.toString();
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d)
                : Double.toString(d);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
