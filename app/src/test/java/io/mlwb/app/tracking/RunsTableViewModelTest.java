package io.mlwb.app.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.tracking.RunTable;
import io.mlwb.tracking.TrackingService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs table's state over a real catalog: filter (and its error with the position), soft delete and restore,
 * columns offered with counts and remembered in {@code .mlwb/ui/runs-table.json}, grouping, nesting, sorting.
 */
class RunsTableViewModelTest {
    @TempDir
    Path dir;
    Catalog catalog;
    long a;
    long b;
    long sweep;
    long child1;
    long child2;

    @BeforeEach
    void fill() throws Exception {
        Files.createDirectories(dir.resolve(".mlwb"));
        catalog = Catalog.open(dir.resolve(".mlwb/catalog.db"));
        RunRepository runs = new RunRepository(catalog);
        a = runs.create(NewRun.named("a").withDetails(Map.of("optimizer", "adam"), Map.of(), List.of())).id();
        b = runs.create(NewRun.named("b").withDetails(Map.of("optimizer", "sgd"), Map.of(), List.of())).id();
        sweep = runs.create(NewRun.named("sweep").withDetails(Map.of(), Map.of("mlwb.kind", "sweep"), List.of())).id();
        child1 = runs.create(NewRun.named("trial 1").withPlacement(null, sweep)
                .withDetails(Map.of("optimizer", "adam"), Map.of(), List.of())).id();
        child2 = runs.create(NewRun.named("trial 2").withPlacement(null, sweep)
                .withDetails(Map.of("optimizer", "adam"), Map.of(), List.of())).id();
        try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
            w.log(a, "val_auc", MetricKind.EVAL, 1, 0.9, 1);
            w.log(b, "val_auc", MetricKind.EVAL, 1, 0.7, 1);
            w.log(child1, "val_auc", MetricKind.EVAL, 1, 0.8, 1);
        }
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private RunsTableViewModel vm() {
        return new RunsTableViewModel(new TrackingService(catalog), new InlineJobs(), null);
    }

    private static List<Integer> list(int[] items) {
        return java.util.Arrays.stream(items).boxed().toList();
    }

    private List<Long> top(RunsTableViewModel vm) {
        return vm.ids(list(vm.topItems()));
    }

    @Test
    void renameFollowsTheProjectsNamingRule() {
        RunsTableViewModel vm = vm();
        vm.setNaming(new io.mlwb.core.project.NamingRules(null, java.util.regex.Pattern.compile("[a-z0-9-]+"), null));
        vm.refresh();
        vm.rename(a, "Not Allowed");
        assertTrue(vm.messageProperty().get().contains("naming.run"), vm.messageProperty().get());
        assertEquals("a", new RunRepository(catalog).get(a).orElseThrow().name());
        vm.rename(a, "baseline-2");
        assertEquals("baseline-2", new RunRepository(catalog).get(a).orElseThrow().name());
    }

    @Test
    void exportsTheSelectionOrEveryShownRun() throws Exception {
        RunsTableViewModel vm = vm();
        vm.refresh();
        assertEquals(dir.toAbsolutePath(), vm.exportFolder(), "the chooser first opens in the project");
        Path one = dir.resolve("one");
        vm.export(List.of(b, a), true, one);
        com.fasterxml.jackson.databind.JsonNode runs = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(one.resolve("runs.json").toFile()).path("runs");
        assertEquals(List.of(b, a), List.of(runs.get(0).path("id").asLong(), runs.get(1).path("id").asLong()));
        assertEquals(0.7, runs.get(0).path("series").path("val_auc").get(0).get(2).asDouble());
        assertTrue(vm.messageProperty().get().startsWith("Exported 2 run(s) into"), vm.messageProperty().get());

        vm.filterProperty().set("params.optimizer = \"adam\"");
        vm.refresh();
        Path shown = dir.resolve("shown");
        vm.export(List.of(), false, shown);
        List<String> rows = Files.readAllLines(shown.resolve("runs.csv"));
        assertEquals(1 + vm.shownProperty().get(), rows.size(), "nothing selected: every run shown, " + rows);
        assertTrue(rows.stream().noneMatch(r -> r.startsWith(b + ",")), "run b is filtered out");
        assertTrue(Files.readString(shown.resolve("series.csv")).contains(a + ",val_auc,1,1,0.9"));
    }

    /** Holds each job until the test runs it, with a progress that records and can be cancelled. */
    private static final class HeldJobs implements io.mlwb.app.jobs.UiJobs {
        final List<Runnable> held = new java.util.ArrayList<>();
        final List<Double> fractions = new java.util.ArrayList<>();
        boolean cancel;

        @Override
        public <T> io.mlwb.app.jobs.JobHandle run(String title, io.mlwb.core.job.Job<T> job,
                                                  java.util.function.Consumer<T> onSuccess,
                                                  java.util.function.Consumer<Throwable> onFailure) {
            held.add(() -> {
                T result;
                try {
                    result = job.run(new io.mlwb.core.job.Progress() {
                        @Override
                        public void report(double fraction, String message) {
                            fractions.add(fraction);
                        }

                        @Override
                        public boolean cancelled() {
                            return cancel;
                        }
                    });
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            });
            return new io.mlwb.app.jobs.JobHandle() {
                @Override
                public void cancel() {
                    cancel = true;
                }

                @Override
                public boolean done() {
                    return false;
                }
            };
        }

        void runAll() {
            List<Runnable> now = new java.util.ArrayList<>(held);
            held.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void anExportRunsInTheBackgroundWithProgressAndCanBeCancelled() throws Exception {
        HeldJobs jobs = new HeldJobs();
        RunsTableViewModel vm = new RunsTableViewModel(new TrackingService(catalog), jobs, null, null);
        vm.refresh();
        jobs.runAll();
        assertEquals(5, vm.shownProperty().get());
        Path out = dir.resolve("held");
        vm.export(List.of(a, b, child1), false, out);
        assertTrue(vm.exportingProperty().get(), "under way until the job ends");
        assertTrue(Files.notExists(out.resolve("runs.csv")), "nothing is written on the calling (FX) thread");
        vm.export(List.of(a), true, out);
        assertEquals(1, jobs.held.size(), "a second export waits for the first to end");
        jobs.runAll();
        assertFalse(vm.exportingProperty().get());
        assertEquals(4, Files.readAllLines(out.resolve("runs.csv")).size(), "a header and three runs");
        assertTrue(jobs.fractions.size() >= 3 && jobs.fractions.get(jobs.fractions.size() - 1) == 1.0,
                "a fraction per run, ending at 1: " + jobs.fractions);
        assertTrue(vm.messageProperty().get().startsWith("Exported 3 run(s) into"), vm.messageProperty().get());
        assertEquals(out, vm.exportFolder(), "the chooser opens where the last export went");

        Path cancelled = dir.resolve("cancelled");
        vm.export(List.of(), true, cancelled);
        jobs.cancel = true;
        jobs.runAll();
        assertFalse(vm.exportingProperty().get());
        assertEquals("Export cancelled; nothing was written.", vm.messageProperty().get());
        assertTrue(Files.notExists(cancelled.resolve("runs.json")));
    }

    @Test
    void filtersDeletesRestoresAndShowsAFilterErrorWithItsPosition() {
        RunsTableViewModel vm = vm();
        vm.refresh();
        assertEquals(5, vm.shownProperty().get());
        assertEquals(List.of(sweep, b, a), top(vm), "newest first, the sweep's trials under it");
        assertTrue(vm.available().contains(new RunTable.Key("metrics.val_auc", 3)), vm.available().toString());
        assertTrue(vm.available().contains(new RunTable.Key("params.optimizer", 4)), vm.available().toString());
        vm.filterProperty().set("params.optimizer = adam");
        vm.refresh();
        assertEquals(List.of(child2, child1, a), top(vm), "trials whose sweep does not match stand alone");
        vm.filterProperty().set("");
        vm.setDeleted(List.of(a), true);
        assertEquals(4, vm.shownProperty().get());
        vm.showDeletedProperty().set(true);
        vm.refresh();
        assertEquals(5, vm.shownProperty().get());
        vm.setDeleted(List.of(a), false);
        vm.filterProperty().set("params.optimizer =");
        vm.refresh();
        assertTrue(vm.filterErrorProperty().get().contains("filter error at 19"), vm.filterErrorProperty().get());
        assertEquals(18, vm.filterErrorPositionProperty().get());
        assertEquals(5, vm.shownProperty().get(), "the last good list stays");
        vm.filterProperty().set("metrics.val_auc > 0.75");
        vm.refresh();
        assertEquals("", vm.filterErrorProperty().get());
        assertEquals(-1, vm.filterErrorPositionProperty().get());
        assertEquals(List.of(child1, a), top(vm));
    }

    @Test
    void nestsSweepTrialsCollapsedAndRemembersExpansion() {
        RunsTableViewModel vm = vm();
        vm.refresh();
        int s = vm.topItems()[0];
        assertEquals(List.of(sweep), vm.ids(List.of(s)));
        assertEquals(List.of(child2, child1), vm.ids(list(vm.children(s))),
                "in the table's order (newest first) under the sweep");
        assertEquals(0, vm.children(vm.tableProperty().get().row(a)).length);
        assertFalse(vm.isExpanded(s), "collapsed at first");
        vm.setExpanded(s, true);
        vm.refresh();
        assertTrue(vm.isExpanded(vm.topItems()[0]), "a new read keeps it open");
    }

    @Test
    void groupsByAParamWithTheRunsWithoutItLast() {
        RunsTableViewModel vm = vm();
        vm.refresh();
        vm.groupBy("params.optimizer");
        int[] groups = vm.topItems();
        assertEquals(3, groups.length);
        assertTrue(java.util.Arrays.stream(groups).allMatch(RunsTableViewModel::isGroup));
        assertEquals("adam (3)", vm.groupLabel(groups[0]));
        assertEquals("sgd (1)", vm.groupLabel(groups[1]));
        assertEquals("none (1)", vm.groupLabel(groups[2]));
        // in the adam group the trials' sweep is not there (it has no optimizer), so they stand alone
        assertEquals(List.of(child2, child1, a), vm.ids(list(vm.children(groups[0]))));
        assertEquals(List.of(sweep), vm.ids(list(vm.children(groups[2]))));
        vm.groupBy("");
        assertEquals(List.of(sweep, b, a), top(vm));
    }

    @Test
    void sortsOnAMetricNumbersFirstMissingLast() {
        RunsTableViewModel vm = vm();
        vm.refresh();
        vm.sortBy("metrics.val_auc", false);
        assertEquals(List.of(a, b, sweep), top(vm), "0.9, 0.7, then the sweep without the metric");
        vm.sortBy("metrics.val_auc", true);
        assertEquals(List.of(b, a, sweep), top(vm));
        vm.sortBy("", true);
        assertEquals(List.of(sweep, b, a), top(vm));
    }

    @Test
    void chosenColumnsAreRememberedPerProject() throws Exception {
        RunsTableViewModel vm = vm();
        vm.refresh();
        vm.choose("metrics.val_auc", true);
        vm.choose("params.optimizer", true);
        vm.choose("params.optimizer", true);
        vm.groupBy("params.optimizer");
        assertEquals(List.of("metrics.val_auc", "params.optimizer"), vm.chosen());
        assertEquals("0.900000", vm.cell("metrics.val_auc", vm.tableProperty().get().row(a)));
        Path state = dir.resolve(".mlwb/ui/runs-table.json");
        assertTrue(Files.readString(state).contains("\"metrics.val_auc\""), Files.readString(state));

        RunsTableViewModel again = vm();
        again.refresh();
        assertEquals(List.of("metrics.val_auc", "params.optimizer"), again.chosen());
        assertEquals("params.optimizer", again.groupByProperty().get());
        assertEquals("adam", again.cell("params.optimizer", again.tableProperty().get().row(a)),
                "a remembered column is read with the runs");
        again.choose("metrics.val_auc", false);
        again.groupBy("");
        RunsTableViewModel third = vm();
        third.refresh();
        assertEquals(List.of("params.optimizer"), third.chosen());
        assertEquals("", third.groupByProperty().get());
    }

    @Test
    void aBrokenStateFileIsIgnored() throws Exception {
        Files.createDirectories(dir.resolve(".mlwb/ui"));
        Files.writeString(dir.resolve(".mlwb/ui/runs-table.json"), "{not json");
        RunsTableViewModel vm = vm();
        vm.refresh();
        assertEquals(5, vm.shownProperty().get());
        assertEquals(List.of(), vm.chosen());
    }
}
