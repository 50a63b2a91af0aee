package io.mlwb.bench;

import io.mlwb.core.job.Progress;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.Profiler;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.ReadResult;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Reads (and profiles) the seeded {@link ProfileDataGenerator} table twice in the same JVM: as the CSV, and as the same
 * rows written to Parquet (snappy, dictionary pages, as pyarrow and Spark write by default). Issue 9: reading Parquet
 * must not be slower than reading the same data as CSV. Run with {@code java -Xmx1g -XX:+UseParallelGC -jar …} for
 * the profile benchmarks' conditions.
 */
final class ParquetReadBench implements Benchmark {
    private static final long DEFAULT_ROWS = 1_000_000;

    @Override
    public String name() {
        return "parquet-read";
    }

    @Override
    public String description() {
        return "read + profile the seeded " + DEFAULT_ROWS + "-row x 20-column table as CSV and as Parquet (snappy); "
                + "target: Parquet read no slower than CSV";
    }

    @Override
    public void run(Path workDir, long size, BenchOutput out) throws Exception {
        long rows = size > 0 ? size : DEFAULT_ROWS;
        Path csv = workDir.resolve("parquet-read.csv");
        Path parquet = workDir.resolve("parquet-read.parquet");
        ProfileDataGenerator.write(csv, rows, 20_240_331L);
        writeParquet(read(csv).table(), parquet);
        Path warmCsv = workDir.resolve("warmup.csv");
        Path warmParquet = workDir.resolve("warmup.parquet");
        ProfileDataGenerator.write(warmCsv, Math.min(rows, 100_000), 7L);
        writeParquet(read(warmCsv).table(), warmParquet);
        for (int i = 0; i < 2; i++) {
            profile(read(warmCsv));
            profile(read(warmParquet));
        }
        System.gc();
        long start = System.nanoTime();
        ReadResult fromCsv = read(csv);
        double csvReadMs = BenchOutput.millisSince(start);
        DatasetProfile csvProfile = profile(fromCsv);
        double csvMs = BenchOutput.millisSince(start);
        fromCsv = null;
        System.gc();
        start = System.nanoTime();
        ReadResult fromParquet = read(parquet);
        double parquetReadMs = BenchOutput.millisSince(start);
        DatasetProfile parquetProfile = profile(fromParquet);
        double parquetMs = BenchOutput.millisSince(start);
        if (parquetProfile.rows() != csvProfile.rows() || parquetProfile.columnsCount() != csvProfile.columnsCount()) {
            throw new IllegalStateException("the Parquet read differs from the CSV read: " + parquetProfile.rows()
                    + " x " + parquetProfile.columnsCount() + " vs " + csvProfile.rows() + " x "
                    + csvProfile.columnsCount());
        }
        out.line("rows", parquetProfile.rows(), "rows");
        out.line("columns", parquetProfile.columnsCount(), "columns");
        out.line("csv_mb", Files.size(csv) / 1e6, "MB");
        out.line("parquet_mb", Files.size(parquet) / 1e6, "MB");
        out.line("csv_read_ms", csvReadMs, "ms");
        out.line("parquet_read_ms", parquetReadMs, "ms");
        out.line("csv_profile_ms", csvMs, "ms");
        out.line("read_ratio", parquetReadMs / csvReadMs, "x");
        out.flag("target_met", parquetReadMs <= csvReadMs);
        out.line("ms", parquetMs, "ms");
    }

    private static ReadResult read(Path file) {
        return new TableReader().read(file, ReadOptions.defaults(), Progress.NONE);
    }

    private static DatasetProfile profile(ReadResult r) {
        return new Profiler().profile(r.table(), ProfileOptions.defaults(), Progress.NONE);
    }

    /** Writes a table as Parquet: integral numbers as INT64, other numbers as DOUBLE, strings, booleans, dates. */
    static void writeParquet(DataTable table, Path file) throws IOException {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : table.columns()) {
            if (c instanceof NumericColumn n) {
                b.optional(n.integral() ? PrimitiveTypeName.INT64 : PrimitiveTypeName.DOUBLE).named(c.name());
            } else if (c instanceof CategoricalColumn) {
                b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
            } else if (c instanceof BooleanColumn) {
                b.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
            } else if (c instanceof DateTimeColumn d) {
                b.optional(d.dateOnly() ? PrimitiveTypeName.INT32 : PrimitiveTypeName.INT64)
                        .as(d.dateOnly() ? LogicalTypeAnnotation.dateType()
                                : LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                        .named(c.name());
            }
        }
        MessageType schema = b.named("bench");
        Files.deleteIfExists(file);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY).withDictionaryEncoding(true).build()) {
            int cols = table.columns().size();
            for (int r = 0; r < table.rowCount(); r++) {
                Group g = groups.newGroup();
                for (int i = 0; i < cols; i++) {
                    Column c = table.columns().get(i);
                    if (c.isMissing(r)) {
                        continue;
                    }
                    if (c instanceof NumericColumn n) {
                        if (n.integral()) {
                            g.append(c.name(), (long) n.values()[r]);
                        } else {
                            g.append(c.name(), n.values()[r]);
                        }
                    } else if (c instanceof CategoricalColumn s) {
                        g.append(c.name(), s.value(r));
                    } else if (c instanceof BooleanColumn x) {
                        g.append(c.name(), x.values()[r] == 1);
                    } else if (c instanceof DateTimeColumn d) {
                        if (d.dateOnly()) {
                            g.append(c.name(), (int) Math.floorDiv(d.millis()[r], 86_400_000L));
                        } else {
                            g.append(c.name(), d.millis()[r]);
                        }
                    }
                }
                w.write(g);
            }
        }
    }
}
