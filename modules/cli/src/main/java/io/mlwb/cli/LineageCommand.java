package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.lineage.LineageGraph;
import io.mlwb.tracking.lineage.LineageService;
import io.mlwb.tracking.registry.ModelRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlwb lineage ID}: a thin adapter over {@link LineageService}. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = {"What a run, model version, dataset version, profile, card or deployment came from and what "
                + "came from it; stale marks what a newer data version has overtaken.",
            "ID: run:12 (or 12), NAME@VERSION, NAME@ALIAS, dataset:NAME@VERSION, dataset:NAME, profile:ID, card:ID, "
                + "deployment:ID, drift:ID, commit:SHA."})
final class LineageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions options;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--upstream", description = "Only what it came from.")
    boolean upstream;

    @Option(names = "--downstream", description = "Only what came from it.")
    boolean downstream;

    @Option(names = "--depth", paramLabel = "N", description = "Walk at most N edges each way (default: all).")
    int depth;

    @Override
    public Integer call() {
        if (upstream && downstream) {
            throw new io.mlwb.core.error.UserError("--upstream and --downstream exclude each other",
                    "Leave both out for both directions.");
        }
        LineageService.Direction dir = upstream ? LineageService.Direction.UPSTREAM
                : downstream ? LineageService.Direction.DOWNSTREAM : LineageService.Direction.BOTH;
        Project p = options.load(spec);
        LineageGraph g;
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            g = new LineageService(catalog, ModelRegistry.of(catalog, p)).graph(id, dir, depth);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            Json.print(out, g.toJson());
            return 0;
        }
        LineageGraph.Node root = g.node(g.root()).orElseThrow();
        out.println(line(root));
        Map<String, List<LineageGraph.Edge>> in = g.edges().stream()
                .collect(Collectors.groupingBy(LineageGraph.Edge::to));
        Map<String, List<LineageGraph.Edge>> outEdges = g.edges().stream()
                .collect(Collectors.groupingBy(LineageGraph.Edge::from));
        if (dir != LineageService.Direction.DOWNSTREAM && in.containsKey(g.root())) {
            out.println("upstream:");
            tree(out, g, g.root(), in, true, "  ", new HashSet<>(Set.of(g.root())));
        }
        if (dir != LineageService.Direction.UPSTREAM && outEdges.containsKey(g.root())) {
            out.println("downstream:");
            tree(out, g, g.root(), outEdges, false, "  ", new HashSet<>(Set.of(g.root())));
        }
        if (g.truncated()) {
            out.printf("(cut at %d nodes; use --depth or --json)%n", LineageService.MAX_NODES);
        }
        return 0;
    }

    private static void tree(PrintWriter out, LineageGraph g, String at, Map<String, List<LineageGraph.Edge>> adj,
                             boolean up, String indent, Set<String> shown) {
        List<LineageGraph.Edge> edges = new ArrayList<>(adj.getOrDefault(at, List.of()));
        for (LineageGraph.Edge e : edges) {
            String next = up ? e.from() : e.to();
            LineageGraph.Node n = g.node(next).orElseThrow();
            String rel = e.relation() + (e.role() == null ? "" : " (" + e.role() + ")");
            boolean first = shown.add(next);
            out.printf("%s%s %s %s%s%n", indent, up ? "<-" : "->", rel, line(n), first ? "" : "  (see above)");
            if (first) {
                tree(out, g, next, adj, up, indent + "    ", shown);
            }
        }
    }

    private static String line(LineageGraph.Node n) {
        StringBuilder sb = new StringBuilder(n.id()).append("  ").append(n.label());
        if (n.retired()) {
            sb.append("  RETIRED");
        }
        if (n.stale()) {
            sb.append("  STALE: ").append(String.join("; ", n.staleReasons()));
        }
        return sb.toString();
    }
}
