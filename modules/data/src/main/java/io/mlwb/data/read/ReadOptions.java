package io.mlwb.data.read;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DataFormat;
import io.mlwb.core.project.DatasetConfig;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link TableReader} reads a file. Anything left empty is detected from the file.
 *
 * @param delimiter      the field delimiter of delimited text; empty = detect among {@code , ; \t |}
 * @param encoding       the character set; empty = detect (BOM, else UTF-8, else Latin-1 with a warning)
 * @param missingMarkers cell texts read as missing (compared exactly, before any trimming)
 * @param columnTypes    column name to type, overriding inference
 * @param format         the file format; {@link DataFormat#AUTO} decides from the name and the content
 * @param threads        how many threads parse in parallel (at least 1)
 * @param chunkBytes     the nominal size of one parallel chunk of delimited text (tests make it tiny)
 */
public record ReadOptions(Optional<Character> delimiter, Optional<Charset> encoding, Set<String> missingMarkers,
                          Map<String, ColumnType> columnTypes, DataFormat format, int threads, int chunkBytes) {

    /** Chunk size used unless set: big enough to amortise per-chunk work, small enough to balance two cores. */
    public static final int DEFAULT_CHUNK_BYTES = 16 << 20;

    /** Validates and copies the parts; {@code threads < 1} means one per available processor. */
    public ReadOptions {
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(encoding, "encoding");
        missingMarkers = Collections.unmodifiableSet(new LinkedHashSet<>(missingMarkers));
        columnTypes = Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        format = format == null ? DataFormat.AUTO : format;
        threads = threads < 1 ? Runtime.getRuntime().availableProcessors() : threads;
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be positive: " + chunkBytes);
        }
        if (delimiter.isPresent() && (delimiter.get() == '"' || delimiter.get() == '\n' || delimiter.get() == '\r'
                || delimiter.get() > 127)) {
            throw new UserError("The delimiter '" + delimiter.get() + "' cannot be used.",
                    "Use a single ASCII character other than a quote or a line break, e.g. \",\" or \";\".",
                    ExitCode.BAD_INPUT, null);
        }
    }

    /** @return detection for everything, the default missing markers, one thread per processor */
    public static ReadOptions defaults() {
        return new ReadOptions(Optional.empty(), Optional.empty(),
                new LinkedHashSet<>(DatasetConfig.DEFAULT_MISSING_VALUES), Map.of(), DataFormat.AUTO, 0,
                DEFAULT_CHUNK_BYTES);
    }

    /**
     * Options for a dataset declared in mlwb.yaml. UTF-8 (the default encoding) still honours a UTF-16 BOM and
     * falls back to Latin-1 with a warning when the bytes are not UTF-8; any other encoding is used as given.
     *
     * @throws UserError when the delimiter is not one character or the encoding is unknown
     */
    public static ReadOptions from(DatasetConfig config) {
        Optional<Character> delimiter = Optional.empty();
        String d = config.delimiter();
        if (d != null && !d.isEmpty()) {
            if ("\\t".equals(d)) {
                d = "\t";
            }
            if (d.length() != 1) {
                throw new UserError("The delimiter '" + d + "' of dataset '" + config.name() + "' is not one character.",
                        "Set 'delimiter' in mlwb.yaml to a single character, e.g. \";\".", ExitCode.BAD_INPUT, null);
            }
            delimiter = Optional.of(d.charAt(0));
        }
        Optional<Charset> encoding;
        try {
            Charset cs = Charset.forName(config.encoding());
            encoding = cs.equals(StandardCharsets.UTF_8) ? Optional.empty() : Optional.of(cs);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UserError("The encoding '" + config.encoding() + "' of dataset '" + config.name()
                    + "' is unknown.", "Set 'encoding' in mlwb.yaml to e.g. UTF-8 or ISO-8859-1.", ExitCode.BAD_INPUT, e);
        }
        return new ReadOptions(delimiter, encoding, new LinkedHashSet<>(config.missingValues()), config.columnTypes(),
                config.format(), 0, DEFAULT_CHUNK_BYTES);
    }

    /** @return a copy with this many threads ({@code < 1} = one per processor) */
    public ReadOptions withThreads(int n) {
        return new ReadOptions(delimiter, encoding, missingMarkers, columnTypes, format, n, chunkBytes);
    }

    /** @return a copy with this nominal chunk size in bytes */
    public ReadOptions withChunkBytes(int n) {
        return new ReadOptions(delimiter, encoding, missingMarkers, columnTypes, format, threads, n);
    }

    /** @return a copy with these type overrides */
    public ReadOptions withColumnTypes(Map<String, ColumnType> types) {
        return new ReadOptions(delimiter, encoding, missingMarkers, types, format, threads, chunkBytes);
    }

    /** @return a copy with this delimiter */
    public ReadOptions withDelimiter(char c) {
        return new ReadOptions(Optional.of(c), encoding, missingMarkers, columnTypes, format, threads, chunkBytes);
    }

    /** @return a copy with this encoding */
    public ReadOptions withEncoding(Charset cs) {
        return new ReadOptions(delimiter, Optional.of(cs), missingMarkers, columnTypes, format, threads, chunkBytes);
    }

    /** @return a copy with these missing markers */
    public ReadOptions withMissingMarkers(Set<String> markers) {
        return new ReadOptions(delimiter, encoding, markers, columnTypes, format, threads, chunkBytes);
    }

    /** @return a copy with this format */
    public ReadOptions withFormat(DataFormat f) {
        return new ReadOptions(delimiter, encoding, missingMarkers, columnTypes, f, threads, chunkBytes);
    }
}
