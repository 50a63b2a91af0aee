package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.cli.CliProject.Result;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlwb deploy smoke-test} on the credit-risk sample's MLP spec, trained with {@code mlwb train} and registered:
 * exit 0 with the contract, latency and throughput; the throughput feeds {@code mlwb deploy cost}; a recorded
 * prediction the server does not reproduce is exit 1 naming the row; a port in use and a foreign target are exit 2.
 */
class SmokeTestCommandTest {
    private static final Path SAMPLE = Path.of("../../sample-projects/credit-risk");

    @TempDir
    Path dir;

    @Test
    void smokeTestMatchesFeedsTheCostAndNamesMismatches() throws Exception {
        CliProject cli = new CliProject(dir);
        cli.commitCopies(SAMPLE, "sample", "mlwb.yaml", "data/applications_2023.csv", "training/mlp.yaml");
        cli.register(cli.train(dir.resolve("training/mlp.yaml").toString(), "--set", "epochs=2"), "credit-risk");

        Result noSmoke = cli.run("deploy", "cost", "credit-risk@1", "--traffic", "1000000");
        assertEquals(2, noSmoke.code());
        assertTrue(noSmoke.err().contains("has no smoke test"), noSmoke.err());

        Result ok = cli.run("deploy", "smoke-test", "credit-risk@1", "--target", "sagemaker", "--json");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        JsonNode r = Json.MAPPER.readTree(ok.out());
        assertTrue(r.path("passed").asBoolean());
        assertEquals("sagemaker", r.path("target").asText());
        assertEquals("/ping", r.path("contract").path("health_route").asText());
        assertEquals("/invocations", r.path("contract").path("predict_route").asText());
        assertEquals(0, r.path("mismatches").asInt());
        assertTrue(r.path("rows").asInt() > 1000, ok.out());
        assertTrue(r.path("throughput_rps").asDouble() > 0);
        assertTrue(r.path("latency_ms").path("p99").asDouble() > 0);

        Result text = cli.run("deploy", "smoke-test", "credit-risk@1");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("on the local contract: passed"), text.out());
        assertTrue(text.out().contains("POST /predict"), text.out());

        Result cost = cli.run("deploy", "cost", "credit-risk@1", "--traffic", "1000000", "--json");
        assertEquals(0, cost.code(), cost.err());
        assertTrue(cost.err().contains("smoke test"), cost.err());
        JsonNode q = Json.MAPPER.readTree(cost.out()).path("query");
        assertTrue(q.path("throughput_rps").asDouble() > 0, cost.out());

        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Result busy = cli.run("deploy", "smoke-test", "credit-risk@1", "--port",
                    Integer.toString(taken.getLocalPort()));
            assertEquals(2, busy.code(), busy.out() + busy.err());
            assertTrue(busy.err().contains("is in use"), busy.err());
        }
        Result unknown = cli.run("deploy", "smoke-test", "credit-risk@9");
        assertEquals(2, unknown.code());
        Result deployed = cli.run("deploy", "kserve", "credit-risk@1", "--staging", "--json");
        assertEquals(0, deployed.code(), deployed.err());
        long deployment = Json.MAPPER.readTree(deployed.out()).path("id").asLong();
        Result foreign = cli.run("deploy", "smoke-test", Long.toString(deployment), "--target", "vertex");
        assertEquals(2, foreign.code());
        assertTrue(foreign.err().contains("is to kserve, not vertex"), foreign.err());
        Result byId = cli.run("deploy", "smoke-test", Long.toString(deployment), "--json");
        assertEquals(0, byId.code(), byId.err());
        assertEquals(deployment, Json.MAPPER.readTree(byId.out()).path("deployment_id").asLong());

        // the run's recorded prediction of one row no longer what the model gives: exit 1 naming that row
        Path preds;
        try (var files = Files.walk(dir.resolve(".mlwb"))) {
            preds = files.filter(p -> p.getFileName().toString().equals("predictions-test.csv")).findFirst()
                    .orElseThrow();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(preds));
        List<String> head = Arrays.asList(lines.get(0).split(","));
        String[] f = lines.get(5).split(",", -1);
        int col = head.indexOf("prediction");
        f[col] = Double.toString(Double.parseDouble(f[col]) + 0.05);
        lines.set(5, String.join(",", f));
        Files.write(preds, lines);
        Result bad = cli.run("deploy", "smoke-test", "credit-risk@1");
        assertEquals(1, bad.code(), bad.out() + bad.err());
        assertTrue(bad.out().contains("FAILED"), bad.out());
        assertTrue(bad.err().contains("differ from the run's on 1 of") && bad.err().contains("row "
                + f[head.indexOf("row")] + ": expected"), bad.err());
    }
}
