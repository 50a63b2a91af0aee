package io.mlwb.training.remote;

import java.util.Locale;

/** Where a run can be sent to train. */
public enum RemoteTarget {
    /** An AWS SageMaker Training Job ({@code CreateTrainingJob}). */
    SAGEMAKER,
    /** A Google Vertex AI CustomJob. */
    VERTEX,
    /** A Kubernetes {@code batch/v1} Job. */
    KUBERNETES;

    /**
     * @param text {@code sagemaker}, {@code vertex} or {@code kubernetes} (also {@code k8s})
     * @return the target
     * @throws IllegalArgumentException for anything else
     */
    public static RemoteTarget parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "sagemaker" -> SAGEMAKER;
            case "vertex", "vertex-ai" -> VERTEX;
            case "kubernetes", "k8s" -> KUBERNETES;
            default -> throw new IllegalArgumentException(text);
        };
    }
}
