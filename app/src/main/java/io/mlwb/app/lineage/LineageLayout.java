package io.mlwb.app.lineage;

import io.mlwb.tracking.lineage.LineageGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node of a lineage graph goes in the pane: layered left to right, one column per stage of the chain (data;
 * profiles and commits; runs; artifacts; model versions; cards; deployments; drift reports), empty stages left out.
 * Within a column nodes are ordered to keep edges short and uncrossed (a few barycenter sweeps, the usual
 * Sugiyama-style heuristic), ties by the graph's own order. Pure computation: no toolkit, built off the FX thread.
 *
 * <p>An edge that spans columns passes through a reserved slot in each column between its ends (a "dummy node" in
 * Sugiyama's terms), ordered with the real nodes, so it never runs behind another node's box.
 *
 * @param graph   the graph laid out
 * @param columns the stages shown, left to right
 * @param cells   each node's column and row, by node id
 * @param bends   for each edge that spans columns, by its index in the graph's edges: the slots it passes through,
 *                left to right
 * @param rows    the most slots in one column
 */
public record LineageLayout(LineageGraph graph, List<Stage> columns, Map<String, Cell> cells,
                            Map<Integer, List<Cell>> bends, int rows) {
    private static final int SWEEPS = 4;
    private static final String SLOT = "\u0000slot:";

    /** Copies the collections. */
    public LineageLayout {
        columns = List.copyOf(columns);
        cells = Map.copyOf(cells);
        bends = Map.copyOf(bends);
    }

    /** A column of the pane: which kinds it holds, and the key of its heading in the bundle. */
    public enum Stage {
        /** Dataset versions (and files named by explicit lineage edges). */
        DATA("lineage.column.data", "dataset", "file"),
        /** Profiles of data versions, and the commits runs were trained from. */
        INPUTS("lineage.column.inputs", "profile", "commit"),
        /** Training runs, sweeps beside their trials. */
        RUNS("lineage.column.runs", "run"),
        /** Files runs wrote, when an explicit edge names them. */
        ARTIFACTS("lineage.column.artifacts", "artifact"),
        /** Registered model versions. */
        MODELS("lineage.column.models", "model"),
        /** Model cards. */
        CARDS("lineage.column.cards", "card"),
        /** Deployments. */
        DEPLOYMENTS("lineage.column.deployments", "deployment"),
        /** Drift reports, and any kind mlwb does not know. */
        MONITORING("lineage.column.monitoring", "drift");

        private final String titleKey;
        private final List<String> kinds;

        Stage(String titleKey, String... kinds) {
            this.titleKey = titleKey;
            this.kinds = List.of(kinds);
        }

        /** @return the bundle key of the column's heading */
        public String titleKey() {
            return titleKey;
        }

        /**
         * @param kind a node kind
         * @return the column it goes in; an unknown kind goes last
         */
        public static Stage of(String kind) {
            for (Stage s : values()) {
                if (s.kinds.contains(kind)) {
                    return s;
                }
            }
            return MONITORING;
        }
    }

    /**
     * @param column the index into {@link #columns()}
     * @param row    the position in the column, from the top
     */
    public record Cell(int column, int row) {
    }

    /**
     * @param graph a lineage graph
     * @return its layout
     */
    public static LineageLayout of(LineageGraph graph) {
        Map<Stage, List<String>> byStage = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            byStage.put(s, new ArrayList<>());
        }
        Map<String, Integer> order = new HashMap<>();
        for (LineageGraph.Node n : graph.nodes()) {
            order.put(n.id(), order.size());
            byStage.get(Stage.of(n.kind())).add(n.id());
        }
        List<Stage> stages = new ArrayList<>();
        List<List<String>> cols = new ArrayList<>();
        byStage.forEach((stage, ids) -> {
            if (!ids.isEmpty()) {
                stages.add(stage);
                ids.sort(Comparator.comparing(order::get));
                cols.add(ids);
            }
        });
        Map<String, Integer> colOf = new HashMap<>();
        for (int c = 0; c < cols.size(); c++) {
            for (String id : cols.get(c)) {
                colOf.put(id, c);
            }
        }
        // long edges become chains through reserved slots (SLOT + edge index + ":" + column: no node id looks so)
        Map<String, List<String>> neighbours = new HashMap<>();
        Map<Integer, List<String>> chains = new HashMap<>();
        List<LineageGraph.Edge> edges = graph.edges();
        for (int i = 0; i < edges.size(); i++) {
            LineageGraph.Edge e = edges.get(i);
            Integer a = colOf.get(e.from());
            Integer b = colOf.get(e.to());
            if (a == null || b == null) {
                continue;
            }
            String prev = e.from();
            List<String> chain = new ArrayList<>();
            for (int c = a + 1; c < b; c++) {
                String dummy = SLOT + i + ":" + c;
                order.put(dummy, order.size());
                cols.get(c).add(dummy);
                chain.add(dummy);
                link(neighbours, prev, dummy);
                prev = dummy;
            }
            link(neighbours, prev, e.to());
            if (!chain.isEmpty()) {
                chains.put(i, chain);
            }
        }
        Map<String, Double> pos = new HashMap<>();
        for (int c = 0; c < cols.size(); c++) {
            for (int r = 0; r < cols.get(c).size(); r++) {
                pos.put(cols.get(c).get(r), (double) r);
                colOf.put(cols.get(c).get(r), c);
            }
        }
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean rightward = sweep % 2 == 0;
            for (int i = 0; i < cols.size(); i++) {
                int c = rightward ? i : cols.size() - 1 - i;
                int side = rightward ? -1 : 1; // order by the column just placed
                List<String> col = cols.get(c);
                Map<String, Double> bary = new HashMap<>();
                for (String id : col) {
                    double sum = 0;
                    int n = 0;
                    for (String m : neighbours.getOrDefault(id, List.of())) {
                        Integer mc = colOf.get(m);
                        if (mc != null && Integer.signum(mc - c) == side) {
                            sum += pos.get(m);
                            n++;
                        }
                    }
                    bary.put(id, n == 0 ? pos.get(id) : sum / n);
                }
                col.sort(Comparator.comparing((String id) -> bary.get(id)).thenComparing(order::get));
                for (int r = 0; r < col.size(); r++) {
                    pos.put(col.get(r), (double) r);
                }
            }
        }
        Map<String, Cell> cells = new HashMap<>();
        Map<String, Cell> slots = new HashMap<>();
        int rows = 0;
        for (int c = 0; c < cols.size(); c++) {
            rows = Math.max(rows, cols.get(c).size());
            for (int r = 0; r < cols.get(c).size(); r++) {
                String id = cols.get(c).get(r);
                (id.startsWith(SLOT) ? slots : cells).put(id, new Cell(c, r));
            }
        }
        Map<Integer, List<Cell>> bends = new HashMap<>();
        chains.forEach((i, chain) -> bends.put(i, chain.stream().map(slots::get).toList()));
        return new LineageLayout(graph, stages, cells, bends, rows);
    }

    private static void link(Map<String, List<String>> neighbours, String a, String b) {
        neighbours.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
        neighbours.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
    }

    /**
     * @param column a column's index
     * @return its node ids, top to bottom
     */
    public List<String> column(int column) {
        return cells.entrySet().stream().filter(e -> e.getValue().column() == column)
                .sorted(Comparator.comparingInt(e -> e.getValue().row())).map(Map.Entry::getKey).toList();
    }
}
