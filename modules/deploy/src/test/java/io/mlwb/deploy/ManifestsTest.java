package io.mlwb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.cloud.aiplatform.v1.DeployModelRequest;
import com.google.cloud.aiplatform.v1.Endpoint;
import com.google.cloud.aiplatform.v1.UploadModelRequest;
import com.google.protobuf.util.JsonFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes manifests parsed strictly with the fabric8 model, the KServe InferenceService validated against KServe's
 * CRD schema, the Vertex bodies parsed strictly with the aiplatform v1 protos, the Azure ML YAML read into strict
 * records and compared with golden files.
 */
class ManifestsTest {
    private static final ObjectMapper STRICT_YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** fabric8 keeps unknown fields in additionalProperties instead of failing: none may be there, at any depth. */
    static void assertNoUnknownFields(Object o, String path, Set<Object> seen) throws Exception {
        if (o == null || !o.getClass().getName().startsWith("io.fabric8") || !seen.add(o)) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getName().equals("getClass")) {
                continue;
            }
            Object v = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                assertTrue(v == null || ((Map<?, ?>) v).isEmpty(), path + " has unknown fields " + v);
            } else if (v instanceof Collection<?> c) {
                for (Object x : c) {
                    assertNoUnknownFields(x, path + "." + m.getName().substring(3) + "[]", seen);
                }
            } else if (v instanceof Map<?, ?> map) {
                for (Object x : map.values()) {
                    assertNoUnknownFields(x, path + "." + m.getName().substring(3) + "{}", seen);
                }
            } else {
                assertNoUnknownFields(v, path + "." + m.getName().substring(3), seen);
            }
        }
    }

    static <T> T k8s(String yaml, Class<T> type) throws Exception {
        T t = STRICT_YAML.readValue(yaml, type);
        assertNoUnknownFields(t, type.getSimpleName(), java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return t;
    }

    @Test
    void kubernetesBlueGreenManifestsParseStrictly() throws Exception {
        DeployPlan plan = Plans.plan(DeployTarget.KUBERNETES, Strategy.BLUE_GREEN, true, false);
        Map<String, String> files = new KubernetesFiles().deploy(plan);
        k8s(files.get("serviceaccount.yaml"), ServiceAccount.class);
        Deployment d = k8s(files.get("deployment-v4.yaml"), Deployment.class);
        assertEquals("apps/v1", d.getApiVersion());
        assertEquals(3, d.getSpec().getReplicas());
        var pod = d.getSpec().getTemplate().getSpec();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("kubernetes.io/hostname", pod.getTopologySpreadConstraints().get(0).getTopologyKey());
        assertFalse(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()
                .isEmpty());
        var c = pod.getContainers().get(0);
        assertEquals("/health", c.getReadinessProbe().getHttpGet().getPath());
        assertEquals(8080, c.getLivenessProbe().getHttpGet().getPort().getIntVal());
        assertEquals("500m", c.getResources().getRequests().get("cpu").toString());
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        Service s = k8s(files.get("service.yaml"), Service.class);
        assertEquals("v4", s.getSpec().getSelector().get("app.kubernetes.io/version"));   // blue/green by selector
        HorizontalPodAutoscaler hpa = k8s(files.get("hpa.yaml"), HorizontalPodAutoscaler.class);
        assertEquals(600, hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
        assertEquals(7, hpa.getSpec().getMaxReplicas());
        PodDisruptionBudget pdb = k8s(files.get("pdb.yaml"), PodDisruptionBudget.class);
        assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal());
        NetworkPolicy np = k8s(files.get("networkpolicy.yaml"), NetworkPolicy.class);
        assertEquals("ingress-system", np.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector()
                .getMatchLabels().get("kubernetes.io/metadata.name"));
        assertEquals(List.of("Ingress"), np.getSpec().getPolicyTypes());

        Map<String, String> back = new KubernetesFiles().rollback(plan, Plans.restored(DeployTarget.KUBERNETES));
        assertEquals("v3", k8s(back.get("service.yaml"), Service.class).getSpec().getSelector()
                .get("app.kubernetes.io/version"));
    }

    @Test
    void strictParsingCatchesAMisspelledField() {
        String bad = new KubernetesFiles().deploy(Plans.plan(DeployTarget.KUBERNETES, Strategy.ALL_AT_ONCE, false,
                false)).get("deployment-v4.yaml").replace("readinessProbe:", "readinesProbe:");
        org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, () -> k8s(bad, Deployment.class));
    }

    static JsonSchema kserveSchema() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode schema;
        try (InputStream in = new GZIPInputStream(ManifestsTest.class.getResourceAsStream(
                "/io/mlwb/deploy/kserve-inferenceservice-v1beta1.schema.json.gz"))) {
            schema = json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        closeObjects(schema);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    }

    /** What kubectl --validate=strict enforces: an object schema with properties admits no other field. */
    private static void closeObjects(JsonNode n) {
        if (n instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            o.forEach(ManifestsTest::closeObjects);
        } else if (n != null && n.isArray()) {
            n.forEach(ManifestsTest::closeObjects);
        }
    }

    @Test
    void kserveInferenceServiceValidatesAgainstTheCrd() throws Exception {
        JsonSchema schema = kserveSchema();
        DeployPlan plan = Plans.plan(DeployTarget.KSERVE, Strategy.CANARY, true, false);
        Map<String, String> files = new KServeFiles().deploy(plan);
        JsonNode isvc = new ObjectMapper(new YAMLFactory()).readTree(files.get("inferenceservice.yaml"));
        Set<ValidationMessage> errors = schema.validate(isvc);
        assertTrue(errors.isEmpty(), errors.toString());
        JsonNode predictor = isvc.path("spec").path("predictor");
        assertEquals(15, predictor.path("canaryTrafficPercent").asInt());
        assertEquals("kserve-container", predictor.path("containers").get(0).path("name").asText());
        assertEquals("Serverless", isvc.path("metadata").path("annotations").path(KServeFiles.MODE_ANNOTATION)
                .asText());
        assertEquals("/v1/models/Fraud.Model", predictor.path("containers").get(0).path("readinessProbe")
                .path("httpGet").path("path").asText());

        ((ObjectNode) predictor).put("canaryTraficPercent", 10);   // the validator is not lenient
        assertFalse(schema.validate(isvc).isEmpty());
        Map<String, String> back = new KServeFiles().rollback(plan, Plans.restored(DeployTarget.KSERVE));
        JsonNode restored = new ObjectMapper(new YAMLFactory()).readTree(back.get("inferenceservice.yaml"));
        assertTrue(schema.validate(restored).isEmpty());
        assertFalse(restored.path("spec").path("predictor").has("canaryTrafficPercent"));
    }

    @Test
    void vertexBodiesParseStrictlyWithTheV1Protos() throws Exception {
        DeployPlan plan = Plans.plan(DeployTarget.VERTEX, Strategy.CANARY, true, false);
        Map<String, String> files = new VertexFiles().deploy(plan);
        JsonFormat.Parser strict = JsonFormat.parser();
        UploadModelRequest.Builder upload = UploadModelRequest.newBuilder();
        strict.merge(files.get("01-upload-model.json"), upload);
        var spec = upload.getModel().getContainerSpec();
        assertEquals(8080, spec.getPorts(0).getContainerPort());
        assertEquals("/predict", spec.getPredictRoute());
        assertEquals("/health", spec.getHealthRoute());
        Endpoint.Builder endpoint = Endpoint.newBuilder();
        strict.merge(files.get("02-create-endpoint.json"), endpoint);
        assertTrue(endpoint.getPrivateServiceConnectConfig().getEnablePrivateServiceConnect());
        DeployModelRequest.Builder deploy = DeployModelRequest.newBuilder();
        strict.merge(files.get("03-deploy-model.json"), deploy);
        var res = deploy.getDeployedModel().getDedicatedResources();
        assertEquals("n1-standard-4", res.getMachineSpec().getMachineType());
        assertEquals("NVIDIA_TESLA_T4", res.getMachineSpec().getAcceleratorType().name());
        assertEquals(3, res.getMinReplicaCount());
        assertEquals(100, deploy.getTrafficSplitMap().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(15, deploy.getTrafficSplitMap().get("0"));
        assertEquals("fraud-serving@fraud-prod.iam.gserviceaccount.com", deploy.getDeployedModel().getServiceAccount());
        assertTrue(files.containsKey("04-alert-policy.json"));
        org.junit.jupiter.api.Assertions.assertThrows(com.google.protobuf.InvalidProtocolBufferException.class,
                () -> strict.merge(files.get("03-deploy-model.json").replace("minReplicaCount", "minReplicas"),
                        DeployModelRequest.newBuilder()));
        Endpoint.Builder rollback = Endpoint.newBuilder();
        strict.merge(new VertexFiles().rollback(plan, Plans.restored(DeployTarget.VERTEX)).get(
                "01-traffic-split.json"), rollback);
        assertEquals(100, rollback.getTrafficSplitMap().get(VertexFiles.PREVIOUS_ID));
    }

    /** Azure ML CLI v2 endpoint YAML: only the keys we write, strictly. */
    record AzureEndpoint(@JsonProperty("$schema") String schema, String name, String description,
                         @JsonProperty("auth_mode") String authMode,
                         @JsonProperty("public_network_access") String publicNetworkAccess,
                         Map<String, Object> identity, Map<String, String> tags) {
    }

    record Route(int port, String path) {
    }

    record InferenceConfig(@JsonProperty("liveness_route") Route liveness,
                           @JsonProperty("readiness_route") Route readiness,
                           @JsonProperty("scoring_route") Route scoring) {
    }

    record Environment(String name, String image, @JsonProperty("inference_config") InferenceConfig inferenceConfig) {
    }

    record Probe(@JsonProperty("initial_delay") int initialDelay, int period, int timeout,
                 @JsonProperty("success_threshold") int successThreshold,
                 @JsonProperty("failure_threshold") int failureThreshold) {
    }

    record RequestSettings(@JsonProperty("request_timeout_ms") int timeoutMs,
                           @JsonProperty("max_concurrent_requests_per_instance") int maxConcurrent) {
    }

    record AzureDeployment(@JsonProperty("$schema") String schema, String name,
                           @JsonProperty("endpoint_name") String endpointName, String description,
                           Environment environment,
                           @JsonProperty("environment_variables") Map<String, String> environmentVariables,
                           @JsonProperty("instance_type") String instanceType,
                           @JsonProperty("instance_count") int instanceCount,
                           @JsonProperty("liveness_probe") Probe livenessProbe,
                           @JsonProperty("readiness_probe") Probe readinessProbe,
                           @JsonProperty("request_settings") RequestSettings requestSettings,
                           Map<String, String> tags) {
    }

    private static String golden(String name) throws Exception {
        return java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/io/mlwb/deploy/golden", name));
    }

    @Test
    void azureMlYamlReadsIntoStrictRecordsAndMatchesTheGoldenFiles() throws Exception {
        DeployPlan plan = Plans.plan(DeployTarget.AZUREML, Strategy.CANARY, true, false);
        Map<String, String> files = new AzureMlFiles().deploy(plan);
        AzureEndpoint e = STRICT_YAML.readValue(files.get("endpoint.yml"), AzureEndpoint.class);
        assertEquals(AzureMlFiles.ENDPOINT_SCHEMA, e.schema());
        assertEquals("aad_token", e.authMode());
        assertEquals("disabled", e.publicNetworkAccess());
        AzureDeployment d = STRICT_YAML.readValue(files.get("deployment-v4.yml"), AzureDeployment.class);
        assertEquals(AzureMlFiles.DEPLOYMENT_SCHEMA, d.schema());
        assertEquals("/predict", d.environment().inferenceConfig().scoring().path());
        assertEquals(8080, d.environment().inferenceConfig().liveness().port());
        assertEquals("8080", d.environmentVariables().get("PORT"));
        assertTrue(d.livenessProbe().initialDelay() >= 60);
        if (Boolean.getBoolean("mlwb.golden.update")) {   // -Dmlwb.golden.update=true rewrites them; review the diff
            java.nio.file.Path dir = java.nio.file.Path.of("src/test/resources/io/mlwb/deploy/golden");
            java.nio.file.Files.writeString(dir.resolve("azureml-endpoint.yml"), files.get("endpoint.yml"));
            java.nio.file.Files.writeString(dir.resolve("azureml-deployment-v4.yml"), files.get("deployment-v4.yml"));
        }
        assertEquals(golden("azureml-endpoint.yml"), files.get("endpoint.yml"));
        assertEquals(golden("azureml-deployment-v4.yml"), files.get("deployment-v4.yml"));
        assertTrue(files.get("README.md").contains("--traffic \"v03=85 v04=15\""), files.get("README.md"));
        assertTrue(Names.AZURE_ML.accepts(d.name()), "Azure takes no deployment name under 3: " + d.name());
        assertTrue(files.get("README.md").contains("az monitor autoscale create"));
    }
}
