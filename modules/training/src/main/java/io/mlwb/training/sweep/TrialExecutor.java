package io.mlwb.training.sweep;

import java.util.Map;

/** Trains one trial: the base spec with the overrides applied. {@link SweepRunner} calls it one trial at a time. */
@FunctionalInterface
public interface TrialExecutor {

    /**
     * Runs one trial to the end, or until {@code reporter} returns false.
     *
     * @param trialNumber the trial's number in the sweep, from 0
     * @param overrides   {@code --set key=value} overrides for the base spec, values as YAML text
     *                    ({@link Overrides#render}), in parameter order
     * @param reporter    to call after every epoch with the sweep metric; stop training when it returns false
     * @return the run and its final metric
     * @throws Exception when the trial fails; the sweep records it as failed and goes on (a
     *                   {@link io.mlwb.core.job.Cancelled} or an interrupt ends the sweep instead)
     */
    TrialResult run(int trialNumber, Map<String, String> overrides, EpochReporter reporter) throws Exception;
}
