package io.mlwb.deploy;

import io.mlwb.core.error.UserError;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a model version can be deployed; written in lower case on the command line and in the catalog. */
public enum DeployTarget {
    /** The inference server on this machine, on loopback. */
    LOCAL("local", null),
    /** An Amazon SageMaker real-time (or serverless) endpoint. */
    SAGEMAKER("sagemaker", "sagemaker"),
    /** A Google Vertex AI endpoint. */
    VERTEX("vertex", "vertex"),
    /** An Azure ML managed online endpoint. */
    AZUREML("azureml", "azureml"),
    /** Plain Kubernetes: Deployment, Service, HPA, PDB, NetworkPolicy. */
    KUBERNETES("kubernetes", "kubernetes"),
    /** A KServe InferenceService (serverless mode for canary rollouts). */
    KSERVE("kserve", "kubernetes");

    private final String id;
    private final String priceCloud;

    DeployTarget(String id, String priceCloud) {
        this.id = id;
        this.priceCloud = priceCloud;
    }

    /** @return the name on the command line, in file paths and in the catalog, e.g. {@code sagemaker} */
    public String id() {
        return id;
    }

    /** @return the {@code cloud} column of the price table whose instance types this target runs on, or null */
    public String priceCloud() {
        return priceCloud;
    }

    /**
     * @param text a target's name, any case
     * @return the target
     * @throws UserError (exit 2) naming the targets there are
     */
    public static DeployTarget parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (DeployTarget d : values()) {
            if (d.id.equals(t)) {
                return d;
            }
        }
        throw new UserError("'" + text + "' is not a deployment target.",
                "Use one of: " + Arrays.stream(values()).map(DeployTarget::id).collect(Collectors.joining(", ")) + ".");
    }
}
