package io.mlwb.app.lineage;

import io.mlwb.app.git.HistoryViewModel;
import io.mlwb.app.jobs.JobHandle;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.ui.Messages;
import io.mlwb.catalog.events.CatalogEvent;
import io.mlwb.core.error.UserError;
import io.mlwb.tracking.lineage.LineageGraph;
import io.mlwb.tracking.lineage.LineageService;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Lineage pane's state: the id shown (typed, or reached by clicking), which way and how deep to walk, and the
 * laid-out graph that {@link LineageService} read in the background. Clicking a node opens it where the workbench has
 * an editor for it — a run's detail, a dataset version's file, a commit — and otherwise shows the lineage from there;
 * Back returns to the node shown before. An id that names nothing is a message in the pane, not a problem report.
 * Reloads, keeping its place, when the catalog says runs, models, profiles, cards or deployments changed. Use on the
 * FX thread; no toolkit needed.
 */
public final class LineageViewModel {
    /**
     * The run detail editor's kind ({@code TrackingFeature.DETAIL_KIND}), written out: the runs table opens the
     * Lineage pane, so naming the tracking package here would make a package cycle. A test keeps the two equal.
     */
    static final String RUN_DETAIL_KIND = "run.detail";
    /** Depths offered; 0 is no limit. */
    public static final List<Integer> DEPTHS = List.of(0, 1, 2, 3, 5, 10);

    /** What a click on a node does. */
    public enum Click {
        /** Opens the run's detail editor. */
        RUN_DETAIL,
        /** Opens the dataset version's file in the dataset editor. */
        DATASET,
        /** Opens the commit's editor. */
        COMMIT,
        /** Shows the lineage from that node. */
        REROOT
    }

    private final LineageService service;
    private final UiJobs jobs;
    private final StringProperty idText = new SimpleStringProperty(this, "idText", "");
    private final ObjectProperty<LineageService.Direction> direction = new SimpleObjectProperty<>(this, "direction",
            LineageService.Direction.BOTH);
    private final IntegerProperty depth = new SimpleIntegerProperty(this, "depth", 0);
    private final ReadOnlyStringWrapper root = new ReadOnlyStringWrapper(this, "root", "");
    private final ReadOnlyObjectWrapper<LineageLayout> layout = new ReadOnlyObjectWrapper<>(this, "layout");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(this, "canGoBack", false);
    private final Deque<String> history = new ArrayDeque<>();
    private Consumer<ItemRef> opener = ref -> { };
    private JobHandle running;
    private long generation;

    /** What a load found: the graph, or why there is none. */
    private record Loaded(LineageLayout layout, String problem) {
    }

    /**
     * @param service the project's lineage, or null when there is no readable catalog ({@code why} says why)
     * @param jobs    where the graph is read
     * @param id      the id to show first, in any form {@code mlwb lineage} accepts
     * @param why     why there is no service, or null
     */
    public LineageViewModel(LineageService service, UiJobs jobs, String id, String why) {
        this.service = service;
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        idText.set(id == null ? "" : id.strip());
        root.set(idText.get());
        if (service == null) {
            message.set(why == null ? Messages.get("lineage.noCatalog") : why);
        }
    }

    /** @param opener opens another editor (a run's detail, a dataset file, a commit) */
    public void setOpener(Consumer<ItemRef> opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /** @return the id in the pane's field: Show loads it */
    public StringProperty idTextProperty() {
        return idText;
    }

    /** @return which way to walk; a change reloads */
    public ObjectProperty<LineageService.Direction> directionProperty() {
        return direction;
    }

    /** @return how many edges to walk each way, 0 for no limit; a change reloads */
    public IntegerProperty depthProperty() {
        return depth;
    }

    /** @return the id shown: the canonical node id once loaded ({@code run:12}, {@code model:credit@3}) */
    public ReadOnlyStringProperty rootProperty() {
        return root.getReadOnlyProperty();
    }

    /** @return the graph laid out; null before the first load and when the id names nothing */
    public ReadOnlyObjectProperty<LineageLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    /** @return why no graph is shown ("" when one is) */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return how many nodes, how many stale, how many retired ("" without a graph) */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** @return whether the graph is being read */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** @return whether Back has somewhere to go */
    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    /** @return whether the pane can read anything at all */
    public boolean available() {
        return service != null;
    }

    /** Shows the id typed in the field (remembering the one shown, for Back). */
    public void show() {
        String typed = idText.get() == null ? "" : idText.get().strip();
        if (typed.isEmpty()) {
            message.set(Messages.get("lineage.emptyId"));
            return;
        }
        if (!typed.equals(root.get()) && layout.get() != null) {
            history.push(root.get());
            canGoBack.set(true);
        }
        root.set(typed);
        load();
    }

    /**
     * Shows the lineage from a node (remembering the one shown, for Back).
     *
     * @param nodeId a node id of the graph, or any id {@code mlwb lineage} accepts
     */
    public void show(String nodeId) {
        idText.set(nodeId);
        show();
    }

    /** Shows the node shown before the last re-root. */
    public void back() {
        if (history.isEmpty()) {
            return;
        }
        String previous = history.pop();
        canGoBack.set(!history.isEmpty());
        idText.set(previous);
        root.set(previous);
        load();
    }

    /**
     * @param node a node of the graph
     * @return what clicking it does
     */
    public static Click clickOf(LineageGraph.Node node) {
        return switch (node.kind()) {
            case "run" -> Click.RUN_DETAIL;
            case "dataset" -> node.attrs().get("path") instanceof String ? Click.DATASET : Click.REROOT;
            case "commit" -> node.attrs().get("sha") instanceof String ? Click.COMMIT : Click.REROOT;
            default -> Click.REROOT;
        };
    }

    /**
     * What clicking a node does: opens a run's detail, a dataset version's file (the file as it is now), a commit;
     * shows the lineage from any other node.
     *
     * @param nodeId a node of the graph shown
     */
    public void activate(String nodeId) {
        LineageLayout shown = layout.get();
        LineageGraph.Node node = shown == null ? null : shown.graph().node(nodeId).orElse(null);
        if (node == null) {
            return;
        }
        Map<String, Object> a = node.attrs();
        switch (clickOf(node)) {
            case RUN_DETAIL -> opener.accept(new ItemRef(RUN_DETAIL_KIND,
                    nodeId.substring(nodeId.indexOf(':') + 1)));
            case DATASET -> opener.accept(ItemRef.file((String) a.get("path")));
            case COMMIT -> opener.accept(new ItemRef(HistoryViewModel.COMMIT_KIND, (String) a.get("sha")));
            default -> show(nodeId);
        }
    }

    /** Reads the graph of the id shown again, with the direction and depth set now. */
    public void load() {
        if (service == null) {
            return;
        }
        String id = root.get();
        LineageService.Direction dir = direction.get();
        int d = depth.get();
        long mine = ++generation;
        if (running != null) {
            running.cancel();
        }
        loading.set(true);
        running = jobs.run(Messages.format("lineage.job.load", id), p -> {
            try {
                return new Loaded(LineageLayout.of(service.graph(id, dir, d)), null);
            } catch (UserError e) {
                // an id that names nothing (or no longer: a run deleted for good) is an answer, not a failure
                return new Loaded(null, e.getMessage() + (e.whatToDo().isEmpty() ? "" : " " + e.whatToDo()));
            }
        }, loaded -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            running = null;
            if (loaded.problem() != null) {
                layout.set(null);
                summary.set("");
                message.set(loaded.problem());
                return;
            }
            LineageGraph g = loaded.layout().graph();
            root.set(g.root());
            idText.set(g.root());
            message.set("");
            summary.set(Messages.format("lineage.summary", g.nodes().size(),
                    g.nodes().stream().filter(LineageGraph.Node::stale).count(),
                    g.nodes().stream().filter(LineageGraph.Node::retired).count())
                    + (g.truncated() ? " " + Messages.format("lineage.truncated", LineageService.MAX_NODES) : ""));
            layout.set(loaded.layout());
        }, error -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            running = null;
            message.set(Messages.format("lineage.error.load", String.valueOf(error.getMessage())));
        });
    }

    /**
     * @param batch catalog changes
     * @return whether they may change the lineage: runs, models, profiles, cards, deployments, or changes missed
     */
    public static boolean concerns(List<CatalogEvent> batch) {
        return batch.stream().anyMatch(e -> e instanceof CatalogEvent.RunCreated
                || e instanceof CatalogEvent.RunUpdated || e instanceof CatalogEvent.RunDeleted
                || e instanceof CatalogEvent.ModelChanged || e instanceof CatalogEvent.ProfileStored
                || e instanceof CatalogEvent.CardChanged || e instanceof CatalogEvent.DeploymentChanged
                || e instanceof CatalogEvent.ChangesMissed);
    }

    /** Stops a read still running (the tab closed). */
    public void dispose() {
        generation++;
        if (running != null) {
            running.cancel();
            running = null;
        }
    }
}
