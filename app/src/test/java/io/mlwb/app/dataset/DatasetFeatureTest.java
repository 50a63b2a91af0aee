package io.mlwb.app.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.project.ProjectFeature;
import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.CatalogSection;
import io.mlwb.app.shell.CatalogSection.CatalogItem;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.catalog.dataset.DatasetRepository;
import java.nio.file.Files;
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
        for (String file : List.of("a.csv", "data/B.TSV", "x.jsonl", "x.csv.gz", "y.tsv.gz", "z.jsonl.gz",
                "w.parquet")) {
            assertEquals(DatasetFeature.KIND, c.editorFor(ItemRef.file(file)).orElseThrow().id(), file);
        }
        assertEquals(DatasetFeature.KIND, c.editorFor(new ItemRef("dataset", "loans")).orElseThrow().id());
        assertEquals(ProjectFeature.TEXT_EDITOR, c.editorFor(ItemRef.file("train.py")).orElseThrow().id());
        assertEquals(ProjectFeature.TEXT_EDITOR, c.editorFor(ItemRef.file("notes.gz")).orElseThrow().id());
        ActionSpec profile = c.action(DatasetFeature.PROFILE_ACTION).orElseThrow();
        assertEquals(ProjectFeature.MENU, profile.menu());
        assertTrue(c.toolbar().stream().anyMatch(t -> t.actionId().equals(DatasetFeature.PROFILE_ACTION)));
        c.check();
    }

    @Test
    void registersTheDatasetsSectionAndNoOther() {
        Contributions c = Contributions.of(List.of(new DatasetFeature()));
        assertEquals(List.of(DatasetFeature.SECTION), c.catalogSections().stream().map(CatalogSection::id).toList());
    }

    @Test
    void theDatasetsSectionListsMlwbYamlThenCatalogOnlyDatasetsOnceEach() throws Exception {
        DatasetProjects.create(dir, 10);
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: demo\ndatasets:\n"
                + "  - name: train\n    path: data/train.csv\n  - name: test\n    path: data/test.csv\n");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/extra.csv"), "a\n1\n");
        CatalogSection datasets = Contributions.of(List.of(new DatasetFeature())).catalogSections().get(0);

        try (OpenProject p = OpenProject.open(dir)) {
            assertEquals(List.of(new CatalogItem("train", new ItemRef(DatasetFeature.KIND, "train")),
                    new CatalogItem("test", new ItemRef(DatasetFeature.KIND, "test"))), datasets.items().apply(p));
            DatasetRepository repo = new DatasetRepository(p.catalog().orElseThrow());
            repo.register("old", null);
            repo.register("test", null);
            repo.register("data/extra.csv", null);
        }
        try (OpenProject p = OpenProject.open(dir)) {
            assertEquals(List.of(new CatalogItem("train", new ItemRef(DatasetFeature.KIND, "train")),
                    new CatalogItem("test", new ItemRef(DatasetFeature.KIND, "test")),
                    new CatalogItem("data/extra.csv", ItemRef.file("data/extra.csv")),
                    new CatalogItem("old", new ItemRef(DatasetFeature.KIND, "old"))), datasets.items().apply(p));
        }

        // a broken catalog and a broken mlwb.yaml each leave out only their own part
        Files.delete(dir.resolve(".mlwb/catalog.db"));
        Files.deleteIfExists(dir.resolve(".mlwb/catalog.db-wal"));
        Files.deleteIfExists(dir.resolve(".mlwb/catalog.db-shm"));
        Files.writeString(dir.resolve(".mlwb/catalog.db"), "not a database ".repeat(100));
        try (OpenProject p = OpenProject.open(dir)) {
            assertEquals(List.of("train", "test"), datasets.items().apply(p).stream().map(CatalogItem::label)
                    .toList());
        }
        Files.writeString(dir.resolve("mlwb.yaml"), "datasets: [[[\n");
        try (OpenProject p = OpenProject.open(dir)) {
            assertTrue(datasets.items().apply(p).isEmpty());
        }
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
