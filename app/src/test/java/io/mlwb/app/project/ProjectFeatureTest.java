package io.mlwb.app.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.shell.CatalogSection;
import io.mlwb.app.shell.CatalogSection.CatalogItem;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.shell.ToolWindowSpec;
import io.mlwb.catalog.dataset.DatasetRepository;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectFeatureTest {
    @Test
    void contributesTheToolWindowSectionsActionAndTextEditor() {
        Contributions c = Contributions.of(List.of(new ProjectFeature()));

        ToolWindowSpec window = c.toolWindows().get(0);
        assertEquals(List.of("project", "Project", ToolWindowSpec.Side.LEFT, "Alt+1"),
                List.of(window.id(), window.title(), window.side(), window.shortcut()));
        assertEquals(List.of("datasets", "runs", "models", "model-cards", "drift-reports", "deployments"),
                c.catalogSections().stream().map(s -> s.id()).toList());
        assertEquals(List.of(10, 20, 30, 40, 50, 60), c.catalogSections().stream().map(s -> s.order()).toList());
        assertEquals(List.of("project.refresh"), c.actions().stream().map(a -> a.id()).toList());
        assertEquals("text", c.editorFor(ItemRef.file("data/train.csv")).orElseThrow().id());
        assertTrue(c.editorFor(new ItemRef("dataset", "x")).isEmpty());
    }

    @Test
    void isFoundByServiceLoader() {
        assertTrue(Contributions.discover().toolWindows().stream().anyMatch(t -> t.id().equals("project")));
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void theDatasetsSectionListsMlwbYamlThenCatalogOnlyDatasetsOnceEach() throws Exception {
        TestProjects.committed(dir);
        TestProjects.write(dir, "mlwb.yaml", "schema_version: 1\nname: demo\ndatasets:\n"
                + "  - name: train\n    path: data/train.csv\n  - name: test\n    path: data/test.csv\n");
        TestProjects.write(dir, "data/extra.csv", "a\n1\n");
        CatalogSection datasets = ProjectFeature.sections().get(0);

        // no catalog yet (nothing profiled): the declared datasets, in mlwb.yaml order
        try (OpenProject p = OpenProject.open(dir)) {
            assertEquals(List.of(new CatalogItem("train", new ItemRef("dataset", "train")),
                    new CatalogItem("test", new ItemRef("dataset", "test"))), datasets.items().apply(p));
            DatasetRepository repo = new DatasetRepository(p.catalog().orElseThrow());
            repo.register("old", null);
            repo.register("test", null);
            repo.register("data/extra.csv", null);
        }
        try (OpenProject p = OpenProject.open(dir)) {
            assertEquals(List.of(new CatalogItem("train", new ItemRef("dataset", "train")),
                    new CatalogItem("test", new ItemRef("dataset", "test")),
                    new CatalogItem("data/extra.csv", ItemRef.file("data/extra.csv")),
                    new CatalogItem("old", new ItemRef("dataset", "old"))), datasets.items().apply(p));
        }

        // a broken catalog and a broken mlwb.yaml each leave out only their own part
        java.nio.file.Files.delete(dir.resolve(".mlwb/catalog.db"));
        java.nio.file.Files.writeString(dir.resolve(".mlwb/catalog.db"), "not a database ".repeat(100));
        try (OpenProject p = OpenProject.open(dir)) {
            assertEquals(List.of("train", "test"), datasets.items().apply(p).stream().map(CatalogItem::label)
                    .toList());
        }
        TestProjects.write(dir, "mlwb.yaml", "datasets: [[[\n");
        try (OpenProject p = OpenProject.open(dir)) {
            assertTrue(datasets.items().apply(p).isEmpty());
        }
    }
}
