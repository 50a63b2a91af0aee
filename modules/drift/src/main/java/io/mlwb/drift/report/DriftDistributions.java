package io.mlwb.drift.report;

import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DriftConfig;
import io.mlwb.data.report.DatasetFormat;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import io.mlwb.drift.ColumnDrift;
import io.mlwb.drift.DatasetDrift;
import io.mlwb.drift.DriftEngine;
import io.mlwb.drift.DriftOptions;
import io.mlwb.drift.service.DriftService;
import io.mlwb.drift.stats.Bins;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Counts both sides of every compared column on the bins drift measured it with, for the overlaid histograms and
 * category bars of the HTML report and the Drift pane. The bins follow docs/drift.md as {@link DriftEngine} makes
 * them: the same options (bin count, binning, per-column edges), the same rule for numbers compared as categories
 * (5 or fewer distinct reference values), the same category order. The one difference: bins between two equal
 * edges (ties in the reference), always empty on both sides and adding 0 to PSI, are left out. Pure and stateless.
 */
public final class DriftDistributions {
    private DriftDistributions() {
    }

    /**
     * @param result  a comparison
     * @param options the options it was made with (bins, binning, per-column edges)
     * @return {@link #compute(DataTable, DataTable, DatasetDrift, DriftOptions)} of its tables
     */
    public static Map<String, ColumnDistribution> of(DriftService.Result result, DriftOptions options) {
        return compute(result.reference().table(), result.current().table(), result.drift(), options);
    }

    /**
     * @param reference the reference data
     * @param current   the current data
     * @param drift     their comparison
     * @param options   the options it was made with
     * @return per compared column (in the comparison's order), its distribution; retyped and free-text columns, and
     *         numeric columns without reference values, have none
     */
    public static Map<String, ColumnDistribution> compute(DataTable reference, DataTable current, DatasetDrift drift,
                                                          DriftOptions options) {
        Map<String, ColumnDistribution> out = new LinkedHashMap<>();
        for (ColumnDrift c : drift.columns()) {
            if (c.status() == ColumnDrift.Status.RETYPED || c.status() == ColumnDrift.Status.SKIPPED_TEXT) {
                continue;
            }
            Optional<Column> ref = reference.column(c.name());
            Optional<Column> cur = current.column(c.name());
            if (ref.isPresent() && cur.isPresent()) {
                column(ref.get(), cur.get(), options).ifPresent(d -> out.put(c.name(), d));
            }
        }
        return out;
    }

    /**
     * @param ref     a reference column
     * @param cur     the current column of the same name
     * @param options bins, binning and the column's overrides
     * @return both sides on the column's bins; empty when the types cannot be compared or a numeric reference has
     *         no values (no bins to make)
     */
    public static Optional<ColumnDistribution> column(Column ref, Column cur, DriftOptions options) {
        ColumnType rt = ref.type();
        ColumnType ct = cur.type();
        boolean stringy = (rt == ColumnType.CATEGORICAL || rt == ColumnType.TEXT)
                && (ct == ColumnType.CATEGORICAL || ct == ColumnType.TEXT);
        if (stringy || (rt == ColumnType.BOOLEAN && ct == ColumnType.BOOLEAN)) {
            Map<String, long[]> counts = new LinkedHashMap<>();
            count(ref, counts, 0);
            count(cur, counts, 1);
            return Optional.of(categories(ref.name(), counts, false));
        }
        boolean numeric = rt == ColumnType.NUMERIC || rt == ColumnType.DATETIME;
        if (!numeric || rt != ct) {
            return Optional.empty();
        }
        double[] r = presentSorted(ref);
        double[] c = presentSorted(cur);
        boolean dates = ref instanceof DateTimeColumn;
        if (!distinctAbove(r, DriftEngine.MAX_CATEGORY_LIKE_DISTINCT)) {
            // numbers compared as categories: one bin per value, the reference's in value order, then the new ones
            TreeMap<Double, long[]> byValue = new TreeMap<>();
            for (double v : r) {
                byValue.computeIfAbsent(v, x -> new long[2])[0]++;
            }
            for (double v : c) {
                byValue.computeIfAbsent(v, x -> new long[2])[1]++;
            }
            Map<String, long[]> counts = new LinkedHashMap<>();
            byValue.forEach((v, n) -> {
                if (n[0] > 0) {
                    counts.put(label(v, ref), n);
                }
            });
            byValue.forEach((v, n) -> {
                if (n[0] == 0) {
                    counts.put(label(v, ref), n);
                }
            });
            return Optional.of(categories(ref.name(), counts, dates));
        }
        // equal edges (ties in the reference) make bins that hold nothing on either side and add 0 to PSI: drawn once
        double[] edges = Arrays.stream(edges(ref.name(), r, options)).distinct().toArray();
        long[] rc = Bins.counts(r, r.length, edges);
        long[] cc = Bins.counts(c, c.length, edges);
        List<String> labels = new ArrayList<>();
        double span = r[r.length - 1] - r[0];
        for (int i = 0; i <= edges.length; i++) {
            if (edges.length == 0) {
                labels.add("all");
            } else if (i == 0) {
                labels.add("\u2264 " + edge(edges[0], ref, span));
            } else if (i == edges.length) {
                labels.add("> " + edge(edges[i - 1], ref, span));
            } else {
                labels.add(edge(edges[i - 1], ref, span) + " \u2013 " + edge(edges[i], ref, span));
            }
        }
        return Optional.of(new ColumnDistribution(ref.name(), true, labels, edges, rc, cc, dates));
    }

    /** The inner edges as the engine makes them (docs/drift.md, "PSI and KL"). */
    private static double[] edges(String name, double[] sorted, DriftOptions options) {
        DriftConfig.Column override = options.column(name).orElse(null);
        int bins = override != null && override.bins() != null ? override.bins() : options.bins();
        DriftConfig.Binning binning = override != null && override.binning() != null ? override.binning()
                : options.binning();
        return switch (binning) {
            case EQUAL_WIDTH -> Bins.equalWidthEdges(sorted[0], sorted[sorted.length - 1], bins);
            case CUSTOM -> override == null || override.edges().isEmpty() ? Bins.quantileEdges(sorted, sorted.length,
                    bins) : Bins.checkedCustom(override.edges().stream().mapToDouble(Double::doubleValue).toArray());
            default -> Bins.quantileEdges(sorted, sorted.length, bins);
        };
    }

    private static ColumnDistribution categories(String name, Map<String, long[]> counts, boolean dates) {
        List<String> labels = new ArrayList<>(counts.keySet());
        long[] r = new long[labels.size()];
        long[] c = new long[labels.size()];
        int i = 0;
        for (long[] n : counts.values()) {
            r[i] = n[0];
            c[i] = n[1];
            i++;
        }
        return new ColumnDistribution(name, false, labels, new double[0], r, c, dates);
    }

    private static void count(Column column, Map<String, long[]> map, int side) {
        if (column instanceof CategoricalColumn c) {
            long[] perCode = new long[c.dictionary().size()];
            for (int code : c.codes()) {
                if (code >= 0) {
                    perCode[code]++;
                }
            }
            for (int k = 0; k < perCode.length; k++) {
                if (perCode[k] > 0) {
                    map.computeIfAbsent(c.dictionary().get(k), x -> new long[2])[side] += perCode[k];
                }
            }
        } else if (column instanceof BooleanColumn b) {
            long t = 0;
            long f = 0;
            for (byte v : b.values()) {
                if (v == 1) {
                    t++;
                } else if (v == 0) {
                    f++;
                }
            }
            if (f > 0) {
                map.computeIfAbsent("false", x -> new long[2])[side] += f;
            }
            if (t > 0) {
                map.computeIfAbsent("true", x -> new long[2])[side] += t;
            }
        }
    }

    /** Non-missing values, sorted, NaN left out, −0.0 as 0.0; dates as epoch milliseconds. */
    private static double[] presentSorted(Column c) {
        double[] out = new double[c.size()];
        int k = 0;
        if (c instanceof NumericColumn n) {
            double[] v = n.values();
            for (int i = 0; i < v.length; i++) {
                if (!n.isMissing(i) && !Double.isNaN(v[i])) {
                    out[k++] = v[i] + 0.0;
                }
            }
        } else if (c instanceof DateTimeColumn d) {
            long[] v = d.millis();
            for (int i = 0; i < v.length; i++) {
                if (!d.isMissing(i)) {
                    out[k++] = v[i];
                }
            }
        }
        double[] s = Arrays.copyOf(out, k);
        Arrays.sort(s);
        return s;
    }

    private static boolean distinctAbove(double[] sorted, int limit) {
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if ((i == 0 || sorted[i] != sorted[i - 1]) && ++distinct > limit) {
                return true;
            }
        }
        return false;
    }

    /** A category label as the engine writes it: integers without a fraction, dates as the column writes them. */
    private static String label(double v, Column column) {
        if (column instanceof DateTimeColumn d) {
            return d.style().format((long) v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String edge(double v, Column column, double span) {
        if (column instanceof DateTimeColumn d) {
            return DatasetFormat.dateTick(d.style(), v, span);
        }
        return DatasetFormat.number(v);
    }
}
