package io.mlwb.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deployment as the catalog keeps it ({@code deployment} row), the element of {@code mlwb deploy list --json}.
 *
 * @param id                   {@code deployment.id}
 * @param model                the model's name
 * @param version              the version it deploys
 * @param modelVersionId       {@code model_version.id}
 * @param target               the target's id
 * @param strategy             all-at-once, canary, blue-green, a-b, rollback (or direct for old rows)
 * @param traffic              version number to percent once the rollout has started
 * @param status               generated, deployed, rolled_back...
 * @param artifactPath         the generated files' folder, relative to the project root when inside it
 * @param commitSha            the commit holding them, or null
 * @param previousDeploymentId the deployment it replaced (for a rollback: the one rolled back), or null
 * @param endpoint             the endpoint / service name
 * @param settings             the resolved configuration (JSON of {@link DeployConfig#toJson()}), or null
 * @param sequence             the endpoint's deployment number (names the SageMaker endpoint configuration)
 * @param createdBy            who generated it
 * @param createdAtMs          when
 * @param servingFormat        what the container serves: djl, onnx or onnx-int8
 * @param servingArtifact      the file it serves (model.zip or the ONNX export), relative to the project root, or
 *                             null for a deployment recorded before formats were
 * @param servingSha256        that file's SHA-256, or null likewise
 */
public record DeploymentRecord(long id, String model, int version, long modelVersionId, String target,
                               String strategy, Map<Integer, Integer> traffic, String status, String artifactPath,
                               String commitSha, Long previousDeploymentId, String endpoint, JsonNode settings,
                               int sequence, String createdBy, long createdAtMs, String servingFormat,
                               String servingArtifact, String servingSha256) {

    /** Copies the split. */
    public DeploymentRecord {
        traffic = Map.copyOf(traffic);
    }

    /** @return {@code NAME@VERSION} */
    public String ref() {
        return model + "@" + version;
    }

    /** @return whether it still holds the endpoint (generated or deployed) */
    public boolean active() {
        return status.equals("generated") || status.equals("deployed");
    }

    /** @return the JSON of one deployment in {@code mlwb deploy list --json} (docs/cli.md) */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("ref", ref());
        m.put("target", target);
        m.put("endpoint", endpoint);
        m.put("strategy", strategy);
        Map<String, Object> served = new LinkedHashMap<>();
        served.put("format", servingFormat);
        served.put("artifact", servingArtifact);
        served.put("sha256", servingSha256);
        m.put("serving", served);
        Map<String, Integer> t = new LinkedHashMap<>();
        new java.util.TreeMap<>(traffic).forEach((v, p) -> t.put(model + "@" + v, p));
        m.put("traffic", t);
        m.put("status", status);
        m.put("files", artifactPath);
        m.put("commit", commitSha);
        m.put("previous_deployment_id", previousDeploymentId);
        m.put("created_by", createdBy);
        m.put("created_ms", createdAtMs);
        return m;
    }
}
