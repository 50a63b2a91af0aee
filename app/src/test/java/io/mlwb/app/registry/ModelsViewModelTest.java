package io.mlwb.app.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Models tool window's list over a real catalog: one row per model with versions, aliases, latest and cost. */
class ModelsViewModelTest {
    @TempDir
    Path dir;

    @Test
    void listsEachModelWithItsVersionsAliasesLatestAndCost() throws Exception {
        try (RegistryProject p = new RegistryProject(dir)) {
            InlineJobs jobs = new InlineJobs();
            ModelsViewModel vm = new ModelsViewModel(p.registry(), jobs, null);
            vm.refresh();
            assertTrue(vm.rows().isEmpty());
            assertEquals("", vm.messageProperty().get(), "the empty table's placeholder says what to do");

            ModelRegistry registry = p.registry();
            registry.register(p.run("a", RegistryProject.SIG, 0.5), "churn", "champion", null, false, "ada");
            registry.register(p.run("b", RegistryProject.SIG, 0.25), "churn", "challenger", null, false, "ada");
            registry.register(p.run("c", RegistryProject.SIG, null), "risk", null, null, false, "ada");
            registry.retire(ModelRef.parse("churn@2"), "worse", null, "ada");
            vm.onCatalogChange(List.of(new CatalogEvent.ModelChanged(1)));
            assertEquals(List.of(new ModelsViewModel.Row("churn", 2, "champion → v1", "v1", "$0.75"),
                    new ModelsViewModel.Row("risk", 1, "", "v1", "")), vm.rows());
            assertEquals(Messages.format("registry.models.count", 2), vm.messageProperty().get());
            assertTrue(jobs.reported().isEmpty());
        }
    }

    @Test
    void onlyRegistryChangesAreReadAgain() {
        assertTrue(ModelsViewModel.concerns(List.of(new CatalogEvent.ModelChanged(3))));
        assertTrue(ModelsViewModel.concerns(List.of(new CatalogEvent.ChangesMissed(9))));
        assertTrue(ModelsViewModel.concerns(List.of(new CatalogEvent.RunUpdated(2))), "a run's cost or name");
        assertFalse(ModelsViewModel.concerns(List.of(new CatalogEvent.MetricsAppended(2, Set.of("loss")),
                new CatalogEvent.RunCreated(4))));
    }

    @Test
    void withoutACatalogItSaysWhy() {
        ModelsViewModel vm = new ModelsViewModel(null, new InlineJobs(), "no catalog here");
        vm.refresh();
        assertEquals("no catalog here", vm.messageProperty().get());
    }
}
