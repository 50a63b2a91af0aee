package io.mlwb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.deploy.export.ModelExportService;
import io.mlwb.deploy.export.ServingFormat;
import io.mlwb.deploy.export.ServingFormatService;
import io.mlwb.tracking.registry.ModelRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving format of a deployment on the credit-risk sample, really trained: the configuration's {@code format},
 * which formats a model allows, the export made for an onnx deployment (and reused by the next), the record's format
 * and digest, the Dockerfile, the smoke test served in the chosen format (int8 against its own measured tolerance),
 * and the side-by-side measurement with progress and cancel.
 */
class ServingFormatDeployTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theConfigurationNamesAFormatAndRefusesAnUnknownOne() throws Exception {
        assertEquals(ServingFormat.DJL, DeployConfig.defaults().format());
        assertEquals(ServingFormat.ONNX_INT8, DeployConfig.parse(JSON.readTree("{\"format\": \"onnx-int8\"}"),
                "c.yaml").format());
        assertEquals(ServingFormat.ONNX, DeployConfig.parse(JSON.readTree("{\"format\": \"ONNX\"}"), "c.yaml")
                .format());
        assertEquals(ServingFormat.DJL, DeployConfig.parse(JSON.readTree("{}"), "c.yaml").format());
        UserError e = assertThrows(UserError.class, () -> DeployConfig.parse(JSON.readTree("{\"format\": "
                + "\"pmml\"}"), "c.yaml"));
        assertEquals(ExitCode.BAD_INPUT, e.exit());
        assertTrue(e.getMessage().contains("format in c.yaml is 'pmml', not djl, onnx or onnx-int8"),
                e.getMessage());
        assertEquals(ExitCode.BAD_INPUT, assertThrows(UserError.class, () -> ServingFormat.parse("tflite")).exit());
        assertEquals(ServingFormat.DJL, ServingFormat.parse(null));
        assertEquals(ServingFormat.ONNX, DeployConfig.defaults().withFormat(ServingFormat.ONNX).withStaging(true)
                .withBatch(null).format(), "the copies keep the format");
    }

    @Test
    void aLossWorthANoteIsMoreThanHalfAPointOfAucOrHalfAPercentOfRmse() {
        assertTrue(ServingFormatService.notableLoss("roc_auc", 0.80, -0.006));
        assertFalse(ServingFormatService.notableLoss("roc_auc", 0.80, -0.004));
        assertFalse(ServingFormatService.notableLoss("accuracy", 0.9, 0.01), "a gain is no loss");
        assertTrue(ServingFormatService.notableLoss("rmse", 10, 0.06));
        assertFalse(ServingFormatService.notableLoss("rmse", 10, 0.04));
    }

    @Test
    void aLogisticModelDeploysAsOnnxButNotInt8() throws Exception {
        Project p = CreditRisk.copy(dir);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            CreditRisk.trainAndRegister(catalog, p, "logistic_baseline");
            DeploymentService s = new DeploymentService(catalog, p);
            ModelRef ref = ModelRef.parse("credit-risk@1");

            List<ServingFormatService.Availability> a = s.formats().availability("credit-risk@1");
            assertTrue(a.get(0).available() && a.get(1).available(), a.toString());
            assertFalse(a.get(2).available());
            assertTrue(a.get(2).reason().contains("single-layer"), a.get(2).reason());

            UserError int8 = assertThrows(UserError.class, () -> s.deploy(DeployTarget.LOCAL, ref,
                    DeployConfig.defaults().withStaging(true).withFormat(ServingFormat.ONNX_INT8), null, "tester"));
            assertEquals(ExitCode.BAD_INPUT, int8.exit());
            assertTrue(int8.whatToDo().contains("format: onnx"), int8.whatToDo());
            assertTrue(s.list("credit-risk").isEmpty(), "nothing recorded");

            // the preview names the export it will make, without making it
            DeployPreview preview = s.preview(DeployTarget.SAGEMAKER, ref,
                    DeployConfig.defaults().withStaging(true).withFormat(ServingFormat.ONNX));
            assertTrue(preview.files().get("Dockerfile").contains("\"--format\", \"onnx\"]"),
                    preview.files().get("Dockerfile"));
            assertTrue(preview.files().get("Dockerfile").contains(
                    "cp <project>/.mlwb/exports/credit-risk-v1/model.onnx model/model.onnx"));
            assertFalse(Files.exists(p.root().resolve(".mlwb/exports/credit-risk-v1/model.onnx")));

            DeployResult d = s.deploy(DeployTarget.SAGEMAKER, ref,
                    DeployConfig.defaults().withStaging(true).withFormat(ServingFormat.ONNX), null, "tester");
            DeploymentRecord rec = d.deployment();
            assertEquals("onnx", rec.servingFormat());
            assertEquals(".mlwb/exports/credit-risk-v1/model.onnx", rec.servingArtifact());
            Path onnx = p.root().resolve(rec.servingArtifact());
            assertEquals(sha256(onnx), rec.servingSha256());
            assertEquals("onnx", rec.settings().path("config").path("format").asText());
            String dockerfile = Files.readString(p.root().resolve(d.folder()).resolve("Dockerfile"));
            assertTrue(dockerfile.contains("(sha256 " + rec.servingSha256() + ")"), dockerfile);
            assertEquals("onnx", ((java.util.Map<?, ?>) rec.toJson().get("serving")).get("format"));
            int exports = exports(catalog);
            assertEquals(1, exports);

            // a second deployment reuses the recorded export: same file, no new export
            DeployResult again = s.deploy(DeployTarget.LOCAL, ref,
                    DeployConfig.defaults().withStaging(true).withFormat(ServingFormat.ONNX), null, "tester");
            assertEquals(rec.servingSha256(), again.deployment().servingSha256());
            assertEquals(exports, exports(catalog));

            // the smoke test serves the deployment's ONNX file and matches the run within the usual tolerance
            SmokeTestResult sm = s.smokeTest(Long.toString(rec.id()), null, 0, "tester", Progress.NONE);
            assertTrue(sm.passed(), sm.toJson().toString());
            assertEquals("onnx", sm.format());
            assertEquals(SmokeTester.TOLERANCE, sm.tolerance());
            assertEquals("onnx", s.lastSmokeTest(ref).orElseThrow().format());
            UserError other = assertThrows(UserError.class, () -> s.smokeTest(Long.toString(rec.id()), null,
                    ServingFormat.DJL, 0, "tester", Progress.NONE));
            assertTrue(other.getMessage().contains("serves onnx, not djl"), other.getMessage());

            // a djl deployment records model.zip and its digest
            DeployResult djl = s.deploy(DeployTarget.KSERVE, ref, DeployConfig.defaults().withStaging(true), null,
                    "tester");
            assertEquals("djl", djl.deployment().servingFormat());
            assertEquals(sha256(p.root().resolve(djl.deployment().servingArtifact())),
                    djl.deployment().servingSha256());
            assertTrue(djl.deployment().servingArtifact().endsWith("model.zip"));
        }
    }

    @Test
    void anMlpIsMeasuredInEveryFormatAndItsInt8DeploymentIsSmokeTestedAgainstItsOwnTolerance() throws Exception {
        Project p = CreditRisk.copy(dir);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            CreditRisk.trainAndRegister(catalog, p, "mlp");
            ServingFormatService formats = new ServingFormatService(p, catalog,
                    new ModelExportService(p, catalog, "test", 20));
            DeploymentService s = new DeploymentService(catalog, p, formats);

            AtomicInteger reports = new AtomicInteger();
            ServingFormatService.Comparison c = formats.compare("credit-risk@1", "tester", new Progress() {
                @Override
                public void report(double fraction, String message) {
                    reports.incrementAndGet();
                }

                @Override
                public boolean cancelled() {
                    return false;
                }
            });
            assertTrue(reports.get() > 3);
            assertEquals("roc_auc", c.metric());
            assertTrue(c.runMetric() > 0.5 && c.runMetric() < 1, c.toJson().toString());
            for (ServingFormat f : ServingFormat.values()) {
                ServingFormatService.Measured m = c.of(f);
                assertTrue(m.available(), m.toString());
                assertTrue(m.sizeBytes() > 0 && m.p50SingleMs() > 0 && m.p50BatchMs() > 0, m.toString());
                assertNotNull(m.sha256());
            }
            assertEquals(0.0, c.of(ServingFormat.DJL).metricChange());
            assertTrue(Math.abs(c.of(ServingFormat.ONNX).metricChange()) < 1e-4, c.toJson().toString());
            assertTrue(c.of(ServingFormat.ONNX_INT8).sizeBytes() < c.of(ServingFormat.ONNX).sizeBytes());
            assertTrue(c.of(ServingFormat.ONNX_INT8).maxAbsDiff() > SmokeTester.TOLERANCE);
            @SuppressWarnings("unchecked")
            List<java.util.Map<String, Object>> rows = (List<java.util.Map<String, Object>>) c.toJson().get("formats");
            assertEquals(List.of("djl", "onnx", "onnx-int8"), rows.stream().map(r -> r.get("format")).toList());

            // cancel stops it
            assertThrows(Cancelled.class, () -> formats.compare("credit-risk@1", "tester", new Progress() {
                @Override
                public void report(double fraction, String message) {
                }

                @Override
                public boolean cancelled() {
                    return true;
                }
            }));

            // the int8 deployment reuses the measured export and its smoke test allows the export's own error
            int exports = exports(catalog);
            DeployResult d = s.deploy(DeployTarget.LOCAL, ModelRef.parse("credit-risk@1"),
                    DeployConfig.defaults().withStaging(true).withFormat(ServingFormat.ONNX_INT8), null, "tester");
            assertEquals(exports, exports(catalog));
            assertEquals("onnx-int8", d.deployment().servingFormat());
            assertEquals(c.of(ServingFormat.ONNX_INT8).sha256(), d.deployment().servingSha256());
            SmokeTestResult sm = s.smokeTest(Long.toString(d.deployment().id()), null, 0, "tester", Progress.NONE);
            assertTrue(sm.passed(), sm.toJson().toString());
            assertEquals("onnx-int8", sm.format());
            assertEquals(c.of(ServingFormat.ONNX_INT8).maxAbsDiff() + SmokeTester.TOLERANCE, sm.tolerance(), 1e-12);
            assertTrue(sm.maxAbsDiff() > SmokeTester.TOLERANCE && sm.maxAbsDiff() <= sm.tolerance());
            assertEquals("roc_auc", sm.metric());
            assertEquals(c.of(ServingFormat.ONNX_INT8).metricChange(), sm.metricChange(), 1e-12);
            assertNull(s.smokeTest("credit-risk@1", DeployTarget.KSERVE, ServingFormat.ONNX, 0, "tester",
                    Progress.NONE).metric(), "a float export reports no metric change");
        }
    }

    private static int exports(Catalog catalog) {
        return (int) new AuditLog(catalog).list(0, 10_000).stream()
                .filter(e -> e.action().equals(ModelExportService.AUDIT_EXPORT)).count();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
