package io.mlwb.training.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a training reports while it runs. Called on the training thread; implementations return quickly (the
 * catalog's batched metric writer, a live-data buffer).
 */
public interface TrainingListener {
    /**
     * One optimizer step.
     *
     * @param step  the step, counted from 1 over the whole run
     * @param epoch the epoch, counted from 1
     * @param loss  the batch's training loss
     * @param lr    the learning rate used
     */
    default void onStep(long step, int epoch, double loss, double lr) {
    }

    /**
     * One epoch ended and was evaluated on the validation split.
     *
     * @param report the epoch's figures
     */
    default void onEpoch(EpochReport report) {
    }

    /**
     * A checkpoint was written (and older ones beyond the kept number deleted).
     *
     * @param epoch   the epoch it holds
     * @param step    the last step it holds
     * @param file    the checkpoint file
     * @param metrics the validation metrics at that epoch
     * @param deleted checkpoint files removed to keep the best K
     */
    default void onCheckpoint(int epoch, long step, Path file, Map<String, Double> metrics, List<Path> deleted) {
    }

    /**
     * The training paused or went on.
     *
     * @param paused true when it paused
     */
    default void onPause(boolean paused) {
    }

    /**
     * One epoch's figures.
     *
     * @param epoch      the epoch, from 1
     * @param step       the last step of the epoch
     * @param trainLoss  the mean training loss over the epoch's batches
     * @param metrics    validation metrics ({@code val_loss}, {@code val_roc_auc}, ...)
     * @param lr         the learning rate at the end of the epoch
     * @param seconds    the epoch's wall time
     * @param best       whether this epoch is the best so far by the early-stopping metric
     */
    record EpochReport(int epoch, long step, double trainLoss, Map<String, Double> metrics, double lr, double seconds,
                       boolean best) {
        /** Copies the map. */
        public EpochReport {
            metrics = Map.copyOf(metrics);
        }
    }
}
