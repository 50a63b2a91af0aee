package io.mlwb.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.job.Progress;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import io.mlwb.training.engine.SavedModel;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The saved model scores the data exactly as the run scored its test split: for both sample specs, the predictions of
 * {@link Predictor} (what {@code mlwb predict} and the server use) equal the run's {@code predictions-test.csv} row
 * by row.
 */
class SavedModelMatchesRunTest {

    @Test
    void logisticBaselineMatchesItsTestPredictions() throws Exception {
        assertMatches(SampleProjectModels.logistic());
    }

    @Test
    void mlpMatchesItsTestPredictions() throws Exception {
        assertMatches(SampleProjectModels.mlp());
    }

    private static void assertMatches(SampleProjectModels.Run run) throws Exception {
        DataTable table = new TableReader().read(run.data(), ReadOptions.defaults(), Progress.NONE).table();
        List<String> lines = Files.readAllLines(run.predictions());
        List<String> head = List.of(lines.get(0).split(","));
        int rowCol = head.indexOf("row");
        int predCol = head.indexOf("prediction");
        int labelCol = head.indexOf("predicted_label");
        assertTrue(lines.size() > 1000, "test rows " + lines.size());
        try (Predictor p = Predictor.load(run.model(), 1)) {
            SavedModel.Scores s = p.score(table);
            double worst = 0;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                int row = Integer.parseInt(f[rowCol]) - 1;
                double want = Double.parseDouble(f[predCol]);
                worst = Math.max(worst, Math.abs(want - s.score()[row]));
                assertEquals(want, s.score()[row], 1e-6, "row " + (row + 1) + " of " + run.predictions());
                assertEquals(f[labelCol], s.label()[row], "label of row " + (row + 1));
            }
            assertTrue(worst <= 1e-6, "max abs diff " + worst);
        }
    }
}
