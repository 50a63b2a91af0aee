package io.mlwb.training.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * What to train: a spec file with {@code --set} overrides, or a quick baseline over a data file (which writes the spec
 * it used), or a stopped run to resume.
 *
 * @param specFile   the spec, relative to the project root or absolute; null for a quick baseline or a resume
 * @param overrides  {@code key=value} overrides with dotted keys ({@code optimizer.learning_rate=0.01})
 * @param quick      the quick baseline, or null
 * @param resumeRun  a run to resume from its last checkpoint, or null
 * @param parentRun  the sweep this run is a child of, or null
 * @param runName    a display name, or null for one from the spec's file name
 * @param checkpoint with {@code resumeRun}: a checkpoint of that run ({@code checkpoint.id}) to start a NEW run from
 *                   (a fork: the run's spec with {@code overrides}, its weights and optimizer state at that epoch);
 *                   null to resume the run itself from its last checkpoint
 */
public record TrainRequest(Path specFile, List<String> overrides, Quick quick, Long resumeRun, Long parentRun,
                           String runName, Long checkpoint) {

    /** Copies the list. */
    public TrainRequest {
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /** A request without a checkpoint to fork from. */
    public TrainRequest(Path specFile, List<String> overrides, Quick quick, Long resumeRun, Long parentRun,
                        String runName) {
        this(specFile, overrides, quick, resumeRun, parentRun, runName, null);
    }

    /**
     * @param runId      a run that recorded checkpoints
     * @param checkpoint one of its checkpoints ({@code checkpoint.id})
     * @param overrides  {@code key=value} overrides of its spec for the new run (more epochs, another learning rate)
     * @return a request for a new run that starts from that checkpoint
     */
    public static TrainRequest fromCheckpoint(long runId, long checkpoint, List<String> overrides) {
        return new TrainRequest(null, overrides, null, runId, null, null, checkpoint);
    }

    /** @return whether this starts a new run from another run's checkpoint */
    public boolean fork() {
        return resumeRun != null && checkpoint != null;
    }

    /**
     * @param spec      the spec file
     * @param overrides {@code key=value} overrides
     * @return a request to train a spec
     */
    public static TrainRequest spec(Path spec, List<String> overrides) {
        return new TrainRequest(spec, overrides, null, null, null, null);
    }

    /**
     * @param quick the baseline's options
     * @return a request for a quick baseline
     */
    public static TrainRequest quick(Quick quick) {
        return new TrainRequest(null, List.of(), quick, null, null, null);
    }

    /**
     * @param runId the run to resume
     * @return a request to resume it
     */
    public static TrainRequest resume(long runId) {
        return new TrainRequest(null, List.of(), null, runId, null, null);
    }

    /**
     * @param name the run's display name, or null for one from the spec's file name
     * @return a copy with that name
     */
    public TrainRequest named(String name) {
        return new TrainRequest(specFile, overrides, quick, resumeRun, parentRun, name, checkpoint);
    }

    /**
     * @param parent the sweep run
     * @param name   the trial's name
     * @return a copy placed under a sweep
     */
    public TrainRequest asChildOf(long parent, String name) {
        return new TrainRequest(specFile, overrides, quick, resumeRun, parent, name, checkpoint);
    }

    /**
     * A baseline without a spec: {@code mlwb train --data FILE --target COLUMN [--model] [--split]}.
     *
     * @param dataFile the data file (relative to the project root or absolute)
     * @param target   the column to predict
     * @param model    {@code logistic}, {@code linear} or {@code mlp}; null for logistic
     * @param split    {@code random}, {@code stratified} or {@code time:COLUMN}; null for stratified (classification)
     */
    public record Quick(Path dataFile, String target, String model, String split) {
    }
}
