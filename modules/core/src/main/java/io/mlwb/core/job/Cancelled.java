package io.mlwb.core.job;

/** Thrown by work that stopped because its {@link Progress} was cancelled. Not an error. */
public final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a fixed message. */
    public Cancelled() {
        super("Cancelled");
    }
}
