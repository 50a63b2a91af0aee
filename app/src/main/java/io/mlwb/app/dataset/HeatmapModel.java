package io.mlwb.app.dataset;

import io.mlwb.data.profile.CorrelationMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * What the Correlations tab shows of one matrix, without the toolkit: which columns match the filter, the strongest
 * pairs among them (|value| descending), which columns the heatmap draws and in what order. A wide matrix (more than
 * {@link #CAP} matching columns) is shown, unless all are asked for, as the heatmap of the columns of its strongest
 * pairs (at most {@link #FOCUS} of them), so that the view stays readable; the pairs table lists the strongest
 * {@link #PAIRS} pairs either way. The clustered order chains columns greedily, each next to the remaining column it
 * is most strongly correlated with (|value|), so that blocks of related columns sit together.
 */
final class HeatmapModel {
    /** Above this many matching columns the heatmap shows only the columns of the strongest pairs by default. */
    static final int CAP = 200;
    /** How many columns the capped heatmap shows at most. */
    static final int FOCUS = 40;
    /** How many pairs the strongest-pairs table lists. */
    static final int PAIRS = 100;

    /**
     * Two columns and their coefficient.
     *
     * @param row   the first column's index in the matrix
     * @param col   the second column's index in the matrix (greater than {@code row})
     * @param a     the first column's name
     * @param b     the second column's name
     * @param value the coefficient
     */
    record Pair(int row, int col, String a, String b, double value) {
    }

    /**
     * What to draw.
     *
     * @param columns  the matrix indices of the columns drawn, in drawing order
     * @param pairs    the strongest pairs among the matching columns, strongest first
     * @param matching how many columns match the filter
     * @param capped   true when only the columns of the strongest pairs are drawn (more than {@link #CAP} match)
     */
    record View(int[] columns, List<Pair> pairs, int matching, boolean capped) {
        /** @return the position of matrix column {@code index} in the drawing order, or −1 when it is not drawn */
        int positionOf(int index) {
            for (int k = 0; k < columns.length; k++) {
                if (columns[k] == index) {
                    return k;
                }
            }
            return -1;
        }
    }

    private static final Comparator<Pair> WEAKEST_FIRST = Comparator.comparingDouble((Pair p) -> Math.abs(p.value()))
            .thenComparing(Pair::row, Comparator.reverseOrder()).thenComparing(Pair::col, Comparator.reverseOrder());

    private final CorrelationMatrix matrix;
    private String cachedQuery;
    private int[] cachedMatching;
    private List<Pair> cachedPairs;

    /** @param matrix the matrix shown */
    HeatmapModel(CorrelationMatrix matrix) {
        this.matrix = Objects.requireNonNull(matrix, "matrix");
    }

    /** @return the matrix shown */
    CorrelationMatrix matrix() {
        return matrix;
    }

    /**
     * @param query     the filter text (see {@link #matching(List, String)})
     * @param clustered whether to order the drawn columns by {@link #clusteredOrder(CorrelationMatrix, int[])}
     * @param showAll   whether to draw every matching column even above {@link #CAP}
     * @param pinned    matrix indices drawn in any case when they match (a pair chosen from the table)
     * @return what to draw
     */
    View view(String query, boolean clustered, boolean showAll, Collection<Integer> pinned) {
        String q = query == null ? "" : query.strip();
        if (!q.equals(cachedQuery)) {
            cachedMatching = matching(matrix.columns(), q);
            cachedPairs = strongestPairs(matrix, cachedMatching, PAIRS);
            cachedQuery = q;
        }
        int[] matching = cachedMatching;
        boolean capped = !showAll && matching.length > CAP;
        int[] columns = matching;
        if (capped) {
            Set<Integer> shown = new LinkedHashSet<>(focusColumns(cachedPairs, FOCUS, matching));
            Set<Integer> matchingSet = new java.util.HashSet<>();
            for (int m : matching) {
                matchingSet.add(m);
            }
            for (Integer p : pinned) {
                if (matchingSet.contains(p)) {
                    shown.add(p);
                }
            }
            columns = shown.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        if (clustered) {
            columns = clusteredOrder(matrix, columns);
        }
        return new View(columns, cachedPairs, matching.length, capped);
    }

    /**
     * The columns whose name contains the query, ignoring case; several words separated by spaces or commas match a
     * column containing any of them. A blank query matches every column.
     *
     * @return matrix indices, ascending
     */
    static int[] matching(List<String> columns, String query) {
        String[] words = query == null ? new String[0]
                : Arrays.stream(query.toLowerCase(Locale.ROOT).split("[\\s,]+")).filter(w -> !w.isEmpty())
                .toArray(String[]::new);
        int[] out = new int[columns.size()];
        int n = 0;
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).toLowerCase(Locale.ROOT);
            boolean hit = words.length == 0;
            for (int w = 0; !hit && w < words.length; w++) {
                hit = name.contains(words[w]);
            }
            if (hit) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The strongest pairs among {@code among}: |value| descending, ties in matrix order, undefined (NaN) values left
     * out. Keeps a bounded heap, so 3,000 columns (4.5 million pairs) cost one pass and no list of every pair.
     *
     * @param among matrix indices, ascending
     * @param limit at most this many pairs
     */
    static List<Pair> strongestPairs(CorrelationMatrix m, int[] among, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        double[][] v = m.values();
        PriorityQueue<Pair> heap = new PriorityQueue<>(limit + 1, WEAKEST_FIRST);
        double floor = -1;
        for (int x = 0; x < among.length; x++) {
            int i = among[x];
            double[] row = v[i];
            for (int y = x + 1; y < among.length; y++) {
                int j = among[y];
                double a = Math.abs(row[j]);
                if (Double.isNaN(a) || heap.size() == limit && a <= floor) {
                    continue;
                }
                heap.add(new Pair(i, j, m.columns().get(i), m.columns().get(j), row[j]));
                if (heap.size() > limit) {
                    heap.poll();
                }
                if (heap.size() == limit) {
                    floor = Math.abs(heap.peek().value());
                }
            }
        }
        List<Pair> out = new ArrayList<>(heap);
        out.sort(WEAKEST_FIRST.reversed());
        return out;
    }

    /**
     * The columns of the strongest pairs, in the pairs' order, until {@code k} columns are found; topped up with the
     * first matching columns when the pairs name fewer (a matrix of undefined values).
     */
    static List<Integer> focusColumns(List<Pair> pairs, int k, int[] matching) {
        Set<Integer> out = new LinkedHashSet<>();
        for (Pair p : pairs) {
            if (out.size() >= k) {
                break;
            }
            out.add(p.row());
            if (out.size() < k) {
                out.add(p.col());
            }
        }
        for (int i = 0; i < matching.length && out.size() < Math.min(k, matching.length); i++) {
            out.add(matching[i]);
        }
        return new ArrayList<>(out);
    }

    /**
     * A seriation of {@code columns}: a greedy nearest-neighbour chain on |value|. It starts at the column with the
     * largest summed |value| to the others, then repeatedly appends the remaining column most strongly correlated
     * with the last one (ties: the earlier column). Undefined values count as 0. O(n²).
     *
     * @return the same indices, reordered
     */
    static int[] clusteredOrder(CorrelationMatrix m, int[] columns) {
        int n = columns.length;
        if (n <= 2) {
            return columns.clone();
        }
        double[][] v = m.values();
        int start = 0;
        double best = -1;
        for (int x = 0; x < n; x++) {
            double sum = 0;
            for (int y = 0; y < n; y++) {
                if (x != y) {
                    sum += strength(v[columns[x]][columns[y]]);
                }
            }
            if (sum > best) {
                best = sum;
                start = x;
            }
        }
        boolean[] used = new boolean[n];
        int[] out = new int[n];
        out[0] = columns[start];
        used[start] = true;
        int last = start;
        for (int k = 1; k < n; k++) {
            int next = -1;
            double strongest = -1;
            double[] row = v[columns[last]];
            for (int y = 0; y < n; y++) {
                if (!used[y]) {
                    double s = strength(row[columns[y]]);
                    if (s > strongest) {
                        strongest = s;
                        next = y;
                    }
                }
            }
            used[next] = true;
            out[k] = columns[next];
            last = next;
        }
        return out;
    }

    private static double strength(double value) {
        return Double.isNaN(value) ? 0 : Math.abs(value);
    }
}
