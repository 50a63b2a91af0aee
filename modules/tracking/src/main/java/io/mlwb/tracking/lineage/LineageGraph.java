package io.mlwb.tracking.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage around one node: what it came from (upstream) and what came from it (downstream).
 *
 * @param root  the node asked about
 * @param nodes the nodes, the root first, then upstream and downstream in breadth-first order
 * @param edges the edges between them, each once
 * @param truncated whether nodes were left out because the graph passed {@link LineageService#MAX_NODES}
 */
public record LineageGraph(String root, List<Node> nodes, List<Edge> edges, boolean truncated) {

    /** Copies the lists. */
    public LineageGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * A node.
     *
     * @param id           {@code kind:key}: {@code dataset:loans@2}, {@code profile:7}, {@code run:12},
     *                     {@code model:credit@3}, {@code card:4}, {@code deployment:2}, {@code drift:5},
     *                     {@code commit:<sha>}, {@code artifact:9}, {@code file:<path>}
     * @param kind         dataset, profile, run, model, card, deployment, drift, commit, artifact or file
     * @param label        what a person reads
     * @param stale        whether an input it depends on has a newer version (for a dataset version: whether its
     *                     dataset has a newer one)
     * @param staleReasons one sentence per stale input ("reads loans@1; loans@3 is newer")
     * @param retired      whether it is a retired model version
     * @param attrs        what else is known (path, status, stage, ...), JSON-able values
     */
    public record Node(String id, String kind, String label, boolean stale, List<String> staleReasons, boolean retired,
                       Map<String, Object> attrs) {
        /** Copies the collections. */
        public Node {
            staleReasons = List.copyOf(staleReasons);
            attrs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attrs));
        }

        /** @return the JSON of a node in {@code mlwb lineage --json} */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("kind", kind);
            m.put("label", label);
            m.put("stale", stale);
            m.put("stale_reasons", staleReasons);
            m.put("retired", retired);
            m.put("attrs", attrs);
            return m;
        }
    }

    /**
     * An edge: {@code from} is an input of {@code to}.
     *
     * @param from     the input
     * @param to       what came from it
     * @param relation read, profiled_as, trained_from, spawned (a sweep → its trials), registered_as, described_by,
     *                 deployed_as, compared_in, monitored_by, succeeded_by, or a relation recorded in the catalog's
     *                 lineage table
     * @param role     for {@code read}: the dataset's role (train, validation, test, ...); for {@code compared_in}:
     *                 reference or current; else null
     */
    public record Edge(String from, String to, String relation, String role) {
        /** @return the JSON of an edge in {@code mlwb lineage --json} */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", from);
            m.put("to", to);
            m.put("relation", relation);
            m.put("role", role);
            return m;
        }
    }

    /**
     * @param id a node id
     * @return the node, if in the graph
     */
    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** @return the JSON of {@code mlwb lineage ID --json} (docs/cli.md) */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("root", root);
        List<Map<String, Object>> ns = new ArrayList<>();
        nodes.forEach(n -> ns.add(n.toJson()));
        m.put("nodes", ns);
        List<Map<String, Object>> es = new ArrayList<>();
        edges.forEach(e -> es.add(e.toJson()));
        m.put("edges", es);
        m.put("truncated", truncated);
        return m;
    }
}
