package io.mlwb.training.sweep;

import java.util.Map;

/** Hears about a sweep's progress, on the sweep's thread. Every method does nothing unless overridden. */
public interface SweepObserver {

    /** An observer that ignores everything. */
    SweepObserver NONE = new SweepObserver() {
    };

    /**
     * A trial is about to start.
     *
     * @param trialNumber the trial's number, from 0
     * @param overrides   its overrides, values as YAML text
     */
    default void trialStarted(int trialNumber, Map<String, String> overrides) {
    }

    /**
     * A trial ended (any status).
     *
     * @param trial the trial as recorded
     */
    default void trialFinished(Trial trial) {
    }
}
