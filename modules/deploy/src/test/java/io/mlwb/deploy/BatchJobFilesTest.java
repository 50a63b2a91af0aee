package io.mlwb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.cloud.aiplatform.v1.BatchPredictionJob;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.mlwb.core.error.UserError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobRequest;

/**
 * The batch job specs that {@code batch:} asks for: SageMaker's CreateTransformJob request as the SDK puts it on the
 * wire, checked against the SDK's service model; Vertex AI's BatchPredictionJob parsed strictly with the v1 protos.
 */
class BatchJobFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeployConfig.Batch SAGEMAKER_BATCH = new DeployConfig.Batch("s3://fraud-data/batch/in/",
            "s3://fraud-data/batch/out/", "ml.m5.xlarge", 2);
    private static final DeployConfig.Batch VERTEX_BATCH = new DeployConfig.Batch("gs://fraud-data/batch/*.jsonl",
            "gs://fraud-data/batch/out", "n1-standard-8+nvidia-tesla-t4", 3);

    private static DeployPlan withBatch(DeployPlan p, DeployConfig.Batch b) {
        return new DeployPlan(p.model(), p.version(), p.artifactPath(), p.target(), p.config().withBatch(b),
                p.endpoint(), p.image(), p.sequence(), p.previous(), p.traffic(), p.staging());
    }

    @Test
    void sagemakerTransformJobIsTheSdksWireJsonAndConformsToTheServiceModel() throws Exception {
        DeployPlan plan = withBatch(Plans.plan(DeployTarget.SAGEMAKER, Strategy.ALL_AT_ONCE, false, false),
                SAGEMAKER_BATCH);
        Map<String, String> files = new SageMakerFiles().deploy(plan);
        assertTrue(files.containsKey(SageMakerFiles.TRANSFORM_JOB), files.keySet().toString());
        JsonNode job = JSON.readTree(files.get(SageMakerFiles.TRANSFORM_JOB));
        SageMakerFilesTest.assertConforms(job, ((SdkPojo) CreateTransformJobRequest.builder().build()).sdkFields(),
                "");
        assertEquals(plan.platformName() + "-batch", job.path("TransformJobName").asText());
        assertEquals(plan.transformJob(), job.path("TransformJobName").asText());
        assertEquals(plan.platformModel(), job.path("ModelName").asText(), "the model 01 creates");
        assertEquals(JSON.readTree(files.get("01-create-model.json")).path("ModelName").asText(),
                job.path("ModelName").asText());
        // MultiRecord mini-batches of JSON Lines, which the container answers line for line
        assertEquals("MultiRecord", job.path("BatchStrategy").asText());
        assertEquals(DeployConfig.Batch.DEFAULT_MAX_PAYLOAD_MB, job.path("MaxPayloadInMB").asInt());
        assertEquals(DeployConfig.Batch.DEFAULT_MAX_CONCURRENT_TRANSFORMS, job.path("MaxConcurrentTransforms").asInt());
        JsonNode in = job.path("TransformInput");
        assertEquals("Line", in.path("SplitType").asText());
        assertEquals("application/jsonlines", in.path("ContentType").asText());
        assertEquals("application/jsonlines", job.path("TransformOutput").path("Accept").asText());
        assertEquals("S3Prefix", in.path("DataSource").path("S3DataSource").path("S3DataType").asText());
        assertEquals("s3://fraud-data/batch/in/", in.path("DataSource").path("S3DataSource").path("S3Uri").asText());
        assertEquals("s3://fraud-data/batch/out/", job.path("TransformOutput").path("S3OutputPath").asText());
        assertEquals("Line", job.path("TransformOutput").path("AssembleWith").asText());
        assertEquals("alias/fraud-endpoints", job.path("TransformOutput").path("KmsKeyId").asText());
        assertEquals("ml.m5.xlarge", job.path("TransformResources").path("InstanceType").asText());
        assertEquals(2, job.path("TransformResources").path("InstanceCount").asInt());
        assertEquals("sagemaker", job.path("Environment").path("MLWB_SERVING_TARGET").asText());
        assertTrue(files.get("README.md").contains("aws sagemaker create-transform-job --cli-input-json file://"
                + SageMakerFiles.TRANSFORM_JOB), files.get("README.md"));
        assertTrue(files.get("README.md").contains("sent 6 MB at a time, 4 requests per machine"),
                files.get("README.md"));

        // the request sizes as configured
        DeployPlan tuned = withBatch(plan, new DeployConfig.Batch("s3://fraud-data/batch/in/",
                "s3://fraud-data/batch/out/", "ml.m5.xlarge", 2, 12, 8));
        JsonNode t = JSON.readTree(new SageMakerFiles().deploy(tuned).get(SageMakerFiles.TRANSFORM_JOB));
        assertEquals(12, t.path("MaxPayloadInMB").asInt());
        assertEquals(8, t.path("MaxConcurrentTransforms").asInt());

        // no batch: no file
        assertFalse(new SageMakerFiles().deploy(Plans.plan(DeployTarget.SAGEMAKER, Strategy.ALL_AT_ONCE, false,
                false)).containsKey(SageMakerFiles.TRANSFORM_JOB));
    }

    @Test
    void vertexBatchPredictionJobParsesStrictlyWithTheV1Protos() throws Exception {
        DeployPlan plan = withBatch(Plans.plan(DeployTarget.VERTEX, Strategy.ALL_AT_ONCE, false, false),
                VERTEX_BATCH);
        Map<String, String> files = new VertexFiles().deploy(plan);
        String body = files.get(VertexFiles.BATCH_JOB);
        assertTrue(body != null, files.keySet().toString());
        BatchPredictionJob.Builder job = BatchPredictionJob.newBuilder();
        JsonFormat.parser().merge(body, job);
        assertEquals("projects/fraud-prod/locations/europe-west4/models/" + VertexFiles.MODEL_ID, job.getModel());
        assertEquals("jsonl", job.getInputConfig().getInstancesFormat());
        assertEquals(List.of("gs://fraud-data/batch/*.jsonl"), job.getInputConfig().getGcsSource().getUrisList());
        assertEquals("object", job.getInstanceConfig().getInstanceType());
        assertEquals("jsonl", job.getOutputConfig().getPredictionsFormat());
        assertEquals("gs://fraud-data/batch/out", job.getOutputConfig().getGcsDestination().getOutputUriPrefix());
        assertEquals("n1-standard-8", job.getDedicatedResources().getMachineSpec().getMachineType());
        assertEquals("NVIDIA_TESLA_T4", job.getDedicatedResources().getMachineSpec().getAcceleratorType().name());
        assertEquals(3, job.getDedicatedResources().getStartingReplicaCount());
        assertEquals(3, job.getDedicatedResources().getMaxReplicaCount());
        assertEquals("fraud-serving@fraud-prod.iam.gserviceaccount.com", job.getServiceAccount());
        assertEquals(plan.platformModel() + "-batch", job.getDisplayName());
        assertTrue(files.get("README.md").contains("/batchPredictionJobs"), files.get("README.md"));
        // strict: a misspelt field is refused, so the test would catch one in the generator
        assertThrows(InvalidProtocolBufferException.class, () -> JsonFormat.parser().merge(
                body.replace("outputUriPrefix", "outputUri"), BatchPredictionJob.newBuilder()));
        assertFalse(new VertexFiles().deploy(Plans.plan(DeployTarget.VERTEX, Strategy.ALL_AT_ONCE, false, false))
                .containsKey(VertexFiles.BATCH_JOB));
    }

    @Test
    void theBatchSectionParsesAndRoundTripsThroughTheCatalogsJson() throws Exception {
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree("""
                instance_type: ml.c5.xlarge
                batch:
                  input_uri: s3://b/in/
                  output_uri: s3://b/out/
                  instance_count: 2
                  max_payload_mb: 8
                  max_concurrent_transforms: 6
                """);
        DeployConfig c = DeployConfig.parse(yaml, "deploy.yaml");
        assertEquals(new DeployConfig.Batch("s3://b/in/", "s3://b/out/", null, 2, 8, 6), c.batch());
        // the catalog keeps the resolved configuration
        DeployConfig resolved = Plans.config(DeployTarget.SAGEMAKER, Strategy.ALL_AT_ONCE, Map.of(), false)
                .withBatch(SAGEMAKER_BATCH);
        assertEquals(SAGEMAKER_BATCH, DeployConfig.parse(resolved.toJson(), "catalog").batch());
        UserError unknown = assertThrows(UserError.class, () -> DeployConfig.parse(new ObjectMapper(new YAMLFactory())
                .readTree("batch: {input: s3://b/in/}"), "deploy.yaml"));
        assertTrue(unknown.getMessage().contains("batch.input"), unknown.getMessage());
        assertTrue(unknown.whatToDo().contains("input_uri"), unknown.whatToDo());
        UserError count = assertThrows(UserError.class, () -> DeployConfig.parse(new ObjectMapper(new YAMLFactory())
                .readTree("batch: {instance_count: two}"), "deploy.yaml"));
        assertTrue(count.getMessage().contains("batch.instance_count"), count.getMessage());
    }
}
