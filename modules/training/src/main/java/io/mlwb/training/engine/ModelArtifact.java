package io.mlwb.training.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.training.spec.TrainingSpec;
import io.mlwb.training.spec.TrainingSpec.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The model of a run as one file, {@code model.zip}, which the deployment issue serves: {@code model.params} (DJL's
 * parameter format), {@code model.json} (architecture, task, label scaling, classes, threshold),
 * {@code preprocessing.json} (every fitted value), {@code signature.json} (input columns with their kinds, output)
 * and {@code spec.yaml} (the spec as trained).
 */
public final class ModelArtifact {
    /** The format written in {@code model.json}. */
    public static final int FORMAT = 1;

    private ModelArtifact() {
    }

    static Path write(Path file, TrainingSpec spec, String specYaml, PreparedData data, TrainLoop loop,
                      Evaluation eval) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(raw)) {
                entry(zip, "model.params", loop.parameters());
                ObjectNode model = TrainingService.json().createObjectNode();
                model.put("format", FORMAT);
                model.put("task", spec.task().name().toLowerCase(java.util.Locale.ROOT));
                model.set("model", TrainingService.json().valueToTree(spec.model()));
                model.put("inputs", data.width());
                model.put("label_mean", loop.yMean());
                model.put("label_scale", loop.yScale());
                model.put("target", spec.target());
                if (data.target().multiClass()) {
                    model.set("classes", TrainingService.json().valueToTree(data.target().classes()));
                } else if (spec.task() == Task.CLASSIFICATION) {
                    model.put("positive_class", data.target().positive());
                    model.put("negative_class", data.target().negative());
                    model.put("threshold", eval.threshold());
                }
                model.put("best_epoch", loop.bestEpoch());
                entry(zip, "model.json", model.toPrettyString().getBytes(StandardCharsets.UTF_8));
                entry(zip, "preprocessing.json", TrainingService.json().writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(data.preprocessor()));
                ObjectNode sig = TrainingService.json().createObjectNode();
                ArrayNode inputs = sig.putArray("inputs");
                for (Preprocessor.Feature f : data.preprocessor().features()) {
                    ObjectNode in = inputs.addObject();
                    in.put("name", f.column());
                    in.put("kind", f.kind());
                    in.put("nullable", true);
                }
                ObjectNode out = sig.putObject("output");
                if (data.target().multiClass()) {
                    out.put("probabilities", "P(" + spec.target() + " = c) for each of classes");
                    out.put("label", spec.target());
                } else if (spec.task() == Task.CLASSIFICATION) {
                    out.put("probability", "P(" + spec.target() + " = " + data.target().positive() + ")");
                    out.put("label", spec.target());
                } else {
                    out.put("value", spec.target());
                }
                entry(zip, "signature.json", sig.toPrettyString().getBytes(StandardCharsets.UTF_8));
                entry(zip, "spec.yaml", specYaml.getBytes(StandardCharsets.UTF_8));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw TrainingService.io("cannot write the model artifact " + file, e);
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0); // the same model gives the same bytes
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }
}
