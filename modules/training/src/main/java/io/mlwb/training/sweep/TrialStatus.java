package io.mlwb.training.sweep;

/** How a trial ended. */
public enum TrialStatus {
    /** It trained to the end and reported the metric. */
    COMPLETE,
    /** Successive halving stopped it early; its value is the last one it reported. */
    PRUNED,
    /** It threw, or finished without the metric; the sweep went on. */
    FAILED,
    /** The sweep was cancelled while it ran. */
    CANCELLED
}
