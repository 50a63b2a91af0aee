package io.mlwb.data.stream;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DataFormat;
import io.mlwb.data.profile.AlertRules;
import io.mlwb.data.profile.AlertThresholds;
import io.mlwb.data.profile.ColumnProfile;
import io.mlwb.data.profile.CorrelationMatrix;
import io.mlwb.data.profile.Correlations;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.TargetAssociation;
import io.mlwb.data.read.Detected;
import io.mlwb.data.read.QuoteScanner;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.ReadResult;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profiles a file of any size in bounded memory: the file is read sequentially in blocks of whole rows (see
 * {@link StreamingOptions#blockBytes()}); the first block is read with the ordinary {@link TableReader}, which
 * detects the format, delimiter, encoding and column types; every later block is read the same way behind the
 * header row, with those settings and types fixed. Each block's columns are folded into per-column accumulators and
 * dropped, so memory holds one block, its table and the sketches, whatever the file's size.
 *
 * <p>Exact: row, present, missing, zero, negative and infinity counts, min, max, sum, mean, std, skewness and
 * kurtosis (block moments merged with Pébay's formulas), boolean counts, text lengths, date ranges, and Pearson's r
 * (pairwise-complete co-moments merged with Chan's formula). Distinct counts and top values are exact while a
 * column has at most {@link StreamingOptions#exactDistinctLimit()} distinct values. Approximate: quantiles (a KLL
 * sketch; an observed value within the stated rank error, not numpy's interpolation), histograms (numpy's edges over
 * the exact [min, max], counts from the KLL CDF), and above the limit distinct counts (HLL) and top values (the
 * frequent-items sketch, listing only values it guarantees to be frequent). The KLL sketch is randomized (its
 * compaction flips an unseeded coin), so quantiles and histogram counts may differ between runs within the stated
 * error; everything else is deterministic. Not computed: duplicate rows
 * ({@code -1}), Spearman and Cramér's V (empty matrices), the largest gap of a date column above the limit
 * ({@code -1}). {@link DatasetProfile#approximate()} says which figures are approximate and their error.
 *
 * <p>Alerts come from the same {@link AlertRules} as the exact profile's; the rules that need a figure this mode
 * does not compute (duplicate rows, Spearman, Cramér's V, an exact distinct count above the limit) do not fire.
 *
 * <p>A Parquet file (as {@link TableReader#isParquet(Path, DataFormat)} tells) is read one row group at a time
 * ({@link TableReader#readRowGroups}) instead of in blocks; each row group is folded in as a block is, so memory holds
 * one row group, and what was detected is {@link DataFormat#PARQUET}.
 *
 * <p>UTF-16 and other encodings that are not ASCII-compatible are not streamed (the blocks are cut at byte line
 * breaks); a later block whose values do not fit the first block's types reads them as missing, with a warning.
 */
public final class StreamingProfiler {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingProfiler.class);
    private static final int MAX_LOGGED_WARNINGS = 20;
    private static final int HEAD_BYTES = 64 * 1024;

    private final AlertRules rules;
    private final StreamingOptions sketches;
    private final TableReader reader = new TableReader();

    /** A streaming profiler with the default alert thresholds and sketch sizes. */
    public StreamingProfiler() {
        this(AlertThresholds.DEFAULTS, StreamingOptions.defaults());
    }

    /**
     * @param thresholds when alerts are raised
     * @param sketches   block and sketch sizes
     */
    public StreamingProfiler(AlertThresholds thresholds, StreamingOptions sketches) {
        this.rules = new AlertRules(thresholds);
        this.sketches = Objects.requireNonNull(sketches, "sketches");
    }

    /**
     * Profiles a file in one sequential pass.
     *
     * @param file     a delimited text or JSON Lines file, optionally gzip-compressed, or a Parquet file
     * @param options  what is known about the file; the rest is detected from the first block
     * @param popts    what to compute (Spearman and Cramér's V are not computed in streaming mode)
     * @param progress receives progress; cancellation is honoured between blocks
     * @return the profile, with {@link DatasetProfile#approximate()} naming its approximate figures
     * @throws UserError for a missing, empty, binary, unreadable or changing file, UTF-16 text, or an unknown target
     * @throws Cancelled once {@code progress} is cancelled
     */
    public DatasetProfile profile(Path file, ReadOptions options, ProfileOptions popts, Progress progress) {
        return profile(file, options, popts, progress, w -> { });
    }

    /**
     * Profiles a file in one sequential pass and hands on the read's warnings: the blocks' reader warnings (an
     * unclosed quote, ragged rows, text in a numeric column, ...) worded as the in-memory reader words them in
     * {@link ReadResult#warnings()}, each once, the first {@value #MAX_LOGGED_WARNINGS} of them. They are logged too.
     *
     * @param file     a delimited text or JSON Lines file, optionally gzip-compressed, or a Parquet file
     * @param options  what is known about the file; the rest is detected from the first block
     * @param popts    what to compute (Spearman and Cramér's V are not computed in streaming mode)
     * @param progress receives progress; cancellation is honoured between blocks
     * @param warnings receives each warning as it is found, on the calling thread or a worker thread
     * @return the profile, with {@link DatasetProfile#approximate()} naming its approximate figures
     * @throws UserError for a missing, empty, binary, unreadable or changing file, UTF-16 text, or an unknown target
     * @throws Cancelled once {@code progress} is cancelled
     */
    public DatasetProfile profile(Path file, ReadOptions options, ProfileOptions popts, Progress progress,
            Consumer<String> warnings) {
        return profile(file, options, popts, progress, warnings, d -> { });
    }

    /**
     * Profiles a file in one sequential pass, hands on the read's warnings (as
     * {@link #profile(Path, ReadOptions, ProfileOptions, Progress, Consumer)}) and what the first block's read
     * detected: the format, charset, delimiter and byte order mark, with {@link Detected#gzip()} set when the file is
     * gzip-compressed. Every later block is read with those settings.
     *
     * @param file     a delimited text or JSON Lines file, optionally gzip-compressed, or a Parquet file
     * @param options  what is known about the file; the rest is detected from the first block
     * @param popts    what to compute (Spearman and Cramér's V are not computed in streaming mode)
     * @param progress receives progress; cancellation is honoured between blocks
     * @param warnings receives each warning as it is found, on the calling thread or a worker thread
     * @param detected receives what was detected, once, on the calling thread, after the first block was read
     * @return the profile, with {@link DatasetProfile#approximate()} naming its approximate figures
     * @throws UserError for a missing, empty, binary, unreadable or changing file, UTF-16 text, or an unknown target
     * @throws Cancelled once {@code progress} is cancelled
     */
    public DatasetProfile profile(Path file, ReadOptions options, ProfileOptions popts, Progress progress,
            Consumer<String> warnings, Consumer<Detected> detected) {
        Objects.requireNonNull(detected, "detected");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(warnings, "warnings");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(popts, "popts");
        Objects.requireNonNull(progress, "progress");
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        long started = System.nanoTime();
        BasicFileAttributes before = attributes(file, name);
        if (before.size() == 0) {
            throw new UserError(name + " is empty.", "Choose a file with a header row and data.",
                    ExitCode.BAD_INPUT, null);
        }
        if (TableReader.isParquet(file, options.format())) {
            return profileParquet(file, name, before, options, popts, progress, warnings, detected, started);
        }
        checkEncoding(options.encoding(), name);
        int threads = popts.effectiveThreads();
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemons());
        try (BlockReader blocks = new BlockReader(file, sketches.blockBytes(), false)) {
            byte[] head = blocks.head(HEAD_BYTES);
            if (head.length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                    || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
                throw new UserError(name + " is UTF-16 text, which the streaming profile does not read.",
                        "Convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8), or profile it in memory.",
                        ExitCode.BAD_INPUT, null);
            }
            boolean jsonLines = jsonLines(name, head, options.format());
            blocks.jsonLines(jsonLines);
            Run run = new Run(name, popts, pool, progress, warnings);
            int chunk = Math.max(64 * 1024, Math.min(options.chunkBytes(), sketches.blockBytes() / threads));
            ReadOptions first = options.withChunkBytes(chunk);
            ReadOptions later = null;
            byte[] header = new byte[0];
            byte[] block;
            long size = before.size();
            while ((block = blocks.next()) != null) {
                progress.checkCancelled();
                ReadResult r;
                if (later == null) {
                    if (!jsonLines) {
                        header = header(block);
                    }
                    r = reader.read(block, name, first, cancelOnly(progress));
                    later = later(first, r, jsonLines);
                    Detected d = r.detected();
                    // the block was decompressed before it was read: the block reader knows about gzip
                    detected.accept(new Detected(jsonLines ? DataFormat.JSONL : d.format(), d.charset(),
                            jsonLines ? Optional.empty() : d.delimiter(), d.hasBom(), blocks.gzip()));
                    run.start(r.table());
                } else {
                    if (blank(block)) {
                        continue;
                    }
                    byte[] withHeader = new byte[header.length + block.length];
                    System.arraycopy(header, 0, withHeader, 0, header.length);
                    System.arraycopy(block, 0, withHeader, header.length, block.length);
                    block = null;
                    r = reader.read(withHeader, name, later, cancelOnly(progress));
                }
                run.warnings(r.warnings(), later != null && run.blocks > 0);
                run.add(r.table());
                progress.report(0.97 * Math.min(1.0, (double) blocks.consumed() / size),
                        "Profiling %s: %,d rows".formatted(name, run.rows));
            }
            return finish(run, file, name, before, progress, started, "blocks");
        } catch (IOException e) {
            throw new UserError("Cannot read " + file + " (" + e.getMessage() + ").",
                    "Check that the file is readable and, if compressed, complete.", ExitCode.BAD_INPUT, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Streams a Parquet file row group by row group: the first row group's table starts the run. */
    private DatasetProfile profileParquet(Path file, String name, BasicFileAttributes before, ReadOptions options,
            ProfileOptions popts, Progress progress, Consumer<String> warnings, Consumer<Detected> detected,
            long started) {
        ExecutorService pool = Executors.newFixedThreadPool(popts.effectiveThreads(), daemons());
        try {
            Run run = new Run(name, popts, pool, progress, warnings);
            List<String> pending = new ArrayList<>();
            reader.readRowGroups(file, options, new Progress() {
                @Override
                public void report(double fraction, String message) {
                    progress.report(0.97 * fraction, "Profiling %s: %,d rows".formatted(name, run.rows));
                }

                @Override
                public boolean cancelled() {
                    return progress.cancelled();
                }
            }, table -> {
                if (run.blocks == 0) {
                    detected.accept(new Detected(DataFormat.PARQUET, StandardCharsets.UTF_8, Optional.empty(),
                            false, false));
                    run.start(table);
                }
                run.warnings(pending, false);
                pending.clear();
                run.add(table);
            }, pending::add);
            run.warnings(pending, false);
            return finish(run, file, name, before, progress, started, "Parquet row groups");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Ends a streamed profile: refuses a file that changed while it was read (size or modification time), then
     * finishes the accumulators. The text and the Parquet paths share it.
     */
    private DatasetProfile finish(Run run, Path file, String name, BasicFileAttributes before, Progress progress,
                                  long started, String units) {
        BasicFileAttributes after = attributes(file, name);
        if (after.size() != before.size() || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
            throw new UserError(name + " changed while it was read; try again.",
                    "Wait until the program writing it has finished, then read it again.", ExitCode.BAD_INPUT, null);
        }
        DatasetProfile profile = run.finish();
        progress.report(1.0, "Profile finished");
        LOG.debug("Streamed {}: {} rows in {} {}, {} ms", name, run.rows, run.blocks, units,
                (System.nanoTime() - started) / 1_000_000);
        return profile;
    }

    /** The state of one streamed profile. */
    private final class Run {
        private final String name;
        private final ProfileOptions popts;
        private final ExecutorService pool;
        private final Progress progress;
        private final Set<String> warnings = new LinkedHashSet<>();
        private final Consumer<String> sink;
        private final List<String> names = new ArrayList<>();
        private final List<ColumnAccumulator> acc = new ArrayList<>();
        private final List<Integer> corrColumns = new ArrayList<>();
        private CoMoments[][] pairs;
        private boolean wantCorr;
        private long rows;
        private long blocks;
        private long memoryBytes;

        Run(String name, ProfileOptions popts, ExecutorService pool, Progress progress, Consumer<String> sink) {
            this.sink = sink;
            this.name = name;
            this.popts = popts;
            this.pool = pool;
            this.progress = progress;
        }

        void start(DataTable t) {
            String target = popts.target().orElse(null);
            if (target != null && t.column(target).isEmpty()) {
                throw new UserError("The target column '%s' is not in the table.".formatted(target),
                        "Use one of: " + String.join(", ", t.names()) + ".");
            }
            for (Column c : t.columns()) {
                names.add(c.name());
                ColumnAccumulator a = ColumnAccumulator.of(c, sketches);
                if (a instanceof ColumnAccumulator.Numeric || a instanceof ColumnAccumulator.Bool) {
                    corrColumns.add(acc.size());
                }
                acc.add(a);
            }
            wantCorr = popts.correlations() || target != null;
            int k = corrColumns.size();
            pairs = new CoMoments[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = i; j < k; j++) {
                    pairs[i][j] = new CoMoments();
                }
            }
        }

        void warnings(List<String> ws, boolean laterBlock) {
            for (String w : ws) {
                if (laterBlock && (w.contains("has a header but no data rows") || w.startsWith("'column_types'"))) {
                    continue;
                }
                warn(w);
            }
        }

        void add(DataTable t) {
            int n = t.rowCount();
            blocks++;
            rows += n;
            memoryBytes += t.memoryBytes();
            Column[] cols = new Column[acc.size()];
            for (int j = 0; j < cols.length; j++) {
                cols[j] = t.column(names.get(j)).orElse(null);
            }
            double[][] xs = new double[corrColumns.size()][];
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int j = 0; j < cols.length; j++) {
                int col = j;
                tasks.add(() -> {
                    ColumnAccumulator a = acc.get(col);
                    if (!a.add(cols[col], n) && cols[col] != null) {
                        warn("Column '%s' changes type later in %s; those values are counted as missing."
                                .formatted(a.name, name));
                    }
                    int ci = corrColumns.indexOf(col);
                    if (wantCorr && ci >= 0) {
                        double[] x = cols[col] == null ? null : a.correlationValues(cols[col], n);
                        if (x == null) {
                            x = new double[n];
                            Arrays.fill(x, Double.NaN);
                        }
                        xs[ci] = x;
                    }
                    return null;
                });
            }
            runAll(tasks);
            if (wantCorr) {
                tasks.clear();
                for (int i = 0; i < xs.length; i++) {
                    int a = i;
                    tasks.add(() -> {
                        for (int b = a; b < xs.length; b++) {
                            pairs[a][b].add(xs[a], xs[b], n);
                        }
                        return null;
                    });
                }
                runAll(tasks);
            }
        }

        private synchronized void warn(String w) {
            if (warnings.size() < MAX_LOGGED_WARNINGS && warnings.add(w)) {
                LOG.warn("{}", w);
                sink.accept(w);
            }
        }

        private void runAll(List<Callable<Void>> tasks) {
            io.mlwb.core.job.Futures.runAll(pool, tasks, progress);
        }

        DatasetProfile finish() {
            if (rows == 0) {
                warn(name + " has a header but no data rows.");
            }
            List<ColumnProfile> profiles = new ArrayList<>();
            for (ColumnAccumulator a : acc) {
                profiles.add(a.profile(popts.histogramBins(), popts.topK()));
            }
            int k = corrColumns.size();
            double[][] r = new double[k][k];
            List<String> corrNames = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                corrNames.add(names.get(corrColumns.get(i)));
                for (int j = i; j < k; j++) {
                    r[i][j] = pairs[i][j].r(i == j);
                    r[j][i] = r[i][j];
                }
            }
            CorrelationMatrix pearson = new CorrelationMatrix(corrNames, r);
            Correlations correlations = popts.correlations()
                    ? new Correlations(pearson, CorrelationMatrix.empty(), CorrelationMatrix.empty())
                    : Correlations.empty();
            List<TargetAssociation> target = target(profiles, pearson);
            long missingCells = profiles.stream().mapToLong(ColumnProfile::missing).sum();
            return new DatasetProfile(rows, profiles.size(), missingCells, -1, memoryBytes, profiles, correlations,
                    target, rules.alerts(rows, -1, profiles, correlations, estimatedDistinct()), approximate());
        }

        private List<TargetAssociation> target(List<ColumnProfile> profiles, CorrelationMatrix pearson) {
            String t = popts.target().orElse(null);
            if (t == null) {
                return List.of();
            }
            ColumnProfile tp = profiles.stream().filter(p -> p.name().equals(t)).findFirst().orElseThrow();
            boolean binary = tp.distinct() == 2;
            List<TargetAssociation> out = new ArrayList<>();
            for (ColumnProfile p : profiles) {
                if (p.name().equals(t)) {
                    continue;
                }
                double r = pearson.get(p.name(), t);
                out.add(new TargetAssociation(p.name(), r, Double.NaN, binary ? r : Double.NaN, Double.NaN));
            }
            return out;
        }

        /** The columns past the exact-distinct limit: their distinct counts are HLL estimates. */
        private Set<String> estimatedDistinct() {
            Set<String> out = new LinkedHashSet<>();
            for (ColumnAccumulator a : acc) {
                if (!a.countsExact()) {
                    out.add(a.name);
                }
            }
            return out;
        }

        private Map<String, String> approximate() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("mode", "streaming: counts, missing, zeros, negatives, infinities, min, max, sum, mean, std, "
                    + "skewness, kurtosis, text lengths, date ranges and Pearson are exact");
            List<String> sketched = acc.stream().filter(ColumnAccumulator::sketched).map(a -> a.name).toList();
            if (!sketched.isEmpty()) {
                m.put("quantiles", "KLL k=%d: an observed value within ±%s normalized rank (99%% confidence), "
                        .formatted(sketches.kllK(), pct(sketches.quantileRankError()))
                        + "not interpolated; randomized, so a rerun may differ within that error");
                m.put("histogram", "numpy edges over the exact [min, max]; counts from the KLL k=%d CDF, each bin within ±%s of the column's values"
                        .formatted(sketches.kllK(), pct(sketches.histogramRankError())));
            }
            List<String> counted = acc.stream().filter(a -> !a.countsExact()).map(a -> a.name).toList();
            if (!counted.isEmpty()) {
                m.put("distinct", "HLL lgK=%d, ±%s relative standard error, for %s (exact up to %,d distinct values)"
                        .formatted(sketches.hllLgK(), pct(sketches.distinctRelativeError()),
                                String.join(", ", counted), sketches.exactDistinctLimit()));
                long err = acc.stream().mapToLong(ColumnAccumulator::topError).max().orElse(0);
                m.put("top", ("frequent items (map size %d): for %s the counts are estimates within ±%,d rows "
                        + "(≤ %s of the rows) and only values certainly frequent are listed")
                        .formatted(sketches.frequentItemsMapSize(), String.join(", ", counted), err,
                                pct(sketches.topCountErrorFraction())));
            }
            m.put("duplicateRows", "not counted in streaming mode");
            m.put("spearman", "not computed in streaming mode");
            m.put("cramersV", "not computed in streaming mode");
            m.put("memoryBytes", "estimate: the columns of all blocks together");
            return m;
        }
    }

    /** The settings of every block after the first: the first block's format, delimiter, encoding and types. */
    private static ReadOptions later(ReadOptions first, ReadResult r, boolean jsonLines) {
        Detected d = r.detected();
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Column c : r.table().columns()) {
            types.put(c.name(), c.type());
        }
        ReadOptions o = first.withColumnTypes(types).withFormat(jsonLines ? DataFormat.JSONL : d.format());
        if (d.delimiter().isPresent()) {
            o = o.withDelimiter(d.delimiter().get());
        }
        Charset cs = d.charset();
        if (!cs.equals(StandardCharsets.UTF_8)) {
            o = o.withEncoding(cs);
        }
        return o;
    }

    /** The header row's bytes (with its line break, without a UTF-8 BOM). */
    private static byte[] header(byte[] b) {
        int start = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
        int end = QuoteScanner.rowEnd(b, start, b.length, false);
        if (end >= 0) {
            return Arrays.copyOfRange(b, start, end);
        }
        byte[] h = Arrays.copyOfRange(b, start, b.length + 1);
        h[h.length - 1] = '\n';
        return h;
    }

    private static boolean blank(byte[] b) {
        for (byte c : b) {
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean jsonLines(String name, byte[] head, DataFormat configured) {
        if (configured != DataFormat.AUTO) {
            return configured == DataFormat.JSONL;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return true;
        }
        if (n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".tab")) {
            return false;
        }
        int s = head.length >= 3 && (head[0] & 0xFF) == 0xEF ? 3 : 0;
        for (int i = s; i < head.length; i++) {
            byte c = head[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c == '{';
            }
        }
        return false;
    }

    private static void checkEncoding(java.util.Optional<Charset> encoding, String name) {
        if (encoding.isEmpty()) {
            return;
        }
        Charset cs = encoding.get();
        String probe = ",;|\t\n\r\"0123456789";
        boolean ascii = cs.canEncode() && cs.newEncoder().maxBytesPerChar() == 1.0f
                && Arrays.equals(probe.getBytes(cs), probe.getBytes(StandardCharsets.US_ASCII));
        if (!ascii && !cs.equals(StandardCharsets.UTF_8)) {
            throw new UserError(name + " is in " + cs.name() + ", which the streaming profile does not read.",
                    "Convert it to UTF-8, or profile it in memory.", ExitCode.BAD_INPUT, null);
        }
    }

    private static BasicFileAttributes attributes(Path file, String name) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.isDirectory()) {
                throw new UserError(name + " is a folder, not a data file.",
                        "Choose a CSV, TSV or JSON Lines file inside it.", ExitCode.BAD_INPUT, null);
            }
            return a;
        } catch (NoSuchFileException e) {
            throw new UserError(file + " does not exist.", "Check the path (and 'path' in mlwb.yaml).",
                    ExitCode.BAD_INPUT, e);
        } catch (IOException e) {
            throw new UserError("Cannot read " + file + " (" + e.getMessage() + ").",
                    "Check that the file is readable.", ExitCode.BAD_INPUT, e);
        }
    }

    /** Passes cancellation through to the block reader but not its per-block progress fractions. */
    private static Progress cancelOnly(Progress p) {
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
                // the streaming profiler reports progress over the whole file
            }

            @Override
            public boolean cancelled() {
                return p.cancelled();
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemons() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "mlwb-stream-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.3g%%", 100 * fraction);
    }
}
