package io.mlwb.data.read;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DataFormat;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a flat Apache Parquet file into a {@link DataTable} (decision 0005).
 *
 * <p>Types come from the file's schema: INT32/INT64 (signed or unsigned), FLOAT and DOUBLE are numeric; DECIMAL is
 * numeric (a double; a warning says when digits were lost); BOOLEAN is boolean; DATE is a date; TIMESTAMP (millis,
 * micros or nanos) and legacy INT96 are date-times kept to the millisecond, zoned when the file says
 * {@code isAdjustedToUTC}; BINARY strings (UTF8/STRING, ENUM, JSON or unannotated) are categorical or text by the
 * same rule as CSV. A null is missing, and so is a floating-point NaN. Other types (TIME, INTERVAL, UUID, FLOAT16,
 * BSON, ...) are left out with a warning. A nested column (group, list, map) is refused, naming it.
 *
 * <p>Columns are split among {@link ReadOptions#threads()} workers by size; each worker opens the file on its own
 * (so decompressors are never shared) and decodes its columns row group by row group, straight into the final
 * primitive arrays. Progress is reported, and cancellation honoured, after each row group.
 */
final class ParquetTableReader {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetTableReader.class);
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    /** Creates a reader; it keeps no state between reads and may be shared. */
    public ParquetTableReader() {
        // stateless
    }

    /**
     * @param head the first bytes of a file (at least 4 to tell)
     * @return whether they start with the Parquet magic {@code PAR1}
     */
    public static boolean isParquet(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a Parquet file.
     *
     * @param file     the file
     * @param options  threads and {@code column_types} (only text/categorical for string columns apply)
     * @param progress receives progress; cancellation is honoured after each row group
     * @return the table, {@link DataFormat#PARQUET} as detected, and warnings
     * @throws UserError for a nested column, a corrupt or truncated file, or a file that changed while read
     * @throws Cancelled once {@code progress} is cancelled
     */
    public ReadResult read(Path file, ReadOptions options, Progress progress) {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        FileTime before = modified(file, name);
        ReadResult result = read(new LocalInputFile(file), name, options, progress);
        if (!before.equals(modified(file, name))) {
            throw new UserError(name + " changed while it was read; try again.",
                    "Wait until the program writing it has finished, then read it again.", ExitCode.BAD_INPUT, null);
        }
        return result;
    }

    /**
     * Reads a Parquet file already in memory.
     *
     * @param bytes    the whole file; not modified
     * @param name     the name in messages
     * @param options  threads and {@code column_types}
     * @param progress receives progress; cancellation is honoured after each row group
     * @return the table, what was detected, and warnings
     * @throws UserError for a nested column or corrupt content
     * @throws Cancelled once {@code progress} is cancelled
     */
    public ReadResult read(byte[] bytes, String name, ReadOptions options, Progress progress) {
        Objects.requireNonNull(bytes, "bytes");
        int n = bytes.length;
        if (n >= 8 && isParquet(bytes) && !(bytes[n - 4] == 'P' && bytes[n - 3] == 'A' && bytes[n - 2] == 'R'
                && bytes[n - 1] == '1')) {
            // a truncated file (or a block of one): the footer is missing
            throw new UserError("Only the start of the Parquet file " + name + " was read: its footer is missing.",
                    "It is truncated (a Parquet file ends with its footer): write it again.", ExitCode.BAD_INPUT,
                    null);
        }
        return read(new ParquetBytesInputFile(bytes), name, options, progress);
    }

    /**
     * Reads a Parquet file one row group at a time, for the streaming profile: each row group becomes a
     * {@link DataTable} with the columns, names, types and missing values that {@link #read(Path, ReadOptions,
     * Progress)} gives, and is handed to {@code each} before the next is read, so memory holds one row group. A
     * string column is text or categorical as its first row group says, and stays so in later row groups. A file
     * without row groups hands on one empty table (its schema). The read's warnings go to {@code warnings}, worded as
     * {@link ReadResult#warnings()} words them; counts in them (rounded decimals, truncated time stamps) are over the
     * whole file, so they come after the last row group is read, before it is handed on.
     *
     * @param file     the file
     * @param options  {@code column_types} (only text/categorical for string columns apply); threads are not used
     * @param progress receives progress after each row group; cancellation is honoured before each row group
     * @param each     receives each row group's table, in file order, on the calling thread
     * @param warnings receives each warning, on the calling thread
     * @throws UserError for a nested column, a corrupt or truncated file, or a file that changed while read
     * @throws Cancelled once {@code progress} is cancelled
     */
    public void readRowGroups(Path file, ReadOptions options, Progress progress, Consumer<DataTable> each,
                              Consumer<String> warnings) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(each, "each");
        Objects.requireNonNull(warnings, "warnings");
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        FileTime before = modified(file, name);
        long started = System.nanoTime();
        progress.report(0.0, "Reading " + name);
        try (ParquetFileReader reader = open(new LocalInputFile(file))) {
            FileMetaData meta = reader.getFooter().getFileMetaData();
            List<BlockMetaData> blocks = reader.getRowGroups();
            checkCodecs(blocks, name);
            MessageType schema = meta.getSchema();
            List<String> setup = new ArrayList<>();
            List<PrimitiveType> types = new ArrayList<>();
            List<ColumnDescriptor> descriptors = new ArrayList<>();
            Map<String, ColumnType> forced = new LinkedHashMap<>(options.columnTypes());
            for (Type field : schema.getFields()) {
                checkFlat(field, name);
                ColumnDescriptor d = schema.getColumnDescription(new String[] {field.getName()});
                if (decoder(field.asPrimitiveType(), d.getMaxDefinitionLevel(), 0, forced, name, setup) != null) {
                    types.add(field.asPrimitiveType());
                    descriptors.add(d);
                }
            }
            for (String key : options.columnTypes().keySet()) {
                if (schema.getFields().stream().noneMatch(f -> f.getName().equals(key))) {
                    setup.add("'column_types' names column '" + key + "', which is not in " + name + ".");
                }
            }
            setup.forEach(warnings);
            MessageType requested = new MessageType(schema.getName(), new ArrayList<Type>(types));
            reader.setRequestedSchema(requested);
            List<ParquetColumnDecoder> previous = null;
            long rows = 0;
            int groups = blocks.size();
            for (int g = 0; g < Math.max(1, groups); g++) {
                progress.checkCancelled();
                PageReadStore group = groups == 0 ? null : reader.readNextRowGroup();
                if (groups > 0 && group == null) {
                    throw corrupt(name, new IOException("row group " + (g + 1) + " of " + groups + " is missing"));
                }
                int groupRows = group == null ? 0 : Math.toIntExact(group.getRowCount());
                List<ParquetColumnDecoder> decoders = new ArrayList<>();
                List<String> ignored = new ArrayList<>();
                for (int c = 0; c < types.size(); c++) {
                    ParquetColumnDecoder dec = decoder(types.get(c), descriptors.get(c).getMaxDefinitionLevel(),
                            groupRows, forced, name, ignored);
                    if (previous != null) {
                        dec.carry(previous.get(c));
                    }
                    decoders.add(dec);
                }
                if (group != null) {
                    ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, new FlatConverter(), requested,
                            meta.getCreatedBy());
                    for (int c = 0; c < decoders.size(); c++) {
                        decoders.get(c).read(store.getColumnReader(descriptors.get(c)), 0, groupRows);
                    }
                }
                boolean last = g >= groups - 1;
                List<String> finished = new ArrayList<>();
                List<Column> columns = new ArrayList<>();
                for (ParquetColumnDecoder d : decoders) {
                    columns.add(d.finish(name, finished));
                }
                if (g == 0) {
                    // later row groups keep the first one's choice of text or categorical
                    for (Column c : columns) {
                        if (c.type() == ColumnType.TEXT || c.type() == ColumnType.CATEGORICAL) {
                            forced.put(c.name(), c.type());
                        }
                    }
                }
                rows += groupRows;
                if (last) {
                    finished.forEach(warnings);
                    if (rows == 0) {
                        warnings.accept(name + " has a schema but no data rows.");
                    }
                }
                previous = decoders;
                each.accept(new DataTable(groupRows, columns));
                progress.report(groups == 0 ? 1.0 : (double) (g + 1) / groups,
                        "Reading " + name + ": row group " + (g + 1) + " of " + Math.max(1, groups));
            }
            LOG.debug("Read {} row group by row group: {} rows x {} columns in {} row groups in {} ms", name, rows,
                    types.size(), groups, (System.nanoTime() - started) / 1_000_000);
        } catch (Cancelled | UserError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt(name, e);
        }
        if (!before.equals(modified(file, name))) {
            throw new UserError(name + " changed while it was read; try again.",
                    "Wait until the program writing it has finished, then read it again.", ExitCode.BAD_INPUT, null);
        }
    }

    private ReadResult read(InputFile input, String name, ReadOptions options, Progress progress) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        long started = System.nanoTime();
        progress.report(0.02, "Reading " + name);
        List<String> warnings = new ArrayList<>();
        FileMetaData meta;
        List<BlockMetaData> blocks;
        try (ParquetFileReader reader = open(input)) {
            meta = reader.getFooter().getFileMetaData();
            blocks = reader.getRowGroups();
        } catch (IOException | RuntimeException e) {
            throw corrupt(name, e);
        }
        checkCodecs(blocks, name);
        MessageType schema = meta.getSchema();
        long totalRows = 0;
        for (BlockMetaData b : blocks) {
            totalRows += b.getRowCount();
        }
        if (totalRows > Integer.MAX_VALUE - 8) {
            throw new UserError(name + " has " + totalRows + " rows, more than can be read into memory.",
                    "Profile it in streaming mode, or split it into smaller files.", ExitCode.BAD_INPUT, null);
        }
        int rows = (int) totalRows;
        List<Type> fields = schema.getFields();
        List<ParquetColumnDecoder> decoders = new ArrayList<>();
        List<ColumnDescriptor> descriptors = new ArrayList<>();
        for (Type field : fields) {
            checkFlat(field, name);
            ColumnDescriptor d = schema.getColumnDescription(new String[] {field.getName()});
            ParquetColumnDecoder decoder = decoder(field.asPrimitiveType(), d.getMaxDefinitionLevel(), rows,
                    options.columnTypes(), name, warnings);
            if (decoder != null) {
                decoders.add(decoder);
                descriptors.add(d);
            }
        }
        for (String key : options.columnTypes().keySet()) {
            if (schema.getFields().stream().noneMatch(f -> f.getName().equals(key))) {
                warnings.add("'column_types' names column '" + key + "', which is not in " + name + ".");
            }
        }
        decodeAll(input, name, schema, meta.getCreatedBy(), blocks, decoders, descriptors, options.threads(),
                progress);
        progress.report(0.95, "Building columns of " + name);
        List<Column> columns = new ArrayList<>();
        for (ParquetColumnDecoder d : decoders) {
            columns.add(d.finish(name, warnings));
        }
        if (rows == 0) {
            warnings.add(name + " has a schema but no data rows.");
        }
        DataTable table = new DataTable(rows, columns);
        progress.report(1.0, "Read " + name);
        LOG.debug("Read {}: {} rows x {} columns in {} row groups (Parquet, created by {}) in {} ms", name, rows,
                columns.size(), blocks.size(), meta.getCreatedBy(), (System.nanoTime() - started) / 1_000_000);
        return new ReadResult(table, new Detected(DataFormat.PARQUET, StandardCharsets.UTF_8, Optional.empty(),
                false, false), warnings);
    }

    /** Splits the columns among workers by compressed size; each worker reads its columns of every row group. */
    private static void decodeAll(InputFile input, String name, MessageType schema, String createdBy,
                                  List<BlockMetaData> blocks, List<ParquetColumnDecoder> decoders,
                                  List<ColumnDescriptor> descriptors, int threads, Progress progress) {
        if (decoders.isEmpty() || blocks.isEmpty()) {
            return;
        }
        int workers = Math.max(1, Math.min(threads, decoders.size()));
        List<List<Integer>> assigned = new ArrayList<>();
        long[] load = new long[workers];
        for (int w = 0; w < workers; w++) {
            assigned.add(new ArrayList<>());
        }
        List<Integer> bySize = new ArrayList<>();
        long[] size = new long[decoders.size()];
        for (int c = 0; c < decoders.size(); c++) {
            bySize.add(c);
            String path = descriptors.get(c).getPath()[0];
            for (BlockMetaData b : blocks) {
                for (ColumnChunkMetaData chunk : b.getColumns()) {
                    if (chunk.getPath().toDotString().equals(path)) {
                        size[c] += chunk.getTotalUncompressedSize();
                    }
                }
            }
        }
        bySize.sort((a, b) -> Long.compare(size[b], size[a]));
        for (int c : bySize) {
            int least = 0;
            for (int w = 1; w < workers; w++) {
                if (load[w] < load[least]) {
                    least = w;
                }
            }
            assigned.get(least).add(c);
            load[least] += size[c] + 1;
        }
        int units = workers * blocks.size();
        AtomicInteger done = new AtomicInteger();
        if (workers == 1) {
            decode(input, name, schema, createdBy, assigned.get(0), decoders, descriptors, progress, done, units);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "mlwb-parquet");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<Integer> cols : assigned) {
                futures.add(pool.submit(() -> decode(input, name, schema, createdBy, cols, decoders, descriptors,
                        progress, done, units)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw corrupt(name, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void decode(InputFile input, String name, MessageType schema, String createdBy,
                               List<Integer> cols, List<ParquetColumnDecoder> decoders, List<ColumnDescriptor> descriptors,
                               Progress progress, AtomicInteger done, int units) {
        List<Type> wanted = new ArrayList<>();
        for (int c : cols) {
            wanted.add(schema.getType(descriptors.get(c).getPath()[0]));
        }
        MessageType requested = new MessageType(schema.getName(), wanted);
        try (ParquetFileReader reader = open(input)) {
            reader.setRequestedSchema(requested);
            int offset = 0;
            PageReadStore group;
            while ((group = reader.readNextRowGroup()) != null) {
                progress.checkCancelled();
                int groupRows = Math.toIntExact(group.getRowCount());
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, new FlatConverter(), requested, createdBy);
                for (int c : cols) {
                    decoders.get(c).read(store.getColumnReader(descriptors.get(c)), offset, groupRows);
                }
                offset += groupRows;
                int d = done.incrementAndGet();
                progress.report(0.05 + 0.9 * d / units, "Reading " + name);
            }
        } catch (Cancelled | UserError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt(name, e);
        }
    }

    private static ParquetFileReader open(InputFile input) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        return ParquetFileReader.open(input, options);
    }

    /** The codecs this reader decodes: the ones the Parquet writers of pandas, Spark, DuckDB and Polars default to. */
    private static final java.util.Set<CompressionCodecName> CODECS = java.util.EnumSet.of(
            CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY, CompressionCodecName.GZIP,
            CompressionCodecName.ZSTD);

    /** A column chunk in a codec we do not ship (LZ4, LZO, Brotli) is named before any page is decoded. */
    private static void checkCodecs(List<BlockMetaData> blocks, String file) {
        for (BlockMetaData b : blocks) {
            for (ColumnChunkMetaData c : b.getColumns()) {
                if (!CODECS.contains(c.getCodec())) {
                    throw new UserError("Column '" + c.getPath().toDotString() + "' of " + file + " is compressed with "
                            + c.getCodec() + ", which mlwb does not read.", "Write the file again with snappy, zstd or "
                            + "gzip compression (e.g. pyarrow.parquet.write_table(t, path, compression='zstd')).",
                            ExitCode.BAD_INPUT, null);
                }
            }
        }
    }

    private static void checkFlat(Type field, String file) {
        String what = null;
        if (!field.isPrimitive()) {
            LogicalTypeAnnotation a = field.getLogicalTypeAnnotation();
            if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
                what = "a list";
            } else if (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
                what = "a map";
            } else {
                what = "a group (struct)";
            }
        } else if (field.isRepetition(Type.Repetition.REPEATED)) {
            what = "a repeated field (a list)";
        }
        if (what != null) {
            throw new UserError("Column '" + field.getName() + "' of " + file + " is nested: " + what
                    + ". Only flat Parquet columns can be read.",
                    "Flatten or drop it before profiling, e.g. with pandas: df['" + field.getName()
                            + "'] = df['" + field.getName() + "'].astype(str), or df.drop(columns=['"
                            + field.getName() + "']), then write the file again.",
                    ExitCode.BAD_INPUT, null);
        }
    }

    /** @return the decoder for one column, or null (with a warning) when its type is not read */
    private static ParquetColumnDecoder decoder(PrimitiveType t, int maxDef, int rows, Map<String, ColumnType> forcedTypes,
                                         String file, List<String> warnings) {
        String name = t.getName();
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        PrimitiveType.PrimitiveTypeName p = t.getPrimitiveTypeName();
        ColumnType forced = forcedTypes.get(name);
        boolean isString = p == PrimitiveType.PrimitiveTypeName.BINARY
                && (a == null || a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation);
        if (forced != null && !(isString && (forced == ColumnType.CATEGORICAL || forced == ColumnType.TEXT))) {
            warnings.add("'column_types' for column '" + name + "' does not apply to " + file
                    + ": a Parquet file's schema gives the types (only text/categorical for string columns).");
            forced = null;
        }
        if (isString) {
            return new ParquetColumnDecoder.Strings(name, maxDef, forced, rows);
        }
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec
                && p != PrimitiveType.PrimitiveTypeName.BOOLEAN) {
            boolean binary = p == PrimitiveType.PrimitiveTypeName.BINARY
                    || p == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
            return new ParquetColumnDecoder.Decimals(name, maxDef, dec.getPrecision(), dec.getScale(), binary,
                    p == PrimitiveType.PrimitiveTypeName.INT64, rows);
        }
        switch (p) {
            case BOOLEAN:
                return new ParquetColumnDecoder.Booleans(name, maxDef, rows);
            case FLOAT:
                return new ParquetColumnDecoder.Numbers(name, maxDef, ParquetColumnDecoder.NumberKind.FLOAT, rows);
            case DOUBLE:
                return new ParquetColumnDecoder.Numbers(name, maxDef, ParquetColumnDecoder.NumberKind.DOUBLE, rows);
            case INT96:
                return new ParquetColumnDecoder.Times(name, maxDef, ParquetColumnDecoder.TimeKind.INT96, true, rows);
            case INT32:
                if (a == null || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
                    boolean unsigned = a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned();
                    return new ParquetColumnDecoder.Numbers(name, maxDef,
                            unsigned ? ParquetColumnDecoder.NumberKind.UINT32 : ParquetColumnDecoder.NumberKind.INT32, rows);
                }
                if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return new ParquetColumnDecoder.Times(name, maxDef, ParquetColumnDecoder.TimeKind.DATE, false, rows);
                }
                break;
            case INT64:
                if (a == null || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
                    boolean unsigned = a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned();
                    return new ParquetColumnDecoder.Numbers(name, maxDef,
                            unsigned ? ParquetColumnDecoder.NumberKind.UINT64 : ParquetColumnDecoder.NumberKind.INT64, rows);
                }
                if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                    ParquetColumnDecoder.TimeKind kind = switch (ts.getUnit()) {
                        case MILLIS -> ParquetColumnDecoder.TimeKind.MILLIS;
                        case MICROS -> ParquetColumnDecoder.TimeKind.MICROS;
                        case NANOS -> ParquetColumnDecoder.TimeKind.NANOS;
                    };
                    return new ParquetColumnDecoder.Times(name, maxDef, kind, ts.isAdjustedToUTC(), rows);
                }
                break;
            default:
                break;
        }
        warnings.add("Column '" + name + "' of " + file + " was left out: its Parquet type " + p
                + (a == null ? "" : " (" + a + ")") + " is not read.");
        return null;
    }

    private static FileTime modified(Path file, String name) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UserError("Cannot read " + name + ": " + e.getMessage(),
                    "Check that the file exists and is readable.", ExitCode.BAD_INPUT, e);
        }
    }

    private static UserError corrupt(String name, Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.debug("Reading {} as Parquet failed", name, e);
        return new UserError(name + " is not a readable Parquet file (" + why + ").",
                "It may be truncated, still being written, or damaged: write it again, or check it with another "
                        + "tool (e.g. pyarrow.parquet.read_table).", ExitCode.BAD_INPUT, e);
    }

    /** The record converter {@link ColumnReadStoreImpl} asks for; values are read from the column readers. */
    private static final class FlatConverter extends GroupConverter {
        private final PrimitiveConverter primitive = new PrimitiveConverter() { };

        @Override
        public Converter getConverter(int fieldIndex) {
            return primitive;
        }

        @Override
        public void start() {
            // values are pulled from the column readers, not pushed to converters
        }

        @Override
        public void end() {
            // as above
        }
    }
}
