package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.cli.CliProject.Result;
import io.mlwb.core.job.Progress;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import io.mlwb.training.engine.SavedModel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    private CliProject cli;

    @BeforeEach
    void project() throws Exception {
        cli = new CliProject(dir);
        cli.commit("data", Map.of("mlwb.yaml", "schema_version: 1\nname: churn\n",
                "data/churn.csv", CliProject.churnWithPlans(300, 9, "churned")));
    }

    private Result run(String... args) {
        return cli.run(args);
    }

    /** Trains an MLP, registers it as churn@1 (alias champion) and returns its run's test predictions file. */
    private Path trainAndRegister() throws Exception {
        cli.register(cli.train("--data", "data/churn.csv", "--target", "churned", "--model", "mlp"), "churn",
                "--alias", "champion");
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
