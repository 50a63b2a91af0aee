package io.mlwb.core.project;

/**
 * Project-wide training defaults under {@code training:}; a training spec may override each of them.
 *
 * @param seed                  seed for splits, initialisation and shuffling
 * @param device                where training runs
 * @param split                 how rows are split
 * @param maxEpochs             the most epochs a run trains, at least 1
 * @param batchSize             rows per batch, at least 1
 * @param learningRate          optimizer step size, greater than 0
 * @param earlyStopping         early stopping, or null when it is off (no {@code early_stopping} key)
 * @param checkpointEveryEpochs save a checkpoint every this many epochs; 0 saves only the last
 */
public record TrainingDefaults(long seed, Device device, SplitConfig split, int maxEpochs, int batchSize,
                               double learningRate, EarlyStoppingConfig earlyStopping, int checkpointEveryEpochs) {

    /** Default seed. */
    public static final long DEFAULT_SEED = 42;
    /** Default epoch limit. */
    public static final int DEFAULT_MAX_EPOCHS = 20;
    /** Default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Default checkpoint interval in epochs. */
    public static final int DEFAULT_CHECKPOINT_EVERY_EPOCHS = 1;

    /** Fills a null device or split with its default. */
    public TrainingDefaults {
        device = device == null ? Device.AUTO : device;
        split = split == null ? SplitConfig.defaults() : split;
    }

    /** @return every default: seed 42, auto device, random 70/10/20 split, 20 epochs, batch 32, lr 0.001 */
    public static TrainingDefaults defaults() {
        return new TrainingDefaults(DEFAULT_SEED, Device.AUTO, SplitConfig.defaults(), DEFAULT_MAX_EPOCHS,
                DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, null, DEFAULT_CHECKPOINT_EVERY_EPOCHS);
    }
}
