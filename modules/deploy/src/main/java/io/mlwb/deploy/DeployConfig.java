package io.mlwb.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mlwb.core.error.UserError;
import io.mlwb.deploy.export.ServingFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deployment's settings, as written in a {@code --config} file (YAML or JSON, keys in snake_case, see
 * docs/deploy.md). Every part is optional; {@link DeploymentService} fills the target's defaults and validates the
 * whole against the target and the price table. Never holds a secret: auth is a mode and a role or service account
 * by name.
 *
 * @param instanceType   the machine type ({@code ml.m5.large}, {@code n1-standard-4}, {@code Standard_DS3_v2}), or null
 *                       for the target's default
 * @param region         the cloud region, or null for the target's default
 * @param minReplicas    the fewest instances, or null for the default
 * @param maxReplicas    the most instances, or null for the default
 * @param autoscaling    what autoscaling follows, or null for the target's default (cpu on kubernetes, else
 *                       requests per instance)
 * @param rollout        how the version takes traffic, or null for all-at-once
 * @param rollback       the conditions that roll back automatically, or null for none
 * @param security       auth mode, exposure and identity, or null for the target's defaults
 * @param serverless     SageMaker serverless settings, or null for instances
 * @param resources      container CPU and memory (Kubernetes, KServe), or null for 1 CPU and 2Gi
 * @param endpoint       the endpoint (service) name, or null for the model's name
 * @param image          the container image, or null for a placeholder in the target's registry
 * @param staging        true to deploy a version whose card is not approved, marked as staging
 * @param kmsKeyId       SageMaker: the KMS key of the endpoint's storage, or null
 * @param vpc            SageMaker: subnets and security groups, or null
 * @param namespace      Kubernetes/KServe namespace, or null for {@code default}
 * @param ingressNamespace Kubernetes: the namespace of the ingress controller the NetworkPolicy admits
 * @param project        Vertex: the Google Cloud project, or null for a placeholder
 * @param batch          SageMaker, Vertex: a batch prediction job to generate next to the endpoint, or null for none
 * @param format         what the container serves: {@code djl} (model.zip, the default), {@code onnx} or
 *                       {@code onnx-int8} (the version's export, made when the deployment is generated)
 */
public record DeployConfig(String instanceType, String region, Integer minReplicas, Integer maxReplicas,
                           Autoscaling autoscaling, Rollout rollout, Rollback rollback, Security security,
                           Serverless serverless, Resources resources, String endpoint, String image,
                           boolean staging, String kmsKeyId, Vpc vpc, String namespace, String ingressNamespace,
                           String project, Batch batch, ServingFormat format) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fills the nested parts' defaults (autoscaling stays null until the target's default is chosen). */
    public DeployConfig {
        format = format == null ? ServingFormat.DJL : format;
        rollout = rollout == null ? Rollout.DEFAULT : rollout;
        rollback = rollback == null ? Rollback.NONE : rollback;
        security = security == null ? new Security(null, null, null) : security;
        resources = resources == null ? Resources.DEFAULT : resources;
    }

    /**
     * @param value whether the deployment goes out as unapproved staging
     * @return this configuration with {@code staging} set
     */
    public DeployConfig withStaging(boolean value) {
        return new DeployConfig(instanceType, region, minReplicas, maxReplicas, autoscaling, rollout, rollback,
                security, serverless, resources, endpoint, image, value, kmsKeyId, vpc, namespace, ingressNamespace,
                project, batch, format);
    }

    /**
     * @param value the serving format, or null for djl
     * @return this configuration with {@code format} set
     */
    public DeployConfig withFormat(ServingFormat value) {
        return new DeployConfig(instanceType, region, minReplicas, maxReplicas, autoscaling, rollout, rollback,
                security, serverless, resources, endpoint, image, staging, kmsKeyId, vpc, namespace, ingressNamespace,
                project, batch, value);
    }

    /**
     * @param value the batch job, or null for none
     * @return this configuration with {@code batch} set
     */
    public DeployConfig withBatch(Batch value) {
        return new DeployConfig(instanceType, region, minReplicas, maxReplicas, autoscaling, rollout, rollback,
                security, serverless, resources, endpoint, image, staging, kmsKeyId, vpc, namespace, ingressNamespace,
                project, value, format);
    }

    /** @return every setting at its default */
    public static DeployConfig defaults() {
        return new DeployConfig(null, null, null, null, null, null, null, null, null, null, null, null, false, null,
                null, null, null, null, null, null);
    }

    /**
     * What autoscaling follows.
     *
     * @param metric {@code requests_per_instance} (per minute), {@code latency_ms} or {@code cpu} (percent)
     * @param target the value to hold the metric at
     */
    public record Autoscaling(String metric, double target) {
        /** The metrics there are. */
        public static final Set<String> METRICS = Set.of("requests_per_instance", "latency_ms", "cpu");
        /** 1,000 requests per instance per minute. */
        public static final Autoscaling DEFAULT = new Autoscaling("requests_per_instance", 1000);
    }

    /**
     * How the version takes traffic.
     *
     * @param strategy    the strategy
     * @param percent     canary: the share of traffic the new version takes first (1-99)
     * @param bakeMinutes canary, blue-green: how long to watch before the rest of the traffic moves
     * @param split       a-b: version number to percent, two versions, summing to 100
     */
    public record Rollout(Strategy strategy, int percent, int bakeMinutes, Map<Integer, Integer> split) {
        /** All at once, 10% canaries and 10 minutes of baking when another strategy is chosen. */
        public static final Rollout DEFAULT = new Rollout(Strategy.ALL_AT_ONCE, 10, 10, Map.of());

        /** Copies the split, in version order. */
        public Rollout {
            split = split == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(split));
        }
    }

    /**
     * The conditions that roll a rollout back (SageMaker: alarms its deployment watches; elsewhere: alert policies and
     * the rollback command).
     *
     * @param errorRate    the share of requests answered 5xx above which to roll back (0.01 = 1%), or null
     * @param p99LatencyMs the p99 model latency above which to roll back, or null
     */
    public record Rollback(Double errorRate, Double p99LatencyMs) {
        /** No automatic rollback. */
        public static final Rollback NONE = new Rollback(null, null);

        /** @return whether any condition is set */
        public boolean any() {
            return errorRate != null || p99LatencyMs != null;
        }
    }

    /**
     * Who may call the endpoint and as whom it runs; names only, never a secret.
     *
     * @param auth           the auth mode, or null for the target's default
     * @param exposure       {@code public} or {@code private}, or null for private
     * @param serviceAccount the IAM role (name or ARN), service account or managed identity the model runs as, or null
     */
    public record Security(String auth, String exposure, String serviceAccount) {
    }

    /**
     * A SageMaker serverless endpoint instead of instances.
     *
     * @param memoryMb       1024 to 6144, in steps of 1024
     * @param maxConcurrency 1 to 200
     */
    public record Serverless(int memoryMb, int maxConcurrency) {
    }

    /**
     * A batch prediction job over files, generated with the endpoint's files (SageMaker Batch Transform's
     * CreateTransformJob, Vertex AI's BatchPredictionJob): the same container scores every line of the input.
     *
     * @param inputUri      where the input is: {@code s3://bucket/prefix} (SageMaker) or {@code gs://bucket/file.jsonl}
     *                      (Vertex; a wildcard is allowed); JSON Lines, one instance object per line
     * @param outputUri     the folder the predictions go to: {@code s3://...} or {@code gs://...}
     * @param instanceType  the machine type, or null for the deployment's ({@code ml.m5.large} for a serverless one)
     * @param instanceCount how many machines score at once, or null for 1
     * @param maxPayloadMb  SageMaker: the most MB of records in one request (a {@code MultiRecord} mini-batch of
     *                      JSON Lines), or null for 6
     * @param maxConcurrentTransforms SageMaker: the most requests in flight to each machine, or null for 4 (the
     *                      container's default model replicas)
     */
    public record Batch(String inputUri, String outputUri, String instanceType, Integer instanceCount,
                        Integer maxPayloadMb, Integer maxConcurrentTransforms) {
        /** SageMaker's own default payload, in MB; well inside the container's request body limit. */
        public static final int DEFAULT_MAX_PAYLOAD_MB = 6;
        /** One request per model replica the container scores with by default ({@code --workers}: up to 4). */
        public static final int DEFAULT_MAX_CONCURRENT_TRANSFORMS = 4;

        /**
         * A batch job with the request sizes left to their defaults.
         *
         * @param inputUri      see the record
         * @param outputUri     see the record
         * @param instanceType  see the record
         * @param instanceCount see the record
         */
        public Batch(String inputUri, String outputUri, String instanceType, Integer instanceCount) {
            this(inputUri, outputUri, instanceType, instanceCount, null, null);
        }

        /** @return {@link #maxPayloadMb}, or its default when unset */
        public int payloadMb() {
            return maxPayloadMb == null ? DEFAULT_MAX_PAYLOAD_MB : maxPayloadMb;
        }

        /** @return {@link #maxConcurrentTransforms}, or its default when unset */
        public int concurrentTransforms() {
            return maxConcurrentTransforms == null ? DEFAULT_MAX_CONCURRENT_TRANSFORMS : maxConcurrentTransforms;
        }
    }

    /**
     * A container's CPU and memory (Kubernetes quantities).
     *
     * @param cpu    e.g. {@code "1"} or {@code "500m"}
     * @param memory e.g. {@code "2Gi"}
     */
    public record Resources(String cpu, String memory) {
        /** One CPU and 2 GiB. */
        public static final Resources DEFAULT = new Resources("1", "2Gi");
    }

    /**
     * SageMaker's VpcConfig.
     *
     * @param subnets        subnet ids
     * @param securityGroups security group ids
     */
    public record Vpc(List<String> subnets, List<String> securityGroups) {
        /** Copies the lists. */
        public Vpc {
            subnets = List.copyOf(subnets);
            securityGroups = List.copyOf(securityGroups);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a configuration file.
     *
     * @param file a YAML or JSON file
     * @return the configuration
     * @throws UserError (exit 2) for a missing or unreadable file, an unknown key (named with its path) or a value of
     *                   the wrong kind
     */
    public static DeployConfig read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UserError("The deployment configuration " + file + " does not exist.",
                    "Check the path given to --config.", io.mlwb.core.error.ExitCode.BAD_INPUT, e);
        } catch (JsonProcessingException e) {
            throw new UserError("The deployment configuration " + file + " is not valid YAML or JSON: "
                    + e.getOriginalMessage(), "Fix the file (see docs/deploy.md for an example).",
                    io.mlwb.core.error.ExitCode.BAD_INPUT, e);
        } catch (IOException e) {
            throw new UserError("Cannot read " + file + ": " + e.getMessage(), "Check the file's permissions.",
                    io.mlwb.core.error.ExitCode.BAD_INPUT, e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return defaults();
        }
        return parse(root, file.getFileName().toString());
    }

    /**
     * Reads a configuration tree.
     *
     * @param root   the document's root
     * @param source the file name, for messages
     * @return the configuration
     * @throws UserError for an unknown key or a value of the wrong kind
     */
    public static DeployConfig parse(JsonNode root, String source) {
        Reader r = new Reader(source);
        r.object(root, "", Set.of("instance_type", "region", "min_replicas", "max_replicas", "autoscaling", "rollout",
                "rollback", "security", "serverless", "resources", "endpoint", "image", "staging", "kms_key_id", "vpc",
                "namespace", "ingress_namespace", "project", "batch", "format"));
        JsonNode a = root.get("autoscaling");
        Autoscaling autoscaling = null;
        if (a != null && !a.isNull()) {
            r.object(a, "autoscaling.", Set.of("metric", "target"));
            String metric = r.text(a, "autoscaling.", "metric");
            if (metric != null && !Autoscaling.METRICS.contains(metric)) {
                throw r.bad("autoscaling.metric", "'" + metric + "'", "requests_per_instance, latency_ms or cpu");
            }
            Double target = r.number(a, "autoscaling.", "target");
            if (target != null && target <= 0) {
                throw r.bad("autoscaling.target", target.toString(), "a number above 0");
            }
            autoscaling = new Autoscaling(metric == null ? Autoscaling.DEFAULT.metric() : metric,
                    target == null ? defaultTarget(metric) : target);
        }
        JsonNode ro = root.get("rollout");
        Rollout rollout = null;
        if (ro != null && !ro.isNull()) {
            r.object(ro, "rollout.", Set.of("strategy", "percent", "bake_minutes", "split"));
            String s = r.text(ro, "rollout.", "strategy");
            Integer percent = r.integer(ro, "rollout.", "percent");
            Integer bake = r.integer(ro, "rollout.", "bake_minutes");
            Map<Integer, Integer> split = new LinkedHashMap<>();
            JsonNode sp = ro.get("split");
            if (sp != null && !sp.isNull()) {
                if (!sp.isObject()) {
                    throw r.bad("rollout.split", sp.toString(), "a mapping of version number to percent, e.g. "
                            + "{\"2\": 50, \"3\": 50}");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = sp.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String key = e.getKey().contains("@") ? e.getKey().substring(e.getKey().indexOf('@') + 1)
                            : e.getKey().startsWith("v") ? e.getKey().substring(1) : e.getKey();
                    if (!key.matches("[0-9]{1,9}") || !e.getValue().canConvertToInt()
                            || !e.getValue().isIntegralNumber()) {
                        throw r.bad("rollout.split", e.getKey() + ": " + e.getValue(),
                                "version numbers mapped to whole percents, e.g. {\"2\": 50, \"3\": 50}");
                    }
                    split.put(Integer.parseInt(key), e.getValue().asInt());
                }
            }
            rollout = new Rollout(s == null ? Strategy.ALL_AT_ONCE : Strategy.parse(s),
                    percent == null ? Rollout.DEFAULT.percent() : percent,
                    bake == null ? Rollout.DEFAULT.bakeMinutes() : bake, split);
        }
        JsonNode rb = root.get("rollback");
        Rollback rollback = null;
        if (rb != null && !rb.isNull()) {
            r.object(rb, "rollback.", Set.of("error_rate", "p99_latency_ms"));
            rollback = new Rollback(r.number(rb, "rollback.", "error_rate"), r.number(rb, "rollback.",
                    "p99_latency_ms"));
        }
        JsonNode se = root.get("security");
        Security security = null;
        if (se != null && !se.isNull()) {
            r.object(se, "security.", Set.of("auth", "exposure", "service_account"));
            security = new Security(r.text(se, "security.", "auth"), r.text(se, "security.", "exposure"),
                    r.text(se, "security.", "service_account"));
        }
        JsonNode sl = root.get("serverless");
        Serverless serverless = null;
        if (sl != null && !sl.isNull() && !(sl.isBoolean() && !sl.asBoolean())) {
            if (sl.isBoolean()) {
                serverless = new Serverless(2048, 5);
            } else {
                r.object(sl, "serverless.", Set.of("memory_mb", "max_concurrency"));
                Integer mem = r.integer(sl, "serverless.", "memory_mb");
                Integer conc = r.integer(sl, "serverless.", "max_concurrency");
                serverless = new Serverless(mem == null ? 2048 : mem, conc == null ? 5 : conc);
            }
        }
        JsonNode re = root.get("resources");
        Resources resources = null;
        if (re != null && !re.isNull()) {
            r.object(re, "resources.", Set.of("cpu", "memory"));
            String cpu = r.text(re, "resources.", "cpu");
            String mem = r.text(re, "resources.", "memory");
            resources = new Resources(cpu == null ? Resources.DEFAULT.cpu() : cpu,
                    mem == null ? Resources.DEFAULT.memory() : mem);
        }
        JsonNode vp = root.get("vpc");
        Vpc vpc = null;
        if (vp != null && !vp.isNull()) {
            r.object(vp, "vpc.", Set.of("subnets", "security_groups"));
            vpc = new Vpc(r.texts(vp, "vpc.", "subnets"), r.texts(vp, "vpc.", "security_groups"));
        }
        JsonNode ba = root.get("batch");
        Batch batch = null;
        if (ba != null && !ba.isNull()) {
            r.object(ba, "batch.", Set.of("input_uri", "output_uri", "instance_type", "instance_count",
                    "max_payload_mb", "max_concurrent_transforms"));
            batch = new Batch(r.text(ba, "batch.", "input_uri"), r.text(ba, "batch.", "output_uri"),
                    r.text(ba, "batch.", "instance_type"), r.integer(ba, "batch.", "instance_count"),
                    r.integer(ba, "batch.", "max_payload_mb"), r.integer(ba, "batch.", "max_concurrent_transforms"));
        }
        Boolean staging = r.bool(root, "", "staging");
        String formatText = r.text(root, "", "format");
        ServingFormat format;
        try {
            format = ServingFormat.parse(formatText);
        } catch (UserError e) {
            throw r.bad("format", "'" + formatText + "'", ServingFormat.ids().replace(", onnx-int8", " or onnx-int8"));
        }
        return new DeployConfig(r.text(root, "", "instance_type"), r.text(root, "", "region"),
                r.integer(root, "", "min_replicas"), r.integer(root, "", "max_replicas"), autoscaling, rollout,
                rollback, security, serverless, resources, r.text(root, "", "endpoint"), r.text(root, "", "image"),
                Boolean.TRUE.equals(staging), r.text(root, "", "kms_key_id"), vpc, r.text(root, "", "namespace"),
                r.text(root, "", "ingress_namespace"), r.text(root, "", "project"), batch, format);
    }

    private static double defaultTarget(String metric) {
        if (metric == null || metric.equals("requests_per_instance")) {
            return Autoscaling.DEFAULT.target();
        }
        return metric.equals("cpu") ? 70 : 200;
    }

    /** @return this configuration as the JSON the catalog keeps ({@code deployment.config}) */
    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("instance_type", instanceType);
        n.put("region", region);
        n.put("min_replicas", minReplicas);
        n.put("max_replicas", maxReplicas);
        n.putObject("autoscaling").put("metric", autoscaling.metric()).put("target", autoscaling.target());
        ObjectNode ro = n.putObject("rollout").put("strategy", rollout.strategy().id()).put("percent",
                rollout.percent()).put("bake_minutes", rollout.bakeMinutes());
        ObjectNode sp = ro.putObject("split");
        rollout.split().forEach((k, v) -> sp.put(Integer.toString(k), v));
        n.putObject("rollback").put("error_rate", rollback.errorRate()).put("p99_latency_ms", rollback.p99LatencyMs());
        n.putObject("security").put("auth", security.auth()).put("exposure", security.exposure())
                .put("service_account", security.serviceAccount());
        if (serverless != null) {
            n.putObject("serverless").put("memory_mb", serverless.memoryMb()).put("max_concurrency",
                    serverless.maxConcurrency());
        }
        n.putObject("resources").put("cpu", resources.cpu()).put("memory", resources.memory());
        n.put("endpoint", endpoint);
        n.put("image", image);
        n.put("staging", staging);
        n.put("kms_key_id", kmsKeyId);
        if (vpc != null) {
            ObjectNode v = n.putObject("vpc");
            vpc.subnets().forEach(v.putArray("subnets")::add);
            vpc.securityGroups().forEach(v.putArray("security_groups")::add);
        }
        n.put("namespace", namespace);
        n.put("ingress_namespace", ingressNamespace);
        n.put("project", project);
        if (batch != null) {
            n.putObject("batch").put("input_uri", batch.inputUri()).put("output_uri", batch.outputUri())
                    .put("instance_type", batch.instanceType()).put("instance_count", batch.instanceCount())
                    .put("max_payload_mb", batch.maxPayloadMb())
                    .put("max_concurrent_transforms", batch.maxConcurrentTransforms());
        }
        n.put("format", format.id());
        return n;
    }

    /** Typed reads that name the key and the file in their errors. */
    private record Reader(String source) {
        void object(JsonNode n, String path, Set<String> known) {
            if (!n.isObject()) {
                throw bad(path.isEmpty() ? "(top level)" : path.substring(0, path.length() - 1), n.toString(),
                        "a mapping");
            }
            List<String> unknown = new ArrayList<>();
            n.fieldNames().forEachRemaining(k -> {
                if (!known.contains(k)) {
                    unknown.add(path + k);
                }
            });
            if (!unknown.isEmpty()) {
                throw new UserError("Unknown key" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                        + " in " + source + ".", "Known keys" + (path.isEmpty() ? "" : " under " + path) + ": "
                        + String.join(", ", new java.util.TreeSet<>(known)) + " (docs/deploy.md).");
            }
        }

        String text(JsonNode n, String path, String key) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode() || v.asText().isBlank()) {
                throw bad(path + key, v.toString(), "a non-empty text");
            }
            return v.asText().strip();
        }

        List<String> texts(JsonNode n, String path, String key) {
            JsonNode v = n.get(key);
            List<String> out = new ArrayList<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isArray()) {
                throw bad(path + key, v.toString(), "a list of texts");
            }
            v.forEach(x -> out.add(x.asText()));
            return out;
        }

        Integer integer(JsonNode n, String path, String key) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw bad(path + key, v.toString(), "a whole number");
            }
            return v.asInt();
        }

        Double number(JsonNode n, String path, String key) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isNumber()) {
                throw bad(path + key, v.toString(), "a number");
            }
            return v.asDouble();
        }

        Boolean bool(JsonNode n, String path, String key) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isBoolean()) {
                throw bad(path + key, v.toString(), "true or false");
            }
            return v.asBoolean();
        }

        UserError bad(String key, String value, String expected) {
            return new UserError(key + " in " + source + " is " + value + ", not " + expected + ".",
                    "Fix " + key + " (see docs/deploy.md).");
        }
    }
}
