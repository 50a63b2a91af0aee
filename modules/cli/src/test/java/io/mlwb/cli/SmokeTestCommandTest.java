package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.vcs.GitRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--project";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void smokeTestMatchesFeedsTheCostAndNamesMismatches() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("training"));
        Files.copy(SAMPLE.resolve("mlwb.yaml"), dir.resolve("mlwb.yaml"));
        Files.copy(SAMPLE.resolve("data/applications_2023.csv"), dir.resolve("data/applications_2023.csv"));
        Files.copy(SAMPLE.resolve("training/mlp.yaml"), dir.resolve("training/mlp.yaml"));
        Files.writeString(dir.resolve(".gitignore"), ".mlwb/\n");
        try (GitRepo git = GitRepo.init(dir)) {
            git.commit(List.of("mlwb.yaml", "data/applications_2023.csv", "training/mlp.yaml", ".gitignore"), "sample");
        }
        Path json = dir.resolve("train.json");
        Result t = run("train", dir.resolve("training/mlp.yaml").toString(), "--set", "epochs=2", "--quiet", "--json",
                json.toString());
        assertEquals(0, t.code(), t.err());
        long runId = Json.MAPPER.readTree(json.toFile()).path("run_id").asLong();
        assertEquals(0, run("models", "register", Long.toString(runId), "--name", "credit-risk").code());

        Result noSmoke = run("deploy", "cost", "credit-risk@1", "--traffic", "1000000");
        assertEquals(2, noSmoke.code());
        assertTrue(noSmoke.err().contains("has no smoke test"), noSmoke.err());

        Result ok = run("deploy", "smoke-test", "credit-risk@1", "--target", "sagemaker", "--json");
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

        Result text = run("deploy", "smoke-test", "credit-risk@1");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("on the local contract: passed"), text.out());
        assertTrue(text.out().contains("POST /predict"), text.out());

        Result cost = run("deploy", "cost", "credit-risk@1", "--traffic", "1000000", "--json");
        assertEquals(0, cost.code(), cost.err());
        assertTrue(cost.err().contains("smoke test"), cost.err());
        JsonNode q = Json.MAPPER.readTree(cost.out()).path("query");
        assertTrue(q.path("throughput_rps").asDouble() > 0, cost.out());

        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Result busy = run("deploy", "smoke-test", "credit-risk@1", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, busy.code(), busy.out() + busy.err());
            assertTrue(busy.err().contains("is in use"), busy.err());
        }
        Result unknown = run("deploy", "smoke-test", "credit-risk@9");
        assertEquals(2, unknown.code());
        Result deployed = run("deploy", "kserve", "credit-risk@1", "--staging", "--json");
        assertEquals(0, deployed.code(), deployed.err());
        long deployment = Json.MAPPER.readTree(deployed.out()).path("id").asLong();
        Result foreign = run("deploy", "smoke-test", Long.toString(deployment), "--target", "vertex");
        assertEquals(2, foreign.code());
        assertTrue(foreign.err().contains("is to kserve, not vertex"), foreign.err());
        Result byId = run("deploy", "smoke-test", Long.toString(deployment), "--json");
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
        Result bad = run("deploy", "smoke-test", "credit-risk@1");
        assertEquals(1, bad.code(), bad.out() + bad.err());
        assertTrue(bad.out().contains("FAILED"), bad.out());
        assertTrue(bad.err().contains("differ from the run's on 1 of") && bad.err().contains("row "
                + f[head.indexOf("row")] + ": expected"), bad.err());
    }
}
