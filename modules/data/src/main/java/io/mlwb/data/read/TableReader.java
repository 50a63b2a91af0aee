package io.mlwb.data.read;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DataFormat;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a delimited text (CSV, TSV, any one-character delimiter) or JSON Lines file, optionally gzip-compressed,
 * into a {@link DataTable} with inferred column types.
 *
 * <p>How it is fast: the file is read into one byte array; a parallel pass counts quotes per nominal chunk, so the
 * quote state at every chunk start is known and each chunk is moved to the next row start outside quotes; the
 * chunks are then parsed in parallel. Numbers and dates are parsed from the bytes, strings are dictionary-encoded
 * from the bytes (a {@code String} is made once per distinct value, after the chunk dictionaries are merged), and
 * the type of each column is inferred in the same pass.
 *
 * <p>Type inference, per column: every present value {@code true}/{@code false} (any case): boolean; every present
 * value a number ({@code inf}/{@code infinity} count as infinities): numeric; every present value an ISO-8601 date
 * or date-time: datetime; otherwise categorical or text (see {@link ColumnAssembler}). {@code columnTypes} in the
 * options override inference; values that do not fit a configured type are read as missing, with a warning.
 *
 * <p>Files up to 2 GB (after decompression) are read; larger files need the streaming mode. Parquet (the magic
 * {@code PAR1}, a {@code .parquet} name, or {@code format: parquet}) is read by {@link ParquetTableReader}.
 */
public final class TableReader {
    private static final Logger LOG = LoggerFactory.getLogger(TableReader.class);
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final int SNIFF_ROWS = 50;
    private static final char[] CANDIDATES = {',', ';', '\t', '|'};
    private static final long MAX_BYTES = Integer.MAX_VALUE - 64;
    private static final int MIN_CHUNK_BYTES = 1 << 20;
    private static final int CHUNKS_PER_THREAD = 8;

    /** Creates a reader; it keeps no state between reads and may be shared. */
    public TableReader() {
        // stateless
    }

    /**
     * Reads a whole file.
     *
     * @param file     the file to read
     * @param options  what is known about the file; the rest is detected
     * @param progress receives progress; cancellation is honoured between chunks
     * @return the table, what was detected, and warnings
     * @throws UserError for a missing, empty, binary, unreadable or changing file, or malformed JSON Lines
     * @throws Cancelled once {@code progress} is cancelled
     */
    public ReadResult read(Path file, ReadOptions options, Progress progress) {
        return read(file, options, progress, null);
    }

    /**
     * Reads a whole file, as {@link #read(Path, ReadOptions, Progress)}, and hands the bytes it read to {@code
     * onBytes} before parsing them, so that a caller can digest the very bytes the table comes from (on another
     * thread, while they are parsed) instead of reading the file a second time. A Parquet file is read in its own way
     * and {@code onBytes} is not called ({@link #isParquet(Path, DataFormat)} tells beforehand).
     *
     * @param file     the file to read
     * @param options  what is known about the file; the rest is detected
     * @param progress receives progress; cancellation is honoured between chunks
     * @param onBytes  receives the file's bytes (not to be modified), or null
     * @return the table, what was detected, and warnings
     * @throws UserError for a missing, empty, binary, unreadable or changing file, or malformed JSON Lines
     * @throws Cancelled once {@code progress} is cancelled
     */
    public ReadResult read(Path file, ReadOptions options, Progress progress,
                           java.util.function.Consumer<byte[]> onBytes) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        long started = System.nanoTime();
        Stamp before = stamp(file, name);
        if (before.size() == 0) {
            throw empty(name);
        }
        if (isParquet(file, name, options.format())) {
            return new ParquetTableReader().read(file, options, progress);
        }
        if (before.size() > MAX_BYTES) {
            throw new UserError(name + " is larger than 2 GB, too large to read into memory.",
                    "Profile it in streaming mode, or split it into smaller files.", ExitCode.BAD_INPUT, null);
        }
        byte[] raw = readAll(file, name);
        final long rawLength = raw.length;
        if (onBytes != null) {
            onBytes.accept(raw);
        }
        return parse(raw, name, options, progress, started, () -> {
            Stamp after = stamp(file, name);
            if (!after.equals(before) || rawLength != before.size()) {
                throw new UserError(name + " changed while it was read; try again.",
                        "Wait until the program writing it has finished, then read it again.", ExitCode.BAD_INPUT, null);
            }
        });
    }

    /**
     * Reads a table from bytes already in memory, as {@link #read(Path, ReadOptions, Progress)} reads a file's bytes
     * (the streaming profiler reads a large file in blocks of whole rows this way, each behind the header row).
     *
     * @param bytes    the content, possibly gzip-compressed; not modified
     * @param name     the name in messages (and to detect the format from its extension)
     * @param options  what is known about the content; the rest is detected
     * @param progress receives progress; cancellation is honoured between chunks
     * @return the table, what was detected, and warnings
     * @throws UserError for empty or binary content or malformed JSON Lines
     * @throws Cancelled once {@code progress} is cancelled
     */
    public ReadResult read(byte[] bytes, String name, ReadOptions options, Progress progress) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        if (bytes.length == 0) {
            throw empty(name);
        }
        return parse(bytes, name, options, progress, System.nanoTime(), () -> { });
    }

    private ReadResult parse(byte[] raw, String name, ReadOptions options, Progress progress, long started,
                             Runnable checkUnchanged) {
        final long rawLength = raw.length;
        progress.report(0.05, "Reading " + name);
        LOG.debug("{}: {} bytes read in {} ms", name, rawLength, (System.nanoTime() - started) / 1_000_000);
        progress.checkCancelled();
        boolean gzip = raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B;
        byte[] plain = gzip ? gunzip(raw, name) : raw;
        if (options.format() == DataFormat.PARQUET
                || (options.format() == DataFormat.AUTO && ParquetTableReader.isParquet(plain))) {
            return new ParquetTableReader().read(plain, name, options, progress);
        }
        Text text = text(plain, options.encoding());
        plain = null;
        raw = null; // from here only text.buf() (the same bytes unless they were compressed)
        List<String> warnings = new ArrayList<>();
        checkContent(text, name);
        DataFormat format = format(name, text, options.format());
        final Charset decode = text.decode();
        final Charset fileCharset = text.charset();
        final boolean autoUtf8 = text.autoUtf8();
        final boolean bom = text.bom();
        final long textBytes = text.buf().length;
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), threadFactory());
        try {
            Parsed parsed;
            Optional<Character> delimiter = Optional.empty();
            if (format == DataFormat.JSONL) {
                parsed = jsonLines(text, name, options);
            } else {
                char d;
                if (options.delimiter().isPresent()) {
                    d = options.delimiter().get();
                } else {
                    d = format == DataFormat.TSV ? '\t' : sniff(text);
                }
                delimiter = Optional.of(d);
                format = d == '\t' ? DataFormat.TSV : DataFormat.CSV;
                parsed = delimited(text, (byte) d, name, options, pool, progress);
            }
            text = null; // the file's bytes are garbage now (dictionaries keep copies): ~file size less at peak
            progress.report(0.85, "Building columns of " + name);
            LOG.debug("{}: parsed in {} ms", name, (System.nanoTime() - started) / 1_000_000);
            Charset charset = decode;
            Charset reported = fileCharset;
            boolean validUtf8 = parsed.chunks().stream().allMatch(Chunk::validUtf8)
                    && parsed.headerBytes().stream().allMatch(b -> Utf8.isValid(b, 0, b.length));
            if (autoUtf8 && !validUtf8) {
                charset = StandardCharsets.ISO_8859_1;
                reported = charset;
                warnings.add(name + " is not valid UTF-8; it was read as Latin-1 (ISO-8859-1). "
                        + "Set 'encoding' in mlwb.yaml if that is wrong.");
            }
            List<String> names = names(parsed.headerBytes(), charset, warnings);
            List<ColumnAssembler.Result> columns = assemble(parsed, names, pool, charset);
            warnings.addAll(parsed.warnings(name));
            for (String key : options.columnTypes().keySet()) {
                if (!names.contains(key)) {
                    warnings.add("'column_types' names column '" + key + "', which is not in " + name + ".");
                }
            }
            List<Column> cols = new ArrayList<>();
            for (ColumnAssembler.Result r : columns) {
                cols.add(r.column());
                warnings.addAll(r.warnings());
            }
            int rows = parsed.totalRows();
            if (rows == 0) {
                warnings.add(name + " has a header but no data rows.");
            }
            DataTable table = new DataTable(rows, cols);
            checkUnchanged.run();
            progress.report(1.0, "Read " + name);
            LOG.debug("Read {}: {} rows x {} columns, {} bytes, {} in {} ms", name, rows, cols.size(), textBytes,
                    format, (System.nanoTime() - started) / 1_000_000);
            return new ReadResult(table, new Detected(format, reported, delimiter, bom, gzip), warnings);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- files --------------------------------------------------------------------------------------------

    private record Stamp(long size, long modified) {
    }

    private static Stamp stamp(Path file, String name) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.isDirectory()) {
                throw new UserError(name + " is a folder, not a data file.",
                        "Choose a CSV, TSV or JSON Lines file inside it.", ExitCode.BAD_INPUT, null);
            }
            return new Stamp(a.size(), a.lastModifiedTime().toMillis());
        } catch (NoSuchFileException e) {
            throw new UserError(file + " does not exist.", "Check the path (and 'path' in mlwb.yaml).",
                    ExitCode.BAD_INPUT, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static UserError unreadable(Path file, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
        return new UserError("Cannot read " + file + " (" + why + ").", "Check that the file is readable.",
                ExitCode.BAD_INPUT, e);
    }

    private static UserError empty(String name) {
        return new UserError(name + " is empty.", "Choose a file with a header row and data.", ExitCode.BAD_INPUT, null);
    }

    private static byte[] readAll(Path file, String name) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            throw new UserError(name + " is not a regular file.", "Choose a data file.", ExitCode.BAD_INPUT, null);
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            return readFully(ch, file, name);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The size of one read: the channel copies through a temporary direct buffer of this size, reused. */
    private static final int READ_SLICE = 1 << 20;

    /**
     * Reads a whole file into one array, a slice at a time. Not {@code Files.readAllBytes}: it hands the channel the
     * whole array at once, and the channel then allocates (and zeroes) a direct buffer as large as the file to read
     * through, a second file-sized block of fresh memory (on 1M x 20 against 1M x 20, 228 MB and ~56,000 page faults
     * of the drift benchmark's 75,000).
     */
    private static byte[] readFully(java.nio.channels.FileChannel ch, Path file, String name) throws IOException {
        long size = ch.size();
        if (size > MAX_BYTES) {
            throw new UserError(name + " is larger than 2 GB, too large to read into memory.",
                    "Profile it in streaming mode, or split it into smaller files.", ExitCode.BAD_INPUT, null);
        }
        byte[] out = new byte[(int) size];
        java.nio.ByteBuffer whole = java.nio.ByteBuffer.wrap(out);
        int at = 0;
        while (at < out.length) {
            whole.limit(Math.min(out.length, at + READ_SLICE)).position(at);
            int n = ch.read(whole);
            if (n < 0) {
                break; // shorter than its size said: the caller's stamp check reports the change
            }
            at += n;
        }
        return at == out.length ? out : java.util.Arrays.copyOf(out, at);
    }

    private static byte[] gunzip(byte[] raw, String name) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            byte[] out = in.readAllBytes();
            if (out.length == 0) {
                throw empty(name);
            }
            return out;
        } catch (IOException e) {
            throw new UserError(name + " is not a valid gzip file (" + e.getMessage() + ").",
                    "Check that the file was completely written, or decompress it yourself.", ExitCode.BAD_INPUT, e);
        } catch (OutOfMemoryError e) {
            throw new UserError(name + " is larger than 2 GB once decompressed, too large to read into memory.",
                    "Profile it in streaming mode, or split it into smaller files.", ExitCode.BAD_INPUT, null);
        }
    }

    // ---- text ---------------------------------------------------------------------------------------------

    /**
     * The bytes to parse and how to decode them.
     *
     * @param buf      ASCII-compatible bytes (UTF-16 and other non-ASCII encodings are transcoded to UTF-8)
     * @param start    where the content starts (after a BOM)
     * @param charset  the charset the file is in (reported) and the bytes are decoded with, unless transcoded
     * @param decode   the charset of {@code buf}
     * @param bom      whether a BOM was found
     * @param autoUtf8 UTF-8 was assumed, so invalid bytes mean Latin-1
     * @param transcoded whether {@code buf} is a UTF-8 copy of the file's text
     */
    private record Text(byte[] buf, int start, Charset charset, Charset decode, boolean bom, boolean autoUtf8,
                        boolean transcoded) {
    }

    private static Text text(byte[] d, Optional<Charset> encoding) {
        Charset utf8 = StandardCharsets.UTF_8;
        boolean utf8Bom = d.length >= 3 && (d[0] & 0xFF) == 0xEF && (d[1] & 0xFF) == 0xBB && (d[2] & 0xFF) == 0xBF;
        if (encoding.isEmpty() || encoding.get().equals(utf8)) {
            if (utf8Bom) {
                return new Text(d, 3, utf8, utf8, true, true, false);
            }
            if (d.length >= 2 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xFE) {
                return transcode(d, StandardCharsets.UTF_16LE, 2);
            }
            if (d.length >= 2 && (d[0] & 0xFF) == 0xFE && (d[1] & 0xFF) == 0xFF) {
                return transcode(d, StandardCharsets.UTF_16BE, 2);
            }
            return new Text(d, 0, utf8, utf8, false, true, false);
        }
        Charset cs = encoding.get();
        if (asciiCompatibleSingleByte(cs)) {
            return new Text(d, 0, cs, cs, false, false, false);
        }
        return transcode(d, cs, 0);
    }

    private static Text transcode(byte[] d, Charset cs, int skip) {
        String s = new String(d, skip, d.length - skip, cs);
        boolean bom = skip > 0;
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
            bom = true;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new Text(b, 0, cs, StandardCharsets.UTF_8, bom, false, true);
    }

    /** True when every byte is one character and ASCII means ASCII, so delimiters and digits can be found as bytes. */
    private static boolean asciiCompatibleSingleByte(Charset cs) {
        if (!cs.canEncode()) {
            return false;
        }
        CharsetEncoder enc = cs.newEncoder();
        if (enc.maxBytesPerChar() != 1.0f) {
            return false;
        }
        String probe = ",;|\t\n\r\" 0123456789.+-eE:TZabcxyzABCXYZ";
        byte[] b = probe.getBytes(cs);
        return java.util.Arrays.equals(b, probe.getBytes(StandardCharsets.US_ASCII));
    }

    private static void checkContent(Text t, String name) {
        byte[] b = t.buf();
        int end = Math.min(b.length, t.start() + SNIFF_BYTES);
        if (!t.transcoded()) {
            for (int i = t.start(); i < end; i++) {
                if (b[i] == 0) {
                    throw new UserError(name + " looks like a binary file, not a table.",
                            "Choose a CSV, TSV or JSON Lines file (optionally .gz); for UTF-16 text without a BOM, "
                                    + "set 'encoding' in mlwb.yaml.", ExitCode.BAD_INPUT, null);
                }
            }
        }
        for (int i = t.start(); i < b.length; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
        }
        throw empty(name);
    }

    private static DataFormat format(String name, Text t, DataFormat configured) {
        if (configured != DataFormat.AUTO) {
            return configured;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        byte[] b = t.buf();
        int s = t.start();
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return DataFormat.JSONL;
        }
        if (n.endsWith(".tsv") || n.endsWith(".tab")) {
            return DataFormat.TSV;
        }
        if (n.endsWith(".csv")) {
            return DataFormat.CSV;
        }
        for (int i = s; i < b.length; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c == '{' ? DataFormat.JSONL : DataFormat.CSV;
            }
        }
        return DataFormat.CSV;
    }

    /**
     * Tells whether {@link #read(Path, ReadOptions, Progress)} reads a file as Parquet: when {@code format} says
     * {@link DataFormat#PARQUET}, or (with {@link DataFormat#AUTO}) when it is named {@code .parquet} or starts with
     * the magic {@code PAR1}.
     *
     * @param file   the file
     * @param format the configured format
     * @return whether the file is read as Parquet
     */
    public static boolean isParquet(Path file, DataFormat format) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return isParquet(file, name, format);
    }

    /**
     * Reads a Parquet file one row group at a time (the streaming profile's way to read a large Parquet file): each
     * row group is handed to {@code each} as a {@link DataTable} with the columns, types and missing values that
     * {@link #read(Path, ReadOptions, Progress)} gives, before the next one is read, so memory holds one row group.
     * A string column is text or categorical as its first row group says, in every row group; a file without row
     * groups hands on one empty table. What was detected is {@link DataFormat#PARQUET}, as for a whole read.
     *
     * @param file     a Parquet file
     * @param options  {@code column_types} (only text/categorical for string columns apply)
     * @param progress receives progress after each row group; cancellation is honoured before each row group
     * @param each     receives each row group's table, in file order, on the calling thread
     * @param warnings receives the read's warnings, worded as {@link ReadResult#warnings()} words them
     * @throws UserError for a nested column, a file that is not (readable) Parquet, or one that changed while read
     * @throws Cancelled once {@code progress} is cancelled
     */
    public void readRowGroups(Path file, ReadOptions options, Progress progress, Consumer<DataTable> each,
                              Consumer<String> warnings) {
        new ParquetTableReader().readRowGroups(file, options, progress, each, warnings);
    }

    /** Parquet when configured so, or (auto) when named {@code .parquet} or starting with the magic {@code PAR1}. */
    private static boolean isParquet(Path file, String name, DataFormat configured) {
        if (configured != DataFormat.AUTO) {
            return configured == DataFormat.PARQUET;
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return true;
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(head, 0, head.length) == head.length && ParquetTableReader.isParquet(head);
        } catch (IOException e) {
            return false; // reading the whole file below reports the problem
        }
    }

    /** Picks the candidate that splits the first rows into the same number (at least 2) of cells most often. */
    private static char sniff(Text t) {
        byte[] b = t.buf();
        int end = Math.min(b.length, t.start() + SNIFF_BYTES);
        boolean truncated = end < b.length;
        char best = ',';
        double bestScore = 0;
        for (char c : CANDIDATES) {
            List<Integer> counts = new ArrayList<>();
            int p = t.start();
            while (p < end && counts.size() < SNIFF_ROWS) {
                List<int[]> cells = new ArrayList<>();
                int next = DelimitedParser.row(b, p, end, (byte) c, cells);
                if (next >= end && truncated) {
                    break;
                }
                if (!(cells.size() == 1 && cells.get(0)[1] == cells.get(0)[0])) {
                    counts.add(cells.size());
                }
                p = next;
            }
            if (counts.isEmpty() || counts.get(0) < 2) {
                continue;
            }
            int header = counts.get(0);
            long same = counts.stream().filter(n -> n == header).count();
            double score = (double) same / counts.size() + header * 1e-6;
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    // ---- parsing ------------------------------------------------------------------------------------------

    /**
     * Parsed chunks before assembly.
     *
     * @param provisionalNames names decoded before the charset was final (for the configured types)
     * @param headerBytes      each column name's bytes
     * @param chunks           the chunks, in file order
     * @param forced           the configured type of each column, or null
     * @param headerUnclosed   whether a quote in the header row is never closed
     */
    private record Parsed(List<String> provisionalNames, List<byte[]> headerBytes, List<Chunk> chunks,
                          List<ColumnType> forced, boolean headerUnclosed) {
        int totalRows() {
            long n = 0;
            for (Chunk c : chunks) {
                n += c.rows();
            }
            if (n > Integer.MAX_VALUE - 8) {
                throw new UserError("The file has more than 2^31 rows.", "Split it into smaller files.",
                        ExitCode.BAD_INPUT, null);
            }
            return (int) n;
        }

        int[] offsets() {
            int[] o = new int[chunks.size()];
            int n = 0;
            for (int i = 0; i < o.length; i++) {
                o[i] = n;
                n += chunks.get(i).rows();
            }
            return o;
        }

        List<String> warnings(String name) {
            List<String> w = new ArrayList<>();
            int[] offsets = offsets();
            int shortRows = 0;
            int longRows = 0;
            List<Integer> shortEx = new ArrayList<>();
            List<Integer> longEx = new ArrayList<>();
            boolean unclosed = headerUnclosed;
            for (int i = 0; i < chunks.size(); i++) {
                Chunk c = chunks.get(i);
                shortRows += c.shortRows();
                longRows += c.longRows();
                for (int r : c.shortExamples()) {
                    if (shortEx.size() < DelimitedParser.MAX_RAGGED_EXAMPLES) {
                        shortEx.add(offsets[i] + r + 1);
                    }
                }
                for (int r : c.longExamples()) {
                    if (longEx.size() < DelimitedParser.MAX_RAGGED_EXAMPLES) {
                        longEx.add(offsets[i] + r + 1);
                    }
                }
                unclosed |= c.unclosedQuote();
            }
            if (shortRows > 0) {
                w.add("%d row%s of %s %s fewer cells than the header (data row%s %s); the missing cells were read as missing."
                        .formatted(shortRows, shortRows == 1 ? "" : "s", name, shortRows == 1 ? "has" : "have",
                                shortEx.size() == 1 ? "" : "s", join(shortEx)));
            }
            if (longRows > 0) {
                w.add("%d row%s of %s %s more cells than the header (data row%s %s); the extra cells were dropped."
                        .formatted(longRows, longRows == 1 ? "" : "s", name, longRows == 1 ? "has" : "have",
                                longEx.size() == 1 ? "" : "s", join(longEx)));
            }
            if (unclosed) {
                w.add("A quote in " + name + " is never closed; everything after it was read as one cell.");
            }
            return w;
        }

        private static String join(List<Integer> rows) {
            StringBuilder sb = new StringBuilder();
            for (int r : rows) {
                sb.append(sb.length() == 0 ? "" : ", ").append(r);
            }
            return sb.toString();
        }
    }

    private static byte initialMode(ColumnType forced) {
        if (forced == null) {
            return ColumnBuilder.UNKNOWN;
        }
        return switch (forced) {
            case NUMERIC -> ColumnBuilder.NUMERIC;
            case DATETIME -> ColumnBuilder.DATE;
            default -> ColumnBuilder.STRING;
        };
    }

    private Parsed delimited(Text t, byte d, String name, ReadOptions options, ExecutorService pool,
                             Progress progress) {
        byte[] b = t.buf();
        List<int[]> cells = new ArrayList<>();
        int dataStart = DelimitedParser.row(b, t.start(), b.length, d, cells);
        List<byte[]> header = new ArrayList<>();
        for (int[] cell : cells) {
            header.add(DelimitedParser.unquote(b, cell));
        }
        List<String> provisional = names(header, t.decode(), new ArrayList<>());
        List<ColumnType> forced = new ArrayList<>();
        for (String n : provisional) {
            forced.add(options.columnTypes().get(n));
        }
        int ncol = header.size();
        ChunkPlanner.Plan plan = ChunkPlanner.chunks(b, dataStart, b.length, chunkBytes(b.length - dataStart, options),
                pool);
        int[] bounds = plan.bounds();
        // Numbers are parsed straight into one array per column, each chunk into a region as long as its line feeds
        // (NumericSlot); the assembler then closes the gaps left by empty lines and quoted line feeds.
        // The bounds sum to at most the file's line feeds plus one, so to less than the 2 GB a file may have.
        int[] regionStart = new int[bounds.length];
        int sharedRows = 0;
        for (int i = 0; i + 1 < bounds.length; i++) {
            regionStart[i] = sharedRows;
            sharedRows += plan.rowBound(i, b);
        }
        NumericSlot.Columns shared = new NumericSlot.Columns(ncol, sharedRows);
        MissingMarkers markers = new MissingMarkers(options.missingMarkers(), t.decode());
        int n = bounds.length - 1;
        AtomicInteger done = new AtomicInteger();
        List<Callable<Chunk>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = bounds[i];
            int e = bounds[i + 1];
            int chunk = i;
            tasks.add(() -> {
                progress.checkCancelled();
                CellParsers ps = new CellParsers(markers);
                int cap = plan.rowBound(chunk, b);
                ColumnBuilder[] bs = new ColumnBuilder[ncol];
                for (int j = 0; j < ncol; j++) {
                    bs[j] = new ColumnBuilder(initialMode(forced.get(j)), forced.get(j) != null, cap, ps,
                            new NumericSlot(shared, j, regionStart[chunk]));
                }
                DelimitedParser dp = new DelimitedParser(b, d);
                int rows = dp.parse(s, e, bs);
                ColumnBuilder[] again = new ColumnBuilder[ncol];
                boolean any = false;
                for (int j = 0; j < ncol; j++) {
                    if (bs[j].needsRescan()) {
                        again[j] = new ColumnBuilder(ColumnBuilder.STRING, false, rows, ps);
                        any = true;
                    }
                }
                if (any) {
                    new DelimitedParser(b, d).parse(s, e, again);
                    for (int j = 0; j < ncol; j++) {
                        if (again[j] != null) {
                            bs[j] = again[j];
                        }
                    }
                }
                progress.report(0.05 + 0.8 * done.incrementAndGet() / n, "Reading " + name);
                return new Chunk(rows, bs, dp.shortRows, dp.shortExamples, dp.longRows, dp.longExamples,
                        dp.unclosedQuote);
            });
        }
        LOG.debug("{}: {} chunks planned", name, n);
        List<Chunk> chunks = runAll(pool, tasks, progress);
        // A column that is numbers in one chunk and text in another is text: read those chunks again as strings.
        List<Callable<Void>> rescans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Chunk c = chunks.get(i);
            boolean[] cols = new boolean[ncol];
            boolean any = false;
            for (int j = 0; j < ncol; j++) {
                if (kind(chunks, j) == ColumnBuilder.STRING && c.builders()[j].mode() != ColumnBuilder.STRING
                        && c.builders()[j].mode() != ColumnBuilder.UNKNOWN) {
                    cols[j] = true;
                    any = true;
                }
            }
            if (any) {
                int s = bounds[i];
                int e = bounds[i + 1];
                rescans.add(() -> {
                    CellParsers ps = new CellParsers(markers);
                    ColumnBuilder[] again = new ColumnBuilder[ncol];
                    for (int j = 0; j < ncol; j++) {
                        if (cols[j]) {
                            again[j] = new ColumnBuilder(ColumnBuilder.STRING, false, c.rows(), ps);
                        }
                    }
                    new DelimitedParser(b, d).parse(s, e, again);
                    for (int j = 0; j < ncol; j++) {
                        if (again[j] != null) {
                            c.builders()[j] = again[j];
                        }
                    }
                    return null;
                });
            }
        }
        runAll(pool, rescans, progress);
        boolean headerUnclosed = !cells.isEmpty() && DelimitedParser.unclosed(cells.get(cells.size() - 1));
        return new Parsed(provisional, header, chunks, forced, headerUnclosed);
    }

    /**
     * The chunk size: the configured one, made smaller (not below {@value #MIN_CHUNK_BYTES} bytes) so that every
     * thread gets at least {@value #CHUNKS_PER_THREAD} chunks. With 9 chunks of 16 MB on 2 threads, one thread parsed the
     * last chunk alone; small chunks also even out a thread that the machine runs slower.
     */
    private static int chunkBytes(long span, ReadOptions options) {
        long balanced = Math.max(MIN_CHUNK_BYTES, span / ((long) options.threads() * CHUNKS_PER_THREAD) + 1);
        return (int) Math.min(options.chunkBytes(), balanced);
    }

    private Parsed jsonLines(Text t, String name, ReadOptions options) {
        byte[] b = t.buf();
        MissingMarkers markers = new MissingMarkers(options.missingMarkers(), t.decode());
        CellParsers ps = new CellParsers(markers);
        JsonLinesParser parser = new JsonLinesParser(b, name);
        List<ColumnBuilder> builders = new ArrayList<>();
        int rows = parser.parse(t.start(), b.length, builders, col -> {
            ColumnType f = options.columnTypes().get(parser.names.get(col));
            return new ColumnBuilder(initialMode(f), f != null, 1024, ps);
        });
        List<ColumnBuilder> again = new ArrayList<>();
        boolean any = false;
        for (ColumnBuilder cb : builders) {
            boolean redo = cb.needsRescan();
            again.add(redo ? new ColumnBuilder(ColumnBuilder.STRING, false, rows, ps) : null);
            any |= redo;
        }
        if (any) {
            new JsonLinesParser(b, name).parseFixed(t.start(), b.length, parser.names, again);
            for (int j = 0; j < builders.size(); j++) {
                if (again.get(j) != null) {
                    builders.set(j, again.get(j));
                }
            }
        }
        List<byte[]> header = new ArrayList<>();
        List<ColumnType> forced = new ArrayList<>();
        for (String n : parser.names) {
            header.add(n.getBytes(StandardCharsets.UTF_8));
            forced.add(options.columnTypes().get(n));
        }
        Chunk chunk = new Chunk(rows, builders.toArray(new ColumnBuilder[0]), 0, List.of(), 0, List.of(), false);
        return new Parsed(names(header, StandardCharsets.UTF_8, new ArrayList<>()), header, List.of(chunk), forced,
                false);
    }

    /** The column's kind over all chunks: one kind if they agree, string if they do not, unknown if all missing. */
    private static byte kind(List<Chunk> chunks, int col) {
        byte kind = ColumnBuilder.UNKNOWN;
        for (Chunk c : chunks) {
            byte m = c.builders()[col].mode();
            if (m == ColumnBuilder.UNKNOWN) {
                continue;
            }
            if (m == ColumnBuilder.SKIP) {
                m = ColumnBuilder.STRING;
            }
            if (kind == ColumnBuilder.UNKNOWN) {
                kind = m;
            } else if (kind != m) {
                return ColumnBuilder.STRING;
            }
        }
        return kind;
    }

    private List<ColumnAssembler.Result> assemble(Parsed parsed, List<String> names, ExecutorService pool,
                                                  Charset charset) {
        int total = parsed.totalRows();
        int[] offsets = parsed.offsets();
        // Start the columns with the most distinct strings first: merging them is the longest task, and started
        // last it would run alone on one core at the end.
        Integer[] order = new Integer[names.size()];
        long[] cost = new long[names.size()];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
            for (Chunk c : parsed.chunks()) {
                ColumnBuilder b = c.builders()[j];
                cost[j] += b.dict == null ? 0 : b.dict.size();
            }
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(cost[b], cost[a]));
        List<Callable<ColumnAssembler.Result>> tasks = new ArrayList<>();
        for (int j : order) {
            ColumnType forced = parsed.forced().get(j);
            tasks.add(() -> ColumnAssembler.assemble(names.get(j), kind(parsed.chunks(), j), forced,
                    parsed.chunks(), j, offsets, total, charset));
        }
        List<ColumnAssembler.Result> done = runAll(pool, tasks, Progress.NONE);
        ColumnAssembler.Result[] inFileOrder = new ColumnAssembler.Result[order.length];
        for (int k = 0; k < order.length; k++) {
            inFileOrder[order[k]] = done.get(k);
        }
        return List.of(inFileOrder);
    }

    private static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> tasks, Progress progress) {
        return io.mlwb.core.job.Futures.runAll(pool, tasks, progress);
    }

    private static java.util.concurrent.ThreadFactory threadFactory() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "mlwb-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---- names --------------------------------------------------------------------------------------------

    /** Decodes the header; empty names become {@code column_N}, repeated names {@code name_2}, ... (with warnings). */
    private static List<String> names(List<byte[]> header, Charset charset, List<String> warnings) {
        List<String> names = new ArrayList<>();
        List<String> renamedEmpty = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String s = new String(header.get(i), charset);
            if (s.isBlank()) {
                s = "column_" + (i + 1);
                renamedEmpty.add(s);
            }
            names.add(s);
        }
        Set<String> taken = new HashSet<>(names);
        Map<String, Integer> seen = new HashMap<>();
        Map<String, List<String>> renamed = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String s = names.get(i);
            int k = seen.merge(s, 1, Integer::sum);
            if (k > 1) {
                String r;
                do {
                    r = s + "_" + k++;
                } while (taken.contains(r));
                seen.put(s, k - 1);
                taken.add(r);
                names.set(i, r);
                renamed.computeIfAbsent(s, x -> new ArrayList<>()).add(r);
            }
        }
        if (!renamedEmpty.isEmpty()) {
            warnings.add("%d column%s without a name %s called %s.".formatted(renamedEmpty.size(),
                    renamedEmpty.size() == 1 ? "" : "s", renamedEmpty.size() == 1 ? "is" : "are",
                    String.join(", ", renamedEmpty)));
        }
        renamed.forEach((s, rs) -> warnings.add("Column name '%s' appears %d times; the repeats are called %s."
                .formatted(s, rs.size() + 1, String.join(", ", rs))));
        return names;
    }
}
