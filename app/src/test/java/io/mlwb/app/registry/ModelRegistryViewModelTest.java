package io.mlwb.app.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.core.error.UserError;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model pane's state over a real catalog and git repository with two registered versions: what it reads, and
 * every change (alias, stage, retirement) written through the registry with its audit entry, bad input refused
 * without a write, a refusal by the registry reported once.
 */
class ModelRegistryViewModelTest {
    @TempDir
    Path dir;
    private RegistryProject p;
    private ModelRegistry registry;
    private InlineJobs jobs;
    private long run1;
    private long run2;

    @BeforeEach
    void twoVersions() throws Exception {
        p = new RegistryProject(dir);
        registry = p.registry();
        run1 = p.run("baseline", RegistryProject.SIG, 0.004);
        run2 = p.run("tuned", RegistryProject.SIG, 0.25);
        registry.register(run1, "churn", "champion", "the baseline", false, "ada");
        registry.register(run2, "churn", null, null, false, "bob");
        jobs = new InlineJobs();
    }

    @AfterEach
    void close() {
        p.close();
    }

    private ModelRegistryViewModel vm() {
        ModelRegistryViewModel vm = new ModelRegistryViewModel(registry, jobs, "churn", "carol", null);
        vm.load();
        return vm;
    }

    private ModelVersion version(ModelRegistryViewModel vm, int n) {
        return vm.versions().stream().filter(v -> v.version() == n).findFirst().orElseThrow();
    }

    @Test
    void readsTheVersionsNewestFirstAndSelectsTheNewest() {
        ModelRegistryViewModel vm = vm();
        assertEquals(List.of(2, 1), vm.versions().stream().map(ModelVersion::version).toList());
        assertEquals(2, vm.selectedProperty().get().version());
        assertEquals(Messages.format("registry.model.summary", 2, 0, "churn@2", "$0.25"), vm.summaryProperty().get());
        ModelVersion v1 = version(vm, 1);
        assertEquals(List.of("champion"), v1.aliases());
        assertEquals("model/churn/v1", v1.gitTag());
        assertEquals("$0.0040", RegistryFormat.cost(v1));
        assertEquals("$0.000045", RegistryFormat.money(0.0000451), "no exponent");
        assertEquals("$1.50", RegistryFormat.money(1.5));
        assertEquals("#" + run1 + " baseline", RegistryFormat.run(v1));
        assertEquals(List.of(new ModelRegistryViewModel.Input("tenure", "numeric", true),
                new ModelRegistryViewModel.Input("plan", "categorical", true)), ModelRegistryViewModel.inputs(v1));
        List<ModelRegistryViewModel.Output> out = ModelRegistryViewModel.outputs(v1);
        assertEquals(new ModelRegistryViewModel.Output("probability", "P(churned = yes)"), out.get(0));
        assertTrue(out.contains(new ModelRegistryViewModel.Output("positive_class", "yes")), out.toString());
        assertTrue(jobs.reported().isEmpty());
    }

    @Test
    void anAliasIsSetMovedAndRemovedWithAuditEntries() {
        ModelRegistryViewModel vm = vm();
        assertTrue(vm.setAlias(" champion "));
        assertEquals(Map.of("champion", 2), registry.model("churn").orElseThrow().aliases(), "moved from v1 to v2");
        assertEquals(List.of("champion"), vm.selectedProperty().get().aliases(), "the pane read it again");
        assertEquals(2, vm.selectedProperty().get().version(), "the selection survives the read");
        assertEquals(Messages.format("registry.done.alias", "champion", "churn@2"), vm.messageProperty().get());
        vm.selectedProperty().set(version(vm, 1));
        assertTrue(vm.setAlias("challenger"));
        assertEquals(Map.of("champion", 2, "challenger", 1), registry.model("churn").orElseThrow().aliases());
        assertTrue(vm.removeAlias("challenger"));
        assertEquals(Map.of("champion", 2), registry.model("churn").orElseThrow().aliases());
        List<String> actions = actions();
        assertTrue(actions.contains("model.alias") && actions.contains("model.unalias"), actions.toString());
        assertEquals("carol", new AuditLog(p.catalog).list(0, 100).stream()
                .filter(e -> e.action().equals("model.unalias")).findFirst().orElseThrow().actor());
    }

    @Test
    void aBadAliasIsRefusedWithoutAWrite() {
        ModelRegistryViewModel vm = vm();
        int before = actions().size();
        assertFalse(vm.setAlias("Champion!"));
        assertEquals(Messages.format("registry.alias.bad", "Champion!"), vm.messageProperty().get());
        assertFalse(vm.setAlias("latest"));
        assertEquals(Messages.get("registry.alias.latest"), vm.messageProperty().get());
        assertFalse(vm.setAlias("  "));
        assertNull(ModelRegistryViewModel.aliasProblem("shadow-2"));
        assertEquals(before, actions().size(), "nothing written");
        assertTrue(jobs.titles().stream().noneMatch(t -> t.startsWith("Pointing")), jobs.titles().toString());
    }

    @Test
    void aStageIsSetAndTheSameStageIsNoChange() {
        ModelRegistryViewModel vm = vm();
        assertTrue(vm.setStage("production"));
        assertEquals("production", registry.resolve(ModelRef.parse("churn@2")).stage());
        assertEquals("production", vm.selectedProperty().get().stage());
        assertFalse(vm.setStage("production"), "already there");
        assertFalse(vm.setStage("archived"), "only by retiring");
        assertTrue(actions().contains("model.stage"));
    }

    @Test
    void retiringNeedsARationaleAndKeepsTheVersionTraceable() {
        ModelRegistryViewModel vm = vm();
        vm.selectedProperty().set(version(vm, 1));
        assertEquals(List.of(2), vm.successors().stream().map(ModelVersion::version).toList(), "not itself");
        assertFalse(vm.retire("  ", null));
        assertEquals(Messages.get("registry.retire.noRationale"), vm.messageProperty().get());
        assertFalse(registry.resolve(ModelRef.parse("churn@1")).retired());

        assertTrue(vm.retire("AUC below the tuned run", version(vm, 2)));
        ModelVersion retired = registry.resolve(ModelRef.parse("churn@1"));
        assertTrue(retired.retired());
        assertEquals("archived", retired.stage());
        assertEquals("churn@2", retired.successor());
        assertEquals(List.of(), retired.aliases(), "its alias went with it");
        ModelVersion shown = vm.selectedProperty().get();
        assertEquals(1, shown.version(), "still selected, still shown");
        assertTrue(shown.retired());
        String text = ModelRegistryViewModel.retirement(shown).orElseThrow();
        assertTrue(text.contains("AUC below the tuned run") && text.contains("churn@2"), text);
        assertTrue(vm.summaryProperty().get().startsWith(Messages.format("registry.model.summary", 2, 1, "churn@2",
                "$0.25").substring(0, 20)), vm.summaryProperty().get());
        // a retired version changes no more: the pane says so and writes nothing
        int before = actions().size();
        assertFalse(vm.setAlias("challenger"));
        assertFalse(vm.setStage("staging"));
        assertEquals(Messages.format("registry.retired.noChange", "churn@1"), vm.messageProperty().get());
        assertEquals(before, actions().size());
        assertEquals(List.of(2), vm.successors().stream().map(ModelVersion::version).toList());
        vm.selectedProperty().set(version(vm, 2));
        assertEquals(List.of(), vm.successors(), "the only version in service cannot succeed itself");
    }

    @Test
    void aChangeTheRegistryRefusesIsReportedOnceAndSaidInThePane() {
        ModelRegistryViewModel vm = vm();
        vm.selectedProperty().set(version(vm, 1));
        // another process retires v1 while the pane still shows it in service
        registry.retire(ModelRef.parse("churn@1"), "superseded", null, "cli");
        assertTrue(vm.setAlias("challenger"));
        assertEquals(1, jobs.reported().size());
        UserError e = UserError.find(jobs.reported().get(0).error()).orElseThrow();
        assertTrue(e.getMessage().contains("is retired"), e.getMessage());
        assertEquals(e.getMessage(), vm.messageProperty().get());
        assertTrue(vm.selectedProperty().get().retired(), "read again after the refusal");
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void openRunOpensTheSelectedVersionsRunAndCatalogEventsReadAgain() {
        ModelRegistryViewModel vm = vm();
        List<Long> opened = new ArrayList<>();
        vm.setOpenRun(opened::add);
        vm.selectedProperty().set(version(vm, 1));
        vm.openRun();
        assertEquals(List.of(run1), opened);
        List<String> lineage = new ArrayList<>();
        vm.setOpenLineage(lineage::add);
        vm.openLineage();
        assertEquals(List.of("model:churn@1"), lineage, "Show lineage opens the version's lineage");
        registry.setAlias(ModelRef.parse("churn@2"), "challenger", "cli");
        int reads = jobs.titles().size();
        vm.onCatalogChange(List.of(new CatalogEvent.MetricsAppended(run1, java.util.Set.of("loss"))));
        assertEquals(reads, jobs.titles().size(), "metrics do not concern the registry");
        vm.onCatalogChange(List.of(new CatalogEvent.ModelChanged(1)));
        assertEquals(List.of("challenger"), version(vm, 2).aliases());
        assertEquals(1, vm.selectedProperty().get().version(), "the selection is kept by id");
    }

    @Test
    void anUnknownModelOrNoCatalogIsSaid() {
        ModelRegistryViewModel unknown = new ModelRegistryViewModel(registry, jobs, "fraud", "x", null);
        unknown.load();
        assertEquals(Messages.format("registry.model.missing", "fraud"), unknown.summaryProperty().get());
        assertTrue(unknown.versions().isEmpty());
        ModelRegistryViewModel none = new ModelRegistryViewModel(null, jobs, "churn", "x", "catalog is corrupt");
        none.load();
        assertEquals("catalog is corrupt", none.messageProperty().get());
        assertFalse(none.setAlias("champion"));
    }

    private List<String> actions() {
        return new AuditLog(p.catalog).list(0, 1000).stream().map(e -> e.action()).toList();
    }
}
