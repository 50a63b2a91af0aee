package io.mlwb.app.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.shell.CatalogState;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.Catalog;
import io.mlwb.data.history.ProfileStore;
import io.mlwb.data.history.StoredProfile;
import io.mlwb.data.profile.ProfileJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dataset pane uses the catalog as its cache: one profile per file version, unless asked again. */
class DatasetViewModelCacheTest {
    @TempDir
    Path dir;

    private final InlineJobs jobs = new InlineJobs();
    private final RecordingErrors errors = new RecordingErrors();
    private OpenProject project;

    @AfterEach
    void close() {
        if (project != null) {
            project.close();
        }
    }

    private DatasetViewModel open(ItemRef ref) {
        DatasetSource source = DatasetFeature.source(project, ref);
        return new DatasetViewModel(source, DatasetFeature.service(project), jobs, errors);
    }

    private long count(String table) {
        return project.catalog().orElseThrow().read("count " + table, c -> {
            try (var st = c.prepareStatement("SELECT COUNT(*) FROM " + table); var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void commitAll(Path dir) throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Ada Tester");
            config.setString("user", null, "email", "ada@example.org");
            config.setBoolean("commit", null, "gpgsign", false);
            config.save();
            git.add().addFilepattern(".").call();
            git.commit().setMessage("data").setSign(false).call();
        }
    }

    @Test
    void theSecondOpenOfAFileVersionUsesTheStoredProfileAndProfileAgainRecomputes() throws Exception {
        DatasetProjects.create(dir, 200);
        commitAll(dir);
        project = OpenProject.open(dir);
        ItemRef loans = new ItemRef("dataset", "loans");

        DatasetViewModel first = open(loans);
        first.profile();
        assertEquals(DatasetViewModel.State.READY, first.stateProperty().get());
        assertFalse(first.cachedProperty().get());
        assertEquals("", first.cacheNoteProperty().get());
        assertEquals(1, count("profile"));
        assertEquals(1, count("quality_check")); // the one not_null rule
        StoredProfile stored = new ProfileStore(project.catalog().orElseThrow()).history("loans").get(0);
        assertFalse(stored.dirty(), "committed bytes record their commit");
        assertEquals("data/loans.csv", stored.version().path());

        // a new pane on the same bytes: no new profile, the same figures, the table still read and the rules checked
        DatasetViewModel second = open(loans);
        second.profile();
        assertEquals(DatasetViewModel.State.READY, second.stateProperty().get());
        assertTrue(second.cachedProperty().get());
        assertTrue(second.cacheNoteProperty().get().startsWith(
                Messages.format("dataset.overview.cached", "").substring(0, 20)), second.cacheNoteProperty().get());
        assertEquals(1, count("profile"));
        assertEquals(1, count("quality_check"));
        assertEquals(ProfileJson.toJson(first.profileProperty().get()),
                ProfileJson.toJson(second.profileProperty().get()));
        assertEquals(200, second.previewRowsProperty().get().size());
        assertEquals(RuleStatus.PASS, second.rules().get(0).status());
        // the plain file path of a declared dataset finds the same version
        DatasetViewModel byPath = open(ItemRef.file("data/loans.csv"));
        byPath.profile();
        assertTrue(byPath.cachedProperty().get());

        // "Profile again" recomputes and records a new profile
        second.profileAgain();
        assertFalse(second.cachedProperty().get());
        assertEquals("", second.cacheNoteProperty().get());
        assertEquals(2, count("profile"));
        assertTrue(errors.errors.isEmpty(), () -> "errors: " + errors.errors);
    }

    @Test
    void aChangedFileIsProfiledAnewAsAnUncommittedVersion() throws Exception {
        DatasetProjects.create(dir, 100);
        commitAll(dir);
        project = OpenProject.open(dir);
        ItemRef loans = new ItemRef("dataset", "loans");
        open(loans).profile();
        assertEquals(1, count("profile"));

        SampleData.loans(dir, "data/loans.csv", 120);
        DatasetViewModel changed = open(loans);
        changed.profile();

        assertFalse(changed.cachedProperty().get());
        assertEquals("120", changed.rowsProperty().get());
        assertEquals(2, count("profile"));
        List<StoredProfile> history = new ProfileStore(project.catalog().orElseThrow()).history("loans");
        assertEquals(2, history.size());
        assertTrue(history.get(1).dirty(), "changed bytes are not in HEAD");
        assertNull(history.get(1).commitSha());
    }

    @Test
    void aPlainDataFileIsRecordedUnderItsPath() throws Exception {
        DatasetProjects.create(dir, 30);
        Path other = dir.resolve("data/other.csv");
        Files.writeString(other, "a,b\n1,x\n2,y\n3,x\n", StandardCharsets.UTF_8);
        project = OpenProject.open(dir); // nothing committed: an unborn branch
        open(ItemRef.file("data/other.csv")).profile();
        DatasetViewModel again = open(ItemRef.file("data/other.csv"));
        again.profile();
        assertTrue(again.cachedProperty().get());
        List<StoredProfile> history = new ProfileStore(project.catalog().orElseThrow()).history("data/other.csv");
        assertEquals(1, history.size());
        assertTrue(history.get(0).dirty());
    }

    @Test
    void aBrokenOrClosedCatalogDoesNotStopProfiling() throws Exception {
        DatasetProjects.create(dir, 50);
        Path catalogFile = dir.resolve(".mlwb/catalog.db");
        Files.createDirectories(catalogFile.getParent());
        Files.write(catalogFile, "this is not a database, just some text".repeat(40).getBytes(StandardCharsets.UTF_8));
        project = OpenProject.open(dir);
        assertEquals(CatalogState.ERROR, project.catalogState());
        DatasetViewModel vm = open(new ItemRef("dataset", "loans"));
        vm.profile();
        assertEquals(DatasetViewModel.State.READY, vm.stateProperty().get());
        assertFalse(vm.cachedProperty().get());
        assertTrue(errors.errors.isEmpty(), () -> "errors: " + errors.errors);
        assertTrue(vm.warnings().stream().anyMatch(w -> w.contains("not recorded")), () -> "notes: " + vm.warnings());
        project.close();

        // a catalog that fails under the job (here: closed) is a miss and a skipped store, never an error
        Files.delete(catalogFile);
        project = OpenProject.open(dir);
        Catalog catalog = project.catalog().orElseThrow();
        catalog.close();
        DatasetViewModel closed = open(new ItemRef("dataset", "loans"));
        closed.profile();
        assertEquals(DatasetViewModel.State.READY, closed.stateProperty().get());
        assertNotNull(closed.profileProperty().get());
        assertTrue(errors.errors.isEmpty(), () -> "errors: " + errors.errors);
    }
}
