package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.job.Progress;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import io.mlwb.training.engine.SavedModel;
import io.mlwb.vcs.GitRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlwb predict} and {@code mlwb serve} on a model really trained and registered through the CLI: batch
 * predictions equal the run's own test predictions and {@link SavedModel}'s; a port in use, an unknown version and
 * a missing input column are exit 2 with a clear message.
 */
class ServeCommandTest {
    @TempDir
    Path dir;

    private static String csv(int n) {
        Random r = new Random(9);
        StringBuilder sb = new StringBuilder("id,tenure,plan,calls,churned\n");
        String[] plans = {"basic", "plus", "pro"};
        for (int i = 0; i < n; i++) {
            double tenure = 1 + 60 * r.nextDouble();
            int plan = r.nextInt(3);
            int calls = r.nextInt(6);
            double z = -1 - 0.05 * tenure + 0.5 * calls + (plan == 0 ? 0.8 : 0);
            String y = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? "yes" : "no";
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.1f", tenure)).append(',')
                    .append(plans[plan]).append(',').append(calls).append(',').append(y).append('\n');
        }
        return sb.toString();
    }

    @BeforeEach
    void project() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: churn\n");
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

    private Path trainAndRegister() throws Exception {
        Path json = dir.resolve("train.json");
        Result t = run("train", "--data", "data/churn.csv", "--target", "churned", "--model", "mlp", "--quiet",
                "--json", json.toString());
        assertEquals(0, t.code(), t.err());
        long runId = Json.MAPPER.readTree(json.toFile()).path("run_id").asLong();
        Result reg = run("models", "register", Long.toString(runId), "--name", "churn", "--alias", "champion");
        assertEquals(0, reg.code(), reg.err());
        try (var s = Files.walk(dir.resolve(".mlwb"))) {
            return s.filter(p -> p.getFileName().toString().equals("predictions-test.csv")).findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void predictScoresAFileAsTheAppDoes() throws Exception {
        Path testPredictions = trainAndRegister();
        Path out = dir.resolve("out/scored.csv");
        Result r = run("predict", "churn@champion", dir.resolve("data/churn.csv").toString(), "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Scored 300 rows with churn@1"), r.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals("row,prediction,predicted_label", lines.get(0));
        assertEquals(301, lines.size());

        DataTable table = new TableReader().read(dir.resolve("data/churn.csv"), ReadOptions.defaults(),
                Progress.NONE).table();
        Path zip = testPredictions.resolveSibling("model.zip");
        try (SavedModel m = SavedModel.load(zip)) {
            SavedModel.Scores s = m.predict(table);
            for (int i = 0; i < 300; i++) {
                String[] f = lines.get(i + 1).split(",");
                assertEquals(i + 1, Integer.parseInt(f[0]));
                assertEquals(s.score()[i], Double.parseDouble(f[1]), 0.0, "row " + i);
                assertEquals(s.label()[i], f[2]);
            }
        }
        // the in-app predictions of the run's test split
        List<String> app = Files.readAllLines(testPredictions);
        List<String> head = List.of(app.get(0).split(","));
        for (String line : app.subList(1, app.size())) {
            String[] f = line.split(",");
            int row = Integer.parseInt(f[head.indexOf("row")]);
            String[] ours = lines.get(row).split(",");
            assertEquals(Double.parseDouble(f[head.indexOf("prediction")]), Double.parseDouble(ours[1]), 1e-6,
                    "row " + row);
            assertEquals(f[head.indexOf("predicted_label")], ours[2], "row " + row);
        }

        Files.writeString(dir.resolve("data/bad.csv"), "id,tenure,plan\n1,3.0,pro\n");
        Result missing = run("predict", "churn@1", dir.resolve("data/bad.csv").toString(), "--out",
                dir.resolve("bad-out.csv").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no column 'calls'"), missing.err());
        assertTrue(Files.notExists(dir.resolve("bad-out.csv")));
    }

    @Test
    void serveRefusesAPortInUseAndAnUnknownVersion() throws Exception {
        trainAndRegister();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Result r = run("serve", "churn@1", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is in use"), r.err());
            assertTrue(r.err().contains("--port"), r.err());
        }
        Result unknown = run("serve", "churn@7", "--port", "0");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("churn has no version 7"), unknown.err());
        Result policy = run("serve", "churn@1", "--port", "0", "--unknown-fields", "drop");
        assertEquals(2, policy.code());
        assertTrue(policy.err().contains("Use reject or ignore"), policy.err());
    }
}
