package io.mlwb.app.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.project.ProjectFeature;
import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which items the dataset editor opens, and how a dataset or file resolves to what is profiled. */
class DatasetFeatureTest {
    @TempDir
    Path dir;

    @Test
    void opensDatasetsAndDataFilesAboveTheTextViewer() {
        Contributions c = Contributions.of(List.of(new ProjectFeature(), new DatasetFeature()));
        for (String file : List.of("a.csv", "data/B.TSV", "x.jsonl", "x.csv.gz", "y.tsv.gz", "z.jsonl.gz")) {
            assertEquals(DatasetFeature.KIND, c.editorFor(ItemRef.file(file)).orElseThrow().id(), file);
        }
        assertEquals(DatasetFeature.KIND, c.editorFor(new ItemRef("dataset", "loans")).orElseThrow().id());
        assertEquals(ProjectFeature.TEXT_EDITOR, c.editorFor(ItemRef.file("train.py")).orElseThrow().id());
        assertEquals(ProjectFeature.TEXT_EDITOR, c.editorFor(ItemRef.file("notes.gz")).orElseThrow().id());
        ActionSpec profile = c.actions().stream().filter(a -> a.id().equals(DatasetFeature.PROFILE_ACTION))
                .findFirst().orElseThrow();
        assertEquals("Project", profile.menu());
    }

    @Test
    void resolvesDeclaredDatasetsAndFiles() throws Exception {
        DatasetProjects.create(dir, 10);
        try (OpenProject p = OpenProject.open(dir)) {
            DatasetSource declared = DatasetFeature.source(p, new ItemRef("dataset", "loans"));
            assertNull(declared.problem());
            assertEquals("loans", declared.title());
            assertEquals(p.root().resolve("data/loans.csv"), declared.file());
            assertEquals(Optional.of("defaulted"), declared.target());
            assertEquals(1, declared.rules().size());

            // the file of a declared dataset gets the dataset's options and rules
            DatasetSource byPath = DatasetFeature.source(p, ItemRef.file("data/loans.csv"));
            assertEquals("loans.csv", byPath.title());
            assertEquals(Optional.of("defaulted"), byPath.target());

            DatasetSource unknown = DatasetFeature.source(p, new ItemRef("dataset", "nope"));
            assertNotNull(unknown.problem());
            assertTrue(unknown.problem().getMessage().contains("nope"));

            assertNotNull(DatasetFeature.source(p, ItemRef.file("../outside.csv")).problem());
        }
    }
}
