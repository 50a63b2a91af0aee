package io.mlwb.catalog.metrics;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores metric points in the background, batched: {@link #log} only queues a point; a daemon thread
 * groups the queued points by series and writes them as packed blocks (see the package documentation),
 * all of one batch in ONE transaction, and upserts each series' latest point.
 *
 * <p>A batch is written when {@code maxBatchPoints} points are queued, when {@code maxDelay} has passed
 * since the oldest queued point, on {@link #flush()} and on {@link #close()}; it holds everything queued
 * at that moment. When {@code queueCapacity} points are queued, {@link #log} blocks until the writer
 * catches up: points are never dropped. If the process dies, only points not yet committed are lost
 * (at most the queue and the batch being written).
 *
 * <p>A failed batch is rolled back as a whole and its points are discarded; the failure is thrown, once,
 * as a {@link CatalogException} by the next {@link #log}, {@link #flush} or {@link #close} on any thread.
 * Later batches are written normally.
 *
 * <p>Thread-safe: any number of threads may log. The catalog is shared with its other users; writes take
 * its lock only while a transaction runs. The writer does not close the catalog.
 */
public final class MetricWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricWriter.class);

    /** A block holds at most this many points; larger chunks are split. */
    static final int MAX_BLOCK_POINTS = 4096;
    /**
     * A chunk that continues the last block in step order is merged into it while both together hold at
     * most this many points, so that a series flushed a point or two at a time (telemetry at 1 Hz) still
     * ends up in blocks of ~1,000 points instead of one row per point. Bounds the rewrite per flush to
     * ~10 KB per series.
     */
    static final int MERGE_TARGET_POINTS = 1024;

    /**
     * How the writer batches.
     *
     * @param maxBatchPoints write when this many points are queued (at least 1)
     * @param maxDelay       write when the oldest queued point has waited this long (positive)
     * @param queueCapacity  {@link #log} blocks while this many points are queued (at least 1)
     */
    public record Options(int maxBatchPoints, Duration maxDelay, int queueCapacity) {
        /** Validates the options. */
        public Options {
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (maxBatchPoints < 1 || queueCapacity < 1 || maxDelay.isNegative() || maxDelay.isZero()) {
                throw new IllegalArgumentException("Metric writer options out of range: maxBatchPoints="
                        + maxBatchPoints + ", maxDelay=" + maxDelay + ", queueCapacity=" + queueCapacity);
            }
        }

        /** @return 10,000-point batches, at most 1 s old, with 200,000 points of queue */
        public static Options defaults() {
            return new Options(10_000, Duration.ofSeconds(1), 200_000);
        }
    }

    private record Point(long runId, String name, MetricKind kind, long step, double value, long time) {
    }

    private record SeriesKey(long runId, String name, MetricKind kind) {
    }

    private final Catalog catalog;
    private final Options options;
    private final int trigger;
    private final long maxDelayNanos;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition processed = lock.newCondition();
    // Guarded by lock.
    private ArrayList<Point> pending = new ArrayList<>();
    private long oldestPendingNanos;
    private long loggedCount;
    private long processedCount;
    private long flushTarget;
    private boolean closing;
    private boolean writerDead;
    private RuntimeException failure;

    /** Series ids known to be committed; used by the writer thread only. */
    private final Map<SeriesKey, Long> keyIds = new HashMap<>();

    /**
     * Starts the writer thread.
     *
     * @param catalog where the points go; must stay open until {@link #close()} returns
     * @param options batching options
     */
    public MetricWriter(Catalog catalog, Options options) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.options = Objects.requireNonNull(options, "options");
        this.trigger = Math.min(options.maxBatchPoints(), options.queueCapacity());
        this.maxDelayNanos = options.maxDelay().toNanos();
        this.thread = new Thread(this::drainLoop, "mlwb-metric-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues one point. Returns at once unless the queue is full, then waits for room.
     *
     * @param runId      an existing run (an unknown run makes the batch fail with a foreign-key error)
     * @param name       the metric name, not blank
     * @param kind       the metric kind
     * @param step       the step (any long; out-of-order and repeated steps are allowed)
     * @param value      the value (NaN and infinities are stored faithfully)
     * @param timeMillis epoch milliseconds
     * @throws CatalogException      when an earlier batch failed since the last report
     * @throws IllegalStateException after {@link #close()}
     */
    public void log(long runId, String name, MetricKind kind, long step, double value, long timeMillis) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A metric name must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
        Point point = new Point(runId, name, kind, step, value, timeMillis);
        lock.lock();
        try {
            throwPendingFailure();
            checkOpen();
            while (pending.size() >= options.queueCapacity()) {
                notFull.awaitUninterruptibly();
                throwPendingFailure();
                checkOpen();
            }
            if (pending.isEmpty()) {
                oldestPendingNanos = System.nanoTime();
                pending.add(point);
                work.signal();
            } else {
                pending.add(point);
                if (pending.size() == trigger) {
                    work.signal();
                }
            }
            loggedCount++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until every point logged before this call is committed (or its batch has failed).
     *
     * @throws CatalogException when a batch failed since the last report
     */
    public void flush() {
        lock.lock();
        try {
            long target = loggedCount;
            if (target > flushTarget) {
                flushTarget = target;
                work.signal();
            }
            while (processedCount < target && !writerDead) {
                processed.awaitUninterruptibly();
            }
            throwPendingFailure();
            if (processedCount < target) {
                throw new IllegalStateException("The metric writer thread has stopped");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes what is queued, then stops the writer thread. Idempotent; does not close the catalog.
     *
     * @throws CatalogException when a batch failed since the last report (including the final one)
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            work.signal();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            throwPendingFailure();
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closing || writerDead) {
            throw new IllegalStateException("The metric writer is closed");
        }
    }

    private void throwPendingFailure() {
        RuntimeException f = failure;
        if (f != null) {
            failure = null;
            throw f;
        }
    }

    private void drainLoop() {
        try {
            while (true) {
                List<Point> batch;
                long batchEnd;
                lock.lock();
                try {
                    while (!readyToWrite()) {
                        if (closing && pending.isEmpty()) {
                            return;
                        }
                        if (pending.isEmpty()) {
                            work.awaitUninterruptibly();
                        } else {
                            long wait = oldestPendingNanos + maxDelayNanos - System.nanoTime();
                            if (wait > 0) {
                                work.awaitNanos(wait);
                            }
                        }
                    }
                    batch = pending;
                    pending = new ArrayList<>(Math.min(batch.size(), options.queueCapacity()));
                    batchEnd = loggedCount;
                    notFull.signalAll();
                } finally {
                    lock.unlock();
                }
                RuntimeException error = null;
                try {
                    writeBatch(batch);
                } catch (RuntimeException e) {
                    error = wrapFailure(batch.size(), e);
                    LOG.warn("Metric batch of {} points failed and was rolled back", batch.size(), e);
                    keyIds.clear();
                }
                lock.lock();
                try {
                    processedCount = batchEnd;
                    if (error != null) {
                        if (failure == null) {
                            failure = error;
                        } else {
                            failure.addSuppressed(error);
                        }
                    }
                    processed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException | Error e) {
            LOG.error("Metric writer thread stopped", e);
            lock.lock();
            try {
                failure = new CatalogException("The metric writer stopped: " + e, "Restart the run; points "
                        + "logged after the last flush were not stored.", ExitCode.INTERNAL, e);
                writerDead = true;
                processed.signalAll();
                notFull.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean readyToWrite() {
        if (pending.isEmpty()) {
            return false;
        }
        return closing || pending.size() >= trigger || flushTarget > processedCount
                || System.nanoTime() - oldestPendingNanos >= maxDelayNanos;
    }

    private static CatalogException wrapFailure(int points, RuntimeException e) {
        ExitCode exit = e instanceof UserError u ? u.exit() : ExitCode.INTERNAL;
        return new CatalogException("A batch of " + points + " metric points was not stored: " + e.getMessage(),
                "Check that the runs exist and the catalog is writable; log the points again if they matter.",
                exit, e);
    }

    /** Chunk of one series in a batch: parallel arrays in log order. */
    private static final class Chunk {
        long[] steps = new long[16];
        double[] values = new double[16];
        long[] times = new long[16];
        int n;
        boolean sorted = true;

        void add(long step, double value, long time) {
            if (n == steps.length) {
                int cap = n * 2;
                steps = Arrays.copyOf(steps, cap);
                values = Arrays.copyOf(values, cap);
                times = Arrays.copyOf(times, cap);
            }
            if (n > 0 && step < steps[n - 1]) {
                sorted = false;
            }
            steps[n] = step;
            values[n] = value;
            times[n] = time;
            n++;
        }
    }

    private void writeBatch(List<Point> batch) {
        Map<SeriesKey, Chunk> chunks = new LinkedHashMap<>();
        SeriesKey lastKey = null;
        Chunk last = null;
        for (Point p : batch) {
            if (last == null || lastKey.runId() != p.runId() || lastKey.kind() != p.kind()
                    || !lastKey.name().equals(p.name())) {
                lastKey = new SeriesKey(p.runId(), p.name(), p.kind());
                last = chunks.computeIfAbsent(lastKey, k -> new Chunk());
            }
            last.add(p.step(), p.value(), p.time());
        }
        for (Chunk c : chunks.values()) {
            if (!c.sorted) {
                StepSort.sort(c.steps, c.values, c.times, c.n);
            }
        }
        Map<SeriesKey, Long> newKeys = new HashMap<>();
        catalog.inTransaction("write metric batch", c -> {
            newKeys.clear();
            try (var findKey = c.prepareStatement(
                         "SELECT id FROM metric_key WHERE run_id = ? AND name = ? AND kind = ?");
                 var insertKey = c.prepareStatement(
                         "INSERT INTO metric_key(run_id, name, kind) VALUES (?, ?, ?)",
                         Statement.RETURN_GENERATED_KEYS);
                 var lastBlock = c.prepareStatement("SELECT seq, last_step, n, min_value, max_value FROM "
                         + "metric_block WHERE key_id = ? ORDER BY seq DESC LIMIT 1");
                 var lastPayload = c.prepareStatement(
                         "SELECT payload FROM metric_block WHERE key_id = ? AND seq = ?");
                 var insertBlock = c.prepareStatement("INSERT INTO metric_block(key_id, seq, first_step, "
                         + "last_step, n, min_value, max_value, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 var updateBlock = c.prepareStatement("UPDATE metric_block SET last_step = ?, n = ?, "
                         + "min_value = ?, max_value = ?, payload = ? WHERE key_id = ? AND seq = ?");
                 var upsertLatest = c.prepareStatement("INSERT INTO metric_latest(key_id, step, value, time) "
                         + "VALUES (?, ?, ?, ?) ON CONFLICT(key_id) DO UPDATE SET step = excluded.step, "
                         + "value = excluded.value, time = excluded.time WHERE excluded.step >= step")) {
                for (Map.Entry<SeriesKey, Chunk> e : chunks.entrySet()) {
                    long keyId = keyId(e.getKey(), findKey, insertKey, newKeys);
                    Chunk chunk = e.getValue();
                    writeChunk(keyId, chunk, lastBlock, lastPayload, insertBlock, updateBlock);
                    // Sorted stably, so the last point holds the highest step and, among equal steps, the last logged.
                    int i = chunk.n - 1;
                    upsertLatest.setLong(1, keyId);
                    upsertLatest.setLong(2, chunk.steps[i]);
                    setReal(upsertLatest, 3, chunk.values[i]);
                    upsertLatest.setLong(4, chunk.times[i]);
                    upsertLatest.addBatch();
                }
                insertBlock.executeBatch();
                upsertLatest.executeBatch();
            }
            return null;
        });
        keyIds.putAll(newKeys);
        LOG.debug("Wrote {} metric points in {} series", batch.size(), chunks.size());
    }

    private long keyId(SeriesKey key, PreparedStatement find, PreparedStatement insert, Map<SeriesKey, Long> newKeys)
            throws SQLException {
        Long id = keyIds.get(key);
        if (id == null) {
            id = newKeys.get(key);
        }
        if (id != null) {
            return id;
        }
        find.setLong(1, key.runId());
        find.setString(2, key.name());
        find.setString(3, key.kind().sqlName());
        try (ResultSet rs = find.executeQuery()) {
            if (rs.next()) {
                id = rs.getLong(1);
            }
        }
        if (id == null) {
            insert.setLong(1, key.runId());
            insert.setString(2, key.name());
            insert.setString(3, key.kind().sqlName());
            insert.executeUpdate();
            try (ResultSet rs = insert.getGeneratedKeys()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        newKeys.put(key, id);
        return id;
    }

    private static void writeChunk(long keyId, Chunk chunk, PreparedStatement lastBlock,
            PreparedStatement lastPayload, PreparedStatement insertBlock, PreparedStatement updateBlock)
            throws SQLException {
        long nextSeq = 0;
        int from = 0;
        lastBlock.setLong(1, keyId);
        try (ResultSet rs = lastBlock.executeQuery()) {
            if (rs.next()) {
                long seq = rs.getLong(1);
                long lastStep = rs.getLong(2);
                int n = rs.getInt(3);
                nextSeq = seq + 1;
                if (chunk.steps[0] >= lastStep && n + chunk.n <= MERGE_TARGET_POINTS) {
                    double min = rs.getDouble(4);
                    boolean hasRange = !rs.wasNull();
                    double max = rs.getDouble(5);
                    mergeIntoLast(keyId, seq, n, hasRange, min, max, chunk, lastPayload, updateBlock);
                    from = chunk.n;
                }
            }
        }
        while (from < chunk.n) {
            int len = Math.min(MAX_BLOCK_POINTS, chunk.n - from);
            double min = Double.NaN;
            double max = Double.NaN;
            for (int i = from; i < from + len; i++) {
                double v = chunk.values[i];
                if (!Double.isNaN(v)) { // min/max ignore NaN; both stay NULL when every value is NaN
                    min = Double.isNaN(min) || v < min ? v : min;
                    max = Double.isNaN(max) || v > max ? v : max;
                }
            }
            insertBlock.setLong(1, keyId);
            insertBlock.setLong(2, nextSeq++);
            insertBlock.setLong(3, chunk.steps[from]);
            insertBlock.setLong(4, chunk.steps[from + len - 1]);
            insertBlock.setInt(5, len);
            setReal(insertBlock, 6, min);
            setReal(insertBlock, 7, max);
            insertBlock.setBytes(8, MetricBlockCodec.encode(chunk.steps, chunk.values, chunk.times, from, len));
            insertBlock.addBatch();
            from += len;
        }
    }

    private static void mergeIntoLast(long keyId, long seq, int n, boolean hasRange, double min, double max,
            Chunk chunk, PreparedStatement lastPayload, PreparedStatement updateBlock) throws SQLException {
        byte[] old;
        lastPayload.setLong(1, keyId);
        lastPayload.setLong(2, seq);
        try (ResultSet rs = lastPayload.executeQuery()) {
            rs.next();
            old = rs.getBytes(1);
        }
        int total = n + chunk.n;
        long[] steps = new long[total];
        double[] values = new double[total];
        long[] times = new long[total];
        MetricBlockCodec.decode(old, steps, values, times, 0);
        System.arraycopy(chunk.steps, 0, steps, n, chunk.n);
        System.arraycopy(chunk.values, 0, values, n, chunk.n);
        System.arraycopy(chunk.times, 0, times, n, chunk.n);
        double lo = hasRange ? min : Double.NaN;
        double hi = hasRange ? max : Double.NaN;
        for (int i = 0; i < chunk.n; i++) {
            double v = chunk.values[i];
            if (!Double.isNaN(v)) {
                lo = Double.isNaN(lo) || v < lo ? v : lo;
                hi = Double.isNaN(hi) || v > hi ? v : hi;
            }
        }
        updateBlock.setLong(1, chunk.steps[chunk.n - 1]);
        updateBlock.setInt(2, total);
        setReal(updateBlock, 3, lo);
        setReal(updateBlock, 4, hi);
        updateBlock.setBytes(5, MetricBlockCodec.encode(steps, values, times, 0, total));
        updateBlock.setLong(6, keyId);
        updateBlock.setLong(7, seq);
        updateBlock.executeUpdate();
    }

    /** SQLite turns NaN into NULL anyway; say so explicitly. */
    private static void setReal(PreparedStatement st, int index, double v) throws SQLException {
        if (Double.isNaN(v)) {
            st.setNull(index, Types.REAL);
        } else {
            st.setDouble(index, v);
        }
    }

    /** @return the options this writer batches by */
    public Options options() {
        return options;
    }
}
