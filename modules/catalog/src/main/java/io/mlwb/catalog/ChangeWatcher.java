package io.mlwb.catalog;

import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.events.CatalogEvents;
import io.mlwb.catalog.events.CatalogListener;
import io.mlwb.catalog.events.Subscription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * A catalog's change watcher (decision 0004): one daemon thread, {@code mlwb-catalog-watch}, started by the first
 * subscription, with its own read-only connection. It polls {@code PRAGMA data_version} every {@link #POLL_MS} ms
 * (and at once when {@link #wake()}d after a commit of this process, at most every {@link #MIN_GAP_MS} ms), reads
 * the {@code change_log} rows after its cursor, and hands them, coalesced, to every listener. It also prunes the
 * change log now and then when the catalog is writable.
 */
final class ChangeWatcher implements CatalogEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);

    /** How often another process's commits are looked for. */
    static final long POLL_MS = 250;
    /** The least time between two reads of the change log, so a fast writer costs at most ~25 reads a second. */
    static final long MIN_GAP_MS = 40;
    /** Rows read per query. */
    private static final int READ_LIMIT = 5_000;
    /** Prune after this many rows were seen, or {@link #PRUNE_EVERY_MS} after rows were last seen. */
    private static final long PRUNE_AFTER_ROWS = 5_000;
    private static final long PRUNE_EVERY_MS = 60_000;
    /** The change log keeps at least this many newest rows ... */
    static final long DEFAULT_KEEP_ROWS = 10_000;
    /** ... and every row younger than this. */
    static final Duration DEFAULT_KEEP_AGE = Duration.ofMinutes(10);

    private final Catalog catalog;
    private final boolean watchable;
    private final List<Entry> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean signal = new AtomicBoolean();
    private final Object startLock = new Object();
    private volatile Thread thread;
    private volatile boolean stopped;
    private volatile long keepRows = DEFAULT_KEEP_ROWS;
    private volatile long keepAgeMillis = DEFAULT_KEEP_AGE.toMillis();
    // Owned by the watcher thread once started.
    private Connection connection;
    private long cursor;
    private long dataVersion;

    /** One subscribed listener; {@code active} turns false when unsubscribed. */
    private static final class Entry {
        final CatalogListener listener;
        volatile boolean active = true;

        Entry(CatalogListener listener) {
            this.listener = listener;
        }
    }

    /**
     * @param catalog   the catalog watched
     * @param watchable false when no change can ever be seen (an immutable snapshot): subscriptions never fire
     */
    ChangeWatcher(Catalog catalog, boolean watchable) {
        this.catalog = catalog;
        this.watchable = watchable;
    }

    @Override
    public Subscription subscribe(CatalogListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        Entry entry = new Entry(listener);
        listeners.add(entry);
        if (!ensureStarted()) {
            listeners.remove(entry);
            return Subscription.NONE;
        }
        return () -> {
            entry.active = false;
            listeners.remove(entry);
        };
    }

    /** Tells the watcher that this process committed: it looks at once instead of at the next poll. Any thread. */
    void wake() {
        Thread t = thread;
        if (t != null && !signal.getAndSet(true)) {
            LockSupport.unpark(t);
        }
    }

    /** @return whether the watcher thread runs */
    boolean running() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Sets how much of the change log pruning keeps (tests). */
    void retention(long rows, Duration age) {
        this.keepRows = rows;
        this.keepAgeMillis = age.toMillis();
    }

    /** Stops the thread and waits for it (unless called by a listener on it). Idempotent. */
    void stop() {
        Thread t;
        synchronized (startLock) {
            stopped = true;
            t = thread;
        }
        listeners.clear();
        if (t != null) {
            LockSupport.unpark(t);
            if (t != Thread.currentThread()) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Deletes change-log rows older than the retention, keeping the newest {@code keepRows}, in a write
     * transaction of the catalog. Never deletes the newest row, so seq keeps growing.
     *
     * @return how many rows were deleted
     */
    int prune() {
        // A row as old as the retention or older goes; a retention of zero keeps no row for its age, including one
        // written in this very millisecond (with "at < now" such a row stayed, and how many did depended on timing).
        long notYounger = System.currentTimeMillis() - keepAgeMillis;
        long rows = keepRows;
        return catalog.inTransaction("prune the change log", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM change_log "
                    + "WHERE seq <= (SELECT max(seq) FROM change_log) - ? AND at <= ?")) {
                st.setLong(1, Math.max(1, rows));
                st.setLong(2, notYounger);
                return st.executeUpdate();
            }
        });
    }

    /**
     * Prunes when the change log holds more than twice the rows it keeps; a cheap read otherwise (min and max of the
     * rowid). For a writable catalog that no one watched, on close.
     */
    void pruneIfLarge(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(seq) - min(seq), 0) FROM change_log")) {
            if (rs.next() && rs.getLong(1) > 2 * keepRows) {
                int n = prune();
                LOG.debug("Pruned {} change-log rows of {}", n, catalog.file());
            }
        }
    }

    // ---------------------------------------------------------------- the thread

    private boolean ensureStarted() {
        synchronized (startLock) {
            if (stopped || !watchable) {
                return false;
            }
            if (thread != null) {
                return true;
            }
            Connection c = null;
            try {
                c = connect();
                if (!hasChangeLog(c)) {
                    LOG.info("Catalog {} (schema v{}) has no change log; its changes are not watched",
                            catalog.file(), catalog.schemaVersion());
                    c.close();
                    return false;
                }
                // The cursor is read before subscribe returns, so every commit after it is seen.
                dataVersion = dataVersion(c);
                cursor = maxSeq(c);
            } catch (SQLException e) {
                LOG.warn("Cannot watch the catalog {} for changes: {}", catalog.file(), e.getMessage());
                closeQuietly(c);
                return false;
            }
            connection = c;
            Thread t = new Thread(this::run, "mlwb-catalog-watch");
            t.setDaemon(true);
            thread = t;
            t.start();
            LOG.debug("Watching catalog {} for changes from seq {}", catalog.file(), cursor);
            return true;
        }
    }

    private void run() {
        long lastCheck = 0;
        long lastPrune = System.nanoTime();
        long rowsSincePrune = 0;
        try {
            while (!stopped) {
                if (!signal.getAndSet(false)) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
                    signal.set(false);
                }
                if (stopped) {
                    break;
                }
                long sinceCheck = (System.nanoTime() - lastCheck) / 1_000_000;
                if (sinceCheck < MIN_GAP_MS) {
                    Thread.sleep(MIN_GAP_MS - sinceCheck);
                }
                lastCheck = System.nanoTime();
                try {
                    long v = dataVersion(connection);
                    if (v != dataVersion) {
                        dataVersion = v;
                        rowsSincePrune += readAndDispatch();
                    }
                    if (rowsSincePrune > 0 && !catalog.readOnly() && !stopped
                            && (rowsSincePrune >= PRUNE_AFTER_ROWS
                            || System.nanoTime() - lastPrune >= TimeUnit.MILLISECONDS.toNanos(PRUNE_EVERY_MS))) {
                        rowsSincePrune = 0;
                        lastPrune = System.nanoTime();
                        int n = prune();
                        LOG.debug("Pruned {} change-log rows of {}", n, catalog.file());
                    }
                } catch (SQLException | RuntimeException e) {
                    if (stopped) {
                        break;
                    }
                    LOG.warn("Watching the catalog {} failed; trying again: {}", catalog.file(), e.toString());
                    Thread.sleep(POLL_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(connection);
            LOG.debug("Stopped watching catalog {}", catalog.file());
        }
    }

    /** Reads every row after the cursor and dispatches them; returns how many rows were read. */
    private long readAndDispatch() throws SQLException {
        long read = 0;
        List<CatalogEvent> events = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT seq, kind, entity_id, detail FROM change_log WHERE seq > ? ORDER BY seq LIMIT " + READ_LIMIT)) {
            while (true) {
                st.setLong(1, cursor);
                int n = 0;
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        if (seq != cursor + 1 && n == 0) {
                            events.add(new CatalogEvent.ChangesMissed(seq - cursor - 1));
                        }
                        cursor = seq;
                        n++;
                        CatalogEvent e = toEvent(rs.getString(2), rs.getLong(3), rs.getString(4));
                        if (e != null) {
                            events.add(e);
                        }
                    }
                }
                read += n;
                if (n < READ_LIMIT) {
                    break;
                }
            }
        }
        if (!events.isEmpty()) {
            dispatch(CatalogEvent.coalesce(events));
        }
        return read;
    }

    private void dispatch(List<CatalogEvent> batch) {
        List<CatalogEvent> view = List.copyOf(batch);
        for (Entry entry : listeners) {
            if (!entry.active || stopped) {
                continue;
            }
            try {
                entry.listener.onEvents(view);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                LOG.error("A catalog listener failed on {} event(s); the others still get them", view.size(), e);
            }
        }
    }

    /** @return the event a change-log row stands for; null for a kind this build does not know (a newer writer) */
    static CatalogEvent toEvent(String kind, long id, String detail) {
        return switch (kind) {
            case "profile" -> new CatalogEvent.ProfileStored(id, detail);
            case "run_created" -> new CatalogEvent.RunCreated(id);
            case "run_updated" -> new CatalogEvent.RunUpdated(id);
            case "run_deleted" -> new CatalogEvent.RunDeleted(id);
            case "metrics" -> new CatalogEvent.MetricsAppended(id, detail == null ? Set.of() : Set.of(detail));
            case "card" -> new CatalogEvent.CardChanged(id);
            case "deployment" -> new CatalogEvent.DeploymentChanged(id);
            case "model" -> new CatalogEvent.ModelChanged(id);
            case "audit" -> new CatalogEvent.AuditAppended(id, detail);
            default -> {
                LOG.debug("Ignoring change-log kind '{}' (written by a newer mlwb?)", kind);
                yield null;
            }
        };
    }

    // ---------------------------------------------------------------- SQL

    private Connection connect() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout((int) catalog.options().busyTimeout().toMillis());
        Connection c = config.createConnection("jdbc:sqlite:" + catalog.file());
        c.setAutoCommit(true);
        return c;
    }

    private static boolean hasChangeLog(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_log'")) {
            return rs.next();
        }
    }

    private static long dataVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            return rs.getLong(1);
        }
    }

    private static long maxSeq(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(seq), 0) FROM change_log")) {
            return rs.getLong(1);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing the watcher connection failed", e);
            }
        }
    }
}
