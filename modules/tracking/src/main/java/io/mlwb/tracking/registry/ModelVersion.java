package io.mlwb.tracking.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One registered version of a model, as the registry pane and {@code mlwb models show} show it.
 *
 * @param id               {@code model_version.id}
 * @param model            the model's name
 * @param version          its number, from 1
 * @param runId            the run whose model it is, or null when that run is gone
 * @param runName          that run's name, or null
 * @param artifactPath     the model artifact's path (relative to the project root), or null
 * @param stage            none, staging, production or archived
 * @param aliases          the aliases pointing at it, sorted
 * @param gitTag           its git tag ({@code model/<name>/v<N>}), or null when none could be made
 * @param commitSha        the commit its run was trained from, or null
 * @param description      what it is, or null
 * @param createdBy        who registered it
 * @param createdAtMs      when
 * @param signature        the input/output signature, or null
 * @param retiredAtMs      when it was retired, or null
 * @param retireRationale  why, or null
 * @param successor        the {@code NAME@VERSION} that replaces it, or null
 * @param costUsd          its run's estimated cost (with the run's nested runs), or null when unknown
 * @param sweepCostUsd     when its run belongs to a sweep, the estimated cost of the whole sweep; else null
 * @param cardStatus       its model card's status (draft, review, approved), or null without a card
 * @param cardPath         its model card's file, or null
 * @param deployments      its deployments
 * @param datasets         the dataset versions its run read
 */
public record ModelVersion(long id, String model, int version, Long runId, String runName, String artifactPath,
                           String stage, List<String> aliases, String gitTag, String commitSha, String description,
                           String createdBy, long createdAtMs, JsonNode signature, Long retiredAtMs,
                           String retireRationale, String successor, Double costUsd, Double sweepCostUsd,
                           String cardStatus, String cardPath, List<Deployment> deployments,
                           List<DatasetUse> datasets) {

    /** Copies the lists. */
    public ModelVersion {
        aliases = List.copyOf(aliases);
        deployments = List.copyOf(deployments);
        datasets = List.copyOf(datasets);
    }

    /**
     * A deployment of a version.
     *
     * @param id     {@code deployment.id}
     * @param target local, sagemaker, vertex, azureml or kserve
     * @param status planned, generated, deployed, rolled_back, failed or retired
     */
    public record Deployment(long id, String target, String status) {
    }

    /**
     * A dataset version a registered run read.
     *
     * @param dataset the dataset's name
     * @param version its version
     * @param role    train, validation, test...
     */
    public record DatasetUse(String dataset, int version, String role) {
    }

    /** @return {@code NAME@VERSION} */
    public String ref() {
        return ModelRef.format(model, version);
    }

    /** @return whether it was retired */
    public boolean retired() {
        return retiredAtMs != null;
    }

    /** @return the JSON of {@code mlwb models show NAME@VERSION --json} (docs/cli.md) */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", ref());
        m.put("name", model);
        m.put("version", version);
        m.put("run_id", runId);
        m.put("run_name", runName);
        m.put("artifact", artifactPath);
        m.put("stage", stage);
        m.put("aliases", aliases);
        m.put("git_tag", gitTag);
        m.put("commit", commitSha);
        m.put("description", description);
        m.put("created_by", createdBy);
        m.put("created_ms", createdAtMs);
        m.put("signature", signature);
        if (retiredAtMs == null) {
            m.put("retired", null);
        } else {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("at_ms", retiredAtMs);
            r.put("rationale", retireRationale);
            r.put("successor", successor);
            m.put("retired", r);
        }
        m.put("cost_usd", costUsd);
        m.put("sweep_cost_usd", sweepCostUsd);
        if (cardStatus == null) {
            m.put("card", null);
        } else {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("status", cardStatus);
            c.put("path", cardPath);
            m.put("card", c);
        }
        m.put("deployments", deployments.stream().map(d -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", d.id());
            x.put("target", d.target());
            x.put("status", d.status());
            return x;
        }).toList());
        m.put("datasets", datasets.stream().map(d -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", d.dataset());
            x.put("version", d.version());
            x.put("role", d.role());
            return x;
        }).toList());
        return m;
    }
}
