package io.mlwb.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.RiskTier;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.deploy.export.ServingFormat;
import io.mlwb.deploy.export.ServingFormatService;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import io.mlwb.serving.Predictor;
import io.mlwb.training.spec.TrainingSpec;
import io.mlwb.training.spec.TrainingSpecLoader;
import io.mlwb.vcs.fingerprint.Fingerprints;
import io.mlwb.modelcard.CardService;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployment, the use case: a registered model version, a target and a configuration in; validated (approval for the
 * project's risk tier, instance type in the price table, traffic split, what the target supports), the target's files
 * written under {@code deploy/<target>/<model>-v<N>/} with a Dockerfile and a README of the exact commands, recorded
 * as a {@code deployment} row with its lineage edge and an audit entry, and committed with the model version in the
 * message. Also the deployment history, rollback and cost estimates. The CLI ({@code mlwb deploy}) and the deployment
 * wizard both call this class. Nothing here contacts a cloud.
 */
public final class DeploymentService {
    /** Where the files go, relative to the project root. */
    public static final String FOLDER = "deploy";
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PLACEHOLDERS = List.of("ACCOUNT_ID", "PROJECT_ID", "REGISTRY",
            "SUBSCRIPTION_ID", "RESOURCE_GROUP", "MODEL_ID", "PREVIOUS_DEPLOYED_MODEL_ID", "ENDPOINT_ID");

    private final Catalog catalog;
    private final Project project;
    private final ModelRegistry registry;
    private final CardService cards;
    private final PriceTable prices;
    private final ServingFormatService formats;

    /**
     * @param catalog the project's catalog
     * @param project the project
     */
    public DeploymentService(Catalog catalog, Project project) {
        this(catalog, project, ServingFormatService.of(project, catalog));
    }

    /**
     * @param catalog the project's catalog
     * @param project the project
     * @param formats the serving formats (exports of onnx deployments, their availability and measurement)
     */
    public DeploymentService(Catalog catalog, Project project, ServingFormatService formats) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.project = Objects.requireNonNull(project, "project");
        this.registry = ModelRegistry.of(catalog, project);
        this.cards = new CardService(catalog, project);
        this.prices = PriceTable.forProject(project.root());
        this.formats = Objects.requireNonNull(formats, "formats");
    }

    /** @return the serving formats service this deployment service uses (the wizard's Format step measures with it) */
    public ServingFormatService formats() {
        return formats;
    }

    /** @return the price table in use (the project's own, or the built-in one) */
    public PriceTable prices() {
        return prices;
    }

    /**
     * What the project's {@code mlwb.yaml} proposes for a deployment (its {@code deployment} section): the rollout
     * strategy ({@code default_strategy}) and, from the first of {@code deployment.targets} on the same platform,
     * its name, region and instance type. The wizard starts from it; every part can be changed there.
     *
     * @param target       the declared target's name, or null when none is declared for the platform
     * @param region       its region, or null
     * @param instanceType its instance type, or null
     * @param strategy     the proposed rollout
     */
    public record Proposal(String target, String region, String instanceType, Strategy strategy) {
    }

    /**
     * @param t the platform, or null for the strategy alone
     * @return what mlwb.yaml proposes for a deployment to it
     */
    public Proposal proposal(DeployTarget t) {
        io.mlwb.core.project.DeploymentConfig d = project.config().deployment();
        Strategy strategy = switch (d.defaultStrategy()) {
            case CANARY -> Strategy.CANARY;
            case BLUE_GREEN -> Strategy.BLUE_GREEN;
            case AB -> Strategy.A_B;
            case ALL_AT_ONCE -> Strategy.ALL_AT_ONCE;
        };
        io.mlwb.core.project.DeploymentTarget declared = t == null ? null : d.targets().stream()
                .filter(x -> x.kind().name().equals(t.name())).findFirst().orElse(null);
        return declared == null ? new Proposal(null, null, null, strategy)
                : new Proposal(declared.name(), declared.region(), declared.instanceType(), strategy);
    }

    // ---------------------------------------------------------------- deploy

    /**
     * Generates, records and commits a deployment.
     *
     * @param target the target
     * @param ref    the version ({@code NAME@VERSION} or an alias)
     * @param config the configuration (see {@link DeployConfig#read})
     * @param out    the folder for the files, or null for {@code deploy/<target>/<model>-v<N>/}
     * @param actor  who
     * @return the deployment, its files and warnings
     * @throws UserError exit 2 for an unknown or retired version, an unapproved version in a high-risk project (unless
     *                   staging), an instance type not in the price table, a traffic split not summing to 100, a setting
     *                   the target does not support, a serving format the version cannot be served in (onnx for a
     *                   network ONNX export does not cover, onnx-int8 for a model without a hidden layer)
     */
    public DeployResult deploy(DeployTarget target, ModelRef ref, DeployConfig config, Path out, String actor) {
        Prepared prep = prepare(target, ref, config, out, true, actor);
        ServingFormatService.Served served = prep.served();
        ModelVersion v = prep.version();
        DeployConfig c = prep.config();
        boolean staging = prep.staging();
        Map<Integer, Integer> traffic = prep.traffic();
        Optional<DeploymentRecord> previous = Optional.ofNullable(prep.previous());
        Map<String, String> files = prep.files();
        List<String> warnings = prep.warnings();
        Path dir = prep.dir();
        int sequence = prep.sequence();
        write(dir, files);
        String folder = relative(dir);
        Map<Long, Integer> mvTraffic = new TreeMap<>();
        for (Map.Entry<Integer, Integer> e : traffic.entrySet()) {
            mvTraffic.put(e.getKey() == v.version() ? v.id()
                    : registry.resolve(new ModelRef(v.model(), e.getKey(), null)).id(), e.getValue());
        }
        ObjectNode settings = JSON.createObjectNode();
        settings.put("sequence", sequence);
        settings.set("config", c.toJson());
        long id = catalog.inTransaction("record the deployment of " + v.ref(), conn -> {
            long newId = insert(conn, v.id(), target, c.rollout().strategy().id(), mvTraffic, folder,
                    previous.map(DeploymentRecord::id).orElse(null), c.endpoint(), settings, actor, served);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("ref", v.ref());
            d.put("target", target.id());
            d.put("endpoint", c.endpoint());
            d.put("strategy", c.rollout().strategy().id());
            d.put("traffic", traffic);
            d.put("folder", folder);
            d.put("files", List.copyOf(files.keySet()));
            d.put("staging", staging);
            d.put("serving_format", served.format().id());
            d.put("serving_artifact", served.path());
            d.put("serving_artifact_sha256", served.sha256());
            d.put("previous_deployment_id", previous.map(DeploymentRecord::id).orElse(null));
            new AuditLog(catalog).append(conn, actor, "deployment.generate", "deployment", Long.toString(newId), d);
            return newId;
        });
        commit(dir, id, "Deploy " + v.ref() + " to " + target.id() + " (" + c.rollout().strategy().id()
                + (staging ? ", staging" : "") + "): " + folder + " [deployment " + id + "]", warnings);
        LOG.info("Generated deployment {} of {} to {} in {}", id, v.ref(), target.id(), folder);
        return new DeployResult(get(id), folder, List.copyOf(files.keySet()), warnings);
    }

    /**
     * What a deployment would write, without writing, recording or committing anything: the wizard's review step.
     *
     * @param target the target
     * @param ref    the version
     * @param config the configuration
     * @return the folder (relative to the project), the files by name in the order written, the warnings
     * @throws UserError for every reason {@link #deploy} refuses
     */
    public DeployPreview preview(DeployTarget target, ModelRef ref, DeployConfig config) {
        Prepared prep = prepare(target, ref, config, null, false, null);
        return new DeployPreview(prep.version().ref(), target.id(), relative(prep.dir()), prep.files(),
                prep.traffic().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        e -> prep.version().model() + "@" + e.getKey(), Map.Entry::getValue, (a, b) -> a,
                        LinkedHashMap::new)), prep.staging(), prep.config(), prep.warnings());
    }

    /** Everything a deployment decides before it writes. */
    private record Prepared(ModelVersion version, DeployConfig config, boolean staging, DeploymentRecord previous,
                            Map<Integer, Integer> traffic, Map<String, String> files, Path dir, List<String> warnings,
                            int sequence, ServingFormatService.Served served) {
    }

    /**
     * @param export whether to make the ONNX export a deployment of that format needs (deploy) or only name the file
     *               it will be (preview)
     */
    private Prepared prepare(DeployTarget target, ModelRef ref, DeployConfig config, Path out, boolean export,
                             String actor) {
        Objects.requireNonNull(target, "target");
        ModelVersion v = registry.resolve(ref);
        if (v.retired()) {
            throw new UserError(v.ref() + " is retired and cannot be deployed.", v.successor() == null
                    ? "Deploy a version in service." : "Deploy its successor " + v.successor() + ".");
        }
        List<String> warnings = new ArrayList<>();
        boolean staging = checkApproval(v, config == null ? DeployConfig.defaults() : config, warnings);
        DeployConfig c = resolve(target, v, config == null ? DeployConfig.defaults() : config, warnings);
        Optional<DeploymentRecord> previous = active(v.model(), target, c.endpoint());
        int sequence = 1 + (int) list(v.model()).stream()
                .filter(d -> d.target().equals(target.id()) && Objects.equals(d.endpoint(), c.endpoint())).count();
        Map<Integer, Integer> traffic = traffic(v, c, previous.orElse(null), target, warnings);
        ServingFormatService.Served served = served(v, c.format(), export, actor);
        DeployPlan plan = new DeployPlan(v.model(), v.version(), served.path(), target, c, c.endpoint(), c.image(),
                sequence, previous.map(p -> new DeployPlan.Previous(p.id(), p.version(),
                        Names.endpointConfig(p.endpoint(), p.version(), p.sequence()))).orElse(null), traffic, staging,
                served.sha256());
        Map<String, String> files = TargetFiles.of(target).deploy(plan);
        Path dir = out != null ? out.toAbsolutePath().normalize()
                : project.root().resolve(FOLDER).resolve(target.id()).resolve(v.model() + "-v" + v.version());
        placeholders(files, warnings);
        return new Prepared(v, c, staging, previous.orElse(null), traffic, files, dir, warnings, sequence, served);
    }

    /**
     * The file the deployment serves: {@code model.zip}, or the version's ONNX export (reused while it is the file its
     * export measured; exported now when deploying, named by the path the export will take when previewing).
     */
    private ServingFormatService.Served served(ModelVersion v, ServingFormat f, boolean export, String actor) {
        if (f == ServingFormat.DJL) {
            boolean there = v.artifactPath() != null && Files.isRegularFile(project.root().resolve(v.artifactPath()));
            return there ? formats.artifact(v.ref(), f, false, actor, Progress.NONE)
                    : new ServingFormatService.Served(f, v.artifactPath(), null, 0, 0, null, 0);
        }
        formats.require(v.ref(), f);
        ServingFormatService.Served s = formats.artifact(v.ref(), f, export, actor, Progress.NONE);
        if (s != null) {
            return s;
        }
        return new ServingFormatService.Served(f, ".mlwb/exports/" + v.model() + "-v" + v.version() + "/model"
                + (f == ServingFormat.ONNX_INT8 ? "-int8" : "") + ".onnx", null, 0, 0, null, 0);
    }

    /**
     * @return true when the version goes out as staging (unapproved)
     * @throws UserError in a high-risk project for a version whose card is not approved, unless staging
     */
    private boolean checkApproval(ModelVersion v, DeployConfig config, List<String> warnings) {
        String status = cards.status(v.id()).orElse(null);
        boolean approved = "approved".equals(status);
        RiskTier tier = project.config().riskTier();
        if (approved) {
            return config.staging();
        }
        if (tier == RiskTier.HIGH && !config.staging()) {
            throw new UserError(v.ref() + " cannot be deployed: the project is high-risk and the version's model card "
                    + "is " + (status == null ? "missing" : "not approved (status: " + status + ")") + ".",
                    "Have the card approved (mlwb card submit, then two approvers: mlwb card approve), or deploy it "
                            + "as an unapproved staging deployment with --staging (or staging: true in the config).",
                    ExitCode.BAD_INPUT, null);
        }
        warnings.add(v.ref() + "'s model card is " + (status == null ? "missing" : status)
                + ": deployed as staging, not for production traffic");
        return true;
    }

    /** Fills the target's defaults and checks every setting against the target and the price table. */
    DeployConfig resolve(DeployTarget t, ModelVersion v, DeployConfig c, List<String> warnings) {
        String slug = DeployPlan.slug(v.model());
        // what the user wrote is kept or refused; what mlwb derives is fitted to the target's rule (Names)
        String endpoint = Names.endpoint(t, v.model(), c.endpoint(), c.namespace());
        String region = c.region() != null ? c.region() : switch (t) {
            case SAGEMAKER -> "us-east-1";
            case VERTEX -> "us-central1";
            case AZUREML -> "eastus";
            default -> null;
        };
        String instance = c.instanceType() != null ? c.instanceType() : switch (t) {
            case SAGEMAKER -> c.serverless() != null ? null : "ml.m5.large";
            case VERTEX -> "n1-standard-4";
            case AZUREML -> "Standard_DS3_v2";
            default -> null;
        };
        if (instance != null && t.priceCloud() == null) {
            warnings.add("instance_type is ignored for the " + t.id() + " target");
            instance = null;
        }
        if (instance != null) {
            prices.require(t.priceCloud(), instance);
        }
        if (c.serverless() != null) {
            if (t != DeployTarget.SAGEMAKER) {
                throw new UserError("serverless is a SageMaker option; the " + t.id() + " target has none.",
                        "Remove serverless from the configuration, or deploy to sagemaker.");
            }
            int mem = c.serverless().memoryMb();
            if (mem < 1024 || mem > 6144 || mem % 1024 != 0) {
                throw new UserError("serverless.memory_mb is " + mem + "; SageMaker takes 1024 to 6144 in steps of "
                        + "1024.", "Choose 1024, 2048, 3072, 4096, 5120 or 6144.");
            }
            if (c.serverless().maxConcurrency() < 1 || c.serverless().maxConcurrency() > 200) {
                throw new UserError("serverless.max_concurrency is " + c.serverless().maxConcurrency()
                        + "; SageMaker takes 1 to 200.", "Choose a value from 1 to 200.");
            }
            if (c.rollout().strategy() != Strategy.ALL_AT_ONCE) {
                throw new UserError("A serverless endpoint is updated all at once; " + c.rollout().strategy().id()
                        + " needs instances.", "Use rollout.strategy: all-at-once, or remove serverless.");
            }
            if (c.instanceType() != null) {
                throw new UserError("A serverless endpoint has no instance type (" + c.instanceType() + ").",
                        "Remove instance_type, or remove serverless.");
            }
            if (c.kmsKeyId() != null) {
                throw new UserError("SageMaker does not take a KMS key for a serverless endpoint's storage.",
                        "Remove kms_key_id, or remove serverless.");
            }
        }
        int minDefault = t == DeployTarget.KUBERNETES ? 2 : 1;
        int min = c.minReplicas() != null ? c.minReplicas() : minDefault;
        int max = c.maxReplicas() != null ? c.maxReplicas() : Math.max(min, 2 * min);
        if (min < (t == DeployTarget.KSERVE ? 0 : 1)) {
            throw new UserError("min_replicas is " + min + ".", "Use 1 or more (0 only for kserve, scale to zero).");
        }
        if (t == DeployTarget.KUBERNETES && min < 2) {
            throw new UserError("min_replicas is " + min + "; the kubernetes target keeps at least 2 replicas on "
                    + "different nodes so one node's loss does not stop the service.", "Use min_replicas: 2 or more.");
        }
        if (max < min) {
            throw new UserError("max_replicas (" + max + ") is below min_replicas (" + min + ").",
                    "Make max_replicas at least min_replicas.");
        }
        DeployConfig.Autoscaling scaling = c.autoscaling() != null ? c.autoscaling()
                : t == DeployTarget.KUBERNETES ? new DeployConfig.Autoscaling("cpu", 70)
                : DeployConfig.Autoscaling.DEFAULT;
        if (t == DeployTarget.VERTEX && scaling.metric().equals("latency_ms")) {
            throw new UserError("Vertex AI does not autoscale on latency.",
                    "Use autoscaling.metric: requests_per_instance or cpu.");
        }
        DeployConfig.Rollout r = c.rollout();
        if (r.strategy() == Strategy.CANARY && (r.percent() < 1 || r.percent() > 99)) {
            throw new UserError("rollout.percent is " + r.percent() + "; a canary takes 1 to 99 percent.",
                    "Choose a share from 1 to 99, e.g. 10.");
        }
        int maxBake = t == DeployTarget.SAGEMAKER ? 60 : 1440;
        if (r.bakeMinutes() < 0 || r.bakeMinutes() > maxBake) {
            throw new UserError("rollout.bake_minutes is " + r.bakeMinutes() + "; " + t.id() + " takes 0 to "
                    + maxBake + ".", "Choose a bake time from 0 to " + maxBake + " minutes.");
        }
        if (r.strategy() == Strategy.A_B && (t == DeployTarget.KUBERNETES || t == DeployTarget.KSERVE
                || t == DeployTarget.LOCAL)) {
            throw new UserError("The " + t.id() + " target cannot split traffic between two versions by percent.",
                    t == DeployTarget.KSERVE ? "Use rollout.strategy: canary (canaryTrafficPercent)."
                            : "Deploy to sagemaker, vertex or azureml for an A/B split, or use canary.");
        }
        if (r.strategy() != Strategy.A_B && !r.split().isEmpty()) {
            throw new UserError("rollout.split is set but the strategy is " + r.strategy().id() + ".",
                    "Use rollout.strategy: a-b with a split, or remove the split.");
        }
        DeployConfig.Rollback rb = c.rollback();
        if (rb.errorRate() != null && (rb.errorRate() <= 0 || rb.errorRate() > 1)) {
            throw new UserError("rollback.error_rate is " + rb.errorRate() + "; it is a share of requests.",
                    "Write it as a fraction above 0 and at most 1, e.g. 0.01 for 1%.");
        }
        if (rb.p99LatencyMs() != null && rb.p99LatencyMs() <= 0) {
            throw new UserError("rollback.p99_latency_ms is " + rb.p99LatencyMs() + ".", "Use a positive number.");
        }
        if (rb.any() && t != DeployTarget.SAGEMAKER && t != DeployTarget.VERTEX) {
            warnings.add("rollback conditions are not enforced on the " + t.id() + " target, which has no automatic "
                    + "rollback (SageMaker alarms and a Vertex AI alert policy watch them); roll back with "
                    + "`mlwb deploy rollback`");
        }
        Map<DeployTarget, List<String>> auths = Map.of(DeployTarget.SAGEMAKER, List.of("iam"),
                DeployTarget.VERTEX, List.of("iam"), DeployTarget.AZUREML, List.of("aad_token", "aml_token", "key"),
                DeployTarget.KUBERNETES, List.of("ingress"), DeployTarget.KSERVE, List.of("ingress"),
                DeployTarget.LOCAL, List.of("none", "api_key"));
        String auth = c.security().auth() == null ? auths.get(t).get(0) : c.security().auth();
        if (!auths.get(t).contains(auth)) {
            throw new UserError("security.auth '" + auth + "' is not an auth mode of " + t.id() + ".",
                    "Use one of: " + String.join(", ", auths.get(t)) + ".");
        }
        String exposure = c.security().exposure() == null ? "private" : c.security().exposure();
        if (!Set.of("public", "private").contains(exposure)) {
            throw new UserError("security.exposure is '" + exposure + "'.", "Use public or private.");
        }
        String sa = c.security().serviceAccount() != null ? c.security().serviceAccount() : switch (t) {
            case SAGEMAKER -> "mlwb-sagemaker-execution";
            case VERTEX -> "mlwb-serving";
            default -> null;
        };
        String project = c.project() != null ? c.project() : t == DeployTarget.VERTEX ? "PROJECT_ID" : null;
        String tag = ":v" + v.version();
        String image = c.image() != null ? c.image() : switch (t) {
            case SAGEMAKER -> "ACCOUNT_ID.dkr.ecr." + region + ".amazonaws.com/mlwb-" + slug + tag;
            case VERTEX -> region + "-docker.pkg.dev/" + project + "/mlwb/" + slug + tag;
            case AZUREML -> "REGISTRY.azurecr.io/mlwb-" + slug + tag;
            case KUBERNETES, KSERVE -> "REGISTRY/mlwb-" + slug + tag;
            case LOCAL -> "mlwb-" + slug + tag;
        };
        if (t == DeployTarget.LOCAL && r.strategy() != Strategy.ALL_AT_ONCE) {
            warnings.add("the local target serves one version; rollout." + r.strategy().id() + " is ignored");
        }
        return new DeployConfig(instance, region, min, max, scaling, r, rb,
                new DeployConfig.Security(auth, exposure, sa), c.serverless(), c.resources(), endpoint, image,
                c.staging(), c.kmsKeyId(), c.vpc(), c.namespace(), c.ingressNamespace(), project,
                batch(t, c.batch(), instance), c.format());
    }

    /** The batch job with its defaults, checked against the target; null when none is asked for. */
    private static DeployConfig.Batch batch(DeployTarget t, DeployConfig.Batch b, String instance) {
        if (b == null) {
            return null;
        }
        if (t != DeployTarget.SAGEMAKER && t != DeployTarget.VERTEX) {
            throw new UserError("The " + t.id() + " target has no batch prediction job.",
                    "Remove batch:, or deploy to sagemaker (Batch Transform) or vertex (BatchPredictionJob).");
        }
        String scheme = t == DeployTarget.SAGEMAKER ? "s3://" : "gs://";
        for (String[] uri : new String[][] {{"batch.input_uri", b.inputUri()}, {"batch.output_uri", b.outputUri()}}) {
            if (uri[1] == null) {
                throw new UserError(uri[0] + " is missing.", "Give the " + (uri[0].endsWith("input_uri") ? "input "
                        + "files'" : "output folder's") + " URI, " + scheme + "bucket/... (docs/deploy.md).");
            }
            if (!uri[1].startsWith(scheme) || uri[1].length() <= scheme.length()) {
                throw new UserError(uri[0] + " is '" + uri[1] + "'; " + t.id() + " reads and writes " + scheme
                        + " URIs.", "Write it as " + scheme + "bucket/path.");
            }
        }
        int count = b.instanceCount() == null ? 1 : b.instanceCount();
        if (count < 1 || count > 100) {
            throw new UserError("batch.instance_count is " + count + ".", "Use 1 to 100 machines.");
        }
        String type = b.instanceType() != null ? b.instanceType() : instance != null ? instance
                : t == DeployTarget.SAGEMAKER ? "ml.m5.large" : "n1-standard-4";
        if (t != DeployTarget.SAGEMAKER) {
            if (b.maxPayloadMb() != null || b.maxConcurrentTransforms() != null) {
                throw new UserError("batch.max_payload_mb and batch.max_concurrent_transforms are SageMaker Batch "
                        + "Transform settings; the " + t.id() + " target has neither.",
                        "Remove them, or deploy to sagemaker.");
            }
            return new DeployConfig.Batch(b.inputUri(), b.outputUri(), type, count);
        }
        // each request is one MultiRecord mini-batch: it must fit the container's body limit, and the requests in
        // flight its queue; SageMaker caps MaxPayloadInMB and MaxConcurrentTransforms x MaxPayloadInMB at 100 MB
        int maxMb = io.mlwb.serving.ServingContract.MAX_BODY_BYTES >> 20;
        int payload = b.payloadMb();
        if (payload < 1 || payload > maxMb) {
            throw new UserError("batch.max_payload_mb is " + payload + "; the serving container takes request bodies "
                    + "of at most " + maxMb + " MB.", "Use 1 to " + maxMb + " (default "
                    + DeployConfig.Batch.DEFAULT_MAX_PAYLOAD_MB + "); a record must fit in it whole.");
        }
        int maxConcurrent = io.mlwb.serving.ServingContract.QUEUE_CAPACITY;
        int concurrent = b.concurrentTransforms();
        if (concurrent < 1 || concurrent > maxConcurrent) {
            throw new UserError("batch.max_concurrent_transforms is " + concurrent + "; the serving container admits "
                    + "at most " + maxConcurrent + " requests at once.", "Use 1 to " + maxConcurrent + " (default "
                    + DeployConfig.Batch.DEFAULT_MAX_CONCURRENT_TRANSFORMS + ", one per model replica).");
        }
        if (concurrent * payload > 100) {
            throw new UserError("batch.max_concurrent_transforms x batch.max_payload_mb is " + concurrent + " x "
                    + payload + " = " + concurrent * payload + " MB; SageMaker takes at most 100 MB in flight per "
                    + "machine.", "Lower one of them so that the product is at most 100.");
        }
        return new DeployConfig.Batch(b.inputUri(), b.outputUri(), type, count, payload, concurrent);
    }

    /** Version number to percent once the rollout has started. */
    private Map<Integer, Integer> traffic(ModelVersion v, DeployConfig c, DeploymentRecord previous, DeployTarget t,
                                          List<String> warnings) {
        Map<Integer, Integer> out = new TreeMap<>();
        switch (c.rollout().strategy()) {
            case A_B -> {
                Map<Integer, Integer> split = c.rollout().split();
                int sum = split.values().stream().mapToInt(Integer::intValue).sum();
                if (split.isEmpty()) {
                    throw new UserError("An a-b rollout needs rollout.split.", "Give two versions and their shares, "
                            + "e.g. split: {\"" + (v.version() - 1) + "\": 50, \"" + v.version() + "\": 50}.");
                }
                if (sum != 100) {
                    throw new UserError("The traffic split " + split + " sums to " + sum + ", not 100.",
                            "Make the percentages in rollout.split add up to 100.");
                }
                if (split.size() != 2 || !split.containsKey(v.version())) {
                    throw new UserError("An a-b split names two versions, one of them the version deployed ("
                            + v.version() + "); it names " + split.keySet() + ".",
                            "Write e.g. split: {\"" + v.version() + "\": 50, \"OTHER\": 50}.");
                }
                for (Map.Entry<Integer, Integer> e : split.entrySet()) {
                    if (e.getValue() < 1) {
                        throw new UserError("Version " + e.getKey() + " gets " + e.getValue() + "% in the split.",
                                "Give each version at least 1%.");
                    }
                    if (e.getKey() != v.version()) {
                        ModelVersion other = registry.resolve(new ModelRef(v.model(), e.getKey(), null));
                        if (other.retired()) {
                            throw new UserError(other.ref() + " is retired and cannot take traffic.",
                                    "Split with a version in service.");
                        }
                    }
                }
                out.putAll(split);
            }
            case CANARY -> {
                if (previous == null || previous.version() == v.version()) {
                    warnings.add("no earlier version holds " + c.endpoint() + " on " + t.id()
                            + ": the canary rollout starts with all traffic on " + v.ref());
                    out.put(v.version(), 100);
                } else {
                    out.put(v.version(), c.rollout().percent());
                    out.put(previous.version(), 100 - c.rollout().percent());
                }
            }
            default -> out.put(v.version(), 100);
        }
        return out;
    }

    // ---------------------------------------------------------------- rollback

    /**
     * Writes the files and commands that give the previous version its traffic back, records the rollback (a new
     * deployment of that version, strategy {@code rollback}, whose {@code previous_deployment_id} is the deployment
     * rolled back, now {@code rolled_back}), audits and commits it.
     *
     * @param model  the model's name
     * @param target the target, or null for the model's newest active deployment on any target
     * @param actor  who
     * @return the rollback deployment
     * @throws UserError when the model has no active deployment, or that deployment replaced none
     */
    public DeployResult rollback(String model, DeployTarget target, String actor) {
        ModelRef name = ModelRef.parse(model);
        if (name.pointsAtVersion()) {
            throw new UserError("Roll back takes a model's name, not a version ('" + model + "').",
                    "Write mlwb deploy rollback " + name.name() + ".");
        }
        registry.model(name.name()).orElseThrow(() -> new UserError("There is no model '" + name.name() + "'.",
                "See mlwb models list."));
        List<DeploymentRecord> history = list(name.name());
        DeploymentRecord current = history.stream().filter(DeploymentRecord::active)
                .filter(d -> target == null || d.target().equals(target.id())).findFirst()
                .orElseThrow(() -> new UserError(name.name() + " has no active deployment"
                        + (target == null ? "" : " on " + target.id()) + " to roll back.",
                        "See mlwb deploy list " + name.name() + "."));
        if (current.previousDeploymentId() == null) {
            throw new UserError("Deployment " + current.id() + " (" + current.ref() + " on " + current.target()
                    + ") was the first on " + current.endpoint() + "; there is no earlier version to roll back to.",
                    "Deploy the version you want with mlwb deploy " + current.target() + " " + name.name()
                            + "@VERSION.");
        }
        DeploymentRecord restored = get(current.previousDeploymentId());
        DeployTarget t = DeployTarget.parse(current.target());
        DeployPlan cur = plan(current, t);
        DeployPlan back = plan(restored, t);
        Map<String, String> files = TargetFiles.of(t).rollback(cur, back);
        Path dir = project.root().resolve(FOLDER).resolve(t.id()).resolve(name.name() + "-rollback-v"
                + current.version() + "-to-v" + restored.version());
        write(dir, files);
        List<String> warnings = new ArrayList<>();
        placeholders(files, warnings);
        String folder = relative(dir);
        ObjectNode settings = restored.settings() == null ? JSON.createObjectNode() : restored.settings().deepCopy();
        long id = catalog.inTransaction("record the rollback of " + current.ref(), conn -> {
            long newId = insert(conn, restored.modelVersionId(), t, "rollback", Map.of(restored.modelVersionId(),
                    100), folder, current.id(), current.endpoint(), settings, actor, new ServingFormatService.Served(
                    ServingFormat.parse(restored.servingFormat()), restored.servingArtifact(),
                    restored.servingSha256(), 0, 0, null, 0));
            try (PreparedStatement st = conn.prepareStatement("UPDATE deployment SET status = 'rolled_back', "
                    + "updated_at = ? WHERE id = ?")) {
                st.setLong(1, System.currentTimeMillis());
                st.setLong(2, current.id());
                st.executeUpdate();
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("from", current.ref());
            d.put("to", restored.ref());
            d.put("target", t.id());
            d.put("endpoint", current.endpoint());
            d.put("rolled_back_deployment_id", current.id());
            d.put("restored_deployment_id", restored.id());
            d.put("folder", folder);
            new AuditLog(catalog).append(conn, actor, "deployment.rollback", "deployment", Long.toString(newId), d);
            return newId;
        });
        commit(dir, id, "Roll back " + current.endpoint() + " on " + t.id() + " from " + current.ref() + " to "
                + restored.ref() + ": " + folder + " [deployment " + id + "]", warnings);
        return new DeployResult(get(id), folder, List.copyOf(files.keySet()), warnings);
    }

    private DeployPlan plan(DeploymentRecord d, DeployTarget t) {
        JsonNode cfg = d.settings() == null ? null : d.settings().get("config");
        DeployConfig c = cfg == null ? DeployConfig.defaults() : DeployConfig.parse(cfg, "deployment " + d.id());
        if (cfg == null) {
            c = resolve(t, registry.version(d.modelVersionId()), c, new ArrayList<>());
        }
        ModelVersion v = registry.version(d.modelVersionId());
        return new DeployPlan(d.model(), d.version(), d.servingArtifact() != null ? d.servingArtifact()
                : v.artifactPath(), t, c, d.endpoint() == null ? c.endpoint() : d.endpoint(), c.image(), d.sequence(),
                null, Map.of(d.version(), 100), c.staging(), d.servingSha256());
    }

    // ---------------------------------------------------------------- history

    /**
     * @param model a model's name, or null for every model
     * @return the deployments, newest first
     */
    public List<DeploymentRecord> list(String model) {
        return catalog.read("list deployments", c -> {
            Map<Long, Integer> versions = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT id, version FROM model_version")) {
                while (rs.next()) {
                    versions.put(rs.getLong(1), rs.getInt(2));
                }
            }
            List<DeploymentRecord> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(SELECT + (model == null ? "" : " WHERE m.name = ?")
                    + " ORDER BY d.id DESC")) {
                if (model != null) {
                    st.setString(1, model);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(record(rs, versions));
                    }
                }
            }
            return out;
        });
    }

    /**
     * @param id a deployment's id
     * @return it
     * @throws UserError when there is none
     */
    public DeploymentRecord get(long id) {
        return catalog.read("read a deployment", c -> {
            Map<Long, Integer> versions = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT id, version FROM model_version")) {
                while (rs.next()) {
                    versions.put(rs.getLong(1), rs.getInt(2));
                }
            }
            try (PreparedStatement st = c.prepareStatement(SELECT + " WHERE d.id = ?")) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new UserError("There is no deployment " + id + ".", "See mlwb deploy list.");
                    }
                    return record(rs, versions);
                }
            }
        });
    }

    private static final String SELECT = "SELECT d.id, m.name, mv.version, d.model_version_id, d.target, d.strategy,"
            + " d.traffic_split, d.status, d.artifact_path, d.commit_sha, d.previous_deployment_id, d.endpoint,"
            + " d.config, d.created_by, d.created_at, d.serving_format, d.serving_artifact, d.serving_artifact_sha256"
            + " FROM deployment d JOIN model_version mv ON mv.id ="
            + " d.model_version_id JOIN model m ON m.id = mv.model_id";

    private static DeploymentRecord record(ResultSet rs, Map<Long, Integer> versions) throws SQLException {
        Map<Integer, Integer> traffic = new TreeMap<>();
        JsonNode settings = null;
        try {
            String split = rs.getString(7);
            if (split != null) {
                JSON.readTree(split).fields().forEachRemaining(e -> traffic.put(
                        versions.getOrDefault(Long.parseLong(e.getKey()), -1), e.getValue().asInt()));
            }
            String cfg = rs.getString(13);
            settings = cfg == null ? null : JSON.readTree(cfg);
        } catch (JsonProcessingException | NumberFormatException e) {
            throw new SQLException("deployment " + rs.getLong(1) + " has malformed JSON", e);
        }
        long prev = rs.getLong(11);
        Long previous = rs.wasNull() ? null : prev;
        int sequence = settings == null ? 1 : settings.path("sequence").asInt(1);
        return new DeploymentRecord(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), traffic, rs.getString(8), rs.getString(9), rs.getString(10), previous,
                rs.getString(12), settings, sequence, rs.getString(14), rs.getLong(15), rs.getString(16),
                rs.getString(17), rs.getString(18));
    }

    /** The newest active deployment of the model on this target and endpoint. */
    private Optional<DeploymentRecord> active(String model, DeployTarget t, String endpoint) {
        return list(model).stream().filter(DeploymentRecord::active).filter(d -> d.target().equals(t.id()))
                .filter(d -> Objects.equals(d.endpoint(), endpoint)).max(Comparator.comparingLong(
                        DeploymentRecord::id));
    }

    private static long insert(Connection c, long mvId, DeployTarget t, String strategy, Map<Long, Integer> traffic,
                               String folder, Long previous, String endpoint, JsonNode settings, String actor,
                               ServingFormatService.Served served) throws SQLException {
        ObjectNode split = JSON.createObjectNode();
        traffic.forEach((k, v) -> split.put(Long.toString(k), v));
        long id;
        try (PreparedStatement st = c.prepareStatement("INSERT INTO deployment(model_version_id, target, strategy, "
                + "traffic_split, status, artifact_path, previous_deployment_id, endpoint, config, created_by, "
                + "serving_format, serving_artifact, serving_artifact_sha256) "
                + "VALUES (?, ?, ?, ?, 'generated', ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            st.setLong(1, mvId);
            st.setString(2, t.id());
            st.setString(3, strategy);
            st.setString(4, split.toString());
            st.setString(5, folder);
            if (previous == null) {
                st.setNull(6, Types.INTEGER);
            } else {
                st.setLong(6, previous);
            }
            st.setString(7, endpoint);
            st.setString(8, settings.toString());
            st.setString(9, actor);
            st.setString(10, served.format().id());
            st.setString(11, served.path());
            st.setString(12, served.sha256());
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement st = c.prepareStatement("INSERT OR IGNORE INTO lineage_edge(from_kind, from_id, "
                + "to_kind, to_id, relation) VALUES ('model_version', ?, 'deployment', ?, 'deployed_as')")) {
            st.setString(1, Long.toString(mvId));
            st.setString(2, Long.toString(id));
            st.executeUpdate();
        }
        return id;
    }

    // ---------------------------------------------------------------- smoke test

    /**
     * Smoke-tests a deployment (or a version before any deployment): starts the inference server on loopback with the
     * version's artifact, speaking the target's contract, checks the health route answers within 2 s, sends the
     * version's test set (the rows its run scored, rebuilt from the data the run read) and compares every prediction
     * with the run's recorded one within {@link SmokeTester#TOLERANCE}, times single-row requests, and records the
     * result with the deployment ({@code deployment_smoke_test}) with an audit entry.
     *
     * @param subject  a deployment's id, or {@code NAME@VERSION} (or an alias)
     * @param target   the target whose contract to replay, or null for the deployment's (for a version: its newest
     *                 active deployment's target, else local)
     * @param port     the loopback port, or 0 for a free one
     * @param actor    who
     * @param progress progress; cancel stops between requests (nothing is recorded then)
     * @return the recorded result; {@link SmokeTestResult#passed()} says whether the predictions match
     * @throws UserError exit 2 for an unknown deployment or version, a target that differs from the deployment's, a
     *                   port in use, a version whose run left no test predictions or whose data changed beyond recovery
     */
    public SmokeTestResult smokeTest(String subject, DeployTarget target, int port, String actor, Progress progress) {
        return smokeTest(subject, target, null, port, actor, progress);
    }

    /**
     * Smoke-tests in a serving format: the deployment's own (a deployment serves what it recorded), or for a version
     * the format asked for (its ONNX export reused, or made now). What matches: for djl and onnx every value within
     * {@link SmokeTester#TOLERANCE} of the run's recorded prediction and every label equal; for onnx-int8 every value
     * within the int8 export's own measured largest difference (plus that tolerance), a label allowed to flip only
     * inside it (counted as {@link SmokeTestResult#labelFlips()}), and the export's metric change reported.
     *
     * @param subject  a deployment's id, or {@code NAME@VERSION} (or an alias)
     * @param target   the target whose contract to replay, or null (see {@link #smokeTest(String, DeployTarget, int,
     *                 String, Progress)})
     * @param format   the format to serve, or null for the deployment's (for a version: its newest active deployment's,
     *                 else djl)
     * @param port     the loopback port, or 0 for a free one
     * @param actor    who
     * @param progress progress; cancel stops between requests (nothing is recorded then)
     * @return the recorded result
     * @throws UserError exit 2 as the other overload, and for a format that differs from the deployment's, a format the
     *                   version cannot be served in, or a deployment's ONNX file missing or changed since it was deployed
     */
    public SmokeTestResult smokeTest(String subject, DeployTarget target, ServingFormat format, int port,
                                     String actor, Progress progress) {
        Objects.requireNonNull(subject, "subject");
        Progress p = progress == null ? Progress.NONE : progress;
        DeploymentRecord deployment;
        ModelVersion v;
        DeployTarget t;
        if (subject.strip().matches("[0-9]+")) {
            deployment = get(Long.parseLong(subject.strip()));
            v = registry.version(deployment.modelVersionId());
            t = DeployTarget.parse(deployment.target());
            if (target != null && target != t) {
                throw new UserError("Deployment " + deployment.id() + " is to " + t.id() + ", not " + target.id()
                        + ".", "Leave out --target, or smoke-test " + deployment.ref() + " --target " + target.id()
                        + ".");
            }
        } else {
            v = registry.resolve(ModelRef.parse(subject.strip()));
            deployment = list(v.model()).stream().filter(d -> d.modelVersionId() == v.id())
                    .filter(DeploymentRecord::active).filter(d -> target == null || d.target().equals(target.id()))
                    .findFirst().orElse(null);
            t = target != null ? target : deployment != null ? DeployTarget.parse(deployment.target())
                    : DeployTarget.LOCAL;
        }
        ServingFormat f = deployment != null ? ServingFormat.parse(deployment.servingFormat())
                : format != null ? format : ServingFormat.DJL;
        if (format != null && format != f) {
            throw new UserError("Deployment " + deployment.id() + " serves " + f.id() + ", not " + format.id() + ".",
                    "Leave out --format, or smoke-test " + deployment.ref() + " --format " + format.id() + ".",
                    ExitCode.BAD_INPUT, null);
        }
        p.report(0, "reading the test set of " + v.ref() + " (" + f.id() + ")");
        Path zip = artifact(v);
        SmokeTester.Rule rule = SmokeTester.Rule.EXACT;
        Path served = zip;
        if (f.onnx()) {
            ServingFormatService.Served s = formats.artifact(v.ref(), f, deployment == null, actor, p);
            if (s == null || deployment != null && deployment.servingSha256() != null
                    && !deployment.servingSha256().equals(s.sha256())) {
                throw new UserError("Deployment " + deployment.id() + "'s " + f.id() + " file "
                        + deployment.servingArtifact() + " is missing or changed since it was deployed.",
                        "Generate the deployment again (mlwb deploy " + deployment.target() + " " + deployment.ref()
                                + " --format " + f.id() + ").", ExitCode.BAD_INPUT, null);
            }
            served = project.root().resolve(s.path());
            rule = f == ServingFormat.ONNX ? new SmokeTester.Rule(f.id(), SmokeTester.TOLERANCE, true, null, null)
                    : new SmokeTester.Rule(f.id(), s.maxAbsDiff() + SmokeTester.TOLERANCE, false, s.metric(),
                    s.metricChange());
        }
        int replicas = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        Predictor predictor = f.onnx() ? Predictor.loadOnnx(served, replicas) : Predictor.load(zip, replicas);
        TestSet tests;
        try {
            tests = testSet(v, zip, predictor);
        } catch (RuntimeException | Error e) {
            predictor.close();
            throw e;
        }
        Long deploymentId = deployment == null ? null : deployment.id();
        SmokeTestResult r = SmokeTester.run(predictor, tests, t, v.model(), v.version(), port, rule, p)  // closes it
                .with(0, deploymentId);
        long id = catalog.inTransaction("record the smoke test of " + v.ref(), c -> {
            long newId;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO deployment_smoke_test(deployment_id, "
                    + "model_version_id, target, matched, rows_checked, mismatches, max_abs_diff, health_ms, "
                    + "latency_p50_ms, latency_p95_ms, latency_p99_ms, throughput_rps, requests, cores, details, "
                    + "created_by, created_at, serving_format) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                if (deploymentId == null) {
                    st.setNull(1, Types.INTEGER);
                } else {
                    st.setLong(1, deploymentId);
                }
                st.setLong(2, v.id());
                st.setString(3, t.id());
                st.setInt(4, r.passed() ? 1 : 0);
                st.setInt(5, r.rows());
                st.setInt(6, r.mismatches());
                st.setDouble(7, r.maxAbsDiff());
                st.setDouble(8, r.healthMs());
                st.setDouble(9, r.p50Ms());
                st.setDouble(10, r.p95Ms());
                st.setDouble(11, r.p99Ms());
                st.setDouble(12, r.throughputRps());
                st.setInt(13, r.requests());
                st.setInt(14, r.cores());
                st.setString(15, JSON.writeValueAsString(r.toJson()));
                st.setString(16, actor);
                st.setLong(17, r.createdAtMs());
                st.setString(18, r.format());
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    newId = keys.getLong(1);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("ref", v.ref());
            d.put("target", t.id());
            d.put("deployment_id", deploymentId);
            d.put("passed", r.passed());
            d.put("format", r.format());
            d.put("rows", r.rows());
            d.put("mismatches", r.mismatches());
            d.put("latency_p99_ms", r.p99Ms());
            d.put("throughput_rps", r.throughputRps());
            new AuditLog(catalog).append(c, actor, "deployment.smoke_test", deploymentId == null ? "model_version"
                    : "deployment", Long.toString(deploymentId == null ? v.id() : deploymentId), d);
            return newId;
        });
        LOG.info("Smoke test {} of {} on the {} contract: {} ({} of {} rows differ), p99 {} ms, {} predictions/s", id,
                v.ref(), t.id(), r.passed() ? "passed" : "failed", r.mismatches(), r.rows(), r.p99Ms(),
                r.throughputRps());
        return r.with(id, deploymentId);
    }

    /**
     * @param ref a version
     * @return its newest smoke test (on any target), if it has one
     * @throws UserError when there is no such version
     */
    public Optional<SmokeTestResult> lastSmokeTest(ModelRef ref) {
        ModelVersion v = registry.resolve(ref);
        return catalog.read("read the last smoke test of " + v.ref(), c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT id, details FROM deployment_smoke_test WHERE "
                    + "model_version_id = ? ORDER BY id DESC LIMIT 1")) {
                st.setLong(1, v.id());
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(smoke(rs.getLong(1), rs.getString(2)));
                }
            }
        });
    }

    private static SmokeTestResult smoke(long id, String details) throws SQLException {
        try {
            JsonNode j = JSON.readTree(details);
            JsonNode c = j.path("contract");
            List<SmokeTestResult.Mismatch> first = new ArrayList<>();
            for (JsonNode m : j.path("first_mismatches")) {
                first.add(new SmokeTestResult.Mismatch(m.path("row").asInt(), m.path("expected").asDouble(),
                        m.path("actual").asDouble(Double.NaN), m.path("expected_label").textValue(),
                        m.path("actual_label").textValue()));
            }
            JsonNode lat = j.path("latency_ms");
            return new SmokeTestResult(id, j.hasNonNull("deployment_id") ? j.get("deployment_id").asLong() : null,
                    j.path("ref").asText(), j.path("target").asText(), new SmokeTestResult.Contract(
                    c.path("health_route").asText(), c.path("predict_route").asText(), c.path("port").asInt(),
                    c.path("port_from_env").asInt(), c.path("body").asText()), j.path("health_ok").asBoolean(),
                    j.path("health_ms").asDouble(), j.path("rows").asInt(), j.path("mismatches").asInt(), first,
                    j.path("max_abs_diff").asDouble(), j.path("tolerance").asDouble(), lat.path("p50").asDouble(),
                    lat.path("p95").asDouble(), lat.path("p99").asDouble(), j.path("throughput_rps").asDouble(),
                    j.path("requests").asInt(), j.path("concurrency").asInt(), j.path("cores").asInt(),
                    j.path("created_ms").asLong(), j.path("format").asText("djl"), j.path("label_flips").asInt(),
                    j.path("metric").textValue(), j.hasNonNull("metric_change") ? j.get("metric_change").asDouble()
                    : null);
        } catch (JsonProcessingException e) {
            throw new SQLException("smoke test " + id + " has malformed JSON", e);
        }
    }

    private Path artifact(ModelVersion v) {
        if (v.artifactPath() == null) {
            throw new UserError(v.ref() + " has no model artifact.", "Register a version of a finished run.",
                    ExitCode.BAD_INPUT, null);
        }
        Path zip = project.root().resolve(v.artifactPath()).normalize();
        if (!Files.isRegularFile(zip)) {
            throw new UserError(v.ref() + "'s model artifact " + v.artifactPath() + " is missing.",
                    "Restore the run's files (.mlwb/) or train and register the version again.", ExitCode.BAD_INPUT,
                    null);
        }
        return zip;
    }

    /** The rows the version's run scored, rebuilt from the data the run read, with the predictions it recorded. */
    private TestSet testSet(ModelVersion v, Path zip, Predictor predictor) {
        Path predictions = zip.resolveSibling("predictions-test.csv");
        if (!Files.isRegularFile(predictions)) {
            throw new UserError(v.ref() + "'s run left no test predictions (" + relative(predictions) + ").",
                    "Train the run again; the smoke test compares the server with the run's own test predictions.",
                    ExitCode.BAD_INPUT, null);
        }
        String yaml;
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            java.util.zip.ZipEntry e = z.getEntry("spec.yaml");
            if (e == null) {
                throw new UserError(v.ref() + "'s model artifact holds no spec.yaml.", "Train the version again.",
                        ExitCode.BAD_INPUT, null);
            }
            yaml = new String(z.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("Cannot read " + zip + ": " + e.getMessage(), "Restore the run's files.",
                    ExitCode.BAD_INPUT, e);
        }
        TrainingSpec spec = new TrainingSpecLoader().parse(yaml, v.ref() + " spec.yaml", project.config()).spec();
        DatasetConfig dataset = spec.dataset().resolve(project.config());
        Path file = project.resolve(dataset);
        String rel = relative(file);
        Path data = file;
        if (spec.dataset().version() != null) {
            data = fromGit(spec.dataset().version(), rel, null);
        } else {
            String[] recorded = recordedData(v.runId(), rel);
            if (recorded != null && (!Files.isRegularFile(file)
                    || !Fingerprints.fingerprint(file).sha256().equals(recorded[0]))) {
                if (recorded[1] == null) {
                    throw new UserError(rel + " changed since " + v.ref() + "'s run read it, and that version was "
                            + "never committed.", "Restore the file the run read to smoke-test this version.",
                            ExitCode.BAD_INPUT, null);
                }
                data = fromGit(null, rel, recorded[1]);
            }
        }
        if (!Files.isRegularFile(data)) {
            throw new UserError("The data " + rel + " that " + v.ref() + "'s run read is missing.",
                    "Restore it to smoke-test this version.", ExitCode.BAD_INPUT, null);
        }
        DataTable table = new TableReader().read(data, ReadOptions.from(dataset), Progress.NONE).table();
        return TestSet.of(predictions, table, predictor.signature());
    }

    /** @return {sha256, git blob id or null} of the dataset version the run read at {@code rel}, or null */
    private String[] recordedData(Long runId, String rel) {
        if (runId == null) {
            return null;
        }
        return catalog.read("read the data of run " + runId, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT v.path, v.sha256, v.git_blob_id FROM run_dataset "
                    + "rd JOIN dataset_version v ON v.id = rd.dataset_version_id WHERE rd.run_id = ?")) {
                st.setLong(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (rel.equals(rs.getString(1))) {
                            return new String[] {rs.getString(2), rs.getString(3)};
                        }
                    }
                }
            }
            return null;
        });
    }

    /** Writes a file's committed version (at a revision, or a blob) under .mlwb/smoke/ and returns it. */
    private Path fromGit(String revision, String rel, String blob) {
        if (GitRepo.findRoot(project.root()).isEmpty()) {
            throw new UserError("The data " + rel + " the run read is only in git, and this project is not a git "
                    + "repository.", "Restore the file the run read.", ExitCode.BAD_INPUT, null);
        }
        try (GitRepo git = GitRepo.open(project.root())) {
            String inRepo = git.root().relativize(project.root().resolve(rel).toAbsolutePath().normalize()).toString()
                    .replace('\\', '/');
            String id = blob != null ? blob : git.blobId(revision, inRepo).orElseThrow(() -> new UserError(
                    "The revision " + revision + " has no " + rel + ".", "Check dataset.version in the spec.",
                    ExitCode.BAD_INPUT, null));
            String name = Path.of(rel).getFileName().toString();
            Path out = project.root().resolve(io.mlwb.core.project.Project.STATE_DIR).resolve("smoke")
                    .resolve(id + "-" + name);
            if (!Files.isRegularFile(out)) {
                Files.createDirectories(out.getParent());
                git.writeBlob(id, out);
            }
            return out;
        } catch (IOException e) {
            throw new UserError("Cannot write the committed data to .mlwb/smoke/: " + e.getMessage(),
                    "Check that the project folder is writable.", ExitCode.BAD_INPUT, e);
        }
    }

    // ---------------------------------------------------------------- cost

    /**
     * Estimates the cost of serving a version from a measured throughput.
     *
     * @param ref   the version (checked to exist)
     * @param query the measurements, the traffic and the target
     * @return the options, the cheapest meeting the latency target, the serverless comparison and the assumptions
     */
    public CostEstimator.Estimate estimate(ModelRef ref, CostEstimator.Query query) {
        registry.resolve(ref);
        return new CostEstimator(prices).estimate(query);
    }

    // ---------------------------------------------------------------- files and git

    private static void write(Path dir, Map<String, String> files) {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> old = Files.list(dir)) {
                    for (Path p : old.filter(Files::isRegularFile).toList()) {
                        Files.delete(p);      // a regenerated folder holds only this generation's files
                    }
                }
            }
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
        } catch (IOException e) {
            throw new UserError("Cannot write the deployment files to " + dir + ": " + e.getMessage(),
                    "Check that the folder is writable, or choose another with --out.", ExitCode.BAD_INPUT,
                    new UncheckedIOException(e));
        }
    }

    private static void placeholders(Map<String, String> files, List<String> warnings) {
        List<String> found = PLACEHOLDERS.stream().filter(p -> files.values().stream().anyMatch(s -> s.contains(p)))
                .toList();
        if (!found.isEmpty()) {
            warnings.add("replace the placeholders " + String.join(", ", found) + " as the README says (or set image, "
                    + "project and security.service_account in the configuration)");
        }
    }

    private String relative(Path dir) {
        Path root = project.root().toAbsolutePath().normalize();
        return dir.startsWith(root) ? root.relativize(dir).toString().replace('\\', '/') : dir.toString();
    }

    private void commit(Path dir, long id, String message, List<String> warnings) {
        Path root = project.root().toAbsolutePath().normalize();
        if (!dir.startsWith(root) || GitRepo.findRoot(root).isEmpty()) {
            warnings.add("the files were not committed: " + (dir.startsWith(root) ? "the project is not a git "
                    + "repository" : dir + " is outside the project"));
            return;
        }
        try (GitRepo git = GitRepo.open(root)) {
            String sha = git.commit(List.of(git.root().relativize(dir).toString().replace('\\', '/')), message).sha();
            catalog.inTransaction("record the deployment's commit", c -> {
                try (PreparedStatement st = c.prepareStatement("UPDATE deployment SET commit_sha = ?, updated_at = ? "
                        + "WHERE id = ?")) {
                    st.setString(1, sha);
                    st.setLong(2, System.currentTimeMillis());
                    st.setLong(3, id);
                    st.executeUpdate();
                }
                return null;
            });
        } catch (UserError e) {
            warnings.add("the files were not committed: " + e.getMessage());
        }
    }
}
