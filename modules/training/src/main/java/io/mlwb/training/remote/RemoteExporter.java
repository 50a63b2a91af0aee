package io.mlwb.training.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a run as a request for an existing training service; we never call the service (no network at run time):
 * the person submits the file with their own tool, and the result lists the command. The container contract is in
 * {@code docs/remote-training.md}: the image holds mlwb and the project, runs
 * {@code mlwb train SPEC --resume-latest --metrics-jsonl OUT} with the checkpoints on durable storage, so a spot or
 * preemptible worker that is restarted resumes from its last checkpoint.
 */
public final class RemoteExporter {
    /** The container's log line SageMaker's metric definitions read: {@code epoch N … val_loss 0.1234 …}. */
    static final String METRIC_REGEX = "%s ([-+0-9.eE]+)";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private RemoteExporter() {
    }

    /**
     * What was written.
     *
     * @param files   the request files
     * @param submit  the commands that submit them, to show the person
     */
    public record Export(List<Path> files, List<String> submit) {
        /** Copies the lists. */
        public Export {
            files = List.copyOf(files);
            submit = List.copyOf(submit);
        }
    }

    /**
     * @param r      the request
     * @param target the service
     * @param outDir where the files go
     * @return the files and how to submit them
     * @throws UserError when a field is missing or does not suit the target (named in the message)
     */
    public static Export export(RemoteExportRequest r, RemoteTarget target, Path outDir) {
        validate(r, target);
        try {
            Files.createDirectories(outDir);
            return switch (target) {
                case SAGEMAKER -> sagemaker(r, outDir);
                case VERTEX -> vertex(r, outDir);
                case KUBERNETES -> kubernetes(r, outDir);
            };
        } catch (IOException e) {
            throw new UserError("cannot write the request into " + outDir + ": " + e.getMessage(),
                    "Check the folder is writable.");
        }
    }

    /**
     * Checks a request for a target without writing anything.
     *
     * @param r      the request
     * @param target the service
     * @throws UserError naming the field that is missing or does not suit the target
     */
    public static void validate(RemoteExportRequest r, RemoteTarget target) {
        if (r.image() == null || r.image().isBlank()) {
            throw new UserError("--image is required: the container image that holds mlwb and the project",
                    "Build and push one (docs/remote-training.md), then pass --image URI.");
        }
        if (r.maxRuntimeSeconds() <= 0) {
            throw new UserError("--max-runtime must be positive", "Give seconds, e.g. --max-runtime 86400.");
        }
        switch (target) {
            case SAGEMAKER -> {
                requireScheme("--data-uri", r.dataUri(), "s3://");
                requireScheme("--output-uri", r.outputUri(), "s3://");
                if (r.roleArn() == null || !r.roleArn().startsWith("arn:")) {
                    throw new UserError("--role-arn is required for SageMaker: the execution role, arn:aws:iam::…",
                            "Pass the ARN of a role SageMaker can assume.");
                }
                if (r.spot() && r.maxWaitSeconds() < r.maxRuntimeSeconds()) {
                    throw new UserError("--max-wait (" + r.maxWaitSeconds() + " s) must be at least --max-runtime ("
                            + r.maxRuntimeSeconds() + " s) for managed spot training",
                            "Raise --max-wait, e.g. to twice the runtime.");
                }
            }
            case VERTEX -> {
                requireScheme("--output-uri", r.outputUri(), "gs://");
                if (r.dataUri() != null && !r.dataUri().startsWith("gs://")) {
                    throw new UserError("--data-uri must be a gs:// URI for Vertex AI, found " + r.dataUri(),
                            "Copy the data to Cloud Storage.");
                }
                if (r.region() == null) {
                    throw new UserError("--region is required for Vertex AI", "Pass e.g. --region europe-west4.");
                }
            }
            case KUBERNETES -> {
                if (r.outputUri() == null || r.outputUri().contains("://")) {
                    throw new UserError("--output-uri must name a PersistentVolumeClaim for Kubernetes (checkpoints "
                            + "live there), found " + r.outputUri(), "Pass the claim's name, e.g. --output-uri ckpt.");
                }
            }
            default -> throw new IllegalStateException(String.valueOf(target));
        }
    }

    private static void requireScheme(String option, String uri, String scheme) {
        if (uri == null || !uri.startsWith(scheme)) {
            throw new UserError(option + " must be a " + scheme + " URI, found " + uri,
                    "Pass e.g. " + option + " " + scheme + "bucket/prefix.");
        }
    }

    /** A job name as every service accepts: letters, digits and single hyphens, at most 63 characters. */
    static String jobName(String run) {
        String n = run.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (n.isEmpty() || !Character.isLetter(n.charAt(0))) {
            n = "mlwb-" + n;
        }
        n = n.length() > 63 ? n.substring(0, 63) : n;
        return n.replaceAll("-+$", "");
    }

    private static List<String> args(RemoteExportRequest r, String metricsOut) {
        List<String> a = new ArrayList<>(List.of("train", r.specPath(), "--resume-latest", "--metrics-jsonl",
                metricsOut));
        for (String o : r.overrides()) {
            a.add("--set");
            a.add(o);
        }
        return a;
    }

    private static Export sagemaker(RemoteExportRequest r, Path out) throws IOException {
        ObjectNode req = JSON.createObjectNode();
        String name = jobName(r.runName());
        req.put("TrainingJobName", name);
        ObjectNode alg = req.putObject("AlgorithmSpecification");
        alg.put("TrainingImage", r.image());
        alg.put("TrainingInputMode", "File");
        ArrayNode defs = alg.putArray("MetricDefinitions");
        for (String m : List.of("train_loss", "val_loss", "val_roc_auc", "val_rmse")) {
            ObjectNode d = defs.addObject();
            d.put("Name", m);
            d.put("Regex", String.format(Locale.ROOT, METRIC_REGEX, m));
        }
        req.put("RoleArn", r.roleArn());
        ObjectNode channel = req.putArray("InputDataConfig").addObject();
        channel.put("ChannelName", "train");
        ObjectNode s3 = channel.putObject("DataSource").putObject("S3DataSource");
        s3.put("S3DataType", "S3Prefix");
        s3.put("S3Uri", r.dataUri());
        s3.put("S3DataDistributionType", "FullyReplicated");
        req.putObject("OutputDataConfig").put("S3OutputPath", r.outputUri());
        ObjectNode res = req.putObject("ResourceConfig");
        res.put("InstanceType", r.instanceType() == null ? "ml.m5.xlarge" : r.instanceType());
        res.put("InstanceCount", 1);
        res.put("VolumeSizeInGB", 30);
        ObjectNode stop = req.putObject("StoppingCondition");
        stop.put("MaxRuntimeInSeconds", r.maxRuntimeSeconds());
        if (r.spot()) {
            stop.put("MaxWaitTimeInSeconds", r.maxWaitSeconds());
        }
        req.put("EnableManagedSpotTraining", r.spot());
        ObjectNode ckpt = req.putObject("CheckpointConfig");
        ckpt.put("S3Uri", r.outputUri().replaceAll("/+$", "") + "/checkpoints/" + name);
        ckpt.put("LocalPath", "/opt/ml/checkpoints");
        ObjectNode hp = req.putObject("HyperParameters");
        hp.put("spec", r.specPath());
        for (String o : r.overrides()) {
            int eq = o.indexOf('=');
            hp.put(o.substring(0, eq), o.substring(eq + 1));
        }
        ObjectNode env = req.putObject("Environment");
        env(r).forEach(env::put);
        env.put("MLWB_ARGS", String.join(" ", args(r, "/opt/ml/output/metrics.jsonl")));
        env.put("MLWB_WORKDIR", "/opt/ml/checkpoints/project");
        ArrayNode tags = req.putArray("Tags");
        new TreeMap<>(r.tags()).forEach((k, v) -> {
            ObjectNode t = tags.addObject();
            t.put("Key", k);
            t.put("Value", v);
        });
        Path file = out.resolve("sagemaker-training-job.json");
        Files.writeString(file, JSON.writeValueAsString(req) + "\n");
        return new Export(List.of(file), List.of("aws sagemaker create-training-job --cli-input-json file://" + file,
                "aws sagemaker describe-training-job --training-job-name " + name + " > describe.json",
                "mlwb remote import RUN describe.json   # final metrics back into the catalog"));
    }

    private static Map<String, String> env(RemoteExportRequest r) {
        Map<String, String> e = new TreeMap<>(r.env());
        e.put("MLWB_RUN_NAME", r.runName());
        e.put("MLWB_SPEC", r.specPath());
        return e;
    }

    private static Export vertex(RemoteExportRequest r, Path out) throws IOException {
        ObjectNode job = JSON.createObjectNode();
        String name = jobName(r.runName());
        job.put("displayName", name);
        ObjectNode spec = job.putObject("jobSpec");
        ObjectNode pool = spec.putArray("workerPoolSpecs").addObject();
        ObjectNode machine = pool.putObject("machineSpec");
        machine.put("machineType", r.instanceType() == null ? "n1-standard-8" : r.instanceType());
        if (r.gpus() > 0) {
            machine.put("acceleratorType", r.acceleratorType() == null ? "NVIDIA_TESLA_T4" : r.acceleratorType());
            machine.put("acceleratorCount", r.gpus());
        }
        pool.put("replicaCount", "1");
        ObjectNode container = pool.putObject("containerSpec");
        container.put("imageUri", r.image());
        ArrayNode args = container.putArray("args");
        args(r, "/gcs/" + r.outputUri().substring(5).replaceAll("/+$", "") + "/metrics.jsonl").forEach(args::add);
        ArrayNode env = container.putArray("env");
        Map<String, String> vars = env(r);
        vars.put("MLWB_WORKDIR", "/gcs/" + r.outputUri().substring(5).replaceAll("/+$", "") + "/project");
        if (r.dataUri() != null) {
            vars.put("MLWB_DATA_URI", r.dataUri());
        }
        vars.forEach((k, v) -> {
            ObjectNode e = env.addObject();
            e.put("name", k);
            e.put("value", v);
        });
        spec.putObject("baseOutputDirectory").put("outputUriPrefix", r.outputUri());
        ObjectNode sched = spec.putObject("scheduling");
        if (r.spot()) {
            sched.put("strategy", "SPOT");
        }
        sched.put("restartJobOnWorkerRestart", true);
        sched.put("timeout", r.maxRuntimeSeconds() + "s");
        ObjectNode labels = job.putObject("labels");
        new TreeMap<>(r.tags()).forEach((k, v) -> labels.put(label(k), label(v)));
        Path file = out.resolve("vertex-custom-job.json");
        Files.writeString(file, JSON.writeValueAsString(job) + "\n");
        Path config = out.resolve("vertex-job-spec.yaml");
        Files.writeString(config, YAML.writeValueAsString(spec));
        return new Export(List.of(file, config), List.of(
                "gcloud ai custom-jobs create --region=" + r.region() + " --display-name=" + name + " --config="
                        + config,
                "# or the REST body: curl -X POST -H \"Authorization: Bearer $(gcloud auth print-access-token)\" "
                        + "-H 'Content-Type: application/json' https://" + r.region()
                        + "-aiplatform.googleapis.com/v1/projects/PROJECT/locations/" + r.region() + "/customJobs -d @"
                        + file,
                "gsutil cp " + r.outputUri().replaceAll("/+$", "") + "/metrics.jsonl . && mlwb remote import RUN "
                        + "metrics.jsonl"));
    }

    /** Vertex labels: lower-case letters, digits, '-' and '_', at most 63 characters. */
    private static String label(String s) {
        String l = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return l.length() > 63 ? l.substring(0, 63) : l;
    }

    private static Export kubernetes(RemoteExportRequest r, Path out) throws IOException {
        String name = jobName(r.runName());
        Map<String, Object> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/name", "mlwb-train");
        new TreeMap<>(r.tags()).forEach((k, v) -> labels.put("mlwb.io/" + label(k), label(v)));
        Map<String, Object> container = new java.util.LinkedHashMap<>();
        container.put("name", "train");
        container.put("image", r.image());
        container.put("args", args(r, "/checkpoints/metrics.jsonl"));
        List<Map<String, Object>> env = new ArrayList<>();
        Map<String, String> vars = env(r);
        vars.put("MLWB_WORKDIR", "/checkpoints/project");
        vars.forEach((k, v) -> env.add(ordered("name", k, "value", v)));
        container.put("env", env);
        Map<String, Object> limits = new java.util.LinkedHashMap<>();
        if (r.gpus() > 0) {
            limits.put("nvidia.com/gpu", r.gpus());
        }
        container.put("resources", ordered("requests", ordered("cpu", "2", "memory", "8Gi"), "limits", limits));
        List<Map<String, Object>> mounts = new ArrayList<>();
        List<Map<String, Object>> volumes = new ArrayList<>();
        mounts.add(ordered("name", "checkpoints", "mountPath", "/checkpoints"));
        volumes.add(ordered("name", "checkpoints", "persistentVolumeClaim", ordered("claimName", r.outputUri())));
        if (r.dataUri() != null && !r.dataUri().contains("://")) {
            mounts.add(ordered("name", "data", "mountPath", "/data", "readOnly", true));
            volumes.add(ordered("name", "data", "persistentVolumeClaim", ordered("claimName", r.dataUri())));
        }
        container.put("volumeMounts", mounts);
        Map<String, Object> pod = new java.util.LinkedHashMap<>();
        pod.put("restartPolicy", "OnFailure");
        if (r.instanceType() != null) {
            pod.put("nodeSelector", ordered("node.kubernetes.io/instance-type", r.instanceType()));
        }
        if (r.spot()) {
            pod.put("tolerations", List.of(ordered("key", "kubernetes.azure.com/scalesetpriority", "operator",
                    "Equal", "value", "spot", "effect", "NoSchedule"), ordered("key", "cloud.google.com/gke-spot",
                    "operator", "Equal", "value", "true", "effect", "NoSchedule")));
        }
        pod.put("containers", List.of(container));
        pod.put("volumes", volumes);
        Map<String, Object> job = new java.util.LinkedHashMap<>();
        job.put("apiVersion", "batch/v1");
        job.put("kind", "Job");
        job.put("metadata", ordered("name", name, "namespace", r.namespace() == null ? "default" : r.namespace(),
                "labels", labels));
        Map<String, Object> spec = new java.util.LinkedHashMap<>();
        spec.put("backoffLimit", r.spot() ? 10 : 2);
        spec.put("activeDeadlineSeconds", r.maxRuntimeSeconds());
        spec.put("template", ordered("metadata", ordered("labels", labels), "spec", pod));
        job.put("spec", spec);
        Path file = out.resolve("k8s-job.yaml");
        Files.writeString(file, YAML.writeValueAsString(job));
        return new Export(List.of(file), List.of("kubectl apply -f " + file,
                "kubectl cp " + (r.namespace() == null ? "default" : r.namespace()) + "/<pod>:/checkpoints/metrics.jsonl"
                        + " metrics.jsonl && mlwb remote import RUN metrics.jsonl"));
    }

    /** A map in the order its keys are given, so the exported manifest is identical from run to run. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
