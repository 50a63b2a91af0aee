package io.mlwb.data.profile;

import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.data.profile.ColumnAnalysis.CatInput;
import io.mlwb.data.profile.ColumnAnalysis.CorrInput;
import io.mlwb.data.profile.ColumnAnalysis.Result;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the exact profile of an in-memory table: per-column statistics matching pandas/numpy (see
 * {@link NumericStats} for the definitions), duplicate rows, correlations, target associations and alerts (from
 * {@link AlertRules}, which the streaming profiler shares).
 * Columns and column pairs are processed in parallel on {@link ProfileOptions#threads()} threads that live for one
 * call. Reads the table only; safe to call from several threads at once.
 */
public final class Profiler {
    private static final Logger LOG = LoggerFactory.getLogger(Profiler.class);
    private static final double COLUMN_SHARE = 0.7;

    private final AlertRules rules;

    /** Categorical columns with more categories than this get no Cramér's V (see {@link #profile}). */
    public static final int MAX_CRAMERS_V_CATEGORIES = 100;

    /** A profiler with the default alert thresholds. */
    public Profiler() {
        this(AlertThresholds.DEFAULTS);
    }

    /** @param thresholds when alerts are raised */
    public Profiler(AlertThresholds thresholds) {
        this.rules = new AlertRules(thresholds);
    }

    /**
     * Profiles a table.
     *
     * @param table    the table; not modified
     * @param options  what to compute
     * @param progress receives progress from worker threads; checked for cancellation between columns and pairs
     * @return the profile
     * @throws UserError if the target column is not in the table
     * @throws Cancelled once {@code progress} is cancelled
     */
    public DatasetProfile profile(DataTable table, ProfileOptions options, Progress progress) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        long started = System.nanoTime();
        String target = options.target().orElse(null);
        if (target != null && table.column(target).isEmpty()) {
            throw new UserError("The target column '%s' is not in the table.".formatted(target),
                    "Use one of: " + String.join(", ", table.names()) + ".");
        }
        int rows = table.rowCount();
        List<Column> cols = table.columns();
        boolean wantCorr = options.correlations() || target != null;
        int threads = options.effectiveThreads();
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mlwb-profile-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            int steps = cols.size() + 1;
            AtomicInteger done = new AtomicInteger();
            Future<Long> duplicates = pool.submit(() -> {
                progress.checkCancelled();
                long t = System.nanoTime();
                long d = DuplicateRows.count(table);
                LOG.debug("Duplicate rows took {} ms", (System.nanoTime() - t) / 1_000_000);
                progress.report(COLUMN_SHARE * done.incrementAndGet() / steps, "Counted duplicate rows");
                return d;
            });
            List<Future<Result>> futures = new ArrayList<>();
            // Sorting work arrays, one set per worker at a time, reused from column to column (tens of MB a column
            // otherwise); dropped with this call.
            ConcurrentLinkedDeque<SortBuffers> buffers = new ConcurrentLinkedDeque<>();
            for (Column col : cols) {
                futures.add(pool.submit(() -> {
                    progress.checkCancelled();
                    long t = System.nanoTime();
                    SortBuffers mine = Objects.requireNonNullElseGet(buffers.poll(), SortBuffers::new);
                    Result r = analyse(col, rows, options, wantCorr, mine);
                    buffers.push(mine);
                    LOG.debug("Column {} took {} ms", col.name(), (System.nanoTime() - t) / 1_000_000);
                    progress.report(COLUMN_SHARE * done.incrementAndGet() / steps, "Profiled " + col.name());
                    return r;
                }));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : futures) {
                results.add(await(f));
            }
            buffers.clear();
            long duplicateRows = await(duplicates);
            List<ColumnProfile> profiles = results.stream().map(Result::profile).toList();
            List<CorrInput> num = results.stream().map(Result::numeric).filter(Objects::nonNull).toList();
            // Like ydata-profiling (categorical_maximum_correlation_distinct), Cramér's V is left out for columns
            // with more than MAX_CRAMERS_V_CATEGORIES categories: for an id-like column it is ~1 with everything
            // and says nothing, and its contingency tables are the costliest part of the profile. The target stays.
            String targetName = options.target().orElse(null);
            List<CatInput> cat = results.stream().map(Result::categorical).filter(Objects::nonNull)
                    .filter(c -> c.cardinality() <= MAX_CRAMERS_V_CATEGORIES || c.name().equals(targetName)).toList();

            long columnsDone = System.nanoTime();
            Correlations correlations = options.correlations()
                    ? matrices(num, cat, pool, progress) : Correlations.empty();
            List<TargetAssociation> associations = target == null ? List.of()
                    : targetAssociations(target, profiles, num, cat, correlations, options.correlations(), pool,
                            progress);
            LOG.debug("Columns {} ms, correlations and target {} ms", (columnsDone - started) / 1_000_000,
                    (System.nanoTime() - columnsDone) / 1_000_000);
            long missingCells = profiles.stream().mapToLong(ColumnProfile::missing).sum();
            List<Alert> alerts = rules.alerts(rows, duplicateRows, profiles, correlations, Set.of());
            progress.report(1.0, "Profile finished");
            LOG.debug("Profiled {} rows x {} columns in {} ms on {} threads", rows, cols.size(),
                    (System.nanoTime() - started) / 1_000_000, threads);
            return new DatasetProfile(rows, cols.size(), missingCells, duplicateRows, table.memoryBytes(), profiles,
                    correlations, associations, alerts);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result analyse(Column col, int rows, ProfileOptions options, boolean wantCorr,
            SortBuffers buffers) {
        if (col instanceof NumericColumn n) {
            return ColumnAnalysis.numeric(n, rows, options, wantCorr, buffers);
        } else if (col instanceof CategoricalColumn c) {
            return ColumnAnalysis.categorical(c, rows, options, wantCorr);
        } else if (col instanceof BooleanColumn b) {
            return ColumnAnalysis.bool(b, rows, options, wantCorr);
        } else if (col instanceof DateTimeColumn d) {
            return ColumnAnalysis.date(d, rows, options);
        }
        throw new IllegalStateException("Unknown column kind " + col.getClass());
    }

    private static Correlations matrices(List<CorrInput> num, List<CatInput> cat, ExecutorService pool,
            Progress progress) {
        int k = num.size();
        double[][] pearson = new double[k][k];
        double[][] spearman = new double[k][k];
        int c = cat.size();
        double[][] cramer = new double[c][c];
        List<Callable<Void>> tasks = new ArrayList<>(Correlator.pairTasks(num, pearson, spearman, progress));
        for (int i = 0; i < c; i++) {
            for (int j = i; j < c; j++) {
                int a = i;
                int b = j;
                tasks.add(() -> {
                    progress.checkCancelled();
                    cramer[a][b] = Correlator.cramersV(cat.get(a), cat.get(b));
                    cramer[b][a] = cramer[a][b];
                    return null;
                });
            }
        }
        runAll(pool, tasks, progress, "Correlations");
        return new Correlations(new CorrelationMatrix(num.stream().map(CorrInput::name).toList(), pearson),
                new CorrelationMatrix(num.stream().map(CorrInput::name).toList(), spearman),
                new CorrelationMatrix(cat.stream().map(CatInput::name).toList(), cramer));
    }

    private static List<TargetAssociation> targetAssociations(String target, List<ColumnProfile> profiles,
            List<CorrInput> num, List<CatInput> cat, Correlations matrices, boolean haveMatrices,
            ExecutorService pool, Progress progress) {
        CorrInput tNum = num.stream().filter(x -> x.name().equals(target)).findFirst().orElse(null);
        CatInput tCat = cat.stream().filter(x -> x.name().equals(target)).findFirst().orElse(null);
        ColumnProfile tProfile = profiles.stream().filter(p -> p.name().equals(target)).findFirst().orElseThrow();
        boolean binary = tProfile.distinct() == 2;
        CorrInput tBinary = tNum != null || !binary || tCat == null ? null : binaryCoding(tCat);
        // A numeric target with few values (0/1 labels, classes) is also a categorical one: categorical features
        // get Cramér's V against it.
        CatInput tCatForV = tCat != null ? tCat
                : tNum != null && tProfile.distinct() <= MAX_CRAMERS_V_CATEGORIES ? categoricalCoding(tNum) : null;
        List<ColumnProfile> features = profiles.stream().filter(p -> !p.name().equals(target)).toList();
        TargetAssociation[] out = new TargetAssociation[features.size()];
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            int index = i;
            String name = features.get(i).name();
            CorrInput fNum = num.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            CatInput fCat = cat.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            tasks.add(() -> {
                progress.checkCancelled();
                double pearson = Double.NaN;
                double spearman = Double.NaN;
                double biserial = Double.NaN;
                double cramer = Double.NaN;
                if (fNum != null && tNum != null) {
                    pearson = haveMatrices ? matrices.pearson().get(name, target) : Correlator.pearson(fNum, tNum);
                    spearman = haveMatrices ? matrices.spearman().get(name, target)
                            : Correlator.spearman(fNum, tNum);
                    if (binary) {
                        biserial = pearson;
                    }
                } else if (fNum != null && tBinary != null) {
                    biserial = Correlator.pearson(fNum, tBinary);
                }
                if (fCat != null && tCat != null) {
                    cramer = haveMatrices ? matrices.cramersV().get(name, target) : Correlator.cramersV(fCat, tCat);
                } else if (fCat != null && tCatForV != null) {
                    cramer = Correlator.cramersV(fCat, tCatForV);
                }
                out[index] = new TargetAssociation(name, pearson, spearman, biserial, cramer);
                return null;
            });
        }
        runAll(pool, tasks, progress, "Target associations");
        return List.of(out);
    }

    /** Codes a numeric column's distinct values as categories (missing = -1), in order of first appearance. */
    private static CatInput categoricalCoding(CorrInput t) {
        double[] x = t.x();
        int[] codes = new int[x.length];
        java.util.Map<Double, Integer> index = new java.util.HashMap<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                codes[i] = -1;
                continue;
            }
            Integer code = index.get(v);
            if (code == null) {
                code = labels.size();
                index.put(v, code);
                labels.add(Double.toString(v));
            }
            codes[i] = code;
        }
        return new CatInput(t.name(), codes, labels.size(), labels);
    }

    /** Codes a two-category column 0/1, the label first in code-point order being 0. */
    private static CorrInput binaryCoding(CatInput t) {
        int[] codes = t.codes();
        int first = -1;
        int second = -1;
        for (int code : codes) {
            if (code >= 0 && code != first) {
                if (first < 0) {
                    first = code;
                } else {
                    second = code;
                    break;
                }
            }
        }
        int zero = Sorting.compareCodePoints(t.labels().get(first), t.labels().get(second)) < 0 ? first : second;
        double[] x = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            x[i] = codes[i] < 0 ? Double.NaN : (codes[i] == zero ? 0 : 1);
        }
        int[] order = new int[codes.length];
        int[] rank2 = new int[codes.length];
        int zeros = 0;
        for (int code : codes) {
            zeros += code == zero ? 1 : 0;
        }
        int present = 0;
        for (int code : codes) {
            present += code >= 0 ? 1 : 0;
        }
        int z = 0;
        int o = zeros;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == zero) {
                order[z++] = i;
                rank2[i] = zeros + 1;
            } else if (codes[i] >= 0) {
                order[o++] = i;
                rank2[i] = zeros + 1 + present;
            }
        }
        return new CorrInput(t.name(), x, false, Double.NaN, Double.NaN, java.util.Arrays.copyOf(order, present),
                ColumnAnalysis.inOrder(java.util.Arrays.copyOf(order, present), rank2), rank2, Double.NaN, 2);
    }

    private static void runAll(ExecutorService pool, List<Callable<Void>> tasks, Progress progress, String what) {
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> t : tasks) {
            futures.add(pool.submit(t));
        }
        int done = 0;
        for (Future<Void> f : futures) {
            await(f);
            done++;
            progress.report(COLUMN_SHARE + (1 - COLUMN_SHARE) * done / futures.size(), what);
        }
    }

    private static <T> T await(Future<T> future) {
        return io.mlwb.core.job.Futures.await(future);
    }
}
