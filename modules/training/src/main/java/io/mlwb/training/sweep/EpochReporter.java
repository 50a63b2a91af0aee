package io.mlwb.training.sweep;

/** How a running trial reports the sweep metric after each epoch, and learns whether to go on. */
@FunctionalInterface
public interface EpochReporter {

    /**
     * Reports the sweep metric after an epoch.
     *
     * @param epoch the epoch just finished, from 1
     * @param value the sweep's metric ({@link SweepSpec#metric()}) after that epoch
     * @return false when the trial should stop now (pruned by successive halving, or the sweep was cancelled); the
     *         executor then ends training and returns its result. Once false, it stays false.
     */
    boolean report(int epoch, double value);
}
