package io.mlwb.training.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** Spec texts: {@code --set} overrides applied to a spec's YAML, and the spec a quick baseline writes. */
final class SpecText {
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private SpecText() {
    }

    /**
     * Applies {@code key=value} overrides. The value is read as YAML ({@code 0.01}, {@code [64, 32]}, {@code adam}).
     *
     * @param yaml      the spec text
     * @param overrides the overrides
     * @return the text with the overrides applied (the file's comments are not kept in this copy; the file itself
     *         is never changed)
     */
    static String applyOverrides(String yaml, List<String> overrides) {
        if (overrides.isEmpty()) {
            return yaml;
        }
        try {
            JsonNode root = YAML.readTree(yaml);
            if (!(root instanceof ObjectNode top)) {
                throw new UserError("the spec is not a mapping, so --set cannot apply", "Fix the spec first.");
            }
            for (String o : overrides) {
                int eq = o.indexOf('=');
                if (eq <= 0) {
                    throw new UserError("--set " + o + " is not key=value", "Write e.g. --set optimizer.learning_rate=0.01");
                }
                String key = o.substring(0, eq).trim();
                JsonNode value = parseValue(o.substring(eq + 1));
                ObjectNode at = top;
                String[] parts = key.split("\\.");
                for (int i = 0; i < parts.length - 1; i++) {
                    JsonNode next = at.get(parts[i]);
                    if (next == null || !next.isObject()) {
                        // `model: mlp` style shorthands become a mapping with their value as `type`
                        ObjectNode made = at.objectNode();
                        if (next != null && next.isValueNode()) {
                            made.set("type", next);
                        }
                        at.set(parts[i], made);
                        next = made;
                    }
                    at = (ObjectNode) next;
                }
                at.set(parts[parts.length - 1], value);
            }
            return YAML.writeValueAsString(top);
        } catch (IOException e) {
            throw new UserError("cannot apply --set to the spec: " + e.getMessage(), "Check the spec and the values.");
        }
    }

    private static JsonNode parseValue(String text) throws IOException {
        String t = text.trim();
        if (t.isEmpty()) {
            return YAML.getNodeFactory().textNode("");
        }
        JsonNode n = YAML.readTree(t);
        return n == null ? YAML.getNodeFactory().nullNode() : n;
    }

    /**
     * The spec a quick baseline trains and saves.
     *
     * @param q        the options
     * @param dataPath the data file relative to the project root (forward slashes)
     * @param task     classification or regression (the target's shape decided)
     * @return YAML text
     */
    static String quickSpec(TrainRequest.Quick q, String dataPath, io.mlwb.training.spec.TrainingSpec.Task task) {
        String model = q.model() == null ? (task == io.mlwb.training.spec.TrainingSpec.Task.REGRESSION ? "linear"
                : "logistic") : q.model().toLowerCase(Locale.ROOT);
        String split = q.split() == null ? (task == io.mlwb.training.spec.TrainingSpec.Task.REGRESSION ? "random"
                : "stratified") : q.split();
        String name = stem(Path.of(dataPath));
        boolean regression = task == io.mlwb.training.spec.TrainingSpec.Task.REGRESSION;
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by `mlwb train --data ").append(dataPath).append(" --target ").append(q.target())
                .append(" --model ").append(model).append(" --split ").append(split).append("` on ")
                .append(LocalDate.now()).append(".\n# Edit it and train it again with `mlwb train ")
                .append("training/").append(name).append('_').append(model).append(".yaml`; keys: docs/training-spec.md.\n");
        sb.append("dataset:\n  name: ").append(quote(name)).append("\n  path: ").append(quote(dataPath)).append('\n');
        sb.append("target: ").append(quote(q.target())).append('\n');
        sb.append("split:\n");
        if (split.startsWith("time:")) {
            sb.append("  strategy: time\n  time_column: ").append(quote(split.substring(5))).append('\n');
        } else if (split.equals("stratified")) {
            if (regression) {
                throw new UserError("--split stratified needs a classification target; " + q.target()
                        + " is numeric with many values", "Use --split random or time:COLUMN.");
            }
            sb.append("  strategy: random\n  stratified: true\n");
        } else if (split.equals("random")) {
            sb.append("  strategy: random\n");
        } else {
            throw new UserError("--split " + split + " is not random, stratified or time:COLUMN",
                    "Write e.g. --split time:applied_at.");
        }
        sb.append("  validation_fraction: 0.15\n  test_fraction: 0.2\n");
        sb.append("preprocessing:\n  standardize: true\n  one_hot:\n    max_categories: 30\n  impute:\n"
                + "    strategy: median\n");
        switch (model) {
            case "logistic", "linear" -> {
                if (model.equals("logistic") && regression) {
                    throw new UserError("--model logistic needs a binary target; " + q.target()
                            + " is numeric with many values", "Use --model linear or mlp.");
                }
                if (model.equals("linear") && !regression) {
                    throw new UserError("--model linear is a regression; " + q.target() + " is a binary target",
                            "Use --model logistic or mlp.");
                }
                sb.append("model:\n  type: ").append(model.equals("logistic") ? "logistic_regression"
                        : "linear_regression").append('\n');
                sb.append("loss:\n  type: ").append(regression ? "mse" : "bce").append('\n');
                sb.append("optimizer:\n  type: adam\n  learning_rate: 0.01\n  weight_decay: 0.0001\n");
                sb.append("lr_schedule:\n  type: reduce_on_plateau\n  factor: 0.5\n  patience: 2\n");
                sb.append("batch_size: 256\nepochs: 40\n");
                sb.append("early_stopping:\n  metric: val_loss\n  mode: min\n  patience: 5\n  min_delta: 0.0001\n");
            }
            case "mlp" -> {
                sb.append("model:\n  type: mlp\n  layers: [64, 32]\n  activation: relu\n  dropout: 0.1\n"
                        + "  batch_norm: true\n");
                sb.append("loss:\n  type: ").append(regression ? "mse" : "bce").append('\n');
                sb.append("optimizer:\n  type: adamw\n  learning_rate: 0.002\n  weight_decay: 0.0001\n");
                sb.append("lr_schedule:\n  type: reduce_on_plateau\n  factor: 0.5\n  patience: 2\n");
                sb.append("batch_size: 256\nepochs: 40\n");
                sb.append("early_stopping:\n  metric: val_loss\n  mode: min\n  patience: 5\n  min_delta: 0.0001\n");
            }
            default -> throw new UserError("--model " + q.model() + " is not logistic, linear or mlp",
                    "Pick one of logistic, linear, mlp.");
        }
        sb.append("checkpoint:\n  every_epochs: 1\n  keep_best: 2\n");
        sb.append("seed: 42\ndevice: auto\n");
        return sb.toString();
    }

    /** @return the file name without its extension(s) (.csv, .csv.gz, .parquet) */
    static String stem(Path file) {
        String n = file.getFileName().toString();
        for (String ext : List.of(".csv.gz", ".tsv.gz", ".csv", ".tsv", ".txt", ".parquet", ".jsonl", ".json")) {
            if (n.toLowerCase(Locale.ROOT).endsWith(ext)) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./-]+") && !s.matches("(?i)true|false|yes|no|null|on|off|[0-9.eE+-]+")) {
            return s;
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
