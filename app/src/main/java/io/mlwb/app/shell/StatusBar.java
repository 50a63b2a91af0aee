package io.mlwb.app.shell;

import io.mlwb.app.jobs.FxJobs;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The status bar: branch and dirty mark, the catalog's state, and how many jobs run (a click shows Jobs). */
final class StatusBar {
    private StatusBar() {
    }

    /**
     * @param vm       the window's state (branch, catalog)
     * @param jobs     the running jobs
     * @param showJobs shows the Jobs tool window
     * @return the bar, id "statusBar"
     */
    static Node build(WorkbenchViewModel vm, FxJobs jobs, Runnable showJobs) {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(14, 14);
        spinner.setMaxSize(14, 14);
        spinner.visibleProperty().bind(jobs.runningCountProperty().greaterThan(0));
        Label running = new Label();
        running.setId("statusJobs");
        running.textProperty().bind(Bindings.createStringBinding(() -> jobs.runningCountProperty().get() == 0 ? ""
                : Messages.format("shell.status.jobs", jobs.runningCountProperty().get()), jobs.runningCountProperty()));
        running.setOnMouseClicked(e -> showJobs.run());
        HBox bar = new HBox(14, branch(vm), catalog(vm), gap, spinner, running);
        bar.setId("statusBar");
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static Label branch(WorkbenchViewModel vm) {
        Label branch = new Label();
        branch.setId("statusBranch");
        branch.setGraphic(AppIcon.BRANCH.node());
        branch.textProperty().bind(Bindings.createStringBinding(() -> vm.project().isEmpty() ? ""
                        : vm.branchProperty().get() + (vm.dirtyProperty().get() ? " *" : ""),
                vm.branchProperty(), vm.dirtyProperty(), vm.projectProperty()));
        branch.setTooltip(new Tooltip(Messages.get("shell.status.branch.tip")));
        return branch;
    }

    private static Label catalog(WorkbenchViewModel vm) {
        Label catalog = new Label();
        catalog.setId("statusCatalog");
        catalog.textProperty().bind(Bindings.createStringBinding(() -> {
            CatalogState st = vm.catalogStateProperty().get();
            return st == null ? "" : Messages.get("shell.status.catalog." + st.name().toLowerCase(Locale.ROOT));
        }, vm.catalogStateProperty()));
        catalog.graphicProperty().bind(Bindings.createObjectBinding(() -> {
            CatalogState st = vm.catalogStateProperty().get();
            return st == null ? null : (st == CatalogState.READ_WRITE ? AppIcon.DATASET : st == CatalogState.READ_ONLY
                    ? AppIcon.LOCK : AppIcon.ERROR).node();
        }, vm.catalogStateProperty()));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(vm.catalogMessageProperty());
        catalog.setTooltip(tip);
        catalog.getStyleClass().add("status-catalog");
        vm.catalogStateProperty().addListener((o, a, st) -> {
            catalog.getStyleClass().removeAll("catalog-error", "catalog-readonly");
            if (st == CatalogState.ERROR) {
                catalog.getStyleClass().add("catalog-error");
            } else if (st == CatalogState.READ_ONLY) {
                catalog.getStyleClass().add("catalog-readonly");
            }
        });
        return catalog;
    }
}
