package io.mlwb.core.job;

/**
 * How long work reports how far it got and learns that it should stop. Implementations must be
 * thread-safe: the work calls them from its own thread.
 */
public interface Progress {
    /** Progress that records nothing and is never cancelled. */
    Progress NONE = new Progress() {
        @Override
        public void report(double fraction, String message) {
            // nothing to show
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /**
     * @param fraction 0..1, or a negative value when the total is unknown
     * @param message  a short human-readable step description
     */
    void report(double fraction, String message);

    /** @return true once the person asked to cancel; work should stop at the next safe point */
    boolean cancelled();

    /**
     * This progress seen by one part of the work: the part's 0..1 is mapped onto {@code [from, to]} of the whole (a
     * fraction past 1 is held at {@code to}; an unknown total, negative, stays unknown); cancellation passes through.
     *
     * @param from where the part starts in the whole, 0..1
     * @param to   where it ends, {@code from}..1
     * @return the part's progress
     */
    default Progress scaled(double from, double to) {
        Progress whole = this;
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
                whole.report(fraction < 0 ? -1 : from + (to - from) * Math.min(1, fraction), message);
            }

            @Override
            public boolean cancelled() {
                return whole.cancelled();
            }
        };
    }

    /** Throws {@link Cancelled} if cancellation was requested; call between chunks of work. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new Cancelled();
        }
    }
}
