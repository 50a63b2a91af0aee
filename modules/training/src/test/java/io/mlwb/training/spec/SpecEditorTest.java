package io.mlwb.training.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.ProjectConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecEditorTest {
    private static final String SPEC = """
            # A spec with comments everywhere.
            dataset: d            # the data
            target: y

            model:
              type: mlp
              layers: [64, 32]    # two hidden layers
              dropout: 0.1
            optimizer: {type: adamw, learning_rate: 0.001}
            features:
              exclude:
                - notes
                - "free text"
            # trailing comment
            seed: 42
            """;

    @Test
    void replacingValuesKeepsEveryCommentAndLine() {
        String s = SpecEditor.set(SPEC, "model.layers", "[128, 64, 32]");
        s = SpecEditor.set(s, "optimizer.learning_rate", "0.01");
        s = SpecEditor.set(s, "seed", "7");
        s = SpecEditor.set(s, "model.dropout", "0.25");
        assertEquals(SPEC.replace("[64, 32]", "[128, 64, 32]").replace("0.001}", "0.01}").replace("seed: 42", "seed: 7")
                .replace("dropout: 0.1", "dropout: 0.25"), s);
    }

    @Test
    void missingKeysAreInsertedInTheirBlockOrFlowMap() {
        String s = SpecEditor.set(SPEC, "model.batch_norm", "true");
        assertTrue(s.contains("  dropout: 0.1\n  batch_norm: true\noptimizer:"), s);
        s = SpecEditor.set(s, "optimizer.weight_decay", "0.01");
        assertTrue(s.contains("optimizer: {type: adamw, learning_rate: 0.001, weight_decay: 0.01}"), s);
        s = SpecEditor.set(s, "early_stopping.patience", "5");
        assertTrue(s.endsWith("seed: 42\nearly_stopping:\n  patience: 5\n"), s);
        assertTrue(s.contains("# trailing comment") && s.contains("# two hidden layers"), s);
    }

    @Test
    void blockListsAndShorthandsBecomeFlow() {
        String s = SpecEditor.set(SPEC, "features.exclude", "[notes]");
        assertTrue(s.contains("  exclude: [notes]\n# trailing comment"), s);
        String shorthand = SpecEditor.set("dataset: d\noptimizer: adam   # fast\n", "optimizer.learning_rate", "0.1");
        assertEquals("dataset: d\noptimizer: {type: adam, learning_rate: 0.1}   # fast\n", shorthand);
    }

    @Test
    void theEditedSampleStillLoadsWithTheNewValues() throws Exception {
        Path mlp = Path.of("../../sample-projects/credit-risk/training/mlp.yaml");
        String text = Files.readString(mlp);
        String edited = SpecEditor.set(SpecEditor.set(SpecEditor.set(text, "model.layers", "[16]"), "epochs", "3"),
                "optimizer.momentum", "0.5");
        ProjectConfig project = new ProjectConfig(1, "p", null, null, null, List.of(new DatasetConfig(
                "applications_2023", "data/a.csv", null, null, null, null, "defaulted", "application_date",
                "application_id", null, null, null)), null, null, null);
        TrainingSpec spec = new TrainingSpecLoader().parse(edited, "mlp.yaml", project).spec();
        assertEquals(List.of(16), spec.model().layers());
        assertEquals(3, spec.epochs());
        long comments = text.lines().filter(l -> l.contains("#")).count();
        assertEquals(comments, edited.lines().filter(l -> l.contains("#")).count(), edited);
    }
}
