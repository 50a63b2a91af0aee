package io.mlwb.training.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mlwb.core.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteTest {
    @TempDir
    Path dir;

    private static RemoteExportRequest req(boolean spot, String data, String out) {
        return new RemoteExportRequest("MLP baseline #12", "training/mlp.yaml", List.of("epochs=5"),
                "123.dkr.ecr.eu-west-1.amazonaws.com/mlwb:1", null, 1, null, spot, 3600, 7200, data, out,
                "arn:aws:iam::123456789012:role/sm", "europe-west4", null, Map.of("A", "b"),
                Map.of("project", "credit", "cost_centre", "CC-1"));
    }

    @Test
    void sagemakerRequestHasTheCreateTrainingJobShape() throws Exception {
        RemoteExporter.Export e = RemoteExporter.export(req(true, "s3://b/data", "s3://b/out"), RemoteTarget.SAGEMAKER,
                dir);
        JsonNode j = new ObjectMapper().readTree(e.files().get(0).toFile());
        assertEquals("mlp-baseline-12", j.path("TrainingJobName").asText());
        assertEquals("File", j.path("AlgorithmSpecification").path("TrainingInputMode").asText());
        assertEquals("s3://b/data", j.path("InputDataConfig").get(0).path("DataSource").path("S3DataSource")
                .path("S3Uri").asText());
        assertTrue(j.path("EnableManagedSpotTraining").asBoolean());
        assertEquals(7200, j.path("StoppingCondition").path("MaxWaitTimeInSeconds").asLong());
        assertEquals("/opt/ml/checkpoints", j.path("CheckpointConfig").path("LocalPath").asText());
        assertEquals("5", j.path("HyperParameters").path("epochs").asText());
        assertTrue(j.path("Environment").path("MLWB_ARGS").asText().contains("--resume-latest"));
        assertEquals("cost_centre", j.path("Tags").get(0).path("Key").asText());
        assertTrue(e.submit().get(0).startsWith("aws sagemaker create-training-job --cli-input-json file://"));
    }

    @Test
    void vertexAndKubernetesRequests() throws Exception {
        RemoteExporter.Export v = RemoteExporter.export(req(true, "gs://b/data", "gs://b/out"), RemoteTarget.VERTEX,
                dir);
        JsonNode j = new ObjectMapper().readTree(v.files().get(0).toFile());
        JsonNode pool = j.path("jobSpec").path("workerPoolSpecs").get(0);
        assertEquals("NVIDIA_TESLA_T4", pool.path("machineSpec").path("acceleratorType").asText());
        assertEquals("SPOT", j.path("jobSpec").path("scheduling").path("strategy").asText());
        assertEquals("3600s", j.path("jobSpec").path("scheduling").path("timeout").asText());
        assertEquals("credit", j.path("labels").path("project").asText());
        assertTrue(v.submit().get(0).contains("gcloud ai custom-jobs create --region=europe-west4"));
        RemoteExporter.Export k = RemoteExporter.export(req(true, "data-pvc", "ckpt-pvc"), RemoteTarget.KUBERNETES,
                dir);
        JsonNode y = new YAMLMapper().readTree(k.files().get(0).toFile());
        assertEquals("Job", y.path("kind").asText());
        JsonNode pod = y.path("spec").path("template").path("spec");
        assertEquals(1, pod.path("containers").get(0).path("resources").path("limits").path("nvidia.com/gpu").asInt());
        assertEquals("ckpt-pvc", pod.path("volumes").get(0).path("persistentVolumeClaim").path("claimName").asText());
        assertTrue(pod.path("tolerations").size() > 0);
    }

    @Test
    void badRequestsNameTheField() {
        UserError scheme = assertThrows(UserError.class, () -> RemoteExporter.validate(
                req(false, "gs://b/data", "s3://b/out"), RemoteTarget.SAGEMAKER));
        assertTrue(scheme.getMessage().contains("--data-uri"), scheme.getMessage());
        RemoteExportRequest shortWait = new RemoteExportRequest("r", "s.yaml", List.of(), "img", null, 0, null, true,
                3600, 60, "s3://b", "s3://o", "arn:aws:iam::1:role/x", null, null, null, null);
        assertTrue(assertThrows(UserError.class, () -> RemoteExporter.validate(shortWait, RemoteTarget.SAGEMAKER))
                .getMessage().contains("--max-wait"));
        RemoteExportRequest noImage = new RemoteExportRequest("r", "s.yaml", List.of(), " ", null, 0, null, false,
                3600, 0, null, "pvc", null, null, null, null, null);
        assertTrue(assertThrows(UserError.class, () -> RemoteExporter.validate(noImage, RemoteTarget.KUBERNETES))
                .getMessage().contains("--image"));
        assertEquals("mlwb-2024-run", RemoteExporter.jobName("2024 run!"));
        assertTrue(RemoteExporter.jobName("x".repeat(100)).length() <= 63);
    }

    @Test
    void importsJsonLinesSageMakerAndCloudWatchCsvSkippingBadLines() throws Exception {
        Path jl = dir.resolve("m.jsonl");
        Files.writeString(jl, "{\"name\":\"val_loss\",\"step\":1,\"value\":0.5,\"time\":1000}\nnot json\n"
                + "{\"name\":\"val_loss\",\"step\":2,\"value\":0.4}\n{\"step\":3}\n");
        RemoteMetricsImporter.Imported a = RemoteMetricsImporter.parse(jl);
        assertEquals("jsonl", a.format());
        assertEquals(2, a.points().size());
        assertEquals(List.of("line 2: not JSON", "line 4: needs a text \"name\" and a number \"value\""),
                a.warnings());
        Path sm = dir.resolve("describe.json");
        Files.writeString(sm, "{\"TrainingJobName\":\"x\",\"FinalMetricDataList\":[{\"MetricName\":\"val_roc_auc\","
                + "\"Value\":0.81,\"Timestamp\":\"2026-12-01T10:00:00Z\"}]}");
        RemoteMetricsImporter.Imported b = RemoteMetricsImporter.parse(sm);
        assertEquals("sagemaker", b.format());
        assertEquals(0.81, b.points().get(0).value(), 1e-12);
        Path cw = dir.resolve("cw.csv");
        Files.writeString(cw, "Timestamp,MetricName,Value\n2026-12-01T10:00:00Z,train_loss,0.7\n"
                + "2026-12-01T10:01:00Z,train_loss,abc\n2026-12-01T10:02:00Z,train_loss,0.6\n");
        RemoteMetricsImporter.Imported c = RemoteMetricsImporter.parse(cw);
        assertEquals(2, c.points().size());
        assertEquals(2, c.points().get(1).step());
        assertEquals(1, c.warnings().size());
        Path junk = dir.resolve("junk.txt");
        Files.writeString(junk, "hello");
        assertThrows(UserError.class, () -> RemoteMetricsImporter.parse(junk));
    }
}
