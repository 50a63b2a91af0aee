package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.cli.CliProject.Result;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlwb card comment|comments|resolve-comment} end to end on a model trained by {@code mlwb train} and
 * registered: comments by git identity, threads, JSON, open comments in {@code check}, the approval gate and
 * {@code --allow-open-comments}, bad input.
 */
class CardCommentCommandTest {
    @TempDir
    Path dir;

    private CliProject cli;

    @BeforeEach
    void project() throws Exception {
        cli = new CliProject(dir);
        cli.commit("data", Map.of("mlwb.yaml", "schema_version: 1\nname: churn\nrisk_tier: medium\n",
                "data/churn.csv", CliProject.churn(300, 5)));
    }

    @Test
    void reviewersCommentReplyResolveAndOpenCommentsBlockApproval() throws Exception {
        cli.register(cli.trainChurn(), "churn");
        cli.as("Ada", "ada@example.com");
        assertEquals(0, cli.run("card", "new", "churn@1").code());
        assertEquals(0, cli.run("card", "fill", "churn").code());
        CliProject.fillByHand(dir.resolve("model-cards/churn.md"), "Filled in by hand.");

        cli.as("Bob", "bob@example.com");
        Result c1 = cli.run("card", "comment", "churn", "--section", "Metrics", "--quote", "filled in by hand",
                "--text", "Which threshold was used?", "--json");
        assertEquals(0, c1.code(), c1.err());
        JsonNode first = Json.MAPPER.readTree(c1.out());
        long id = first.path("id").asLong();
        assertEquals("Metrics", first.path("heading").asText());
        assertEquals("metric", first.path("section").asText());
        assertEquals("churn@1", first.path("version").asText());
        assertEquals("Bob <bob@example.com>", first.path("author").asText());
        assertTrue(first.path("open").asBoolean());
        assertTrue(first.path("reply_to").isNull());
        Result c2 = cli.run("card", "comment", "churn", "--section", "limitation", "--text", "Name the weak segments.");
        assertEquals(0, c2.code(), c2.err());
        assertTrue(c2.out().matches("comment \\d+ on churn@1 \\(Limitations\\)\n"), c2.out());

        cli.as("Ada", "ada@example.com");
        Result reply = cli.run("card", "comment", "churn", "--reply-to", Long.toString(id), "--text",
                "0.5, see Metrics.");
        assertEquals(0, reply.code(), reply.err());

        // bad input: exit 2 with what to do
        Result noSection = cli.run("card", "comment", "churn", "--section", "Pricing", "--text", "x");
        assertEquals(2, noSection.code());
        assertTrue(noSection.err().contains("has no section 'Pricing'"), noSection.err());
        assertEquals(2, cli.run("card", "comment", "churn", "--reply-to", "999", "--text", "x").code());
        assertEquals(2, cli.run("card", "resolve-comment", "999").code());

        Result list = cli.run("card", "comments", "churn", "--json");
        assertEquals(0, list.code(), list.err());
        JsonNode all = Json.MAPPER.readTree(list.out());
        assertEquals(3, all.size());
        assertEquals(id, all.get(1).path("reply_to").asLong(), "the reply follows its thread's first comment");
        String plain = cli.run("card", "comments", "churn").out();
        assertTrue(plain.contains("[Metrics] Bob <bob@example.com>, open: Which threshold was used?"), plain);
        assertTrue(plain.contains("    #"), "replies are indented: " + plain);

        Result check = cli.run("card", "check", "churn", "--json");
        assertEquals(2, Json.MAPPER.readTree(check.out()).path("open_comments").size(), check.out());
        assertTrue(cli.run("card", "check", "churn").out().contains("open comments: 2"));

        Result submitted = cli.run("card", "submit", "churn");
        assertEquals(0, submitted.code(), submitted.err());
        assertTrue(submitted.err().contains("warning: 2 open comments on churn@1's card"), submitted.err());

        cli.as("Cy", "cy@example.com");
        Result refused = cli.run("card", "approve", "churn");
        assertEquals(1, refused.code(), refused.out());
        assertTrue(refused.err().contains("2 open comments") && refused.err().contains("--allow-open-comments"),
                refused.err());
        assertEquals(0, cli.run("card", "resolve-comment", Long.toString(id)).code());
        assertEquals(1, cli.run("card", "resolve-comment", Long.toString(id)).code(), "already resolved");
        Result open = cli.run("card", "comments", "churn", "--open", "--json");
        assertEquals(1, Json.MAPPER.readTree(open.out()).size());
        Result anyway = cli.run("card", "approve", "churn", "--allow-open-comments", "--comment", "noted");
        assertEquals(0, anyway.code(), anyway.err());
        assertTrue(anyway.out().contains("is approved"), anyway.out());
        String audit = cli.run("audit", "list", "--json").out();
        assertTrue(audit.contains("card.comment_reply") && audit.contains("card.comment_resolve"), audit);
    }
}
