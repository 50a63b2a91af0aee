package io.mlwb.catalog;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a {@link Catalog} waits for another process that holds the write lock.
 *
 * @param busyTimeout how long SQLite itself waits for a lock on one attempt ({@code PRAGMA busy_timeout})
 * @param retryBudget the total time {@link Catalog#inTransaction} spends retrying a unit of work that found the
 *                    catalog locked, counted from the first attempt; after it the work fails with a
 *                    {@link CatalogException} saying the catalog is locked
 */
public record CatalogOptions(Duration busyTimeout, Duration retryBudget) {
    /**
     * Checks the durations.
     *
     * @throws IllegalArgumentException when a duration is negative or the busy timeout exceeds an int of ms
     */
    public CatalogOptions {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(retryBudget, "retryBudget");
        if (busyTimeout.isNegative() || retryBudget.isNegative()) {
            throw new IllegalArgumentException("Durations must not be negative: " + busyTimeout + ", " + retryBudget);
        }
        if (busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout too long: " + busyTimeout);
        }
    }

    /**
     * The defaults: 5 s per attempt, 30 s in all, so a GUI and a CLI writing at once never see "database is
     * locked", while a process that really hangs on to the lock is reported within half a minute.
     *
     * @return the default options
     */
    public static CatalogOptions defaults() {
        return new CatalogOptions(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }
}
