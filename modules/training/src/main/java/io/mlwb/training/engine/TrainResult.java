package io.mlwb.training.engine;

import io.mlwb.catalog.run.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a training did.
 *
 * @param runId      the catalog run id, or null when nothing could be recorded
 * @param status     how the run ended
 * @param end        {@code finished}, {@code early_stopped} or {@code stopped}
 * @param epochs     epochs completed
 * @param bestEpoch  the epoch whose weights are the model
 * @param metrics    final metrics per split ({@code validation}, {@code test}), e.g. {@code roc_auc}
 * @param threshold  the decision threshold used for the confusion matrix (classification), or NaN
 * @param model      the model artifact, or null when stopped before an epoch ended
 * @param specFile   the spec trained (for a quick baseline: the spec it wrote), or null
 * @param runDir     the run's folder of files
 * @param seconds    wall time of this call
 * @param costUsd    estimated cost of the run
 * @param warnings   what the person should read
 */
public record TrainResult(Long runId, RunStatus status, String end, int epochs, int bestEpoch,
                          Map<String, Map<String, Double>> metrics, double threshold, Path model, Path specFile,
                          Path runDir, double seconds, double costUsd, List<String> warnings) {
    /** Copies the collections. */
    public TrainResult {
        metrics = Map.copyOf(metrics);
        warnings = List.copyOf(warnings);
    }
}
