package io.mlwb.serving.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.Project;
import io.mlwb.core.project.ProjectConfig;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import io.mlwb.training.engine.SavedModel;
import io.mlwb.training.engine.TrainRequest;
import io.mlwb.training.engine.TrainResult;
import io.mlwb.training.engine.TrainingService;
import io.mlwb.training.engine.TrainingSettings;
import io.mlwb.training.spec.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every network the training spec allows exports to ONNX, and ONNX Runtime scores the preprocessed rows as our model
 * does: MLPs with each activation, batch norm and dropout, logistic and linear regression, a multi-class classifier.
 */
class OnnxExportTest {
    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {
        "model: {type: logistic_regression}",
        "model: {type: mlp, layers: [16, 8], activation: relu, dropout: 0.2, batch_norm: true}",
        "model: {type: mlp, layers: [12], activation: gelu, dropout: 0.0, batch_norm: false}",
        "model: {type: mlp, layers: [12, 6], activation: tanh, dropout: 0.1, batch_norm: true}",
        "model: {type: linear_regression}\ntarget: spend",
        "model: {type: mlp, layers: [8], activation: relu, batch_norm: true}\nloss: mse\ntarget: spend",
        "model: {type: mlp, layers: [8], activation: relu}\nloss: cross_entropy\ntarget: plan",
    })
    void onnxRuntimeScoresAsTheModelDoes(String model) throws Exception {
        Path zip = train(model);
        DataTable table = new TableReader().read(root.resolve("data/d.csv"), ReadOptions.defaults(), Progress.NONE)
                .table();
        try (SavedModel m = SavedModel.load(zip)) {
            int n = table.rowCount();
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
            float[] x = m.preprocessor().transform(table, rows);
            SavedModel.Scores ours = m.predict(table);
            byte[] bytes = OnnxExport.write(m, OnnxExport.Precision.FLOAT32, "test");
            OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(bytes);
            assertEquals(OnnxExport.OPSET, proto.getOpsetImport(0).getVersion());
            boolean regression = m.task() == TrainingSpec.Task.REGRESSION;
            try (OnnxScorer s = OnnxScorer.load(bytes, 1)) {
                float[] out = s.run(x, n);
                int k = s.outputs();
                double worst = 0;
                for (int i = 0; i < n; i++) {
                    if (k == 1) {
                        double scale = regression ? Math.max(1, Math.abs(ours.score()[i])) : 1;
                        worst = Math.max(worst, Math.abs(out[i] - ours.score()[i]) / scale);
                    } else {
                        for (int c = 0; c < k; c++) {
                            worst = Math.max(worst, Math.abs(out[i * k + c] - ours.probabilities()[i * k + c]));
                        }
                    }
                }
                // probabilities to 1e-5; a regression's value (float32 of a value in the hundreds) to 1e-5 relative
                assertTrue(worst <= 1e-5, model + ": max abs diff " + worst);
                assertEquals(m.target(), s.metadata().get("mlwb.target"));
            }
            byte[] int8 = OnnxExport.write(m, OnnxExport.Precision.INT8, "test");
            List<String> ops = OnnxMl.ModelProto.parseFrom(int8).getGraph().getNodeList().stream()
                    .map(OnnxMl.NodeProto::getOpType).toList();
            assertTrue(ops.contains("MatMulInteger") && ops.contains("DynamicQuantizeLinear") && !ops.contains("Gemm"),
                    ops.toString());
            try (OnnxScorer s = OnnxScorer.load(int8, 1)) {
                float[] out = s.run(x, n);
                assertEquals(n * s.outputs(), out.length);
                for (float v : out) {
                    assertTrue(Float.isFinite(v), "int8 output " + v);
                }
            }
        }
    }

    private Path train(String model) throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("training"));
        Files.writeString(root.resolve("data/d.csv"), csv(500, 7));
        String spec = """
                dataset: {name: d, path: data/d.csv}
                split: {strategy: random, validation_fraction: 0.15, test_fraction: 0.25}
                optimizer: {type: adam, learning_rate: 0.02}
                batch_size: 64
                epochs: 4
                seed: 3
                device: cpu
                """ + model + "\n";
        if (!model.contains("target:")) {
            spec += "target: churned\n";
        }
        Files.writeString(root.resolve("training/s.yaml"), spec);
        Project project = new Project(root, ProjectConfig.named("onnx"), List.of());
        TrainResult r = new TrainingService(project, null, null, new TrainingSettings(0.1, 2.5, 0, false),
                Clock.systemUTC()).train(TrainRequest.spec(Path.of("training/s.yaml"), List.of()), null, null,
                Progress.NONE);
        return r.model();
    }

    /** Numbers with missing cells, a category, a boolean; a binary, a multi-class and a numeric target. */
    static String csv(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("tenure,region,calls,member,plan,spend,churned\n");
        String[] regions = {"north", "south", "east", "west", "centre"};
        String[] plans = {"basic", "plus", "pro"};
        for (int i = 0; i < n; i++) {
            double tenure = 1 + 60 * r.nextDouble();
            int region = r.nextInt(5);
            int calls = r.nextInt(6);
            boolean member = r.nextBoolean();
            double z = -1 - 0.05 * tenure + 0.5 * calls + (region == 0 ? 0.8 : 0) - (member ? 0.5 : 0);
            String y = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? "yes" : "no";
            String plan = plans[(int) Math.min(2, tenure / 21)];
            double spend = 20 + 2.5 * tenure + 10 * calls + r.nextGaussian() * 5;
            sb.append(i % 41 == 0 ? "" : String.format(Locale.ROOT, "%.1f", tenure)).append(',')
                    .append(regions[region]).append(',').append(calls).append(',').append(member).append(',')
                    .append(plan).append(',').append(String.format(Locale.ROOT, "%.2f", spend)).append(',')
                    .append(y).append('\n');
        }
        return sb.toString();
    }
}
