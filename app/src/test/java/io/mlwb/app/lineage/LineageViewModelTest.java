package io.mlwb.app.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.git.HistoryViewModel;
import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.tracking.TrackingFeature;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.tracking.lineage.LineageGraph;
import io.mlwb.tracking.lineage.LineageService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lineage pane's state over a real catalog and registry: load, layout, staleness, clicks, Back, bad ids. */
class LineageViewModelTest {
    @TempDir
    Path dir;
    private LineageFixture fx;
    private final InlineJobs jobs = new InlineJobs();
    private final List<ItemRef> opened = new ArrayList<>();

    @BeforeEach
    void catalog() throws Exception {
        fx = new LineageFixture(dir);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private LineageViewModel vm(String id) {
        LineageViewModel vm = new LineageViewModel(fx.service(), jobs, id, null);
        vm.setOpener(opened::add);
        vm.load();
        return vm;
    }

    private static LineageGraph.Node node(LineageViewModel vm, String id) {
        return vm.layoutProperty().get().graph().node(id).orElseThrow();
    }

    @Test
    void anAliasLoadsTheModelVersionsLineageLaidOutByStage() {
        LineageViewModel vm = vm("credit@champion");
        assertEquals("model:credit@1", vm.rootProperty().get());
        assertEquals("model:credit@1", vm.idTextProperty().get(), "the field shows the canonical id");
        LineageLayout layout = vm.layoutProperty().get();
        assertEquals(List.of(LineageLayout.Stage.DATA, LineageLayout.Stage.INPUTS, LineageLayout.Stage.RUNS,
                LineageLayout.Stage.MODELS, LineageLayout.Stage.CARDS, LineageLayout.Stage.DEPLOYMENTS),
                layout.columns());
        assertEquals(0, layout.cells().get("dataset:loans@1").column());
        assertEquals(2, layout.cells().get("run:" + fx.run1).column());
        assertEquals(5, layout.cells().get("deployment:2").column());
        assertEquals(Messages.format("lineage.summary", 6, 0, 0), vm.summaryProperty().get());
        assertEquals("", vm.messageProperty().get());
        assertFalse(vm.loadingProperty().get());
    }

    @Test
    void aNewDataVersionMarksTheChainStaleOnReload() {
        LineageViewModel vm = vm("run:" + fx.run1);
        assertFalse(node(vm, "run:" + fx.run1).stale());
        fx.newDataVersion();
        vm.load();
        for (String id : List.of("dataset:loans@1", "run:" + fx.run1, "model:credit@1", "card:4", "deployment:2")) {
            assertTrue(node(vm, id).stale(), id);
        }
        assertEquals(List.of("built on loans@1; loans@2 is newer"), node(vm, "card:4").staleReasons());
        assertEquals(Messages.format("lineage.summary", 6, 5, 0), vm.summaryProperty().get());
        assertTrue(LineageView.tooltip(node(vm, "card:4")).contains(
                Messages.format("lineage.tip.stale", "built on loans@1; loans@2 is newer")));
    }

    @Test
    void clicksOpenRunsDataAndCommitsAndReRootOnTheRestWithBack() throws Exception {
        fx.retireInFavourOfNewVersion();
        LineageViewModel vm = vm("run:" + fx.run1);
        vm.activate("run:" + fx.run1);
        vm.activate("dataset:loans@1");
        vm.activate("commit:" + LineageFixture.SHA);
        assertEquals(List.of(new ItemRef(TrackingFeature.DETAIL_KIND, Long.toString(fx.run1)),
                ItemRef.file("data/loans.csv"), new ItemRef(HistoryViewModel.COMMIT_KIND, LineageFixture.SHA)), opened);
        assertEquals("run:" + fx.run1, vm.rootProperty().get(), "opening elsewhere keeps the graph");
        assertFalse(vm.canGoBackProperty().get());

        assertTrue(node(vm, "model:credit@1").retired());
        vm.activate("model:credit@1");
        assertEquals("model:credit@1", vm.rootProperty().get());
        assertTrue(vm.layoutProperty().get().graph().node("model:credit@2").isPresent(), "its successor");
        vm.activate("card:4");
        assertEquals("card:4", vm.rootProperty().get());
        assertTrue(vm.canGoBackProperty().get());
        vm.back();
        assertEquals("model:credit@1", vm.rootProperty().get());
        vm.back();
        assertEquals("run:" + fx.run1, vm.rootProperty().get());
        assertFalse(vm.canGoBackProperty().get());
        assertEquals(3, opened.size(), "re-rooting opened nothing");
    }

    @Test
    void directionAndDepthNarrowTheGraph() {
        LineageViewModel vm = vm("dataset:loans");
        assertEquals("dataset:loans@1", vm.rootProperty().get());
        vm.directionProperty().set(LineageService.Direction.DOWNSTREAM);
        vm.depthProperty().set(1);
        vm.load();
        assertEquals(Set.of("dataset:loans@1", "profile:" + fx.profile, "run:" + fx.run1),
                vm.layoutProperty().get().cells().keySet());
    }

    @Test
    void anIdThatNamesNothingIsAMessageInThePaneNotAProblem() {
        LineageViewModel vm = vm("run:99");
        assertNull(vm.layoutProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("There is no run 99 in the catalog."),
                vm.messageProperty().get());
        assertTrue(jobs.reported().isEmpty(), "not reported to Problems");
        vm.idTextProperty().set("  ");
        vm.show();
        assertEquals(Messages.get("lineage.emptyId"), vm.messageProperty().get());
        vm.show("credit@1");
        assertEquals("model:credit@1", vm.rootProperty().get());
        assertEquals("", vm.messageProperty().get());
        assertFalse(vm.canGoBackProperty().get(), "nothing was shown before");
    }

    @Test
    void withoutACatalogItSaysWhyAndReadsNothing() {
        LineageViewModel vm = new LineageViewModel(null, jobs, "run:1", "The catalog is corrupt.");
        vm.load();
        assertEquals("The catalog is corrupt.", vm.messageProperty().get());
        assertFalse(vm.available());
        assertTrue(jobs.titles().isEmpty());
    }

    @Test
    void catalogChangesThatConcernLineage() {
        assertTrue(LineageViewModel.concerns(List.of(new CatalogEvent.ModelChanged(1))));
        assertTrue(LineageViewModel.concerns(List.of(new CatalogEvent.ProfileStored(1, "loans"))));
        assertTrue(LineageViewModel.concerns(List.of(new CatalogEvent.DeploymentChanged(1))));
        assertFalse(LineageViewModel.concerns(List.of(new CatalogEvent.MetricsAppended(1, Set.of("loss")))));
        assertEquals(TrackingFeature.DETAIL_KIND, LineageViewModel.RUN_DETAIL_KIND);
    }

    @Test
    void theLayoutUncrossesEdges() {
        LineageGraph.Node a = node("dataset:a@1", "dataset");
        LineageGraph.Node b = node("dataset:b@1", "dataset");
        LineageGraph.Node r1 = node("run:1", "run");
        LineageGraph.Node r2 = node("run:2", "run");
        LineageGraph g = new LineageGraph("run:1", List.of(r1, r2, a, b), List.of(
                new LineageGraph.Edge("dataset:a@1", "run:2", "read", "train"),
                new LineageGraph.Edge("dataset:b@1", "run:1", "read", "train")), false);
        LineageLayout layout = LineageLayout.of(g);
        assertEquals(List.of("dataset:a@1", "dataset:b@1"), layout.column(0));
        assertEquals(List.of("run:2", "run:1"), layout.column(1), "each run beside the data it read");
        assertEquals(2, layout.rows());
    }

    @Test
    void anEdgeAcrossColumnsGetsItsOwnSlotInEachColumnBetween() {
        LineageGraph g = new LineageGraph("run:1", List.of(node("run:1", "run"), node("dataset:a@1", "dataset"),
                node("commit:abcd", "commit")), List.of(
                new LineageGraph.Edge("dataset:a@1", "run:1", "read", "train"),
                new LineageGraph.Edge("commit:abcd", "run:1", "trained_from", null)), false);
        LineageLayout layout = LineageLayout.of(g);
        assertEquals(List.of(LineageLayout.Stage.DATA, LineageLayout.Stage.INPUTS, LineageLayout.Stage.RUNS),
                layout.columns());
        List<LineageLayout.Cell> via = layout.bends().get(0);
        assertEquals(1, via.size());
        assertEquals(1, via.get(0).column());
        assertFalse(via.get(0).equals(layout.cells().get("commit:abcd")), "the data edge does not run behind the commit");
        assertFalse(layout.bends().containsKey(1), "adjacent columns need no slot");
        assertEquals(2, layout.rows());
        assertEquals(List.of("commit:abcd"), layout.column(1));
    }

    private static LineageGraph.Node node(String id, String kind) {
        return new LineageGraph.Node(id, kind, id, false, List.of(), false, Map.of());
    }
}
