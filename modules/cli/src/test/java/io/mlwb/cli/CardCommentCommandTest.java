package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlwb.vcs.GitRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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

    private static String csv(int n) {
        Random r = new Random(5);
        StringBuilder sb = new StringBuilder("id,tenure,calls,churned\n");
        for (int i = 0; i < n; i++) {
            double tenure = 1 + 60 * r.nextDouble();
            int calls = r.nextInt(6);
            double z = -1 - 0.05 * tenure + 0.5 * calls;
            String y = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? "yes" : "no";
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.1f", tenure)).append(',').append(calls)
                    .append(',').append(y).append('\n');
        }
        return sb.toString();
    }

    @BeforeEach
    void project() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: churn\nrisk_tier: medium\n");
        Files.writeString(dir.resolve("data/churn.csv"), csv(300));
        Files.writeString(dir.resolve(".gitignore"), ".mlwb/\n");
        try (GitRepo git = GitRepo.init(dir)) {
            git.commit(List.of("mlwb.yaml", "data/churn.csv", ".gitignore"), "data");
        }
    }

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

    private void as(String name, String email) throws Exception {
        for (String[] kv : new String[][] {{"user.name", name}, {"user.email", email}}) {
            Process p = new ProcessBuilder("git", "config", kv[0], kv[1]).directory(dir.toFile()).inheritIO().start();
            assertEquals(0, p.waitFor());
        }
    }

    @Test
    void reviewersCommentReplyResolveAndOpenCommentsBlockApproval() throws Exception {
        Path json = dir.resolve("train.json");
        Result t = run("train", "--data", "data/churn.csv", "--target", "churned", "--model", "logistic", "--quiet",
                "--json", json.toString());
        assertEquals(0, t.code(), t.err());
        long runId = Json.MAPPER.readTree(json.toFile()).path("run_id").asLong();
        assertEquals(0, run("models", "register", Long.toString(runId), "--name", "churn").code());
        as("Ada", "ada@example.com");
        assertEquals(0, run("card", "new", "churn@1").code());
        assertEquals(0, run("card", "fill", "churn").code());
        Path card = dir.resolve("model-cards/churn.md");
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readString(card).split("\n", -1)) {
            sb.append(line).append('\n');
            if (line.startsWith("## ")) {
                sb.append("\nFilled in by hand.\n");
            }
        }
        Files.writeString(card, sb.toString());

        as("Bob", "bob@example.com");
        Result c1 = run("card", "comment", "churn", "--section", "Metrics", "--quote", "filled in by hand", "--text",
                "Which threshold was used?", "--json");
        assertEquals(0, c1.code(), c1.err());
        JsonNode first = Json.MAPPER.readTree(c1.out());
        long id = first.path("id").asLong();
        assertEquals("Metrics", first.path("heading").asText());
        assertEquals("metric", first.path("section").asText());
        assertEquals("churn@1", first.path("version").asText());
        assertEquals("Bob <bob@example.com>", first.path("author").asText());
        assertTrue(first.path("open").asBoolean());
        assertTrue(first.path("reply_to").isNull());
        Result c2 = run("card", "comment", "churn", "--section", "limitation", "--text", "Name the weak segments.");
        assertEquals(0, c2.code(), c2.err());
        assertTrue(c2.out().matches("comment \\d+ on churn@1 \\(Limitations\\)\n"), c2.out());

        as("Ada", "ada@example.com");
        Result reply = run("card", "comment", "churn", "--reply-to", Long.toString(id), "--text", "0.5, see Metrics.");
        assertEquals(0, reply.code(), reply.err());

        // bad input: exit 2 with what to do
        Result noSection = run("card", "comment", "churn", "--section", "Pricing", "--text", "x");
        assertEquals(2, noSection.code());
        assertTrue(noSection.err().contains("has no section 'Pricing'"), noSection.err());
        assertEquals(2, run("card", "comment", "churn", "--reply-to", "999", "--text", "x").code());
        assertEquals(2, run("card", "resolve-comment", "999").code());

        Result list = run("card", "comments", "churn", "--json");
        assertEquals(0, list.code(), list.err());
        JsonNode all = Json.MAPPER.readTree(list.out());
        assertEquals(3, all.size());
        assertEquals(id, all.get(1).path("reply_to").asLong(), "the reply follows its thread's first comment");
        String plain = run("card", "comments", "churn").out();
        assertTrue(plain.contains("[Metrics] Bob <bob@example.com>, open: Which threshold was used?"), plain);
        assertTrue(plain.contains("    #"), "replies are indented: " + plain);

        Result check = run("card", "check", "churn", "--json");
        assertEquals(2, Json.MAPPER.readTree(check.out()).path("open_comments").size(), check.out());
        assertTrue(run("card", "check", "churn").out().contains("open comments: 2"));

        Result submitted = run("card", "submit", "churn");
        assertEquals(0, submitted.code(), submitted.err());
        assertTrue(submitted.err().contains("warning: 2 open comments on churn@1's card"), submitted.err());

        as("Cy", "cy@example.com");
        Result refused = run("card", "approve", "churn");
        assertEquals(1, refused.code(), refused.out());
        assertTrue(refused.err().contains("2 open comments") && refused.err().contains("--allow-open-comments"),
                refused.err());
        assertEquals(0, run("card", "resolve-comment", Long.toString(id)).code());
        assertEquals(1, run("card", "resolve-comment", Long.toString(id)).code(), "already resolved");
        Result open = run("card", "comments", "churn", "--open", "--json");
        assertEquals(1, Json.MAPPER.readTree(open.out()).size());
        Result anyway = run("card", "approve", "churn", "--allow-open-comments", "--comment", "noted");
        assertEquals(0, anyway.code(), anyway.err());
        assertTrue(anyway.out().contains("is approved"), anyway.out());
        String audit = run("audit", "list", "--json").out();
        assertTrue(audit.contains("card.comment_reply") && audit.contains("card.comment_resolve"), audit);
    }
}
