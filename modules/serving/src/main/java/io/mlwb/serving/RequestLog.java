package io.mlwb.serving;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log of docs/request-log.md, format version 1: one JSON line per answered request in
 * {@code requests.jsonl}, rotated to {@code requests-<YYYYMMDD>T<HHMMSS>Z-<n>.jsonl} when the active file passes its
 * size limit or the UTC day changes, keeping the newest {@code keep} rotated files. Request threads only format a
 * line and queue it; one writer thread appends whole lines (each batch with one {@code write} call), so a slow disk
 * never holds a response. {@link #close} writes what is queued.
 */
public final class RequestLog implements AutoCloseable {
    /** The format version written in {@code "v"}. */
    public static final int FORMAT = 1;
    /** The active file's name. */
    public static final String ACTIVE = "requests.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ROTATED = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern ROTATED_NAME = Pattern.compile("requests-[0-9]{8}T[0-9]{6}Z-[0-9]+\\.jsonl(\\.gz)?");
    private static final JsonFactory JSON = new ObjectMapper().getFactory();

    private final Path dir;
    private final long maxBytes;
    private final int keep;
    private static final int CAPACITY = 100_000;
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    // Not a blocking queue: waking the writer for every line costs a context switch per request, which on two cores
    // halved the server's throughput (serve-throughput). The writer drains every 20 ms instead.
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread writer;
    private FileChannel active;
    private long size;
    private LocalDate day;
    private volatile boolean closed;

    /**
     * One answered request.
     *
     * @param ts          when the response was sent
     * @param model       the model's name
     * @param version     the version number
     * @param requestId   the server's id of the request
     * @param traceparent the header received or started
     * @param route       the route called
     * @param status      the HTTP status sent
     * @param latencyMs   arrival to response, in milliseconds
     * @param cached      whether the predictions came from the cache
     * @param inputs      the instances as received, or null (not logged or not read)
     * @param predictions one per instance, or null when the request failed
     * @param error       the error, or null
     */
    public record Entry(Instant ts, String model, int version, String requestId, String traceparent, String route,
                        int status, double latencyMs, boolean cached, List<? extends JsonNode> inputs,
                        List<? extends JsonNode> predictions, ServingError error) {
    }

    /**
     * Opens (or continues) the log in a folder.
     *
     * @param dir      the log folder (created)
     * @param maxBytes the size at which the active file rotates
     * @param keep     how many rotated files to keep (older ones are deleted)
     * @throws UserError when the folder cannot be written
     */
    public RequestLog(Path dir, long maxBytes, int keep) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.keep = keep;
        try {
            Files.createDirectories(dir);
            openActive();
        } catch (IOException e) {
            throw new UserError("Cannot write the request log in " + dir + ": " + e.getMessage(),
                    "Choose a writable folder with --log-dir.", ExitCode.BAD_INPUT, e);
        }
        writer = new Thread(this::drain, "mlwb-request-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** @return the log folder */
    public Path dir() {
        return dir;
    }

    private void openActive() throws IOException {
        Path file = dir.resolve(ACTIVE);
        active = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = active.size();
        Instant since = size == 0 ? Instant.now() : Files.getLastModifiedTime(file).toInstant();
        day = LocalDate.ofInstant(since, ZoneOffset.UTC);
    }

    /**
     * Formats an entry and queues it for the writer (waits only while 100,000 lines wait).
     *
     * @param e the entry
     */
    public void write(Entry e) {
        if (closed) {
            return;
        }
        byte[] line = line(e);
        while (queued.get() >= CAPACITY && !closed) {
            LockSupport.parkNanos(DRAIN_NANOS / 4);
        }
        queue.add(line);
        queued.incrementAndGet();
    }

    /**
     * @param e an entry
     * @return its line, ending with {@code \n}
     */
    static byte[] line(Entry e) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(buf, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("v", FORMAT);
            g.writeStringField("ts", TS.format(e.ts()));
            g.writeStringField("model", e.model());
            g.writeNumberField("version", e.version());
            g.writeStringField("request_id", e.requestId());
            g.writeStringField("traceparent", e.traceparent());
            g.writeStringField("route", e.route());
            g.writeNumberField("status", e.status());
            g.writeNumberField("latency_ms", Math.round(e.latencyMs() * 1000) / 1000.0);
            g.writeBooleanField("cached", e.cached());
            nodes(g, "inputs", e.inputs());
            nodes(g, "predictions", e.predictions());
            if (e.error() == null) {
                g.writeNullField("error");
            } else {
                g.writeObjectFieldStart("error");
                g.writeStringField("code", e.error().code());
                g.writeStringField("message", e.error().getMessage());
                g.writeStringField("field", e.error().field());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        buf.write('\n');
        return buf.toByteArray();
    }

    private static void nodes(JsonGenerator g, String name, List<? extends JsonNode> nodes) throws IOException {
        if (nodes == null) {
            g.writeNullField(name);
            return;
        }
        g.writeArrayFieldStart(name);
        for (JsonNode n : nodes) {
            g.writeTree(n);
        }
        g.writeEndArray();
    }

    private void drain() {
        List<byte[]> batch = new ArrayList<>();
        while (true) {
            boolean stop = closed;
            try {
                for (byte[] line = queue.poll(); line != null && batch.size() < 4096; line = queue.poll()) {
                    batch.add(line);
                }
                queued.addAndGet(-batch.size());
                if (batch.isEmpty()) {
                    rotateIfDue(0);
                } else {
                    writeBatch(batch);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Request log write failed in {}: {}", dir, e.toString());
            }
            boolean full = batch.size() == 4096;
            batch.clear();
            if (stop && queue.isEmpty()) {
                break;
            }
            if (!full) {
                LockSupport.parkNanos(DRAIN_NANOS);
            }
        }
        try {
            active.close();
        } catch (IOException e) {
            LOG.warn("Request log close failed in {}: {}", dir, e.toString());
        }
    }

    private void writeBatch(List<byte[]> lines) throws IOException {
        int i = 0;
        while (i < lines.size()) {
            rotateIfDue(lines.get(i).length);
            // lines that fit before the size limit go out in one write call, each whole
            int total = 0;
            int j = i;
            while (j < lines.size() && (j == i || size + total + lines.get(j).length <= maxBytes)) {
                total += lines.get(j).length;
                j++;
            }
            ByteBuffer buf = ByteBuffer.allocate(total);
            for (int k = i; k < j; k++) {
                buf.put(lines.get(k));
            }
            buf.flip();
            while (buf.hasRemaining()) {
                active.write(buf);
            }
            size += total;
            i = j;
        }
    }

    private void rotateIfDue(int next) throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        boolean full = size > 0 && size + next > maxBytes;
        if (!(full || size > 0 && !today.equals(day))) {
            if (size == 0) {
                day = today;
            }
            return;
        }
        active.close();
        String stamp = ROTATED.format(Instant.now());
        Path target;
        int n = 1;
        do {
            target = dir.resolve("requests-" + stamp + "-" + n + ".jsonl");
            n++;
        } while (Files.exists(target) || Files.exists(dir.resolve(target.getFileName() + ".gz")));
        Files.move(dir.resolve(ACTIVE), target);
        openActive();
        day = today;
        prune();
    }

    private void prune() throws IOException {
        List<Path> rotated;
        try (Stream<Path> s = Files.list(dir)) {
            rotated = s.filter(p -> ROTATED_NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        for (int i = 0; i < rotated.size() - keep; i++) {
            Files.deleteIfExists(rotated.get(i));
        }
    }

    /** Writes every queued line, then closes the file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
