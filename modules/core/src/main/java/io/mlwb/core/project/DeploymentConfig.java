package io.mlwb.core.project;

import java.util.List;

/**
 * Deployment settings under {@code deployment:}.
 *
 * @param targets         the targets, in file order, with unique names
 * @param defaultStrategy the rollout strategy the wizard proposes
 * @param costCurrency    ISO 4217 code for cost estimates
 */
public record DeploymentConfig(List<DeploymentTarget> targets, DeploymentStrategy defaultStrategy,
                               String costCurrency) {

    /** Default currency for cost estimates. */
    public static final String DEFAULT_CURRENCY = "USD";

    /** Copies the targets; fills a null strategy or currency with its default. */
    public DeploymentConfig {
        targets = targets == null ? List.of() : List.copyOf(targets);
        defaultStrategy = defaultStrategy == null ? DeploymentStrategy.CANARY : defaultStrategy;
        costCurrency = costCurrency == null ? DEFAULT_CURRENCY : costCurrency;
    }

    /** @return no targets, canary rollouts, costs in USD */
    public static DeploymentConfig defaults() {
        return new DeploymentConfig(List.of(), DeploymentStrategy.CANARY, DEFAULT_CURRENCY);
    }
}
