package io.mlwb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.RegistrableRuns;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeploymentService on a real project: git repository, SQLite catalog (migrated through V011), registered versions.
 * Deploy, canary update, history, rollback, commits, lineage, audit; and the bad input the issue names.
 */
class DeploymentServiceTest {
    @TempDir
    Path dir;

    private Project project(String risk) throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: churn\nrisk_tier: " + risk + "\n");
        Files.writeString(dir.resolve(".gitignore"), ".mlwb/\n");
        try (GitRepo git = GitRepo.init(dir)) {
            git.commit(List.of("mlwb.yaml", ".gitignore"), "project");
        }
        return Project.load(dir);
    }

    private static void register(Catalog catalog, Project p, int versions) throws Exception {
        String sha;
        try (GitRepo git = GitRepo.open(p.root())) {
            sha = git.head().orElseThrow().sha();
        }
        for (int i = 0; i < versions; i++) {
            long run = RegistrableRuns.finished(catalog, p.root(), sha, "run" + i, RegistrableRuns.SIGNATURE, 1.0,
                    null);
            ModelRegistry.of(catalog, p).register(run, "churn", null, null, false, "tester");
        }
    }

    private Path config(String yaml) throws Exception {
        Path f = dir.resolve("cfg-" + System.nanoTime() + ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void rollbackConditionsATargetCannotEnforceAreAWarningNotASilence() throws Exception {
        Project p = project("medium");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            register(catalog, p, 1);
            DeploymentService s = new DeploymentService(catalog, p);
            for (DeployTarget t : List.of(DeployTarget.KUBERNETES, DeployTarget.AZUREML)) {
                DeployResult r = s.deploy(t, ModelRef.parse("churn@1"),
                        DeployConfig.read(config("rollback: {error_rate: 0.01}\n")), null, "tester");
                assertTrue(r.warnings().stream().anyMatch(w -> w.contains("not enforced on the " + t.id())),
                        r.warnings().toString());
            }
            DeployResult plain = s.deploy(DeployTarget.KSERVE, ModelRef.parse("churn@1"), DeployConfig.defaults(),
                    null, "tester");
            assertTrue(plain.warnings().stream().noneMatch(w -> w.contains("not enforced")), plain.warnings().toString());
        }
    }

    @Test
    void deployCanaryListRollbackRecordsCommitsAndAudits() throws Exception {
        Project p = project("medium");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            register(catalog, p, 2);
            DeploymentService s = new DeploymentService(catalog, p);
            DeployResult first = s.deploy(DeployTarget.SAGEMAKER, ModelRef.parse("churn@1"),
                    DeployConfig.read(config("rollback: {error_rate: 0.01, p99_latency_ms: 300}\n")), null, "tester");
            assertEquals("deploy/sagemaker/churn-v1", first.folder());
            assertTrue(Files.isRegularFile(dir.resolve("deploy/sagemaker/churn-v1/03-create-endpoint.json")));
            assertTrue(first.warnings().stream().anyMatch(w -> w.contains("staging")), first.warnings().toString());
            assertTrue(first.warnings().stream().noneMatch(w -> w.contains("not enforced")), "SageMaker alarms do");
            assertNotNull(first.deployment().commitSha());

            DeployResult second = s.deploy(DeployTarget.SAGEMAKER, ModelRef.parse("churn@2"), DeployConfig.read(config(
                    "rollout: {strategy: canary, percent: 10, bake_minutes: 15}\n"
                            + "rollback: {error_rate: 0.01}\n")), null, "tester");
            DeploymentRecord d2 = second.deployment();
            assertEquals(Map.of(1, 90, 2, 10), d2.traffic());
            assertEquals(first.deployment().id(), d2.previousDeploymentId());
            assertTrue(second.files().contains("03-update-endpoint.json"), second.files().toString());
            String update = Files.readString(dir.resolve("deploy/sagemaker/churn-v2/03-update-endpoint.json"));
            assertTrue(update.contains("\"EndpointConfigName\" : \"churn-v2-2\""), update);
            try (GitRepo git = GitRepo.open(dir)) {
                assertTrue(git.commitInfo(d2.commitSha()).message().contains("churn@2"));
                assertTrue(git.changedFiles(d2.commitSha()).contains("deploy/sagemaker/churn-v2/README.md"));
            }
            assertEquals(List.of(d2.id(), first.deployment().id()), s.list("churn").stream()
                    .map(DeploymentRecord::id).toList());

            DeployResult back = s.rollback("churn", null, "tester");
            DeploymentRecord r = back.deployment();
            assertEquals("rollback", r.strategy());
            assertEquals(1, r.version());
            assertEquals(d2.id(), r.previousDeploymentId());
            assertEquals("rolled_back", s.get(d2.id()).status());
            String restore = Files.readString(dir.resolve(back.folder()).resolve("01-update-endpoint.json"));
            assertTrue(restore.contains("\"EndpointConfigName\" : \"churn-v1-1\""), restore);
            catalog.read("check lineage", c -> {
                try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM lineage_edge WHERE to_kind = "
                        + "'deployment' AND relation = 'deployed_as'"); ResultSet rs = st.executeQuery()) {
                    rs.next();
                    assertEquals(3, rs.getInt(1));
                }
                return null;
            });
            List<String> actions = new AuditLog(catalog).list(0, 100).stream().map(a -> a.action()).toList();
            assertEquals(2, actions.stream().filter("deployment.generate"::equals).count(), actions.toString());
            assertTrue(actions.contains("deployment.rollback"), actions.toString());
            assertTrue(new AuditLog(catalog).verify().ok());
        }
    }

    @Test
    void kubernetesAndKserveTargetsAreAcceptedByTheCatalog() throws Exception {
        Project p = project("low");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            register(catalog, p, 1);
            DeploymentService s = new DeploymentService(catalog, p);
            DeployResult k = s.deploy(DeployTarget.KUBERNETES, ModelRef.parse("churn@1"), null, null, "tester");
            assertEquals("kubernetes", k.deployment().target());
            Map<?, ?> hpa = new ObjectMapper(new YAMLFactory()).readValue(dir.resolve(k.folder()).resolve("hpa.yaml")
                    .toFile(), Map.class);
            assertEquals(2, ((Map<?, ?>) hpa.get("spec")).get("minReplicas"));
            DeployResult ks = s.deploy(DeployTarget.KSERVE, ModelRef.parse("churn@1"), null,
                    dir.resolve("elsewhere"), "tester");
            assertEquals("kserve", ks.deployment().target());
            assertTrue(Files.isRegularFile(dir.resolve("elsewhere/inferenceservice.yaml")));
        }
    }

    @Test
    void badInputIsRefusedWithExitTwo() throws Exception {
        Project p = project("high");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            register(catalog, p, 2);
            DeploymentService s = new DeploymentService(catalog, p);
            UserError unapproved = assertThrows(UserError.class, () -> s.deploy(DeployTarget.VERTEX,
                    ModelRef.parse("churn@2"), null, null, "tester"));
            assertEquals(ExitCode.BAD_INPUT, unapproved.exit());
            assertTrue(unapproved.getMessage().contains("high-risk"), unapproved.getMessage());
            DeployResult staging = s.deploy(DeployTarget.VERTEX, ModelRef.parse("churn@2"),
                    DeployConfig.read(config("staging: true\n")), null, "tester");
            assertTrue(Files.readString(dir.resolve(staging.folder()).resolve("README.md")).contains("STAGING"));

            UserError instance = assertThrows(UserError.class, () -> s.deploy(DeployTarget.SAGEMAKER,
                    ModelRef.parse("churn@2"), DeployConfig.read(config("staging: true\ninstance_type: ml.x9.huge\n")),
                    null, "tester"));
            assertTrue(instance.getMessage().contains("not in the price table"), instance.getMessage());
            assertTrue(instance.whatToDo().contains("ml.m5.large"), instance.whatToDo());

            UserError split = assertThrows(UserError.class, () -> s.deploy(DeployTarget.AZUREML,
                    ModelRef.parse("churn@2"), DeployConfig.read(config(
                            "staging: true\nrollout: {strategy: a-b, split: {\"1\": 60, \"2\": 50}}\n")), null,
                    "tester"));
            assertTrue(split.getMessage().contains("sums to 110, not 100"), split.getMessage());

            UserError target = assertThrows(UserError.class, () -> DeployTarget.parse("heroku"));
            assertTrue(target.whatToDo().contains("kubernetes"), target.whatToDo());
            UserError key = assertThrows(UserError.class, () -> DeployConfig.read(config("rolout: {}\n")));
            assertTrue(key.getMessage().contains("rolout"), key.getMessage());
            assertThrows(UserError.class, () -> s.rollback("churn", DeployTarget.VERTEX, "tester"));
            assertEquals(1, s.list(null).size());   // nothing recorded by the refused attempts
        }
    }

    @Test
    void previewShowsTheFilesDeployWritesAndRecordsNothing() throws Exception {
        Project p = project("high");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            register(catalog, p, 1);
            DeploymentService s = new DeploymentService(catalog, p);
            DeployConfig cfg = DeployConfig.read(config("rollout: {strategy: blue-green, bake_minutes: 5}\n"));
            UserError unapproved = assertThrows(UserError.class, () -> s.preview(DeployTarget.VERTEX,
                    ModelRef.parse("churn@1"), cfg));
            assertTrue(unapproved.getMessage().contains("high-risk"), unapproved.getMessage());
            DeployPreview preview = s.preview(DeployTarget.VERTEX, ModelRef.parse("churn@1"), cfg.withStaging(true));
            assertTrue(preview.staging());
            assertEquals("deploy/vertex/churn-v1", preview.folder());
            assertEquals(Map.of("churn@1", 100), preview.traffic());
            assertTrue(s.list(null).isEmpty());
            assertTrue(Files.notExists(dir.resolve("deploy")));
            DeployResult done = s.deploy(DeployTarget.VERTEX, ModelRef.parse("churn@1"), cfg.withStaging(true), null,
                    "tester");
            assertEquals(List.copyOf(preview.files().keySet()), done.files());
            for (Map.Entry<String, String> f : preview.files().entrySet()) {
                assertEquals(f.getValue(), Files.readString(dir.resolve(done.folder()).resolve(f.getKey())),
                        f.getKey());
            }
        }
    }

    @Test
    void batchSectionGeneratesTheJobWithDefaultsAndRefusesWhatTheTargetCannotRun() throws Exception {
        Project p = project("low");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            register(catalog, p, 1);
            DeploymentService s = new DeploymentService(catalog, p);
            DeployPreview sm = s.preview(DeployTarget.SAGEMAKER, ModelRef.parse("churn@1"), DeployConfig.read(config(
                    "staging: true\nbatch: {input_uri: s3://b/in/, output_uri: s3://b/out/}\n")));
            JsonNode job = new ObjectMapper().readTree(sm.files().get(SageMakerFiles.TRANSFORM_JOB));
            // defaults: the endpoint's instance type, one machine
            assertEquals("ml.m5.large", job.path("TransformResources").path("InstanceType").asText(), job.toString());
            assertEquals(1, job.path("TransformResources").path("InstanceCount").asInt());
            DeployPreview vx = s.preview(DeployTarget.VERTEX, ModelRef.parse("churn@1"), DeployConfig.read(config(
                    "staging: true\nbatch: {input_uri: gs://b/in.jsonl, output_uri: gs://b/out, instance_count: 4}\n")));
            assertTrue(vx.files().get(VertexFiles.BATCH_JOB).contains("\"startingReplicaCount\" : 4"),
                    vx.files().get(VertexFiles.BATCH_JOB));

            UserError target = assertThrows(UserError.class, () -> s.preview(DeployTarget.AZUREML,
                    ModelRef.parse("churn@1"), DeployConfig.read(config(
                            "staging: true\nbatch: {input_uri: s3://b/in/, output_uri: s3://b/out/}\n"))));
            assertEquals(ExitCode.BAD_INPUT, target.exit());
            assertTrue(target.getMessage().contains("azureml target has no batch"), target.getMessage());
            UserError scheme = assertThrows(UserError.class, () -> s.preview(DeployTarget.VERTEX,
                    ModelRef.parse("churn@1"), DeployConfig.read(config(
                            "staging: true\nbatch: {input_uri: s3://b/in/, output_uri: gs://b/out}\n"))));
            assertTrue(scheme.getMessage().contains("batch.input_uri is 's3://b/in/'"), scheme.getMessage());
            assertTrue(scheme.whatToDo().contains("gs://"), scheme.whatToDo());
            UserError missing = assertThrows(UserError.class, () -> s.preview(DeployTarget.SAGEMAKER,
                    ModelRef.parse("churn@1"), DeployConfig.read(config("staging: true\nbatch: {input_uri: s3://b/in/}\n"))));
            assertTrue(missing.getMessage().contains("batch.output_uri is missing"), missing.getMessage());
            UserError count = assertThrows(UserError.class, () -> s.preview(DeployTarget.SAGEMAKER,
                    ModelRef.parse("churn@1"), DeployConfig.read(config("staging: true\nbatch: {input_uri: s3://b/in/,"
                            + " output_uri: s3://b/out/, instance_count: 0}\n"))));
            assertTrue(count.getMessage().contains("batch.instance_count is 0"), count.getMessage());
            assertEquals(6, job.path("MaxPayloadInMB").asInt(), "SageMaker's default payload");
            assertEquals(4, job.path("MaxConcurrentTransforms").asInt());
            UserError payload = assertThrows(UserError.class, () -> s.preview(DeployTarget.SAGEMAKER,
                    ModelRef.parse("churn@1"), DeployConfig.read(config("staging: true\nbatch: {input_uri: s3://b/in/,"
                            + " output_uri: s3://b/out/, max_payload_mb: 32}\n"))));
            assertTrue(payload.getMessage().contains("batch.max_payload_mb is 32")
                    && payload.getMessage().contains("at most 16 MB"), payload.getMessage());
            UserError product = assertThrows(UserError.class, () -> s.preview(DeployTarget.SAGEMAKER,
                    ModelRef.parse("churn@1"), DeployConfig.read(config("staging: true\nbatch: {input_uri: s3://b/in/,"
                            + " output_uri: s3://b/out/, max_payload_mb: 16, max_concurrent_transforms: 8}\n"))));
            assertTrue(product.getMessage().contains("= 128 MB"), product.getMessage());
            UserError queue = assertThrows(UserError.class, () -> s.preview(DeployTarget.SAGEMAKER,
                    ModelRef.parse("churn@1"), DeployConfig.read(config("staging: true\nbatch: {input_uri: s3://b/in/,"
                            + " output_uri: s3://b/out/, max_payload_mb: 1, max_concurrent_transforms: 65}\n"))));
            assertTrue(queue.getMessage().contains("at most 64 requests"), queue.getMessage());
            UserError vertexTuning = assertThrows(UserError.class, () -> s.preview(DeployTarget.VERTEX,
                    ModelRef.parse("churn@1"), DeployConfig.read(config("staging: true\nbatch: {input_uri: "
                            + "gs://b/in.jsonl, output_uri: gs://b/out, max_payload_mb: 2}\n"))));
            assertTrue(vertexTuning.getMessage().contains("SageMaker Batch Transform settings"),
                    vertexTuning.getMessage());
        }
    }
}
