package io.mlwb.app.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The form over the sample project's real MLP spec: saving keeps the file's comments, a bad value is refused. */
class SpecFormModelTest {
    @TempDir
    Path root;

    @Test
    void savesChangedFieldsIntoTheFileKeepingCommentsAndRefusesBadValues() throws Exception {
        Path sample = Path.of("../sample-projects/credit-risk");
        Files.copy(sample.resolve("mlwb.yaml"), root.resolve("mlwb.yaml"));
        Files.createDirectories(root.resolve("training"));
        Path spec = root.resolve("training/mlp.yaml");
        Files.copy(sample.resolve("training/mlp.yaml"), spec);
        String before = Files.readString(spec);
        SpecFormModel form = new SpecFormModel(root, Project.load(root).config());
        form.load("training/mlp.yaml");
        assertTrue(form.editableProperty().get(), form.messageProperty().get());
        assertEquals("[64, 32]", form.value("model.layers").get());
        form.value("optimizer.learning_rate").set("0.005");
        form.value("model.layers").set("[32]");
        assertTrue(form.save(), form.messageProperty().get());
        String after = Files.readString(spec);
        assertTrue(after.contains("learning_rate: 0.005") && after.contains("layers: [32]"), after);
        assertEquals(before.lines().filter(l -> l.contains("#")).count(),
                after.lines().filter(l -> l.contains("#")).count(), "every comment is kept");
        assertEquals(before.lines().count(), after.lines().count());

        form.value("optimizer.learning_rate").set("-1");
        assertFalse(form.save());
        assertTrue(form.messageProperty().get().contains("learning_rate"), form.messageProperty().get());
        assertEquals(after, Files.readString(spec), "nothing written for an invalid value");
    }
}
