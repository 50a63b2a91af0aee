package io.mlwb.training.remote;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a remote training request needs: the run, the container and the capacity.
 *
 * @param runName        the run's name (the job name is made from it)
 * @param specPath       the spec, relative to the project root (the container trains it)
 * @param overrides      {@code --set} overrides, {@code key=value}
 * @param image          the container image URI (an image with mlwb and the project)
 * @param instanceType   SageMaker instance type, Vertex machine type, or a Kubernetes node selector value
 * @param gpus           accelerators per worker (0 for CPU)
 * @param acceleratorType Vertex accelerator type (e.g. {@code NVIDIA_TESLA_T4}), or null
 * @param spot           spot (SageMaker managed spot, Vertex SPOT, Kubernetes spot nodes) with checkpoint resume
 * @param maxRuntimeSeconds the longest the training may run
 * @param maxWaitSeconds for SageMaker spot: the longest to wait for capacity and run, at least the runtime
 * @param dataUri        where the data is: {@code s3://} (SageMaker), {@code gs://} (Vertex), a PVC name (Kubernetes)
 * @param outputUri      where outputs and checkpoints go: {@code s3://}, {@code gs://}, or a PVC name
 * @param roleArn        the SageMaker execution role ARN, or null for the other targets
 * @param region         the cloud region (Vertex needs it), or null
 * @param namespace      the Kubernetes namespace, or null for {@code default}
 * @param env            environment variables for the container
 * @param tags           cost tags (project, team, cost_centre) and the run id
 */
public record RemoteExportRequest(String runName, String specPath, List<String> overrides, String image,
                                  String instanceType, int gpus, String acceleratorType, boolean spot,
                                  long maxRuntimeSeconds, long maxWaitSeconds, String dataUri, String outputUri,
                                  String roleArn, String region, String namespace, Map<String, String> env,
                                  Map<String, String> tags) {
    /** Copies the collections. */
    public RemoteExportRequest {
        Objects.requireNonNull(runName, "runName");
        Objects.requireNonNull(specPath, "specPath");
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        env = env == null ? Map.of() : Map.copyOf(env);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
