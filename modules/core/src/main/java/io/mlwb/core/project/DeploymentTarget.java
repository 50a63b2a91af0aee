package io.mlwb.core.project;

import java.util.Objects;

/**
 * A place a model can be deployed to, under {@code deployment.targets}.
 *
 * @param name         unique name of the target
 * @param kind         the platform
 * @param region       cloud region (e.g. {@code eu-west-1}), or null
 * @param instanceType machine type (e.g. {@code ml.m5.large}), or null for the wizard's suggestion
 */
public record DeploymentTarget(String name, DeploymentKind kind, String region, String instanceType) {

    /** Checks name and kind are set. */
    public DeploymentTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
