package io.mlwb.app.lineage;

import atlantafx.base.theme.Styles;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import io.mlwb.tracking.lineage.LineageGraph;
import io.mlwb.tracking.lineage.LineageService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;
import javafx.util.StringConverter;

/**
 * The Lineage pane: a tool bar (Back, the id with Show, direction, depth, Refresh, a summary) over the graph, laid out
 * left to right in columns by stage ({@link LineageLayout}): one box per node with its kind's icon, id and label;
 * the node asked about outlined in the accent colour, stale nodes with an amber border and a "stale" badge (the tooltip
 * gives the reasons), retired model versions dimmed with a "retired" badge. Edges are curves; those carrying staleness
 * are amber and dashed; hovering a node highlights its edges. A click (or Enter) opens the node, as
 * {@link LineageViewModel#activate} says; its context menu also re-roots on it or copies its id.
 */
public final class LineageView {
    static final double NODE_W = 200;
    static final double NODE_H = 58;
    static final double COL_GAP = 70;
    static final double ROW_GAP = 18;
    static final double TOP = 34;
    static final double PAD = 16;
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass RETIRED = PseudoClass.getPseudoClass("retired");
    private static final PseudoClass ORIGIN = PseudoClass.getPseudoClass("origin");
    private static final PseudoClass LINKED = PseudoClass.getPseudoClass("linked");

    private LineageView() {
    }

    /**
     * @param vm the view model
     * @return the pane
     */
    public static Node create(LineageViewModel vm) {
        Button back = new Button(Messages.get("lineage.back"));
        back.setId("lineageBack");
        back.disableProperty().bind(vm.canGoBackProperty().not());
        back.setOnAction(e -> vm.back());
        TextField id = new TextField();
        id.setId("lineageId");
        id.setPromptText(Messages.get("lineage.id.prompt"));
        id.setPrefColumnCount(18);
        id.setMinWidth(120);
        id.textProperty().bindBidirectional(vm.idTextProperty());
        id.setOnAction(e -> vm.show());
        Button show = new Button(Messages.get("lineage.show"));
        show.setId("lineageShow");
        show.setOnAction(e -> vm.show());
        ComboBox<LineageService.Direction> direction = new ComboBox<>();
        direction.setId("lineageDirection");
        direction.getItems().setAll(LineageService.Direction.values());
        direction.setConverter(new StringConverter<>() {
            @Override
            public String toString(LineageService.Direction d) {
                return d == null ? "" : Messages.get("lineage.direction." + d.name().toLowerCase(java.util.Locale.ROOT));
            }

            @Override
            public LineageService.Direction fromString(String s) {
                return null;
            }
        });
        direction.valueProperty().bindBidirectional(vm.directionProperty());
        direction.valueProperty().addListener((o, was, is) -> vm.load());
        ComboBox<Integer> depth = new ComboBox<>();
        depth.setId("lineageDepth");
        depth.getItems().setAll(LineageViewModel.DEPTHS);
        depth.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer d) {
                return d == null ? "" : d == 0 ? Messages.get("lineage.depth.all") : Messages.format("lineage.depth.n", d);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        depth.setValue(vm.depthProperty().get());
        depth.valueProperty().addListener((o, was, is) -> {
            if (is != null && is != vm.depthProperty().get()) {
                vm.depthProperty().set(is);
                vm.load();
            }
        });
        Button refresh = new Button(null, AppIcon.REFRESH.node());
        refresh.setId("lineageRefresh");
        refresh.setTooltip(new Tooltip(Messages.get("lineage.refresh")));
        refresh.setOnAction(e -> vm.load());
        Label summary = new Label();
        summary.setId("lineageSummary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(vm.summaryProperty());
        summary.setMinWidth(Region.USE_PREF_SIZE);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.loadingProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label directionLabel = new Label(Messages.get("lineage.direction"));
        Label depthLabel = new Label(Messages.get("lineage.depth"));
        HBox bar = new HBox(8, back, id, show, directionLabel, direction, depthLabel, depth, refresh, grow, busy,
                summary);
        for (Region r : List.of(back, show, directionLabel, direction, depthLabel, depth, refresh)) {
            r.setMinWidth(Region.USE_PREF_SIZE); // the id field gives way first
        }
        bar.getStyleClass().add("tool-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        for (Node n : List.of(back, id, show, direction, depth, refresh)) {
            if (!vm.available()) {
                n.disableProperty().unbind();
                n.setDisable(true);
            }
        }

        Pane graph = new Pane();
        graph.setId("lineageGraph");
        graph.getStyleClass().add("lineage-graph");
        ScrollPane scroll = new ScrollPane(graph);
        scroll.getStyleClass().add("lineage-scroll");
        scroll.setPannable(true);
        Label message = new Label();
        message.setId("lineageMessage");
        message.getStyleClass().add("lineage-message");
        message.setWrapText(true);
        message.setMaxWidth(560);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        StackPane center = new StackPane(scroll, message);
        StackPane.setAlignment(message, Pos.CENTER);
        Node[] pending = new Node[1]; // the root to scroll to once the pane has a size (a tab restored at start)
        vm.layoutProperty().addListener((o, was, is) -> {
            draw(graph, vm, is);
            graph.getChildren().stream().filter(n -> is != null && is.graph().root().equals(n.getUserData()))
                    .findFirst().ifPresent(n -> {
                        pending[0] = scroll.getViewportBounds().getWidth() > 0 ? null : n;
                        reveal(scroll, n);
                    });
        });
        scroll.viewportBoundsProperty().addListener((o, was, is) -> {
            if (pending[0] != null && is.getWidth() > 0) {
                Node n = pending[0];
                pending[0] = null;
                javafx.application.Platform.runLater(() -> reveal(scroll, n));
            }
        });
        draw(graph, vm, vm.layoutProperty().get());

        BorderPane root = new BorderPane(center);
        root.setTop(bar);
        root.getStyleClass().add("lineage-pane");
        root.getStylesheets().add(Objects.requireNonNull(LineageView.class.getResource("lineage.css"))
                .toExternalForm());
        return root;
    }

    /** Rebuilds the graph's nodes and edges for {@code layout} (empty when null). */
    static void draw(Pane graph, LineageViewModel vm, LineageLayout layout) {
        graph.getChildren().clear();
        if (layout == null) {
            return;
        }
        LineageGraph g = layout.graph();
        Map<String, LineageGraph.Node> nodes = new HashMap<>();
        g.nodes().forEach(n -> nodes.put(n.id(), n));
        int[] heights = new int[layout.columns().size()];
        layout.cells().values().forEach(c -> heights[c.column()]++);
        for (int c = 0; c < layout.columns().size(); c++) {
            Label title = new Label(Messages.get(layout.columns().get(c).titleKey()));
            title.getStyleClass().add("lineage-column-title");
            title.relocate(x(c), PAD);
            graph.getChildren().add(title);
        }
        Map<String, List<Node>> edgesOf = new HashMap<>();
        List<Node> edgeNodes = new ArrayList<>();
        for (int i = 0; i < g.edges().size(); i++) {
            LineageGraph.Edge e = g.edges().get(i);
            LineageLayout.Cell from = layout.cells().get(e.from());
            LineageLayout.Cell to = layout.cells().get(e.to());
            if (from == null || to == null) {
                continue;
            }
            boolean stale = nodes.get(e.from()).stale() && nodes.get(e.to()).stale();
            List<double[]> via = new ArrayList<>();
            for (LineageLayout.Cell slot : layout.bends().getOrDefault(i, List.of())) {
                via.add(new double[] {x(slot.column()), y(layout, heights, slot) + NODE_H / 2});
            }
            List<Node> shapes = edge(from, y(layout, heights, from), to, y(layout, heights, to), via, stale,
                    e.relation() + (e.role() == null ? "" : " (" + e.role() + ")"));
            edgeNodes.addAll(shapes);
            edgesOf.computeIfAbsent(e.from(), k -> new ArrayList<>()).addAll(shapes);
            edgesOf.computeIfAbsent(e.to(), k -> new ArrayList<>()).addAll(shapes);
        }
        graph.getChildren().addAll(edgeNodes);
        for (LineageGraph.Node n : g.nodes()) {
            LineageLayout.Cell cell = layout.cells().get(n.id());
            Node box = box(vm, n, n.id().equals(g.root()), edgesOf.getOrDefault(n.id(), List.of()));
            box.relocate(x(cell.column()), y(layout, heights, cell));
            graph.getChildren().add(box);
        }
        graph.setPrefSize(x(layout.columns().size()) - COL_GAP + PAD,
                TOP + PAD + layout.rows() * (NODE_H + ROW_GAP));
    }

    /** Scrolls so that {@code node} (a child of the graph) is in view, centred where the graph allows. */
    static void reveal(ScrollPane scroll, Node node) {
        scroll.layout();
        javafx.geometry.Bounds content = scroll.getContent().getLayoutBounds();
        javafx.geometry.Bounds view = scroll.getViewportBounds();
        javafx.geometry.Bounds b = node.getBoundsInParent();
        double spareX = content.getWidth() - view.getWidth();
        double spareY = content.getHeight() - view.getHeight();
        if (spareX > 0) {
            scroll.setHvalue(clamp((b.getMinX() + b.getWidth() / 2 - view.getWidth() / 2) / spareX));
        }
        if (spareY > 0) {
            scroll.setVvalue(clamp((b.getMinY() + b.getHeight() / 2 - view.getHeight() / 2) / spareY));
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double x(int column) {
        return PAD + column * (NODE_W + COL_GAP);
    }

    /** A column shorter than the tallest is centred on it. */
    private static double y(LineageLayout layout, int[] heights, LineageLayout.Cell cell) {
        double offset = (layout.rows() - heights[cell.column()]) * (NODE_H + ROW_GAP) / 2;
        return TOP + PAD + offset + cell.row() * (NODE_H + ROW_GAP);
    }

    /**
     * An edge as a path: a curve from the source's right side to the target's left side, passing straight through the
     * slots reserved for it in the columns between ({@code via}: each slot's left x and middle y); within a column, a
     * loop out to the right.
     */
    private static List<Node> edge(LineageLayout.Cell from, double fy, LineageLayout.Cell to, double ty,
                                   List<double[]> via, boolean stale, String relation) {
        Path path = new Path();
        double sx = x(from.column()) + NODE_W;
        double sy = fy + NODE_H / 2;
        double ey = ty + NODE_H / 2;
        path.getElements().add(new MoveTo(sx, sy));
        Polygon arrow;
        if (from.column() == to.column()) {
            // a sweep and its trials, a version and its successor
            path.getElements().add(new CubicCurveTo(sx + 45, sy, sx + 45, ey, sx, ey));
            arrow = new Polygon(sx, ey, sx + 7, ey - 4, sx + 7, ey + 4);
        } else {
            double px = sx;
            double py = sy;
            for (double[] slot : via) {
                curve(path, px, py, slot[0], slot[1]);
                path.getElements().add(new LineTo(slot[0] + NODE_W, slot[1]));
                px = slot[0] + NODE_W;
                py = slot[1];
            }
            double ex = x(to.column());
            curve(path, px, py, ex, ey);
            arrow = new Polygon(ex, ey, ex - 7, ey - 4, ex - 7, ey + 4);
        }
        path.getStyleClass().add("lineage-edge");
        path.pseudoClassStateChanged(STALE, stale);
        Tooltip.install(path, new Tooltip(relation));
        arrow.getStyleClass().add("lineage-arrow");
        arrow.pseudoClassStateChanged(STALE, stale);
        return List.of(path, arrow);
    }

    private static void curve(Path path, double x0, double y0, double x1, double y1) {
        double bend = Math.max(20, Math.abs(x1 - x0) / 2);
        path.getElements().add(new CubicCurveTo(x0 + bend, y0, x1 - bend, y1, x1, y1));
    }

    private static AppIcon icon(String kind) {
        return switch (kind) {
            case "dataset" -> AppIcon.DATASET;
            case "profile" -> AppIcon.FILE_TEXT;
            case "commit" -> AppIcon.COMMIT;
            case "run" -> AppIcon.RUNS;
            case "model" -> AppIcon.MODEL;
            case "card" -> AppIcon.MODEL_CARD;
            case "deployment" -> AppIcon.DEPLOYMENT;
            case "drift" -> AppIcon.DRIFT;
            case "artifact", "file" -> AppIcon.FILE;
            default -> AppIcon.INFO;
        };
    }

    private static Node box(LineageViewModel vm, LineageGraph.Node n, boolean origin, List<Node> edges) {
        Label title = new Label(shortId(n.id()), icon(n.kind()).node());
        title.getStyleClass().add("lineage-node-id");
        title.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        title.setMinWidth(0);
        Label label = new Label(n.label());
        label.getStyleClass().add("lineage-node-label");
        label.setMinWidth(0);
        HBox badges = new HBox(4);
        badges.setMinWidth(Region.USE_PREF_SIZE); // the id gives way to the badges
        if (n.stale()) {
            Label b = new Label(Messages.get("lineage.badge.stale"));
            b.getStyleClass().addAll("lineage-badge", "lineage-badge-stale");
            b.setMinWidth(Region.USE_PREF_SIZE);
            badges.getChildren().add(b);
        }
        if (n.retired()) {
            Label b = new Label(Messages.get("lineage.badge.retired"));
            b.getStyleClass().addAll("lineage-badge", "lineage-badge-retired");
            b.setMinWidth(Region.USE_PREF_SIZE);
            badges.getChildren().add(b);
        }
        VBox content = new VBox(2, title, label);
        content.setMaxWidth(NODE_W);
        // badges sit on the box's top edge, so the id keeps the whole first line
        badges.setAlignment(Pos.TOP_RIGHT);
        badges.setMouseTransparent(true);
        badges.setTranslateY(-13);
        badges.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane box = new StackPane(content, badges);
        StackPane.setAlignment(badges, Pos.TOP_RIGHT);
        StackPane.setAlignment(content, Pos.CENTER_LEFT);
        box.getStyleClass().addAll("lineage-node", "lineage-node-" + n.kind());
        box.setUserData(n.id());
        box.setPrefSize(NODE_W, NODE_H);
        box.setMinSize(NODE_W, NODE_H);
        box.setMaxSize(NODE_W, NODE_H);
        box.pseudoClassStateChanged(STALE, n.stale());
        box.pseudoClassStateChanged(RETIRED, n.retired());
        box.pseudoClassStateChanged(ORIGIN, origin);
        box.setFocusTraversable(true);
        Tooltip tip = new Tooltip(tooltip(n));
        tip.setWrapText(true);
        tip.setMaxWidth(460);
        Tooltip.install(box, tip);
        box.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                vm.activate(n.id());
            }
        });
        box.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                vm.activate(n.id());
            }
        });
        box.focusedProperty().addListener((o, was, is) -> {
            if (is && box.getParent() != null && box.getParent().getParent() != null) {
                ScrollPane scroll = ancestor(box);
                if (scroll != null) {
                    reveal(scroll, box);
                }
            }
        });
        box.setOnMouseEntered(e -> edges.forEach(s -> s.pseudoClassStateChanged(LINKED, true)));
        box.setOnMouseExited(e -> edges.forEach(s -> s.pseudoClassStateChanged(LINKED, false)));
        MenuItem open = new MenuItem(Messages.get("lineage.node.open"));
        open.setOnAction(e -> vm.activate(n.id()));
        MenuItem reroot = new MenuItem(Messages.get("lineage.node.reroot"));
        reroot.setOnAction(e -> vm.show(n.id()));
        MenuItem copy = new MenuItem(Messages.get("lineage.node.copy"));
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(n.id());
            Clipboard.getSystemClipboard().setContent(c);
        });
        ContextMenu menu = new ContextMenu(open, reroot, copy);
        open.setVisible(LineageViewModel.clickOf(n) != LineageViewModel.Click.REROOT);
        box.setOnContextMenuRequested(e -> menu.show(box, e.getScreenX(), e.getScreenY()));
        return box;
    }

    private static ScrollPane ancestor(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof ScrollPane s) {
                return s;
            }
        }
        return null;
    }

    /**
     * The id as a box's title: a commit with 10 hex digits; a dataset or model version by its name and version alone
     * (the icon says the kind); the tooltip has the id whole.
     */
    static String shortId(String id) {
        if (id.startsWith("commit:") && id.length() > 17) {
            return id.substring(0, 17);
        }
        if (id.startsWith("dataset:") || id.startsWith("model:")) {
            return id.substring(id.indexOf(':') + 1);
        }
        return id;
    }

    static String tooltip(LineageGraph.Node n) {
        StringBuilder sb = new StringBuilder(n.label()).append('\n').append(n.id());
        for (String why : n.staleReasons()) {
            sb.append('\n').append(Messages.format("lineage.tip.stale", why));
        }
        if (n.retired()) {
            sb.append('\n').append(Messages.get("lineage.tip.retired"));
        }
        n.attrs().forEach((k, v) -> {
            if (v != null && !(v instanceof java.util.Collection<?> c && c.isEmpty())) {
                sb.append('\n').append(k).append(": ").append(v);
            }
        });
        sb.append("\n\n").append(Messages.get(switch (LineageViewModel.clickOf(n)) {
            case RUN_DETAIL -> "lineage.tip.click.run";
            case DATASET -> "lineage.tip.click.dataset";
            case COMMIT -> "lineage.tip.click.commit";
            default -> "lineage.tip.click.reroot";
        }));
        return sb.toString();
    }
}
