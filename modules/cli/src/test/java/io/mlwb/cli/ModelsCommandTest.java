package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.cli.CliProject.Result;
import io.mlwb.vcs.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlwb models} end to end on models really trained by {@code mlwb train}: register (prints NAME@VERSION, git
 * tag), list/show JSON, alias, stage, retire, the signature check, naming rules and bad input.
 */
class ModelsCommandTest {
    @TempDir
    Path dir;
    private String commit;
    private CliProject cli;

    @BeforeEach
    void project() throws Exception {
        cli = new CliProject(dir);
        commit = cli.commit("data", Map.of("mlwb.yaml", """
                schema_version: 1
                name: churn
                naming:
                  model: '[a-z][a-z0-9-]*'
                  run: '[a-z0-9][a-z0-9 :._-]*'
                  experiment: '[a-z-]+'
                """,
                "data/churn.csv", CliProject.churnWithPlans(300, 5, "churned"),
                "data/left.csv", CliProject.churnWithPlans(300, 5, "left")));
    }

    @Test
    void registerListShowAliasStageRetire() throws Exception {
        long r1 = cli.trainChurn();
        long r2 = cli.trainChurn();

        Result reg = cli.run("models", "register", Long.toString(r1), "--name", "churn", "--alias", "champion");
        assertEquals(0, reg.code(), reg.err());
        assertEquals("churn@1\n", reg.out());
        try (GitRepo git = GitRepo.open(dir)) {
            assertTrue(git.tags().stream().anyMatch(t -> t.name().equals("model/churn/v1")
                    && t.targetSha().equals(commit)), git.tags().toString());
        }
        Result second = cli.run("models", "register", Long.toString(r2), "--name", "churn", "--json");
        assertEquals(0, second.code(), second.err());
        JsonNode doc = Json.MAPPER.readTree(second.out());
        assertEquals("churn@2", doc.path("ref").asText());
        assertEquals("churn@1", doc.path("replaces").asText());
        assertEquals(0, doc.path("signature_changes").size(), doc.toString());
        JsonNode v2 = doc.path("version");
        assertEquals(r2, v2.path("run_id").asLong());
        assertEquals("model/churn/v2", v2.path("git_tag").asText());
        assertEquals("none", v2.path("stage").asText());
        assertTrue(v2.path("signature").path("inputs").size() >= 3, v2.toString());
        assertTrue(v2.path("cost_usd").isNumber(), v2.toString());
        assertEquals("churn", v2.path("datasets").get(0).path("name").asText(), v2.toString());

        JsonNode list = Json.MAPPER.readTree(cli.run("models", "list", "--json").out());
        JsonNode m = list.path("models").get(0);
        assertEquals("churn", m.path("name").asText());
        assertEquals(2, m.path("version_count").asInt());
        assertEquals(2, m.path("latest_version").asInt());
        assertEquals(1, m.path("aliases").path("champion").asInt());
        assertFalse(m.has("versions"));

        assertEquals(0, cli.run("models", "alias", "churn@2", "champion").code());
        assertEquals(0, cli.run("models", "alias", "churn@1", "challenger").code());
        assertEquals(0, cli.run("models", "stage", "churn@champion", "production").code());
        JsonNode champion = Json.MAPPER.readTree(cli.run("models", "show", "churn@champion", "--json").out());
        assertEquals(2, champion.path("version").asInt());
        assertEquals("production", champion.path("stage").asText());

        Result retire = cli.run("models", "retire", "churn@1", "--rationale", "superseded by v2", "--successor",
                "churn@2");
        assertEquals(0, retire.code(), retire.err());
        JsonNode all = Json.MAPPER.readTree(cli.run("models", "show", "churn", "--json").out());
        JsonNode old = all.path("versions").get(1);
        assertEquals(1, old.path("version").asInt());
        assertEquals("archived", old.path("stage").asText());
        assertEquals("superseded by v2", old.path("retired").path("rationale").asText());
        assertEquals("churn@2", old.path("retired").path("successor").asText());
        assertEquals(0, old.path("aliases").size());
        assertEquals(2, all.path("versions").size());

        Result removed = cli.run("models", "alias", "churn", "champion", "--remove");
        assertEquals(0, removed.code(), removed.err());
        assertEquals(2, cli.run("models", "show", "churn@champion").code());

        Result audit = cli.run("audit", "list", "--json");
        assertEquals(0, audit.code(), audit.err());
        for (String action : List.of("model.register", "model.tag", "model.alias", "model.stage", "model.retire",
                "model.unalias")) {
            assertTrue(audit.out().contains(action), action);
        }
        String plain = cli.run("models", "show", "churn").out();
        assertTrue(plain.contains("churn@1  archived") && plain.contains("RETIRED"), plain);
    }

    @Test
    void breakingSignatureNamingAndBadInputExitWithMessages() throws Exception {
        long r1 = cli.trainChurn();
        long other = cli.train("--data", "data/left.csv", "--target", "left", "--model", "logistic");
        cli.register(r1, "churn");

        Result breaking = cli.run("models", "register", Long.toString(other), "--name", "churn");
        assertEquals(1, breaking.code(), breaking.err());
        assertTrue(breaking.err().contains("output.label: 'churned' → 'left' (breaking)"), breaking.err());
        assertTrue(breaking.err().contains("--allow-breaking"), breaking.err());
        assertFalse(breaking.err().contains("\tat "), "no stack trace");
        Result forced = cli.run("models", "register", Long.toString(other), "--name", "churn", "--allow-breaking");
        assertEquals(0, forced.code(), forced.err());
        assertEquals("churn@2\n", forced.out());

        Result naming = cli.run("models", "register", Long.toString(r1), "--name", "Churn");
        assertEquals(2, naming.code());
        assertTrue(naming.err().contains("naming.model"), naming.err());
        Result noRun = cli.run("models", "register", "999", "--name", "churn");
        assertEquals(2, noRun.code());
        assertTrue(noRun.err().contains("There is no run 999."), noRun.err());
        Result badRef = cli.run("models", "show", "churn@");
        assertEquals(2, badRef.code());
        assertTrue(badRef.err().contains("not a model version reference"), badRef.err());
        Result unknown = cli.run("models", "show", "fraud");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no registered model 'fraud' (registered: churn)"), unknown.err());
        Result noRationale = cli.run("models", "retire", "churn@1", "--rationale", "");
        assertEquals(2, noRationale.code());
        assertTrue(noRationale.err().contains("needs a rationale"), noRationale.err());
        Result stage = cli.run("models", "stage", "churn@1", "archived");
        assertEquals(2, stage.code());
        assertTrue(stage.err().contains("retiring it"), stage.err());
    }

    @Test
    void runAndExperimentNamesAreCheckedAgainstTheRules() throws Exception {
        Result bad = cli.run("train", "--data", "data/churn.csv", "--target", "churned", "--name", "Baseline #1",
                "--quiet");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("The run name 'Baseline #1' does not match the project's naming rule naming.run"),
                bad.err());
        assertEquals("0 run(s)", cli.run("runs", "list").out().strip().lines().reduce((a, b) -> b).orElse(""),
                "nothing recorded");
        Result good = cli.run("train", "--data", "data/churn.csv", "--target", "churned", "--name", "baseline-1",
                "--quiet");
        assertEquals(0, good.code(), good.err());
        assertTrue(cli.run("runs", "list").out().contains("baseline-1"));
        long id = cli.trainChurn();
        Result rename = cli.run("runs", "rename", Long.toString(id), "Nope!");
        assertEquals(2, rename.code());
        assertTrue(rename.err().contains("naming.run"), rename.err());
        assertEquals(0, cli.run("runs", "rename", Long.toString(id), "renamed-ok").code());

        Path db = Files.copy(Path.of("../tracking/src/test/resources/imports/mlflow/mlflow.db"), dir.resolve("m.db"));
        Result imp = cli.run("runs", "import", "mlflow", db.toString(), "--json");
        assertEquals(0, imp.code(), imp.err());
        JsonNode warnings = Json.MAPPER.readTree(imp.out()).path("warnings");
        assertTrue(warnings.toString().contains("naming.experiment"), warnings.toString());
        assertTrue(warnings.toString().contains("imported with the source's name"), warnings.toString());
    }

    @Test
    void lineageOfARegisteredModelAndStalenessAfterTheDataChanged() throws Exception {
        long r1 = cli.trainChurn();
        cli.register(r1, "churn");
        Result json = cli.run("lineage", "churn@1", "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode g = Json.MAPPER.readTree(json.out());
        assertEquals("model:churn@1", g.path("root").asText());
        List<String> ids = new java.util.ArrayList<>();
        g.path("nodes").forEach(n -> ids.add(n.path("id").asText()));
        assertTrue(ids.containsAll(List.of("model:churn@1", "run:" + r1, "dataset:churn@1", "commit:" + commit)),
                ids.toString());
        assertFalse(g.path("truncated").asBoolean());
        assertTrue(json.out().contains("\"relation\" : \"registered_as\"") || json.out().contains(
                "\"relation\":\"registered_as\""), json.out());

        // the data file changes and a new run reads it: dataset churn@2 exists, so churn@1's model is stale
        Files.writeString(dir.resolve("data/churn.csv"), CliProject.churnWithPlans(320, 5, "churned"));
        cli.trainChurn();
        JsonNode after = Json.MAPPER.readTree(cli.run("lineage", "churn@1", "--json").out());
        JsonNode model = after.path("nodes").get(0);
        assertTrue(model.path("stale").asBoolean(), model.toString());
        assertEquals("built on churn@1; churn@2 is newer", model.path("stale_reasons").get(0).asText());
        String plain = cli.run("lineage", "dataset:churn@1", "--downstream").out();
        assertTrue(plain.startsWith("dataset:churn@1") && plain.contains("STALE: a newer version exists: churn@2")
                && plain.contains("-> registered_as model:churn@1"), plain);
        Result bad = cli.run("lineage", "run:999");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("There is no run 999"), bad.err());
    }

    @Test
    void aCardForARegisteredVersionIsWrittenAndChecked() throws Exception {
        long r1 = cli.trainChurn();
        cli.register(r1, "churn");
        cli.as("Ada", "ada@example.com");
        Result made = cli.run("card", "new", "churn@1");
        assertEquals(0, made.code(), made.err());
        assertEquals("model-cards/churn.md\n", made.out());
        assertTrue(Files.readString(dir.resolve("model-cards/churn.md")).contains("## Monitoring plan"));
        Result check = cli.run("card", "check", "churn", "--json");
        assertEquals(1, check.code(), "medium tier: sections missing");
        JsonNode c = Json.MAPPER.readTree(check.out());
        assertEquals("medium", c.path("risk_tier").asText());
        assertEquals(c.path("required").size(), c.path("missing").size());
        assertEquals(1, c.path("approvals_required").asInt());
        assertEquals("draft", c.path("status").asText());
        assertFalse(c.path("ok").asBoolean());
        assertEquals(2, cli.run("card", "new", "churn@1").code(), "the file exists");
        Result fill = cli.run("card", "fill", "churn");
        assertEquals(0, fill.code(), fill.err());
        assertTrue(fill.out().contains("metrics") && fill.out().contains("training-data"), fill.out());
        String once = Files.readString(dir.resolve("model-cards/churn.md"));
        assertTrue(once.contains("<!-- mlwb:auto metrics -->\n| Metric | Validation | Test |"), once);
        assertTrue(once.contains("  - type: roc_auc"), "model-index results in the front matter");
        Files.writeString(dir.resolve("model-cards/churn.md"), once.replace("## Intended use\n",
                "## Intended use\n\nChurn outreach lists.\n"));
        assertEquals(0, cli.run("card", "fill", "churn").code());
        String twice = Files.readString(dir.resolve("model-cards/churn.md"));
        assertTrue(twice.contains("Churn outreach lists."), "hand-written text is kept");
        assertEquals(once.replace("## Intended use\n", "## Intended use\n\nChurn outreach lists.\n"), twice,
                "a second fill changes nothing else");
        assertEquals(2, cli.run("card", "check", "nothing").code());

        // fill it, submit as its author, approve as another git identity (user.email of the repository)
        Path card = dir.resolve("model-cards/churn.md");
        CliProject.fillByHand(card, "Filled in.");
        Result submitted = cli.run("card", "submit", "churn", "--comment", "ready");
        assertEquals(0, submitted.code(), submitted.err());
        assertTrue(submitted.out().contains("is review"), submitted.out());
        Result own = cli.run("card", "approve", "churn");
        assertEquals(2, own.code());
        assertTrue(own.err().contains("wrote this card and cannot review it"), own.err());
        cli.as("Bob", "bob@example.com");
        Result approved = cli.run("card", "approve", "churn", "--comment", "ok");
        assertEquals(0, approved.code(), approved.err());
        Result ok = cli.run("card", "check", "churn", "--json");
        assertEquals(0, ok.code(), ok.out());
        assertEquals("approved", Json.MAPPER.readTree(ok.out()).path("status").asText());
        Files.writeString(card, Files.readString(card) + "\nedited\n");
        Result after = cli.run("card", "check", "churn");
        assertEquals(1, after.code(), "an edit after approval drops it");
        assertTrue(after.out().contains(": draft;"), after.out());
    }

    @Test
    void theCardOfARetiredVersionCannotBeApproved() throws Exception {
        cli.register(cli.trainChurn(), "churn");
        cli.as("Ada", "ada@example.com");
        assertEquals(0, cli.run("card", "new", "churn@1").code());
        CliProject.fillByHand(dir.resolve("model-cards/churn.md"), "Filled in.");
        Result submitted = cli.run("card", "submit", "churn");
        assertEquals(0, submitted.code(), submitted.err());
        Result retired = cli.run("models", "retire", "churn@1", "--rationale", "withdrawn");
        assertEquals(0, retired.code(), retired.err());
        cli.as("Bob", "bob@example.com");
        Result refused = cli.run("card", "approve", "churn", "--allow-open-comments");
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("churn@1 is retired; its card cannot be approved.")
                && refused.err().contains("Approve the card of the version in service instead."), refused.err());
        assertFalse(refused.err().contains("\tat "), "no stack trace");
        Result check = cli.run("card", "check", "churn", "--json");
        assertEquals("review", Json.MAPPER.readTree(check.out()).path("status").asText(), check.out());
        assertFalse(cli.run("audit", "list", "--json").out().contains("card.approve"), "nothing recorded");
    }

    @Test
    void driftWithAModelScoresBothSides() throws Exception {
        long r1 = cli.trainChurn();
        cli.register(r1, "churn");
        Files.writeString(dir.resolve("data/later.csv"), CliProject.churnWithPlans(400, 5, "churned")
                .replace(",basic,", ",pro,"));
        Result d = cli.run("drift", "data/churn.csv", "data/later.csv", "--model", "churn@1", "--json", "-");
        assertEquals(0, d.code(), d.err());
        JsonNode m = Json.MAPPER.readTree(d.out()).path("model");
        assertEquals("churn@1", m.path("version").asText());
        assertEquals("classification", m.path("task").asText());
        assertTrue(m.path("prediction_drift").path("test").isTextual(), m.toString());
        assertTrue(m.path("label_drift").isObject());
        JsonNode auc = m.path("performance").path("roc_auc");
        assertTrue(auc.path("reference").path("low").asDouble() <= auc.path("reference").path("value").asDouble()
                && auc.path("reference").path("value").asDouble() <= auc.path("reference").path("high").asDouble(),
                auc.toString());
        assertEquals(400, auc.path("current").path("rows").asInt());
        long report = Json.MAPPER.readTree(d.out()).path("report_id").asLong();
        assertTrue(cli.run("lineage", "drift:" + report, "--json").out().contains("monitored_by"));
        Result unknown = cli.run("drift", "data/churn.csv", "data/later.csv", "--model", "fraud@1");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no registered model 'fraud'"), unknown.err());
    }

    @Test
    void retrainCheckMeasuresTheModelOnLabelledCurrentData() throws Exception {
        long r1 = cli.trainChurn();
        cli.register(r1, "churn");
        Files.writeString(dir.resolve("mlwb.yaml"), Files.readString(dir.resolve("mlwb.yaml")) + """
                drift:
                  retraining:
                    - model: churn
                      metrics: {roc_auc: {min: 0.99}, accuracy: {min: 0.1}}
                """);
        Result r = cli.run("retrain-check", "churn", "--current", "data/churn.csv", "--json");
        assertEquals(1, r.code(), r.out() + r.err());
        JsonNode f = Json.MAPPER.readTree(r.out()).path("models").get(0).path("findings");
        JsonNode auc = f.get(0);
        assertEquals("metric:roc_auc", auc.path("condition").asText());
        assertEquals("fired", auc.path("status").asText(), "an AUC below 0.99: " + auc);
        assertTrue(auc.path("value").asDouble() > 0.5 && auc.path("value").asDouble() < 0.99);
        assertEquals("ok", f.get(1).path("status").asText(), "accuracy above 0.1");
    }
}
