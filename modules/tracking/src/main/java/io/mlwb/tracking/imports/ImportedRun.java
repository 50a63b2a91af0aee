package io.mlwb.tracking.imports;

import java.util.List;
import java.util.Map;

/**
 * A run read from another tool's store, before it enters the catalog. Readers fill it from the source as stored;
 * the import service writes it, all or nothing, with its provenance.
 *
 * @param sourceId       the run's id in the source: MLflow's 32-hex run id, a TensorBoard run's log-dir path
 *                       relative to the imported root ({@code .} for the root itself), a DVCLive folder's path
 *                       relative to the imported root
 * @param name           display name
 * @param experiment     the experiment it belongs to in the source, or null
 * @param status         one of our statuses: created, running, paused, finished, failed, stopped
 * @param startMs        start, ms since the epoch, or null
 * @param endMs          end, or null
 * @param deleted        deleted in the source (imported soft-deleted)
 * @param parentSourceId the source id of its parent run (MLflow's {@code mlflow.parentRunId}), or null
 * @param params         params as stored (string values)
 * @param tags           tags as stored, the source's own system tags included
 * @param series         metric series by metric name, each in the source's order
 * @param latest         the latest value of each metric as the source itself stores it (MLflow's latest_metrics),
 *                       or null to take {@link ImportedSeries#latestIndex()} of each series
 * @param artifacts      artifact locations, by reference (paths or URIs; nothing is copied)
 */
public record ImportedRun(String sourceId, String name, String experiment, String status, Long startMs, Long endMs,
                          boolean deleted, String parentSourceId, Map<String, String> params,
                          Map<String, String> tags, Map<String, ImportedSeries> series, Map<String, Double> latest,
                          List<String> artifacts) {
}
