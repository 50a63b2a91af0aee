package io.mlwb.tracking.lineage;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.ModelVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lineage from raw data file versions to deployments: dataset versions → profiles, dataset versions and code commits
 * → training runs → registered model versions → model cards, deployments and drift reports, from the catalog's
 * tables (which record every such link as it happens) and its {@code lineage_edge} table (links recorded explicitly).
 * A dataset version whose dataset has a newer version is a changed input: it and every run, model version, card,
 * deployment and drift report built on it are marked stale, with the reason. The CLI ({@code mlwb lineage}) and the
 * Lineage pane both call this class.
 *
 * <p>Node ids, also what {@link #resolve} accepts: {@code run:12} (or {@code 12}), {@code model:NAME@VERSION} (or
 * {@code NAME@VERSION}, {@code NAME@ALIAS}), {@code dataset:NAME@VERSION} (or {@code dataset:NAME}: its newest
 * version), {@code profile:ID}, {@code card:ID}, {@code deployment:ID}, {@code drift:ID}, {@code commit:SHA} (a
 * prefix of at least 4), {@code artifact:ID}.
 */
public final class LineageService {
    /** The most nodes a graph holds; past it, it is cut and marked truncated. */
    public static final int MAX_NODES = 2000;
    /** Kinds that are rebuilt from their inputs, so a changed input makes them stale. */
    private static final Set<String> DERIVED = Set.of("run", "model", "card", "deployment", "drift");

    /** Which way to walk from the node asked about. */
    public enum Direction {
        /** Inputs and outputs. */
        BOTH,
        /** What it came from. */
        UPSTREAM,
        /** What came from it. */
        DOWNSTREAM
    }

    private final Catalog catalog;
    private final ModelRegistry registry;

    /**
     * @param catalog  the project's catalog
     * @param registry the project's model registry (resolves {@code NAME@VERSION} and {@code NAME@ALIAS})
     */
    public LineageService(Catalog catalog, ModelRegistry registry) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * @param id        what to start from, in any form {@link #resolve} accepts
     * @param direction which way to walk
     * @param depth     how many edges to walk at most each way (0 or less: no limit)
     * @return the lineage around it, with staleness
     * @throws UserError (exit 2) when the id is malformed or names nothing in the catalog
     */
    public LineageGraph graph(String id, Direction direction, int depth) {
        Universe u = load();
        String root = resolve(id, u);
        int max = depth <= 0 ? Integer.MAX_VALUE : depth;
        LinkedHashSet<String> order = new LinkedHashSet<>();
        order.add(root);
        boolean truncated = false;
        if (direction != Direction.DOWNSTREAM) {
            truncated |= walk(root, u.in, max, order, true);
        }
        if (direction != Direction.UPSTREAM) {
            truncated |= walk(root, u.out, max, order, false);
        }
        Map<String, List<String>> stale = u.staleness();
        List<LineageGraph.Node> nodes = new ArrayList<>();
        for (String n : order) {
            nodes.add(u.node(n, stale.getOrDefault(n, List.of())));
        }
        List<LineageGraph.Edge> edges = new ArrayList<>();
        for (LineageGraph.Edge e : u.edges) {
            if (order.contains(e.from()) && order.contains(e.to())) {
                edges.add(e);
            }
        }
        return new LineageGraph(root, nodes, edges, truncated);
    }

    /**
     * @param id a node id in any accepted form
     * @return its canonical id ({@code run:12}, {@code model:credit@3}, {@code dataset:loans@2}...)
     * @throws UserError (exit 2) when it is malformed or names nothing
     */
    public String resolve(String id) {
        return resolve(id, load());
    }

    /** Breadth-first from {@code root} along {@code adj}; returns whether the node cap cut it. */
    private static boolean walk(String root, Map<String, List<String>> adj, int depth, LinkedHashSet<String> seen,
                                boolean upstream) {
        Deque<String> q = new ArrayDeque<>();
        Map<String, Integer> level = new HashMap<>();
        q.add(root);
        level.put(root, 0);
        while (!q.isEmpty()) {
            String n = q.poll();
            int l = level.get(n);
            if (l >= depth) {
                continue;
            }
            for (String m : adj.getOrDefault(n, List.of())) {
                if (level.containsKey(m)) {
                    continue;
                }
                // upstream of a run, a commit is an input; walking on from it would reach every run of that commit
                level.put(m, l + 1);
                if (seen.size() >= MAX_NODES && !seen.contains(m)) {
                    return true;
                }
                seen.add(m);
                if (!(upstream && m.startsWith("commit:"))) {
                    q.add(m);
                }
            }
        }
        return false;
    }

    private String resolve(String raw, Universe u) {
        String id = raw == null ? "" : raw.strip();
        int colon = id.indexOf(':');
        String kind = colon < 0 ? "" : id.substring(0, colon).toLowerCase(Locale.ROOT);
        String key = colon < 0 ? id : id.substring(colon + 1);
        if (colon < 0 && key.matches("[0-9]+")) {
            kind = "run";
        } else if (colon < 0 && key.contains("@")) {
            kind = "model";
        }
        switch (kind) {
            case "run", "profile", "card", "deployment", "drift", "artifact" -> {
                if (!key.matches("[0-9]{1,18}")) {
                    throw bad(id, "the id after '" + kind + ":' must be a number");
                }
                String node = kind + ":" + Long.parseLong(key);
                if (!u.info.containsKey(node)) {
                    throw new UserError("There is no " + kind + " " + key + " in the catalog.",
                            "Check the id (e.g. `mlwb runs list` for runs).");
                }
                return node;
            }
            case "model" -> {
                ModelVersion v = registry.resolve(ModelRef.parse(key));
                return "model:" + v.ref();
            }
            case "dataset" -> {
                int at = key.lastIndexOf('@');
                String name = at < 0 ? key : key.substring(0, at);
                Integer latest = u.latestVersion.get(name);
                if (latest == null) {
                    throw new UserError("There is no dataset '" + name + "' in the catalog" + (u.latestVersion.isEmpty()
                            ? " (none is recorded yet)" : " (datasets: " + String.join(", ", u.latestVersion.keySet())
                            + ")") + ".", "Profile or train on it first, or check the name.");
                }
                if (at < 0) {
                    return "dataset:" + name + "@" + latest;
                }
                String node = "dataset:" + key;
                if (!u.info.containsKey(node)) {
                    throw new UserError("Dataset " + name + " has no version '" + key.substring(at + 1) + "' (its "
                            + "newest is " + latest + ").", "Use dataset:" + name + "@1 … @" + latest + ".");
                }
                return node;
            }
            case "commit" -> {
                if (!key.matches("[0-9a-fA-F]{4,40}")) {
                    throw bad(id, "a commit is written with at least 4 hex digits");
                }
                List<String> hits = u.info.keySet().stream().filter(n -> n.startsWith("commit:" + key.toLowerCase(
                        Locale.ROOT))).toList();
                if (hits.size() != 1) {
                    throw new UserError(hits.isEmpty() ? "No run in the catalog was trained from commit " + key + "."
                            : "Commit " + key + " is ambiguous (" + hits.size() + " commits start with it).",
                            "Give more of the commit id.");
                }
                return hits.get(0);
            }
            default -> throw bad(id, "it is none of the forms mlwb understands");
        }
    }

    private static UserError bad(String id, String why) {
        return new UserError("'" + id + "' is not a lineage id: " + why + ".", "Write run:12 (or 12), NAME@VERSION, "
                + "NAME@ALIAS, dataset:NAME@VERSION, dataset:NAME, profile:ID, card:ID, deployment:ID, drift:ID or "
                + "commit:SHA.", ExitCode.BAD_INPUT, null);
    }

    // ---------------------------------------------------------------- the catalog's graph

    /** Every node and edge of the catalog, read in one transaction. */
    private static final class Universe {
        final Map<String, Map<String, Object>> info = new LinkedHashMap<>();
        final Map<String, String> labels = new HashMap<>();
        final Map<String, Boolean> retired = new HashMap<>();
        final Map<String, Integer> latestVersion = new TreeMap<>();
        final Map<String, String> staleInput = new HashMap<>(); // dataset node → its newest version's node
        final List<LineageGraph.Edge> edges = new ArrayList<>();
        final Set<String> edgeKeys = new java.util.HashSet<>();
        final Map<String, List<String>> out = new HashMap<>();
        final Map<String, List<String>> in = new HashMap<>();

        void node(String id, String label, Map<String, Object> attrs) {
            info.put(id, attrs);
            labels.put(id, label);
        }

        void edge(String from, String to, String relation, String role) {
            if (from == null || to == null || !edgeKeys.add(from + "\n" + to + "\n" + relation)) {
                return;
            }
            edges.add(new LineageGraph.Edge(from, to, relation, role));
            out.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
            in.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
        }

        /**
         * Stale reasons of every node: the stale inputs reachable upstream, propagated downstream along the edges
         * that mean "built from". Not along {@code succeeded_by} (a successor is built from its own inputs), nor from a
         * drift report's reference data (a drift report compares an older reference with newer data on purpose).
         */
        Map<String, List<String>> staleness() {
            Map<String, List<String>> builtOn = new HashMap<>();
            for (LineageGraph.Edge e : edges) {
                if (!e.relation().equals("succeeded_by")
                        && !(e.relation().equals("compared_in") && "reference".equals(e.role()))) {
                    builtOn.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
                }
            }
            Map<String, List<String>> reasons = new HashMap<>();
            for (Map.Entry<String, String> e : staleInput.entrySet()) {
                String input = e.getKey().substring("dataset:".length());
                String newest = e.getValue().substring("dataset:".length());
                reasons.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add("a newer version exists: " + newest);
                String why = "built on " + input + "; " + newest + " is newer";
                Deque<String> q = new ArrayDeque<>(List.of(e.getKey()));
                Set<String> seen = new java.util.HashSet<>(q);
                while (!q.isEmpty()) {
                    for (String m : builtOn.getOrDefault(q.poll(), List.of())) {
                        if (DERIVED.contains(m.substring(0, m.indexOf(':'))) && seen.add(m)) {
                            reasons.computeIfAbsent(m, k -> new ArrayList<>()).add(why);
                            q.add(m);
                        }
                    }
                }
            }
            return reasons;
        }

        LineageGraph.Node node(String id, List<String> stale) {
            Map<String, Object> attrs = info.getOrDefault(id, Map.of());
            String kind = id.substring(0, id.indexOf(':'));
            return new LineageGraph.Node(id, kind, labels.getOrDefault(id, id), !stale.isEmpty(), stale,
                    retired.getOrDefault(id, false), attrs);
        }
    }

    private Universe load() {
        Universe u = new Universe();
        Map<String, ModelVersion> versions = new HashMap<>();
        registry.list().forEach(m -> m.versions().forEach(v -> versions.put(Long.toString(v.id()), v)));
        catalog.read("read lineage", c -> {
            Map<Long, String> dv = datasets(c, u);
            Map<Long, String> mv = new HashMap<>();
            for (ModelVersion v : versions.values()) {
                String id = "model:" + v.ref();
                mv.put(v.id(), id);
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("stage", v.stage());
                a.put("aliases", v.aliases());
                a.put("run_id", v.runId());
                a.put("git_tag", v.gitTag());
                a.put("retired_ms", v.retiredAtMs());
                a.put("successor", v.successor());
                u.node(id, v.ref() + (v.aliases().isEmpty() ? "" : " [" + String.join(", ", v.aliases()) + "]")
                        + " (" + v.stage() + ")", a);
                u.retired.put(id, v.retired());
            }
            for (ModelVersion v : versions.values()) {
                if (v.successor() != null) {
                    u.edge("model:" + v.ref(), "model:" + v.successor(), "succeeded_by", null);
                }
            }
            query(c, "SELECT id, name, status, commit_sha, deleted_at, parent_run_id FROM run", rs -> {
                String id = "run:" + rs.getLong(1);
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("name", rs.getString(2));
                a.put("status", rs.getString(3));
                a.put("commit", rs.getString(4));
                a.put("deleted", rs.getObject(5) != null);
                u.node(id, "run " + rs.getLong(1) + " '" + rs.getString(2) + "' (" + rs.getString(3) + ")", a);
                String sha = rs.getString(4);
                if (sha != null && !sha.isBlank()) {
                    String commit = "commit:" + sha.toLowerCase(Locale.ROOT);
                    u.node(commit, "commit " + sha.substring(0, Math.min(7, sha.length())), Map.of("sha", sha));
                    u.edge(commit, id, "trained_from", null);
                }
                if (rs.getObject(6) != null) {
                    u.edge("run:" + rs.getLong(6), id, "spawned", null); // a sweep and its trials
                }
            });
            query(c, "SELECT id, dataset_version_id, approximate, created_at FROM profile", rs -> {
                String id = "profile:" + rs.getLong(1);
                String ds = dv.get(rs.getLong(2));
                u.node(id, "profile " + rs.getLong(1) + (ds == null ? "" : " of " + ds.substring(8)),
                        Map.of("approximate", rs.getInt(3) == 1, "created_ms", rs.getLong(4)));
                u.edge(ds, id, "profiled_as", null);
            });
            query(c, "SELECT run_id, dataset_version_id, role FROM run_dataset", rs ->
                    u.edge(dv.get(rs.getLong(2)), "run:" + rs.getLong(1), "read", rs.getString(3)));
            for (ModelVersion v : versions.values()) {
                if (v.runId() != null) {
                    u.edge("run:" + v.runId(), "model:" + v.ref(), "registered_as", null);
                }
            }
            query(c, "SELECT id, model_version_id, status, path FROM model_card", rs -> {
                String id = "card:" + rs.getLong(1);
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("status", rs.getString(3));
                a.put("path", rs.getString(4));
                u.node(id, "card " + rs.getLong(1) + " (" + rs.getString(3) + ")", a);
                u.edge(mv.get(rs.getLong(2)), id, "described_by", null);
            });
            query(c, "SELECT id, model_version_id, target, status FROM deployment", rs -> {
                String id = "deployment:" + rs.getLong(1);
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("target", rs.getString(3));
                a.put("status", rs.getString(4));
                u.node(id, "deployment " + rs.getLong(1) + " on " + rs.getString(3) + " (" + rs.getString(4) + ")", a);
                u.edge(mv.get(rs.getLong(2)), id, "deployed_as", null);
            });
            query(c, "SELECT id, reference_version_id, current_version_id, model_version_id, drifted "
                    + "FROM drift_report", rs -> {
                String id = "drift:" + rs.getLong(1);
                u.node(id, "drift report " + rs.getLong(1) + (rs.getInt(5) == 1 ? " (drifted)" : " (no drift)"),
                        Map.of("drifted", rs.getInt(5) == 1));
                u.edge(dv.get(rs.getLong(2)), id, "compared_in", "reference");
                u.edge(dv.get(rs.getLong(3)), id, "compared_in", "current");
                if (rs.getObject(4) != null) {
                    u.edge(mv.get(rs.getLong(4)), id, "monitored_by", null);
                }
            });
            query(c, "SELECT id, run_id, kind, path FROM artifact WHERE id IN (SELECT CAST(from_id AS INTEGER) FROM "
                    + "lineage_edge WHERE from_kind = 'artifact' UNION SELECT CAST(to_id AS INTEGER) FROM lineage_edge "
                    + "WHERE to_kind = 'artifact')", rs -> u.node("artifact:" + rs.getLong(1), rs.getString(3) + " "
                    + rs.getString(4), Map.of("run_id", rs.getLong(2), "path", rs.getString(4))));
            query(c, "SELECT from_kind, from_id, to_kind, to_id, relation FROM lineage_edge ORDER BY id", rs -> {
                String from = explicit(rs.getString(1), rs.getString(2), dv, mv, u);
                String to = explicit(rs.getString(3), rs.getString(4), dv, mv, u);
                u.edge(from, to, rs.getString(5), null);
            });
            return null;
        });
        return u;
    }

    /** Dataset version nodes, and which of them have a newer version. */
    private static Map<Long, String> datasets(Connection c, Universe u) throws SQLException {
        Map<Long, String> dv = new HashMap<>();
        query(c, "SELECT v.id, d.name, v.version_no, v.path, v.sha256, v.git_blob_id, v.commit_sha, v.row_count, "
                + "v.size_bytes, (SELECT max(x.version_no) FROM dataset_version x WHERE x.dataset_id = v.dataset_id) "
                + "FROM dataset_version v JOIN dataset d ON d.id = v.dataset_id ORDER BY d.name, v.version_no", rs -> {
            String name = rs.getString(2);
            int no = rs.getInt(3);
            int latest = rs.getInt(10);
            String id = "dataset:" + name + "@" + no;
            dv.put(rs.getLong(1), id);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("path", rs.getString(4));
            a.put("sha256", rs.getString(5));
            a.put("git_blob", rs.getString(6));
            a.put("commit", rs.getString(7));
            a.put("rows", rs.getObject(8) == null ? null : rs.getLong(8));
            a.put("size_bytes", rs.getLong(9));
            a.put("newest_version", latest);
            u.node(id, name + "@" + no + " (" + rs.getString(4) + ")", a);
            u.latestVersion.merge(name, latest, Math::max);
            if (no < latest) {
                u.staleInput.put(id, "dataset:" + name + "@" + latest);
            }
        });
        return dv;
    }

    /** The node id of a {@code lineage_edge} end; unknown kinds keep their kind and id. */
    private static String explicit(String kind, String id, Map<Long, String> dv, Map<Long, String> mv, Universe u) {
        String node = switch (kind) {
            case "dataset_version" -> num(id) == null ? null : dv.get(num(id));
            case "model_version" -> num(id) == null ? null : mv.get(num(id));
            case "model_card" -> "card:" + id;
            case "drift_report" -> "drift:" + id;
            case "commit" -> "commit:" + id.toLowerCase(Locale.ROOT);
            default -> kind + ":" + id;
        };
        if (node != null && !u.info.containsKey(node)) {
            u.node(node, node, Map.of());
        }
        return node;
    }

    private static Long num(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, Row row) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }
}
