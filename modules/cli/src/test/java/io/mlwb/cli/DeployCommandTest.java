package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.cli.CliProject.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlwb deploy} end to end on a model really trained by {@code mlwb train} and registered. */
class DeployCommandTest {
    @TempDir
    Path dir;

    private CliProject cli;

    private Result run(String... args) {
        return cli.run(args);
    }

    /** A churn project of the given risk tier with a logistic model trained and registered as churn@1. */
    private void project(String risk) throws Exception {
        cli = new CliProject(dir);
        cli.commit("data", Map.of("mlwb.yaml", "schema_version: 1\nname: churn\nrisk_tier: " + risk + "\n",
                "data/churn.csv", CliProject.churnWithPlans(200, 5, "churned")));
        cli.register(cli.trainChurn(), "churn");
    }

    @Test
    void deployListRollbackAndCostOnATrainedModel() throws Exception {
        project("medium");
        Path cfg = dir.resolve("k8s.yaml");
        Files.writeString(cfg, "min_replicas: 3\nrollout: {strategy: blue-green}\n");
        Result first = run("deploy", "kubernetes", "churn@1", "--json");
        assertEquals(0, first.code(), first.err());
        JsonNode d1 = Json.MAPPER.readTree(first.out());
        assertEquals("deploy/kubernetes/churn-v1", d1.path("folder").asText());
        assertTrue(Files.isRegularFile(dir.resolve("deploy/kubernetes/churn-v1/deployment-v1.yaml")));
        assertTrue(first.err().contains("warning:"), first.err());     // no card: staging
        Result second = run("deploy", "kubernetes", "churn@1", "--config", cfg.toString(), "--json");
        assertEquals(0, second.code(), second.err());
        assertEquals(d1.path("id").asLong(), Json.MAPPER.readTree(second.out()).path("previous_deployment_id")
                .asLong());

        JsonNode list = Json.MAPPER.readTree(run("deploy", "list", "churn", "--json").out());
        assertEquals(2, list.path("deployments").size());
        assertEquals("blue-green", list.path("deployments").get(0).path("strategy").asText());

        Result back = run("deploy", "rollback", "churn", "--json");
        assertEquals(0, back.code(), back.err());
        JsonNode rb = Json.MAPPER.readTree(back.out());
        assertEquals("rollback", rb.path("strategy").asText());
        assertTrue(Files.isRegularFile(dir.resolve(rb.path("folder").asText()).resolve("service.yaml")));

        Result cost = run("deploy", "cost", "churn@1", "--throughput", "800", "--cores", "2", "--traffic",
                "20000000", "--latency-ms", "50", "--json");
        assertEquals(0, cost.code(), cost.err());
        JsonNode e = Json.MAPPER.readTree(cost.out());
        assertTrue(e.path("cheapest").path("monthly_usd").asDouble() > 0, cost.out());
        assertTrue(e.path("stale_note").asText().contains("stale"));
        Result text = run("deploy", "cost", "churn@1", "--throughput", "800", "--traffic", "1000000");
        assertTrue(text.out().contains("Assumptions:"), text.out());
    }

    @Test
    void badInputExitsTwoWithAClearMessage() throws Exception {
        project("high");
        Result unapproved = run("deploy", "sagemaker", "churn@1");
        assertEquals(2, unapproved.code());
        assertTrue(unapproved.err().contains("high-risk"), unapproved.err());
        Result target = run("deploy", "heroku", "churn@1");
        assertEquals(2, target.code());
        assertTrue(target.err().contains("'heroku' is not a deployment target"), target.err());
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "instance_type: ml.p9.mega\n");
        Result instance = run("deploy", "sagemaker", "churn@1", "--staging", "--config", cfg.toString());
        assertEquals(2, instance.code());
        assertTrue(instance.err().contains("not in the price table"), instance.err());
        Files.writeString(cfg, "rollout: {strategy: a-b, split: {\"1\": 70, \"2\": 20}}\n");
        Result split = run("deploy", "vertex", "churn@1", "--staging", "--config", cfg.toString());
        assertEquals(2, split.code());
        assertTrue(split.err().contains("sums to 90, not 100"), split.err());
        assertEquals(0, Json.MAPPER.readTree(run("deploy", "list", "--json").out()).path("deployments").size());
    }
}
