package io.mlwb.core.project;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One dataset of the project, as declared under {@code datasets:} in mlwb.yaml.
 *
 * @param name                unique name within the project
 * @param path                file or folder relative to the project root, as written (never escapes the root;
 *                            use {@link Project#resolve(DatasetConfig)} for a {@code Path})
 * @param format              file format; {@link DataFormat#AUTO} decides from extension and content
 * @param delimiter           one-character field delimiter, or null for the format's own
 * @param encoding            character set name, {@link #DEFAULT_ENCODING} unless set
 * @param missingValues       cell texts read as missing
 * @param target              the column a model predicts, or null
 * @param timeColumn          the column holding each row's time (time splits, freshness, drift windows), or null
 * @param idColumn            the column identifying a row or entity (never a feature; group splits), or null
 * @param sensitiveAttributes columns used for per-group fairness evaluation (never features unless chosen)
 * @param columnTypes         column name to logical type, overriding inference; in file order
 * @param rules               data-quality rules, in file order
 * @param license             the data's licence as an SPDX id (checked against {@code licences:}), or null
 * @param personalData        whether rows describe people: every read is audited ({@code data.read_personal})
 * @param subjectIdColumn     the column naming the data subject (what {@code mlwb data subject} searches), or null
 *                            to use {@code idColumn}
 */
public record DatasetConfig(String name, String path, DataFormat format, String delimiter, String encoding,
                            List<String> missingValues, String target, String timeColumn, String idColumn,
                            List<String> sensitiveAttributes, Map<String, ColumnType> columnTypes,
                            List<QualityRule> rules, String license, boolean personalData, String subjectIdColumn) {

    /** Encoding used when none is set. */
    public static final String DEFAULT_ENCODING = "UTF-8";

    /** Cell texts read as missing when {@code missing_values} is not set. */
    public static final List<String> DEFAULT_MISSING_VALUES = List.of("", "NA", "N/A", "null", "NaN");

    /** Copies collections (keeping the order of {@code columnTypes}) and fills defaults for null ones. */
    public DatasetConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        format = format == null ? DataFormat.AUTO : format;
        encoding = encoding == null ? DEFAULT_ENCODING : encoding;
        missingValues = missingValues == null ? DEFAULT_MISSING_VALUES : List.copyOf(missingValues);
        sensitiveAttributes = sensitiveAttributes == null ? List.of() : List.copyOf(sensitiveAttributes);
        columnTypes = columnTypes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A dataset without licence or personal-data settings. */
    public DatasetConfig(String name, String path, DataFormat format, String delimiter, String encoding,
                         List<String> missingValues, String target, String timeColumn, String idColumn,
                         List<String> sensitiveAttributes, Map<String, ColumnType> columnTypes,
                         List<QualityRule> rules) {
        this(name, path, format, delimiter, encoding, missingValues, target, timeColumn, idColumn, sensitiveAttributes,
                columnTypes, rules, null, false, null);
    }

    /** @return the column that identifies a data subject: {@code subjectIdColumn}, else {@code idColumn}, or null */
    public String subjectColumn() {
        return subjectIdColumn != null ? subjectIdColumn : idColumn;
    }

    /** A dataset with only a name and a path, everything else at its default. */
    public static DatasetConfig of(String name, String path) {
        return new DatasetConfig(name, path, DataFormat.AUTO, null, null, null, null, null, null, null, null, null);
    }
}
