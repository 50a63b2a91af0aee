package io.mlwb.training.sweep;

/** Why a sweep stopped starting trials. */
public enum StopReason {
    /** {@code budget.runs} trials were started. */
    RUNS,
    /** {@code budget.minutes} passed. */
    TIME,
    /** The finished trials' cost reached {@code budget.cost_usd}. */
    COST,
    /** Every point of the grid was tried. */
    EXHAUSTED,
    /** The sweep was cancelled. */
    CANCELLED
}
