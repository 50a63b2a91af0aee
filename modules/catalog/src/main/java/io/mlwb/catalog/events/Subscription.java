package io.mlwb.catalog.events;

/** Stops a listener from being called. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /** A subscription to nothing: for a catalog that cannot be watched (or is not open at all). */
    Subscription NONE = () -> { };

    /**
     * Unsubscribes. After it returns the listener is not called again, except by a dispatch already under way on
     * the watcher thread when it is called from another thread. Idempotent.
     */
    @Override
    void close();
}
