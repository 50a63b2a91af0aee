package io.mlwb.app.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricWriter;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.tracking.TrackedRun;
import io.mlwb.tracking.TrackingService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs table's state over a real catalog: filter, columns offered, soft delete and restore, a bad filter. */
class RunsTableViewModelTest {
    @TempDir
    Path dir;

    @Test
    void filtersOffersColumnsDeletesAndReportsABadFilter() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            RunRepository runs = new RunRepository(catalog);
            long a = runs.create(NewRun.named("a").withDetails(Map.of("optimizer", "adam"), Map.of(), List.of())).id();
            runs.create(NewRun.named("b").withDetails(Map.of("optimizer", "sgd"), Map.of(), List.of()));
            try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                w.log(a, "val_auc", MetricKind.EVAL, 1, 0.9, 1);
            }
            RunsTableViewModel vm = new RunsTableViewModel(new TrackingService(catalog), new InlineJobs(), null);
            vm.refresh();
            assertEquals(2, vm.runs().size());
            assertTrue(vm.available().containsAll(List.of("metrics.val_auc", "params.optimizer")), vm.available()
                    .toString());
            vm.filterProperty().set("params.optimizer = adam");
            vm.refresh();
            assertEquals(List.of(a), vm.runs().stream().map(TrackedRun::id).toList());
            vm.filterProperty().set("");
            vm.setDeleted(List.of(a), true);
            assertEquals(1, vm.runs().size());
            vm.showDeletedProperty().set(true);
            vm.refresh();
            assertEquals(2, vm.runs().size());
            vm.setDeleted(List.of(a), false);
            vm.filterProperty().set("params.optimizer =");
            vm.refresh();
            assertTrue(vm.messageProperty().get().contains("filter error at"), vm.messageProperty().get());
        }
    }
}
