package io.mlwb.deploy;

import java.util.Map;
import java.util.Objects;

/**
 * Everything the generators need for one deployment, resolved and validated by {@link DeploymentService}: the
 * version, the target, the configuration with the target's defaults filled, the names on the platform and what the
 * previous deployment on that endpoint was.
 *
 * @param model          the model's name
 * @param version        the version deployed
 * @param artifactPath   the model artifact, relative to the project root, or null
 * @param target         the target
 * @param config         the configuration, defaults filled (instance type, region, replicas, auth, exposure...)
 * @param endpoint       the endpoint / service name on the platform
 * @param image          the container image
 * @param sequence       1 for the endpoint's first deployment, then 2, 3... (names endpoint configs uniquely)
 * @param previous       the deployment this one replaces on the endpoint, or null for the first
 * @param traffic        version number to percent of traffic once the rollout has started (sums to 100)
 * @param staging        whether the version is deployed unapproved, as staging
 * @param artifactSha256 the SHA-256 of the file served ({@code model.zip}, or the ONNX export of
 *                       {@code config.format()}), or null when not known (a preview before the export)
 */
public record DeployPlan(String model, int version, String artifactPath, DeployTarget target, DeployConfig config,
                         String endpoint, String image, int sequence, Previous previous, Map<Integer, Integer> traffic,
                         boolean staging, String artifactSha256) {

    /** The variant name SageMaker keeps across versions, so deployment guardrails can compare them. */
    public static final String VARIANT = "AllTraffic";
    /** The second variant of an A/B test on SageMaker. */
    public static final String VARIANT_B = "ABTest";

    /** Checks the parts and copies the split. */
    public DeployPlan {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(config, "config");
        traffic = Map.copyOf(traffic);
    }

    /**
     * A plan whose artifact's digest is not known.
     *
     * @param model        see the record
     * @param version      see the record
     * @param artifactPath see the record
     * @param target       see the record
     * @param config       see the record
     * @param endpoint     see the record
     * @param image        see the record
     * @param sequence     see the record
     * @param previous     see the record
     * @param traffic      see the record
     * @param staging      see the record
     */
    public DeployPlan(String model, int version, String artifactPath, DeployTarget target, DeployConfig config,
                      String endpoint, String image, int sequence, Previous previous, Map<Integer, Integer> traffic,
                      boolean staging) {
        this(model, version, artifactPath, target, config, endpoint, image, sequence, previous, traffic, staging, null);
    }

    /**
     * The deployment replaced.
     *
     * @param deploymentId its {@code deployment.id}
     * @param version      the version it deployed
     * @param namePrefix   its platform name ({@link #platformName} of its plan)
     */
    public record Previous(long deploymentId, int version, String namePrefix) {
    }

    /**
     * @param text a name
     * @return the name as platforms take it: lower case letters, digits and dashes, starting with a letter, not
     *         shortened ({@link Names#slug}; each platform name made from it is fitted by {@link Names})
     */
    public static String slug(String text) {
        return Names.slug(text);
    }

    /** @return the model's name on the platform for this version: {@code <slug>-v<N>} ({@link Names#platformModel}) */
    public String platformModel() {
        return platformModel(version);
    }

    /**
     * @param v a version
     * @return {@code <slug>-v<v>}, fitted to 63 ({@link Names#platformModel})
     */
    public String platformModel(int v) {
        return Names.platformModel(model, v);
    }

    /**
     * @return the name of this deployment's endpoint configuration: {@code <endpoint>-v<N>-<sequence>}, fitted to 63
     *         ({@link Names#endpointConfig})
     */
    public String platformName() {
        return Names.endpointConfig(endpoint, version, sequence);
    }

    /** @return the SageMaker Batch Transform job's name: {@code <endpoint>-v<N>-<sequence>-batch}, fitted to 63 */
    public String transformJob() {
        return Names.transformJob(endpoint, version, sequence);
    }

    /** @return the strategy */
    public Strategy strategy() {
        return config.rollout().strategy();
    }

    /** @return the share of traffic the new version gets first */
    public int newPercent() {
        return traffic.getOrDefault(version, 100);
    }

    /** @return the other version of an A/B split or of a canary, or null */
    public Integer otherVersion() {
        return traffic.keySet().stream().filter(v -> v != version).findFirst().orElse(null);
    }
}
