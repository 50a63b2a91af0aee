package io.mlwb.app.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.dataset.DatasetFeature;
import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.shell.CatalogSection;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.shell.CatalogState;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTreeViewModelTest {
    /** The sections the installed features register, as the workbench passes them. */
    private static final List<CatalogSection> SECTIONS = Contributions.discover().catalogSections();
    /** The dataset feature's section. */
    private static final CatalogSection DATASETS = Contributions.of(List.of(new DatasetFeature())).catalogSections()
            .get(0);

    @TempDir
    Path dir;

    private final List<ItemRef> opened = new ArrayList<>();
    private final ProblemsModel problems = new ProblemsModel();
    private OpenProject project;
    private ProjectTreeViewModel vm;

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
        if (project != null) {
            project.close();
        }
    }

    private ProjectTreeViewModel open() {
        project = OpenProject.open(dir);
        vm = new ProjectTreeViewModel(project, SECTIONS, new InlineJobs(problems), opened::add);
        vm.expand(vm.root());
        return vm;
    }

    private static List<String> labels(ProjectNode node) {
        return node.children().stream().map(ProjectNode::label).toList();
    }

    private static ProjectNode child(ProjectNode node, String label) {
        return node.children().stream().filter(n -> n.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError(label + " not in " + labels(node)));
    }

    @Test
    void childrenAreFoldersFirstThenFilesByNameIgnoringCaseThenTheCatalog() throws Exception {
        TestProjects.committed(dir);
        Files.createDirectories(dir.resolve("zeta"));
        Files.createDirectories(dir.resolve("Beta"));
        TestProjects.write(dir, "b.txt", "b");
        TestProjects.write(dir, "A.txt", "a");
        TestProjects.write(dir, "C.TXT", "c");

        open();

        assertEquals(dir.getFileName().toString(), vm.root().label());
        assertEquals(List.of(".mlwb", "Beta", "data", "src", "zeta", ".gitignore", "A.txt", "b.txt", "C.TXT",
                "mlwb.yaml", "README.md", "Catalog"), labels(vm.root()));
        ProjectNode data = child(vm.root(), "data");
        assertTrue(data.children().isEmpty(), "folders load only when expanded");
        vm.expand(data);
        assertEquals(List.of("train.csv"), labels(data));
        assertEquals("data/train.csv", data.children().get(0).path());
        assertTrue(problems.problems().isEmpty(), () -> problems.problems().toString());
    }

    @Test
    void statusesMapToStyleClassesAndFoldersTakeTheStrongest() throws Exception {
        TestProjects.committed(dir);
        TestProjects.write(dir, "README.md", "# changed\n");          // modified
        TestProjects.write(dir, "notes.txt", "new\n");                // untracked
        TestProjects.write(dir, "debug.log", "noise\n");              // ignored by *.log
        TestProjects.write(dir, "staged.txt", "staged\n");            // added
        TestProjects.stage(dir, "staged.txt");
        TestProjects.write(dir, "data/train.csv", "a,b\n9,9\n");      // data: modified + untracked -> modified
        TestProjects.write(dir, "data/extra.csv", "x\n");
        TestProjects.write(dir, "fresh/one.txt", "1\n");              // fresh: untracked only

        open();
        ProjectNode root = vm.root();

        assertEquals("git-modified", child(root, "README.md").status().styleClass());
        assertEquals("git-untracked", child(root, "notes.txt").status().styleClass());
        assertEquals("git-ignored", child(root, "debug.log").status().styleClass());
        assertEquals("git-added", child(root, "staged.txt").status().styleClass());
        assertEquals(GitStatus.NONE, child(root, "mlwb.yaml").status());
        assertEquals(GitStatus.IGNORED, child(root, ".mlwb").status());
        assertEquals(GitStatus.MODIFIED, child(root, "data").status());
        assertEquals(GitStatus.UNTRACKED, child(root, "fresh").status());
        assertEquals(GitStatus.NONE, child(root, "src").status());
        assertEquals(GitStatus.MODIFIED, root.status());

        vm.expand(child(root, "data"));
        assertEquals(GitStatus.UNTRACKED, child(child(root, "data"), "extra.csv").status());
        ProjectNode state = child(root, ".mlwb");
        vm.expand(state);
        assertEquals(GitStatus.IGNORED, child(state, "catalog.db").status(), "inside an ignored folder");
    }

    @Test
    void refreshPicksUpNewFilesKeepsExistingNodesAndUpdatesStatus() throws Exception {
        TestProjects.committed(dir);
        open();
        ProjectNode readme = child(vm.root(), "README.md");
        assertEquals(GitStatus.NONE, readme.status());

        TestProjects.write(dir, "README.md", "# changed\n");
        TestProjects.write(dir, "later.txt", "x\n");
        vm.refresh();

        assertSame(readme, child(vm.root(), "README.md"));
        assertEquals(GitStatus.MODIFIED, readme.status());
        assertEquals(GitStatus.UNTRACKED, child(vm.root(), "later.txt").status());
    }

    @Test
    void catalogSectionsListWhatTheCatalogHolds() throws Exception {
        TestProjects.committed(dir);
        project = OpenProject.open(dir);
        new DatasetRepository(project.catalog().orElseThrow()).register("applications_2023", "loans");
        vm = new ProjectTreeViewModel(project, SECTIONS, new InlineJobs(problems), opened::add);
        vm.expand(vm.root());

        ProjectNode catalog = child(vm.root(), "Catalog");
        assertEquals(ProjectNode.Kind.CATALOG, catalog.kind());
        vm.expand(catalog);
        assertEquals(SECTIONS.stream().map(CatalogSection::title).toList(), labels(catalog));
        ProjectNode datasets = child(catalog, DATASETS.title());
        vm.expand(datasets);
        assertEquals(List.of("applications_2023"), labels(datasets));
        vm.open(datasets.children().get(0));
        assertEquals(List.of(new ItemRef("dataset", "applications_2023")), opened);
    }

    @Test
    void withNoSectionRegisteredThereIsNoCatalogNode() throws Exception {
        TestProjects.committed(dir);
        project = OpenProject.open(dir);
        vm = new ProjectTreeViewModel(project, List.of(), new InlineJobs(problems), opened::add);
        vm.expand(vm.root());
        assertTrue(vm.root().children().stream().noneMatch(n -> n.kind() == ProjectNode.Kind.CATALOG),
                () -> labels(vm.root()).toString());
        assertTrue(vm.root().children().stream().anyMatch(n -> n.label().equals("README.md")));
    }

    /** The loaded section with {@code id} under the Catalog node, found by the sections' own ids. */
    private ProjectNode section(String id) {
        ProjectNode catalog = vm.root().children().stream().filter(n -> n.kind() == ProjectNode.Kind.CATALOG)
                .findFirst().orElseThrow();
        vm.expand(catalog);
        ProjectNode section = catalog.children().stream().filter(n -> n.section().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + labels(catalog)));
        vm.expand(section);
        return section;
    }

    /** A section as a runs feature will register it: runs from the catalog, reloaded when a run is created. */
    private static final CatalogSection RUNS = new CatalogSection("test-runs", "Runs", AppIcon.RUNS, 20,
            p -> new RunRepository(p.catalog().orElseThrow()).list(0, 50).stream()
                    .map(r -> new CatalogSection.CatalogItem(r.name(), new ItemRef("run", String.valueOf(r.id()))))
                    .toList(),
            e -> e instanceof CatalogEvent.RunCreated);

    @Test
    void aCatalogChangeReloadsOnlyTheSectionsItConcerns() throws Exception {
        TestProjects.committed(dir);
        InlineJobs jobs = new InlineJobs(problems);
        project = OpenProject.open(dir);
        vm = new ProjectTreeViewModel(project, List.of(DATASETS, RUNS), jobs, opened::add);
        vm.expand(vm.root());
        ProjectNode runs = section(RUNS.id());
        ProjectNode datasets = section(DATASETS.id());
        assertTrue(runs.children().isEmpty());

        long id;
        try (Catalog other = Catalog.open(project.catalog().orElseThrow().file())) {   // as the CLI would
            id = new RunRepository(other).create(NewRun.named("baseline")).id();
            new DatasetRepository(other).register("loans", null);
        }
        int before = jobs.titles().size();
        vm.onCatalogEvents(List.of(new CatalogEvent.MetricsAppended(id, Set.of("loss"))));
        assertEquals(before, jobs.titles().size(), "metric points concern no section");
        assertTrue(runs.children().isEmpty());

        vm.onCatalogEvents(List.of(new CatalogEvent.RunCreated(id)));
        assertEquals(List.of("baseline"), labels(runs));
        assertEquals(before + 1, jobs.titles().size(), "a new run reloads the runs, not the datasets");
        assertTrue(!labels(datasets).contains("loans"), labels(datasets).toString());

        vm.onCatalogEvents(List.of(new CatalogEvent.ProfileStored(1, "loans")));
        assertTrue(labels(datasets).contains("loans"), labels(datasets).toString());

        vm.onCatalogEvents(List.of(new CatalogEvent.ChangesMissed(3)));
        assertEquals(before + 4, jobs.titles().size(), "changes missed reload every loaded section");
        assertTrue(problems.problems().isEmpty(), () -> problems.problems().toString());
    }

    @Test
    void watchingFollowsAnotherWriterOfTheCatalog() throws Exception {
        TestProjects.committed(dir);
        project = OpenProject.open(dir);
        vm = new ProjectTreeViewModel(project, List.of(DATASETS, RUNS), new InlineJobs(problems), opened::add);
        vm.expand(vm.root());
        ProjectNode runs = section(RUNS.id());
        ConcurrentLinkedQueue<Runnable> fx = new ConcurrentLinkedQueue<>();
        vm.startWatching(fx::add);
        try (Catalog other = Catalog.open(project.catalog().orElseThrow().file())) {
            new RunRepository(other).create(NewRun.named("from the CLI"));
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (runs.children().isEmpty() && System.nanoTime() < deadline) {
            Runnable r = fx.poll();
            if (r != null) {
                r.run();
            } else {
                Thread.sleep(20);
            }
        }
        assertEquals(List.of("from the CLI"), labels(runs));
        vm.stopWatching();
    }

    @Test
    void anUnreadableCatalogGivesEmptySectionsWithoutErrors() throws Exception {
        TestProjects.committed(dir);
        TestProjects.write(dir, ".mlwb/catalog.db", "this is not a SQLite database, just text that is long enough");
        open();
        assertEquals(CatalogState.ERROR, project.catalogState());
        ProjectNode catalog = child(vm.root(), "Catalog");
        vm.expand(catalog);
        ProjectNode datasets = child(catalog, DATASETS.title());
        vm.expand(datasets);
        assertTrue(datasets.children().isEmpty());
        assertTrue(problems.problems().isEmpty(), () -> problems.problems().toString());
    }

    @Test
    void openingAFileOpensItsRefButFoldersOpenNothing() throws Exception {
        TestProjects.committed(dir);
        open();
        ProjectNode src = child(vm.root(), "src");
        vm.open(src);
        assertTrue(opened.isEmpty());
        vm.expand(src);
        vm.open(child(src, "model.py"));
        assertEquals(List.of(ItemRef.file("src/model.py")), opened);
        assertEquals(dir.toAbsolutePath().normalize().resolve("src/model.py"), vm.absolutePath(child(src, "model.py")));
    }

    @Test
    void watchingRefreshesTheChangedFolder() throws Exception {
        TestProjects.committed(dir);
        open();
        ProjectNode src = child(vm.root(), "src");
        vm.expand(src);
        ConcurrentLinkedQueue<Runnable> fx = new ConcurrentLinkedQueue<>();
        vm.startWatching(fx::add);
        assertTrue(vm.watching());

        TestProjects.write(dir, "src/train.py", "x = 1\n");

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (src.children().stream().noneMatch(n -> n.label().equals("train.py")) && System.nanoTime() < deadline) {
            Runnable r = fx.poll();
            if (r != null) {
                r.run();
            } else {
                Thread.sleep(20);
            }
        }
        ProjectNode added = child(src, "train.py");
        assertNotNull(added);
        assertEquals(GitStatus.UNTRACKED, added.status());
        vm.close();
        assertTrue(!vm.watching());
    }
}
