package io.mlwb.core.project;

import java.util.Locale;

/** Where a model can be deployed. Written in lower case in mlwb.yaml. */
public enum DeploymentKind {
    /** The embedded inference server on this machine. */
    LOCAL,
    /** Amazon SageMaker. */
    SAGEMAKER,
    /** Google Vertex AI. */
    VERTEX,
    /** Azure Machine Learning. */
    AZUREML,
    /** Kubernetes with KServe. */
    KSERVE;

    /** @return the value as written in mlwb.yaml, e.g. {@code "local"} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
