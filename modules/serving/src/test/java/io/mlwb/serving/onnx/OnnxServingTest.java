package io.mlwb.serving.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.ProjectConfig;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import io.mlwb.serving.InferenceServer;
import io.mlwb.serving.Predictor;
import io.mlwb.serving.ServerConfig;
import io.mlwb.training.engine.SavedModel;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ONNX export served by the inference server through ONNX Runtime: same routes, same signature checks, and the
 * predictions of the model itself; the file alone suffices (no model.zip).
 */
class OnnxServingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @Test
    void servesAnOnnxExportAsTheModelScores() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("training"));
        Files.writeString(root.resolve("data/d.csv"), OnnxExportTest.csv(400, 11));
        Files.writeString(root.resolve("training/s.yaml"), """
                dataset: {name: d, path: data/d.csv}
                target: churned
                split: {strategy: random}
                model: {type: mlp, layers: [8], activation: gelu, batch_norm: true}
                epochs: 3
                seed: 5
                device: cpu
                """);
        Path zip = new TrainingService(new Project(root, ProjectConfig.named("o"), List.of()), null, null,
                new TrainingSettings(0.1, 2.5, 0, false), Clock.systemUTC())
                .train(TrainRequest.spec(Path.of("training/s.yaml"), List.of()), null, null, Progress.NONE).model();
        Path onnx = root.resolve("export/model.onnx");
        Files.createDirectories(onnx.getParent());
        DataTable table = new TableReader().read(root.resolve("data/d.csv"), ReadOptions.defaults(), Progress.NONE)
                .table();
        SavedModel.Scores ours;
        try (SavedModel m = SavedModel.load(zip)) {
            Files.write(onnx, OnnxExport.write(m, OnnxExport.Precision.FLOAT32, "test"));
            ours = m.predict(table);
        }
        Files.delete(zip); // the ONNX file is all the server needs
        try (InferenceServer server = InferenceServer.start(ServerConfig.builder("o", 1).port(0).build(),
                Predictor.loadOnnx(onnx, 2))) {
            HttpClient http = HttpClient.newHttpClient();
            String body = "{\"instances\": [{\"tenure\": 12.5, \"region\": \"north\", \"calls\": 3, \"member\": true,"
                    + " \"plan\": \"basic\", \"spend\": 1}, {\"tenure\": null, \"region\": \"nowhere\", \"calls\": 0,"
                    + " \"member\": false, \"plan\": \"pro\", \"spend\": 2}]}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/invocations"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode p = JSON.readTree(r.body()).path("predictions");
            assertEquals(2, p.size(), r.body());
            assertTrue(List.of("yes", "no").contains(p.get(0).path("label").asText()), r.body());
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/invocations"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"instances\": [{\"tenure\": \"long\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode(), bad.body());
        }
        try (Predictor p = Predictor.loadOnnx(onnx, 1)) {
            assertEquals("onnx", p.format());
            SavedModel.Scores s = p.score(table);
            for (int i = 0; i < table.rowCount(); i++) {
                assertEquals(ours.score()[i], s.score()[i], 1e-5, "row " + i);
                assertEquals(ours.label()[i], s.label()[i], "row " + i);
            }
        }
    }

    @Test
    void aFileThatIsNotAnExportIsRefused() throws Exception {
        Path junk = root.resolve("junk.onnx");
        Files.writeString(junk, "not onnx");
        assertThrows(UserError.class, () -> Predictor.loadOnnx(junk, 1));
        UserError missing = assertThrows(UserError.class, () -> Predictor.loadOnnx(root.resolve("none.onnx"), 1));
        assertTrue(missing.getMessage().contains("none.onnx"), missing.getMessage());
    }
}
