package io.mlwb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.cloud.aiplatform.v1.BatchPredictionJob;
import com.google.cloud.aiplatform.v1.DeployModelRequest;
import com.google.cloud.aiplatform.v1.Endpoint;
import com.google.cloud.aiplatform.v1.UploadModelRequest;
import com.google.protobuf.util.JsonFormat;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.RegistrableRuns;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;

/**
 * Platform names: derived names are fitted deterministically (front, hash, suffix) and pass each platform's rule;
 * names the user wrote are kept or refused with the rule. An 80-character model name goes through every target, first
 * deployment and canary update, and the files still pass the same validators as the other tests (the AWS SDK's
 * shapes, fabric8 strictly, KServe's CRD schema, the Vertex v1 protos, strict Azure ML records).
 */
class NamesTest {
    /** 80 characters, as the registry allows (at most 100). */
    static final String LONG = "Customer.Lifetime_Value-Forecast.Quarterly_Revenue-Retention-Model.Europe-West-4";
    /** The same first 72 characters, another model. */
    static final String LONG_TWIN = LONG.substring(0, 72) + "-North-9";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;
    @TempDir
    Path out;

    @Test
    void fitKeepsShortNamesAndShortensLongOnesDeterministically() {
        assertEquals(80, LONG.length());
        assertEquals("churn-v3", Names.fit("churn", "-v3", 63));
        String slug = Names.slug(LONG);
        assertEquals(80, slug.length(), slug);
        String a = Names.fit(slug, "-v3-12-batch", 63);
        assertEquals(63, a.length(), a);
        assertTrue(a.endsWith("-v3-12-batch"), a);
        assertTrue(Names.SAGEMAKER.accepts(a) && Names.DNS_LABEL.accepts(a), a);
        assertEquals(a, Names.fit(slug, "-v3-12-batch", 63), "deterministic");
        assertNotEquals(a, Names.fit(Names.slug(LONG_TWIN), "-v3-12-batch", 63), "two models sharing a prefix");
        assertNotEquals(Names.platformModel(LONG, 3), Names.platformModel(LONG, 4), "one name per version");
        // the cut never leaves a dash before the hash, and the hash is over the whole base
        String dashy = Names.fit("a".repeat(49) + "-" + "b".repeat(30), "-v1", 63);
        assertFalse(dashy.contains("--"), dashy);
        assertEquals("m-2024-model", Names.slug("2024 model"));
        assertEquals("v03", Names.azureDeployment(3));
        assertEquals("v12", Names.azureDeployment(12));
        assertTrue(Names.AZURE_ML.accepts(Names.azureDeployment(1)));
        // KServe: the host label <name>-predictor-<namespace> with the canary's tag stays a DNS label
        assertEquals(38, Names.endpointRule(DeployTarget.KSERVE, null).max());
        assertEquals(20, Names.endpointRule(DeployTarget.KSERVE, "a".repeat(25)).max());
        assertEquals(32, Names.endpointRule(DeployTarget.AZUREML, null).max());
        assertThrows(IllegalArgumentException.class, () -> Names.fit("abc", "-" + "x".repeat(60), 63));
    }

    private Project project() throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: long\nrisk_tier: low\n");
        Files.writeString(dir.resolve(".gitignore"), ".mlwb/\n");
        try (GitRepo git = GitRepo.init(dir)) {
            git.commit(List.of("mlwb.yaml", ".gitignore"), "project");
        }
        return Project.load(dir);
    }

    private static void register(Catalog catalog, Project p, String model, int versions) throws Exception {
        String sha;
        try (GitRepo git = GitRepo.open(p.root())) {
            sha = git.head().orElseThrow().sha();
        }
        for (int i = 0; i < versions; i++) {
            long run = RegistrableRuns.finished(catalog, p.root(), sha, model + i, RegistrableRuns.SIGNATURE, 1.0,
                    null);
            ModelRegistry.of(catalog, p).register(run, model, null, null, false, "tester");
        }
    }

    private DeployConfig config(String yaml) throws Exception {
        return DeployConfig.parse(YAML.readTree("staging: true\n" + yaml), "deploy.yaml");
    }

    private static String batch(DeployTarget t) {
        return switch (t) {
            case SAGEMAKER -> "batch: {input_uri: s3://b/in/, output_uri: s3://b/out/}\n";
            case VERTEX -> "batch: {input_uri: gs://b/in.jsonl, output_uri: gs://b/out}\n";
            default -> "";
        };
    }

    @Test
    void anEightyCharacterModelNameFitsEveryTargetsRulesAndValidators() throws Exception {
        Project p = project();
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            register(catalog, p, LONG, 2);
            register(catalog, p, LONG_TWIN, 1);
            DeploymentService s = new DeploymentService(catalog, p);
            Set<String> seen = new TreeSet<>();
            for (DeployTarget t : DeployTarget.values()) {
                String common = "rollback: {error_rate: 0.01, p99_latency_ms: 300}\n" + batch(t);
                String rollback = t == DeployTarget.SAGEMAKER || t == DeployTarget.VERTEX ? common : batch(t);
                // the first deployment, recorded (outside the project: not committed), then a canary over it
                DeployResult first = s.deploy(t, ModelRef.parse(LONG + "@1"), config(rollback), out.resolve(t.id()),
                        "tester");
                String endpoint = first.deployment().endpoint();
                assertTrue(Names.endpointRule(t, null).accepts(endpoint), t + ": " + endpoint);
                check(t, s.preview(t, ModelRef.parse(LONG + "@1"), config(rollback)).files(), endpoint);
                String canary = t == DeployTarget.LOCAL ? "" : "rollout: {strategy: canary, percent: 10}\n";
                DeployPreview update = s.preview(t, ModelRef.parse(LONG + "@2"), config(rollback + canary));
                check(t, update.files(), endpoint);
                seen.addAll(names(t, update.files()));
                // another model sharing the first 72 characters gets other names on the same platform
                DeployPreview twin = s.preview(t, ModelRef.parse(LONG_TWIN + "@1"), config(batch(t)));
                List<String> twinNames = names(t, twin.files());
                for (String n : twinNames) {
                    assertFalse(seen.contains(n), t + ": '" + n + "' is used by both models");
                }
            }
        }
    }

    /** The platform names in a target's files, for the uniqueness check. */
    private static List<String> names(DeployTarget t, Map<String, String> files) throws Exception {
        List<String> out = new ArrayList<>();
        switch (t) {
            case SAGEMAKER -> {
                out.add(JSON.readTree(files.get("01-create-model.json")).path("ModelName").asText());
                out.add(JSON.readTree(files.get("02-create-endpoint-config.json")).path("EndpointConfigName")
                        .asText());
                if (files.containsKey(SageMakerFiles.TRANSFORM_JOB)) {
                    out.add(JSON.readTree(files.get(SageMakerFiles.TRANSFORM_JOB)).path("TransformJobName").asText());
                }
            }
            case KUBERNETES -> {
                for (String f : files.keySet()) {
                    if (f.endsWith(".yaml")) {
                        out.add(YAML.readTree(files.get(f)).path("metadata").path("name").asText());
                    }
                }
            }
            case KSERVE -> out.add(YAML.readTree(files.get("inferenceservice.yaml")).path("metadata").path("name")
                    .asText());
            case AZUREML -> out.add(YAML.readTree(files.get("endpoint.yml")).path("name").asText());
            case VERTEX -> out.add(JSON.readTree(files.get("01-upload-model.json")).path("model").path("displayName")
                    .asText());
            default -> { }
        }
        return out;
    }

    private static void sagemakerName(String what, String name) {
        assertTrue(Names.SAGEMAKER.accepts(name), what + " '" + name + "' (" + name.length() + ")");
    }

    private static void check(DeployTarget t, Map<String, String> files, String endpoint) throws Exception {
        switch (t) {
            case SAGEMAKER -> {
                JsonNode model = JSON.readTree(files.get("01-create-model.json"));
                SageMakerFilesTest.assertConforms(model, ((SdkPojo) CreateModelRequest.builder().build())
                        .sdkFields(), "");
                sagemakerName("ModelName", model.path("ModelName").asText());
                JsonNode config = JSON.readTree(files.get("02-create-endpoint-config.json"));
                SageMakerFilesTest.assertConforms(config, ((SdkPojo) CreateEndpointConfigRequest.builder().build())
                        .sdkFields(), "");
                sagemakerName("EndpointConfigName", config.path("EndpointConfigName").asText());
                for (JsonNode v : config.path("ProductionVariants")) {
                    sagemakerName("VariantName", v.path("VariantName").asText());
                    sagemakerName("variant ModelName", v.path("ModelName").asText());
                }
                String third = files.containsKey("03-update-endpoint.json") ? "03-update-endpoint.json"
                        : "03-create-endpoint.json";
                JsonNode ep = JSON.readTree(files.get(third));
                sagemakerName("EndpointName", ep.path("EndpointName").asText());
                assertEquals(endpoint, ep.path("EndpointName").asText());
                if (third.startsWith("03-update")) {
                    SageMakerFilesTest.assertConforms(ep, ((SdkPojo) UpdateEndpointRequest.builder().build())
                            .sdkFields(), "");
                    for (JsonNode a : ep.path("DeploymentConfig").path("AutoRollbackConfiguration").path("Alarms")) {
                        assertTrue(Names.CLOUDWATCH_ALARM.accepts(a.path("AlarmName").asText()), a.toString());
                    }
                }
                for (String f : List.of("04-put-metric-alarm-5xx.json", "05-put-metric-alarm-latency.json")) {
                    String name = JSON.readTree(files.get(f)).path("AlarmName").asText();
                    assertTrue(Names.CLOUDWATCH_ALARM.accepts(name), f + ": " + name);
                }
                SageMakerFilesTest.assertConforms(JSON.readTree(files.get("06-register-scalable-target.json")),
                        ((SdkPojo) RegisterScalableTargetRequest.builder().build()).sdkFields(), "");
                SageMakerFilesTest.assertConforms(JSON.readTree(files.get("07-put-scaling-policy.json")),
                        ((SdkPojo) PutScalingPolicyRequest.builder().build()).sdkFields(), "");
                JsonNode job = JSON.readTree(files.get(SageMakerFiles.TRANSFORM_JOB));
                SageMakerFilesTest.assertConforms(job, ((SdkPojo) CreateTransformJobRequest.builder().build())
                        .sdkFields(), "");
                sagemakerName("TransformJobName", job.path("TransformJobName").asText());
                assertEquals(model.path("ModelName").asText(), job.path("ModelName").asText());
            }
            case VERTEX -> {
                JsonFormat.Parser strict = JsonFormat.parser();
                UploadModelRequest.Builder upload = UploadModelRequest.newBuilder();
                strict.merge(files.get("01-upload-model.json"), upload);
                assertTrue(Names.VERTEX_DISPLAY_NAME.accepts(upload.getModel().getDisplayName()));
                upload.getModel().getLabelsMap().values().forEach(v -> assertTrue(Names.VERTEX_LABEL_VALUE.accepts(v),
                        v));
                Endpoint.Builder e = Endpoint.newBuilder();
                strict.merge(files.get("02-create-endpoint.json"), e);
                assertTrue(Names.VERTEX_DISPLAY_NAME.accepts(e.getDisplayName()));
                DeployModelRequest.Builder d = DeployModelRequest.newBuilder();
                strict.merge(files.get("03-deploy-model.json"), d);
                assertTrue(Names.VERTEX_DISPLAY_NAME.accepts(d.getDeployedModel().getDisplayName()));
                BatchPredictionJob.Builder job = BatchPredictionJob.newBuilder();
                strict.merge(files.get(VertexFiles.BATCH_JOB), job);
                assertTrue(Names.VERTEX_DISPLAY_NAME.accepts(job.getDisplayName()), job.getDisplayName());
                job.getLabelsMap().values().forEach(v -> assertTrue(Names.VERTEX_LABEL_VALUE.accepts(v), v));
            }
            case AZUREML -> {
                ObjectMapper strict = new ObjectMapper(new YAMLFactory()).enable(
                        com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
                ManifestsTest.AzureEndpoint e = strict.readValue(files.get("endpoint.yml"),
                        ManifestsTest.AzureEndpoint.class);
                assertTrue(Names.AZURE_ML.accepts(e.name()), e.name());
                String file = files.keySet().stream().filter(f -> f.startsWith("deployment-")).findFirst()
                        .orElseThrow();
                ManifestsTest.AzureDeployment d = strict.readValue(files.get(file),
                        ManifestsTest.AzureDeployment.class);
                assertTrue(Names.AZURE_ML.accepts(d.name()), d.name());
                assertEquals(e.name(), d.endpointName());
            }
            case KUBERNETES -> {
                Map<String, Class<?>> kinds = Map.of("ServiceAccount", ServiceAccount.class, "Deployment",
                        Deployment.class, "Service", Service.class, "HorizontalPodAutoscaler",
                        HorizontalPodAutoscaler.class, "PodDisruptionBudget", PodDisruptionBudget.class,
                        "NetworkPolicy", NetworkPolicy.class);
                for (Map.Entry<String, String> f : files.entrySet()) {
                    if (!f.getKey().endsWith(".yaml")) {
                        continue;
                    }
                    JsonNode m = YAML.readTree(f.getValue());
                    ManifestsTest.k8s(f.getValue(), kinds.get(m.path("kind").asText()));
                    String name = m.path("metadata").path("name").asText();
                    assertTrue(Names.DNS_LABEL.accepts(name), f.getKey() + ": " + name + " (" + name.length() + ")");
                    m.path("metadata").path("labels").forEach(v -> assertTrue(Names.LABEL_VALUE.accepts(v.asText()),
                            f.getKey() + ": label " + v));
                }
            }
            case KSERVE -> {
                JsonNode isvc = YAML.readTree(files.get("inferenceservice.yaml"));
                var errors = ManifestsTest.kserveSchema().validate(isvc);
                assertTrue(errors.isEmpty(), errors.toString());
                String name = isvc.path("metadata").path("name").asText();
                assertTrue(Names.endpointRule(DeployTarget.KSERVE, null).accepts(name), name);
                String host = "latest-" + name + "-predictor-default";
                assertTrue(host.length() <= 63, host);
                isvc.path("metadata").path("labels").forEach(v -> assertTrue(Names.LABEL_VALUE.accepts(v.asText()),
                        "label " + v));
            }
            default -> assertTrue(files.containsKey("README.md"));
        }
    }

    @Test
    void anExplicitEndpointIsKeptWhenTheTargetTakesItAndRefusedWithTheRuleWhenNot() throws Exception {
        Project p = project();
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            register(catalog, p, "churn", 1);
            DeploymentService s = new DeploymentService(catalog, p);
            String longName = "churn-propensity-scoring-endpoint-europe-west-production-a1";   // 59
            // SageMaker takes 59: kept; the names made from it are fitted
            DeployPreview sm = s.preview(DeployTarget.SAGEMAKER, ModelRef.parse("churn@1"), config("endpoint: "
                    + longName + "\nrollback: {error_rate: 0.01, p99_latency_ms: 300}\n"
                    + batch(DeployTarget.SAGEMAKER)));
            assertEquals(longName, JSON.readTree(sm.files().get("03-create-endpoint.json")).path("EndpointName")
                    .asText());
            check(DeployTarget.SAGEMAKER, sm.files(), longName);

            UserError azure = assertThrows(UserError.class, () -> s.preview(DeployTarget.AZUREML,
                    ModelRef.parse("churn@1"), config("endpoint: " + longName + "\n")));
            assertEquals(ExitCode.BAD_INPUT, azure.exit());
            assertTrue(azure.getMessage().contains("59 characters") && azure.getMessage().contains("3 to 32"),
                    azure.getMessage());
            assertTrue(azure.whatToDo().contains("'churn'"), azure.whatToDo());
            UserError tooShort = assertThrows(UserError.class, () -> s.preview(DeployTarget.AZUREML,
                    ModelRef.parse("churn@1"), config("endpoint: ab\n")));
            assertTrue(tooShort.getMessage().contains("2 characters"), tooShort.getMessage());
            UserError kserve = assertThrows(UserError.class, () -> s.preview(DeployTarget.KSERVE,
                    ModelRef.parse("churn@1"), config("endpoint: " + longName + "\nnamespace: models\n")));
            assertTrue(kserve.getMessage().contains("at most 39 in namespace models"), kserve.getMessage());
            UserError chars = assertThrows(UserError.class, () -> s.preview(DeployTarget.SAGEMAKER,
                    ModelRef.parse("churn@1"), config("endpoint: Churn_API\n")));
            assertTrue(chars.getMessage().contains("'Churn_API'"), chars.getMessage());
            UserError ns = assertThrows(UserError.class, () -> s.preview(DeployTarget.KSERVE,
                    ModelRef.parse("churn@1"), config("namespace: " + "n".repeat(40) + "\n")));
            assertTrue(ns.getMessage().contains("too long for a KServe"), ns.getMessage());
        }
    }
}
