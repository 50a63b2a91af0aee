package io.mlwb.data.read;

import io.mlwb.core.project.DataFormat;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TableReader} found out about a file (or was told).
 *
 * @param format    {@link DataFormat#CSV} (any delimiter other than tab), {@link DataFormat#TSV},
 *                  {@link DataFormat#JSONL} or {@link DataFormat#PARQUET} (then UTF-8, no delimiter, no BOM)
 * @param charset   the character set the text was decoded with
 * @param delimiter the field delimiter; empty for JSON Lines
 * @param hasBom    whether the text started with a byte order mark
 * @param gzip      whether the file was gzip-compressed
 */
public record Detected(DataFormat format, Charset charset, Optional<Character> delimiter, boolean hasBom,
                       boolean gzip) {
    /** Validates the parts. */
    public Detected {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(delimiter, "delimiter");
    }
}
