package io.mlwb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.registry.ModelRef;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke test on the credit-risk sample's MLP, really trained and registered: the served predictions equal the
 * run's recorded ones on every target's contract, the result is recorded with the deployment and audited and feeds
 * the cost estimate; a changed prediction is a named mismatch; a port in use and a foreign target are user errors;
 * cancel records nothing.
 */
class SmokeTestServiceTest {
    @TempDir
    Path dir;

    @Test
    void servedPredictionsEqualTheRunsOnEveryContractAndAreRecorded() throws Exception {
        Project p = CreditRisk.copy(dir);
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            var run = CreditRisk.trainAndRegister(catalog, p, "mlp");
            DeploymentService s = new DeploymentService(catalog, p);
            int testRows = Files.readAllLines(run.runDir().resolve("predictions-test.csv")).size() - 1;

            List<String> steps = new ArrayList<>();
            SmokeTestResult local = s.smokeTest("credit-risk@1", null, 0, "tester", new Progress() {
                @Override
                public void report(double fraction, String message) {
                    steps.add(message);
                }

                @Override
                public boolean cancelled() {
                    return false;
                }
            });
            assertTrue(local.passed(), local.toJson().toString());
            assertEquals("local", local.target());
            assertNull(local.deploymentId());
            assertEquals(testRows, local.rows());
            assertEquals(0, local.mismatches());
            assertTrue(local.maxAbsDiff() <= SmokeTester.TOLERANCE);
            assertEquals("/health", local.contract().health());
            assertEquals("/predict", local.contract().predict());
            assertTrue(local.healthOk());
            assertTrue(local.p50Ms() > 0 && local.p50Ms() <= local.p95Ms() && local.p95Ms() <= local.p99Ms());
            assertTrue(local.throughputRps() > 0);
            assertTrue(local.requests() >= testRows || local.requests() == 2000);
            assertTrue(steps.stream().anyMatch(m -> m.startsWith("compared")), steps.toString());

            DeployResult d = s.deploy(DeployTarget.SAGEMAKER, ModelRef.parse("credit-risk@1"),
                    DeployConfig.defaults().withStaging(true), null, "tester");
            SmokeTestResult sm = s.smokeTest(Long.toString(d.deployment().id()), null, 0, "tester", Progress.NONE);
            assertTrue(sm.passed(), sm.toJson().toString());
            assertEquals(d.deployment().id(), sm.deploymentId());
            assertEquals("/ping", sm.contract().health());
            assertEquals("/invocations", sm.contract().predict());
            assertEquals(8080, sm.contract().portFromEnv());

            SmokeTestResult kserve = s.smokeTest("credit-risk@1", DeployTarget.KSERVE, 0, "tester", Progress.NONE);
            assertTrue(kserve.passed(), kserve.toJson().toString());
            assertEquals("/v1/models/credit-risk:predict", kserve.contract().predict());
            SmokeTestResult vertex = s.smokeTest("credit-risk@1", DeployTarget.VERTEX, 0, "tester", Progress.NONE);
            assertTrue(vertex.passed(), vertex.toJson().toString());

            // recorded with the deployment, audited, and the newest is what the cost estimate takes
            assertEquals(vertex.id(), s.lastSmokeTest(ModelRef.parse("credit-risk@1")).orElseThrow().id());
            assertEquals(vertex.throughputRps(), s.lastSmokeTest(ModelRef.parse("credit-risk@1")).orElseThrow()
                    .throughputRps(), 0);
            SmokeTestResult lastOfDeployment = s.smokeTest(Long.toString(d.deployment().id()), null, 0, "tester",
                    Progress.NONE);
            assertEquals(lastOfDeployment.toJson(), s.lastSmokeTest(ModelRef.parse("credit-risk@1")).orElseThrow()
                    .toJson(), "read back as recorded");
            assertEquals(List.of(5, 5), catalog.read("count", c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT count(*), sum(matched) FROM deployment_smoke_test")) {
                    rs.next();
                    return List.of(rs.getInt(1), rs.getInt(2));
                }
            }));
            assertEquals(5, new AuditLog(catalog).list(0, 1000).stream()
                    .filter(e -> e.action().equals("deployment.smoke_test")).count());
            assertTrue(new AuditLog(catalog).verify().ok());

            // a foreign target for a deployment, an unknown deployment, a port in use: user errors, exit 2
            UserError foreign = assertThrows(UserError.class, () -> s.smokeTest(Long.toString(d.deployment().id()),
                    DeployTarget.VERTEX, 0, "tester", Progress.NONE));
            assertTrue(foreign.getMessage().contains("is to sagemaker, not vertex"), foreign.getMessage());
            assertThrows(UserError.class, () -> s.smokeTest("99", null, 0, "tester", Progress.NONE));
            try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                UserError busy = assertThrows(UserError.class, () -> s.smokeTest("credit-risk@1", null,
                        taken.getLocalPort(), "tester", Progress.NONE));
                assertEquals(ExitCode.BAD_INPUT, busy.exit());
                assertTrue(busy.getMessage().contains("is in use"), busy.getMessage());
            }

            // cancel: stops, records nothing
            assertThrows(Cancelled.class, () -> s.smokeTest("credit-risk@1", null, 0, "tester", new Progress() {
                @Override
                public void report(double fraction, String message) {
                }

                @Override
                public boolean cancelled() {
                    return true;
                }
            }));
            assertEquals(Integer.valueOf(5), catalog.<Integer>read("count", c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM deployment_smoke_test")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));

            // a recorded prediction that the server does not reproduce: a named mismatch, recorded as failed
            Path preds = run.runDir().resolve("predictions-test.csv");
            List<String> lines = new ArrayList<>(Files.readAllLines(preds));
            List<String> head = TestSet.split(lines.get(0));
            List<String> f = new ArrayList<>(TestSet.split(lines.get(3)));
            int col = head.indexOf("prediction");
            f.set(col, Double.toString(Double.parseDouble(f.get(col)) + 0.01));
            lines.set(3, String.join(",", f));
            Files.write(preds, lines);
            SmokeTestResult bad = s.smokeTest("credit-risk@1", null, 0, "tester", Progress.NONE);
            assertFalse(bad.passed());
            assertEquals(1, bad.mismatches());
            assertEquals(Integer.parseInt(f.get(head.indexOf("row"))), bad.firstMismatches().get(0).row());
            assertTrue(bad.maxAbsDiff() > 0.009);
        }
    }
}
