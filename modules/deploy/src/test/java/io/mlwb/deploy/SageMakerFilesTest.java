package io.mlwb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;

/**
 * The SageMaker request files against the SDK's own service model: every key of every file is a member of the request
 * shape (recursively, through the SDK's field metadata), values have the member's kind, and CloudWatch's JSON says
 * exactly what the SDK's query marshaller puts on the wire.
 */
class SageMakerFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks that a JSON body is an instance of the SDK shape: no key the shape lacks, kinds match. */
    static void assertConforms(JsonNode json, List<SdkField<?>> fields, String path) {
        Map<String, SdkField<?>> byName = new TreeMap<>();
        fields.forEach(f -> byName.put(f.memberName(), f));
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            SdkField<?> f = byName.get(e.getKey());
            if (f == null) {
                fail(path + e.getKey() + " is not a member of the shape; members: " + byName.keySet());
            }
            assertValue(e.getValue(), f, path + e.getKey());
        }
    }

    private static void assertValue(JsonNode v, SdkField<?> f, String path) {
        MarshallingType<?> t = f.marshallingType();
        if (t == MarshallingType.SDK_POJO) {
            assertTrue(v.isObject(), path + " is an object");
            assertConforms(v, f.constructor().get().sdkFields(), path + ".");
        } else if (t == MarshallingType.LIST) {
            assertTrue(v.isArray(), path + " is a list");
            SdkField<?> member = f.getTrait(ListTrait.class).memberFieldInfo();
            for (JsonNode x : v) {
                assertValue(x, member, path + "[]");
            }
        } else if (t == MarshallingType.MAP) {
            assertTrue(v.isObject(), path + " is a map");
            SdkField<?> value = f.getTrait(MapTrait.class).valueFieldInfo();
            v.forEach(x -> assertValue(x, value, path + "{}"));
        } else if (t == MarshallingType.STRING) {
            assertTrue(v.isTextual(), path + " is a string: " + v);
        } else if (t == MarshallingType.INTEGER || t == MarshallingType.LONG) {
            assertTrue(v.isIntegralNumber(), path + " is an integer: " + v);
        } else if (t == MarshallingType.DOUBLE || t == MarshallingType.FLOAT) {
            assertTrue(v.isNumber(), path + " is a number: " + v);
        } else if (t == MarshallingType.BOOLEAN) {
            assertTrue(v.isBoolean(), path + " is a boolean: " + v);
        }
    }

    private static List<SdkField<?>> fields(Class<?> request) throws Exception {
        var builderMethod = request.getMethod("builder");
        Object builder = builderMethod.invoke(null);
        return ((SdkPojo) builderMethod.getReturnType().getMethod("build").invoke(builder)).sdkFields();
    }

    private static JsonNode read(Map<String, String> files, String name) throws Exception {
        return JSON.readTree(files.get(name));
    }

    @Test
    void canaryUpdateWithAlarmsAndScalingConformsToTheServiceModel() throws Exception {
        DeployPlan plan = Plans.plan(DeployTarget.SAGEMAKER, Strategy.CANARY, true, false);
        Map<String, String> files = new SageMakerFiles().deploy(plan);
        assertEquals(List.of("01-create-model.json", "02-create-endpoint-config.json", "03-update-endpoint.json",
                "04-put-metric-alarm-5xx.json", "05-put-metric-alarm-latency.json", "06-register-scalable-target.json",
                "07-put-scaling-policy.json", "Dockerfile", "README.md"), new ArrayList<>(files.keySet()));
        Map<String, Class<?>> shapes = Map.of("01-create-model.json", CreateModelRequest.class,
                "02-create-endpoint-config.json", CreateEndpointConfigRequest.class,
                "03-update-endpoint.json", UpdateEndpointRequest.class,
                "04-put-metric-alarm-5xx.json", PutMetricAlarmRequest.class,
                "05-put-metric-alarm-latency.json", PutMetricAlarmRequest.class,
                "06-register-scalable-target.json", RegisterScalableTargetRequest.class,
                "07-put-scaling-policy.json", PutScalingPolicyRequest.class);
        for (Map.Entry<String, Class<?>> s : shapes.entrySet()) {
            assertConforms(read(files, s.getKey()), fields(s.getValue()), s.getKey() + ": ");
        }
        JsonNode model = read(files, "01-create-model.json");
        assertEquals("fraud-model-v4", model.path("ModelName").asText());
        assertEquals("arn:aws:iam::111122223333:role/fraud-serving", model.path("ExecutionRoleArn").asText());
        assertEquals("8080", model.path("PrimaryContainer").path("Environment").path("PORT").asText());
        assertEquals("subnet-2", model.path("VpcConfig").path("Subnets").get(1).asText());
        JsonNode config = read(files, "02-create-endpoint-config.json");
        assertEquals("fraud-api-v4-3", config.path("EndpointConfigName").asText());
        assertEquals("AllTraffic", config.path("ProductionVariants").get(0).path("VariantName").asText());
        assertEquals("alias/fraud-endpoints", config.path("KmsKeyId").asText());
        JsonNode update = read(files, "03-update-endpoint.json");
        JsonNode policy = update.path("DeploymentConfig").path("BlueGreenUpdatePolicy");
        assertEquals("CANARY", policy.path("TrafficRoutingConfiguration").path("Type").asText());
        assertEquals(15, policy.path("TrafficRoutingConfiguration").path("CanarySize").path("Value").asInt());
        assertEquals(1200, policy.path("TrafficRoutingConfiguration").path("WaitIntervalInSeconds").asInt());
        List<String> alarms = new ArrayList<>();
        update.path("DeploymentConfig").path("AutoRollbackConfiguration").path("Alarms")
                .forEach(a -> alarms.add(a.path("AlarmName").asText()));
        assertEquals(List.of(read(files, "04-put-metric-alarm-5xx.json").path("AlarmName").asText(),
                read(files, "05-put-metric-alarm-latency.json").path("AlarmName").asText()), alarms);
        JsonNode latency = read(files, "05-put-metric-alarm-latency.json");
        assertEquals(250_000, latency.path("Threshold").asDouble(), 1e-9);   // ModelLatency is in microseconds
        assertEquals("AllTraffic", latency.path("Dimensions").get(1).path("Value").asText());
        assertEquals("endpoint/fraud-api/variant/AllTraffic",
                read(files, "07-put-scaling-policy.json").path("ResourceId").asText());
        assertTrue(files.get("README.md").contains("aws cloudwatch put-metric-alarm --cli-input-json file://"
                + "04-put-metric-alarm-5xx.json"), files.get("README.md"));
    }

    @Test
    void cloudWatchJsonSaysWhatTheQueryMarshallerSends() throws Exception {
        DeployPlan plan = Plans.plan(DeployTarget.SAGEMAKER, Strategy.BLUE_GREEN, true, false);
        for (PutMetricAlarmRequest r : List.of(SageMakerFiles.errorRateAlarm(plan, "a"),
                SageMakerFiles.latencyAlarm(plan, "b"))) {
            Map<String, String> form;
            try (AwsCapture cap = new AwsCapture();
                 CloudWatchClient cw = cap.configure(CloudWatchClient.builder(), "eu-west-1").build()) {
                cw.putMetricAlarm(r);
                assertTrue(cap.last().contentType().startsWith("application/x-www-form-urlencoded"),
                        "CloudWatch in SDK 2.40.2 speaks the query protocol: " + cap.last().contentType());
                form = new TreeMap<>(cap.last().form());
            }
            assertEquals("PutMetricAlarm", form.remove("Action"));
            assertEquals("2010-08-01", form.remove("Version"));
            Map<String, String> flat = new TreeMap<>();
            flatten(JSON.readTree(Common.json(SdkJson.of(r))), "", flat);
            assertEquals(form, flat);
        }
    }

    /** The query protocol's flattening: a.b for members, a.member.N for list elements. */
    private static void flatten(JsonNode n, String prefix, Map<String, String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(e.getValue(), prefix + e.getKey() + ".", out));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                flatten(n.get(i), prefix + "member." + (i + 1) + ".", out);
            }
        } else {
            String key = prefix.substring(0, prefix.length() - 1);
            out.put(key, n.isDouble() && n.asDouble() == Math.rint(n.asDouble()) && !n.isIntegralNumber()
                    ? Double.toString(n.asDouble()) : n.asText());
        }
    }

    @Test
    void firstServerlessDeploymentCreatesTheEndpointWithoutScaling() throws Exception {
        DeployPlan plan = Plans.plan(DeployTarget.SAGEMAKER, Strategy.ALL_AT_ONCE, false, true);
        Map<String, String> files = new SageMakerFiles().deploy(plan);
        assertTrue(files.containsKey("03-create-endpoint.json"));
        assertFalse(files.containsKey("06-register-scalable-target.json"));
        assertConforms(read(files, "03-create-endpoint.json"), fields(CreateEndpointRequest.class), "03: ");
        JsonNode variant = read(files, "02-create-endpoint-config.json").path("ProductionVariants").get(0);
        assertEquals(3072, variant.path("ServerlessConfig").path("MemorySizeInMB").asInt());
        assertFalse(variant.has("InstanceType"));
        assertTrue(files.get("README.md").contains("Cold starts"));
    }

    @Test
    void abSplitIsTwoWeightedVariantsAndRollbackRestoresThePreviousConfig() throws Exception {
        DeployPlan plan = Plans.plan(DeployTarget.SAGEMAKER, Strategy.A_B, true, false);
        Map<String, String> files = new SageMakerFiles().deploy(plan);
        JsonNode variants = read(files, "02-create-endpoint-config.json").path("ProductionVariants");
        assertEquals(2, variants.size());
        assertEquals("fraud-model-v4", variants.get(0).path("ModelName").asText());
        assertEquals(70, variants.get(0).path("InitialVariantWeight").asDouble(), 1e-9);
        assertEquals("fraud-model-v3", variants.get(1).path("ModelName").asText());
        assertFalse(read(files, "03-update-endpoint.json").has("DeploymentConfig"));

        Map<String, String> back = new SageMakerFiles().rollback(plan, Plans.restored(DeployTarget.SAGEMAKER));
        JsonNode body = read(back, "01-update-endpoint.json");
        assertConforms(body, fields(UpdateEndpointRequest.class), "rollback: ");
        assertEquals("fraud-api-v3-2", body.path("EndpointConfigName").asText());
    }
}
