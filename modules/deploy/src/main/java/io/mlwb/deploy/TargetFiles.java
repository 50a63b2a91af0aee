package io.mlwb.deploy;

import java.util.Map;

/** The files one target takes: a deployment's, and a rollback's. Pure: plans in, file names and texts out. */
public interface TargetFiles {
    /**
     * @param plan the deployment
     * @return file name (relative to the deployment's folder) to content, in the order to read them
     */
    Map<String, String> deploy(DeployPlan plan);

    /**
     * @param current  the deployment rolled back
     * @param restored the earlier deployment whose version gets the traffic again
     * @return file name to content
     */
    Map<String, String> rollback(DeployPlan current, DeployPlan restored);

    /**
     * @param target a target
     * @return its generator
     */
    static TargetFiles of(DeployTarget target) {
        return switch (target) {
            case LOCAL -> new LocalFiles();
            case SAGEMAKER -> new SageMakerFiles();
            case VERTEX -> new VertexFiles();
            case AZUREML -> new AzureMlFiles();
            case KUBERNETES -> new KubernetesFiles();
            case KSERVE -> new KServeFiles();
        };
    }
}
