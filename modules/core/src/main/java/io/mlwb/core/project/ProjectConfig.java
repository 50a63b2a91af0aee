package io.mlwb.core.project;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole of a project's {@code mlwb.yaml}, validated. Sections the file leaves out hold their defaults,
 * so no component is null except the free-text {@code description} and {@code owner}.
 *
 * @param schemaVersion version of the file format ({@link #SCHEMA_VERSION} at most)
 * @param name          the project's name, never blank
 * @param description   what the project is for, or null
 * @param owner         the person or team answerable for it, or null
 * @param riskTier      how much harm a wrong prediction can do
 * @param datasets      the datasets, in file order, with unique names
 * @param training      project-wide training defaults
 * @param modelCard     model card settings
 * @param deployment    deployment targets and defaults
 * @param cost          run tags for cost reporting, device-hour rates and the budget
 * @param naming        the rules that names of models, runs and experiments must match
 * @param drift         how drift is measured, and when models are due for retraining
 * @param governance    licence policy, intended use and domain, and whether the risk tier was written
 */
public record ProjectConfig(int schemaVersion, String name, String description, String owner, RiskTier riskTier,
                            List<DatasetConfig> datasets, TrainingDefaults training, ModelCardConfig modelCard,
                            DeploymentConfig deployment, CostConfig cost, NamingRules naming,
                            DriftConfig drift, GovernanceConfig governance) {

    /** The newest {@code schema_version} this build reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Copies the lists; fills absent sections with their defaults. */
    public ProjectConfig {
        Objects.requireNonNull(name, "name");
        riskTier = riskTier == null ? RiskTier.MEDIUM : riskTier;
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        training = training == null ? TrainingDefaults.defaults() : training;
        modelCard = modelCard == null ? ModelCardConfig.defaults() : modelCard;
        deployment = deployment == null ? DeploymentConfig.defaults() : deployment;
        cost = cost == null ? CostConfig.none() : cost;
        naming = naming == null ? NamingRules.none() : naming;
        drift = drift == null ? DriftConfig.defaults() : drift;
        governance = governance == null ? GovernanceConfig.defaults() : governance;
    }

    /** The configuration without governance keys ({@code licences}, {@code intended_use}, {@code domain}). */
    public ProjectConfig(int schemaVersion, String name, String description, String owner, RiskTier riskTier,
                         List<DatasetConfig> datasets, TrainingDefaults training, ModelCardConfig modelCard,
                         DeploymentConfig deployment, CostConfig cost, NamingRules naming, DriftConfig drift) {
        this(schemaVersion, name, description, owner, riskTier, datasets, training, modelCard, deployment, cost,
                naming, drift, null);
    }

    /** The configuration without a {@code drift:} section. */
    public ProjectConfig(int schemaVersion, String name, String description, String owner, RiskTier riskTier,
                         List<DatasetConfig> datasets, TrainingDefaults training, ModelCardConfig modelCard,
                         DeploymentConfig deployment, CostConfig cost, NamingRules naming) {
        this(schemaVersion, name, description, owner, riskTier, datasets, training, modelCard, deployment, cost,
                naming, null, null);
    }

    /** The configuration without a {@code naming:} section. */
    public ProjectConfig(int schemaVersion, String name, String description, String owner, RiskTier riskTier,
                         List<DatasetConfig> datasets, TrainingDefaults training, ModelCardConfig modelCard,
                         DeploymentConfig deployment, CostConfig cost) {
        this(schemaVersion, name, description, owner, riskTier, datasets, training, modelCard, deployment, cost,
                null);
    }

    /** The configuration without a {@code cost:} section. */
    public ProjectConfig(int schemaVersion, String name, String description, String owner, RiskTier riskTier,
                         List<DatasetConfig> datasets, TrainingDefaults training, ModelCardConfig modelCard,
                         DeploymentConfig deployment) {
        this(schemaVersion, name, description, owner, riskTier, datasets, training, modelCard, deployment, null,
                null);
    }

    /** A minimal configuration: just a name, everything else at its default. */
    public static ProjectConfig named(String name) {
        return new ProjectConfig(SCHEMA_VERSION, name, null, null, RiskTier.MEDIUM, List.of(), null, null, null);
    }

    /** @return the dataset with this name, if the project declares one */
    public Optional<DatasetConfig> dataset(String datasetName) {
        return datasets.stream().filter(d -> d.name().equals(datasetName)).findFirst();
    }
}
