package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.lineage.LineageGraph;
import io.mlwb.tracking.lineage.LineageService;
import io.mlwb.tracking.registry.ModelRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlwb lineage ID}: what a run, model version, dataset version, profile, card or deployment came from and what
 * came from it, with stale and retired markers; a thin adapter over {@link LineageService}.
 */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = {"The lineage of ID: data versions → profiles → runs → model versions → cards → deployments, "
            + "upstream and downstream, marking what a newer data version made stale.",
            "ID: run:12 (or 12), NAME@VERSION, NAME@ALIAS, dataset:NAME@VERSION, dataset:NAME (its newest version), "
                + "profile:ID, card:ID, deployment:ID, drift:ID, commit:SHA."})
final class LineageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions options;

    @Parameters(index = "0", paramLabel = "ID", description = "What to start from.")
    String id;

    @Option(names = "--upstream", description = "Only what ID came from.")
    boolean upstream;

    @Option(names = "--downstream", description = "Only what came from ID.")
    boolean downstream;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "0",
            description = "Walk at most N edges each way (default: no limit).")
    int depth;

    @Override
    public Integer call() {
        if (upstream && downstream) {
            throw new UserError("--upstream and --downstream exclude each other.",
                    "Give one of them, or neither for both directions.", ExitCode.BAD_INPUT, null);
        }
        if (depth < 0) {
            throw new UserError("--depth must be 0 (no limit) or more, not " + depth + ".", "Give --depth 1 or more.",
                    ExitCode.BAD_INPUT, null);
        }
        LineageService.Direction direction = upstream ? LineageService.Direction.UPSTREAM
                : downstream ? LineageService.Direction.DOWNSTREAM : LineageService.Direction.BOTH;
        Project p = options.load(spec);
        LineageGraph graph;
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            graph = new LineageService(catalog, ModelRegistry.of(catalog, p)).graph(id, direction, depth);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            Json.print(out, graph.toJson());
        } else {
            print(out, graph, direction);
        }
        return ExitCode.OK.code();
    }

    /** The plain output: the root, then an indented tree each way; a node reached twice is named, not repeated. */
    static void print(PrintWriter out, LineageGraph graph, LineageService.Direction direction) {
        Map<String, LineageGraph.Node> nodes = new HashMap<>();
        graph.nodes().forEach(n -> nodes.put(n.id(), n));
        Map<String, List<LineageGraph.Edge>> in = new HashMap<>();
        Map<String, List<LineageGraph.Edge>> outgoing = new HashMap<>();
        for (LineageGraph.Edge e : graph.edges()) {
            in.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        LineageGraph.Node root = nodes.get(graph.root());
        out.println(line(root));
        marks(out, root, "  ");
        if (direction != LineageService.Direction.DOWNSTREAM) {
            out.println("upstream (what it came from):");
            Set<String> seen = new HashSet<>(Set.of(graph.root()));
            int n = tree(out, nodes, in, graph.root(), true, "  ", seen);
            if (n == 0) {
                out.println("  (nothing recorded)");
            }
        }
        if (direction != LineageService.Direction.UPSTREAM) {
            out.println("downstream (what came from it):");
            Set<String> seen = new HashSet<>(Set.of(graph.root()));
            int n = tree(out, nodes, outgoing, graph.root(), false, "  ", seen);
            if (n == 0) {
                out.println("  (nothing recorded)");
            }
        }
        long stale = graph.nodes().stream().filter(LineageGraph.Node::stale).count();
        out.printf("%d node(s), %d edge(s), %d stale%s%n", graph.nodes().size(), graph.edges().size(), stale,
                graph.truncated() ? "; cut at " + LineageService.MAX_NODES + " nodes" : "");
    }

    private static final List<String> KINDS = List.of("dataset", "file", "profile", "commit", "run", "artifact",
            "model", "card", "deployment", "drift");

    private static int rank(String kind) {
        int i = KINDS.indexOf(kind);
        return i < 0 ? KINDS.size() : i;
    }

    private static int tree(PrintWriter out, Map<String, LineageGraph.Node> nodes,
                            Map<String, List<LineageGraph.Edge>> adj, String at, boolean up, String indent,
                            Set<String> seen) {
        int printed = 0;
        List<LineageGraph.Edge> edges = new ArrayList<>(adj.getOrDefault(at, List.of()));
        // data before code, then along the chain: data, profiles, commits, runs, models, cards, deployments, drift
        edges.sort(java.util.Comparator.comparingInt(e -> rank(nodes.get(up ? e.from() : e.to()).kind())));
        for (LineageGraph.Edge e : edges) {
            String next = up ? e.from() : e.to();
            LineageGraph.Node n = nodes.get(next);
            String how = e.relation() + (e.role() == null ? "" : " " + e.role());
            boolean first = seen.add(next);
            out.println(indent + (up ? "← " : "→ ") + line(n) + "  (" + how + ")" + (first ? "" : "  (shown above)"));
            printed++;
            if (first) {
                marks(out, n, indent + "    ");
                printed += tree(out, nodes, adj, next, up, indent + "  ", seen);
            }
        }
        return printed;
    }

    private static String line(LineageGraph.Node n) {
        return n.id() + "  " + n.label() + (n.stale() ? "  [STALE]" : "") + (n.retired() ? "  [RETIRED]" : "");
    }

    private static void marks(PrintWriter out, LineageGraph.Node n, String indent) {
        for (String why : n.staleReasons()) {
            out.println(indent + "stale: " + why);
        }
    }
}
