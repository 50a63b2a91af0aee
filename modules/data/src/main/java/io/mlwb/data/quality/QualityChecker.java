package io.mlwb.data.quality;

import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.QualityRule;
import io.mlwb.core.project.RuleType;
import io.mlwb.core.project.Severity;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a dataset's data-quality rules (the {@code rules} of its mlwb.yaml entry) against a read table.
 *
 * <p>Semantics, per rule type:
 * <ul>
 *   <li>{@code not_null}: violations are the missing cells.</li>
 *   <li>{@code unique}: violations are present values equal to one in an earlier row (missing cells are ignored).</li>
 *   <li>{@code range}: inclusive bounds on present values of a numeric column; on a datetime column the bounds are
 *       calendar years (UTC), so {@code min: 2015, max: 2025} accepts 2015-01-01 through 2025-12-31.</li>
 *   <li>{@code allowed_values}: present values outside the set; numeric columns compare numerically
 *       ({@code "0"} equals {@code 0.0}), booleans as {@code true}/{@code false} ignoring case, dates as their
 *       ISO text, strings exactly.</li>
 *   <li>{@code regex}: present values of a categorical or text column that the pattern does not match in full.</li>
 *   <li>{@code row_count}: the number of data rows lies within the bounds.</li>
 *   <li>{@code freshness}: the newest value of the datetime column ({@code column}, else the dataset's
 *       {@code time_column}) is no older than {@code max_age} at {@link QualityContext#now()}.</li>
 *   <li>{@code schema_equals_approved}: column names, order and types equal the approved snapshot; with none
 *       approved yet the result is a warning.</li>
 * </ul>
 * A failing rule of severity {@code warning} gives {@link RuleResult.Status#WARN}. A rule that cannot be checked
 * (its column is not in the table, or has a type the rule does not apply to) fails whatever its severity, because
 * the configuration is wrong; it never throws.
 */
public final class QualityChecker {
    private static final Logger LOG = LoggerFactory.getLogger(QualityChecker.class);
    private static final long SECOND = 1;
    private static final long MINUTE = 60;
    private static final long HOUR = 3600;
    private static final long DAY = 86_400;

    /** What a person runs to approve a schema; named in the warning when none is approved. */
    public static final String APPROVE_HINT = "approve one with `mlwb profile <dataset> --approve-schema`";

    /** Creates a checker; it holds no state. */
    public QualityChecker() {
        // stateless
    }

    /**
     * Checks every rule of {@code dataset} against {@code table}.
     *
     * @param table   the table read from the dataset's file
     * @param dataset the dataset's configuration, whose {@code rules} are checked in order
     * @param ctx     the current time and the approved schema
     * @return one result per rule, in rule order
     */
    public QualityReport check(DataTable table, DatasetConfig dataset, QualityContext ctx) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(ctx, "ctx");
        List<RuleResult> results = new ArrayList<>();
        for (QualityRule rule : dataset.rules()) {
            results.add(check(table, dataset, rule, ctx));
        }
        QualityReport report = new QualityReport(results);
        LOG.debug("Checked {} rules of dataset {}: {} failed, {} warnings", results.size(), dataset.name(),
                report.count(RuleResult.Status.FAIL), report.count(RuleResult.Status.WARN));
        return report;
    }

    private RuleResult check(DataTable table, DatasetConfig dataset, QualityRule rule, QualityContext ctx) {
        return switch (rule.type()) {
            case NOT_NULL -> withColumn(table, rule, rule.column(), c -> notNull(rule, c));
            case UNIQUE -> withColumn(table, rule, rule.column(), c -> unique(rule, c));
            case RANGE -> withColumn(table, rule, rule.column(), c -> range(rule, c));
            case ALLOWED_VALUES -> withColumn(table, rule, rule.column(), c -> allowedValues(rule, c));
            case REGEX -> withColumn(table, rule, rule.column(), c -> regex(rule, c));
            case ROW_COUNT -> rowCount(rule, table);
            case FRESHNESS -> {
                String column = rule.column() != null ? rule.column() : dataset.timeColumn();
                yield withColumn(table, rule, column, c -> freshness(rule, c, ctx.now()));
            }
            case SCHEMA_EQUALS_APPROVED -> schema(rule, table, ctx.approvedSchema());
        };
    }

    /** A check of one column. */
    @FunctionalInterface
    private interface ColumnCheck {
        RuleResult run(Column column);
    }

    private RuleResult withColumn(DataTable table, QualityRule rule, String name, ColumnCheck check) {
        if (name == null) {
            String what = rule.type() == RuleType.FRESHNESS
                    ? "names no column, and the dataset has no time_column" : "names no column";
            return broken(rule, label(rule, null), "The " + rule.type().yamlName() + " rule " + what
                    + "; set `column:` on the rule.");
        }
        Optional<Column> column = table.column(name);
        if (column.isEmpty()) {
            return broken(rule, label(rule, name), "Column '%s' is not in the table; its columns are: %s."
                    .formatted(name, String.join(", ", table.names())));
        }
        return check.run(column.get());
    }

    // ------------------------------------------------------------------ column rules

    private RuleResult notNull(QualityRule rule, Column c) {
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < c.size() && examples.size() < RuleResult.MAX_EXAMPLES; i++) {
            if (c.isMissing(i)) {
                examples.add("row " + (i + 1) + ": missing");
            }
        }
        long missing = c.missingCount();
        String observed = missing + " missing of " + c.size() + " rows";
        String label = label(rule, c.name());
        return missing == 0 ? pass(rule, label, observed, "Column '" + c.name() + "' has no missing values.")
                : fail(rule, label, missing, observed, "Column '%s' has %d missing value%s."
                .formatted(c.name(), missing, plural(missing)), examples);
    }

    private RuleResult unique(QualityRule rule, Column c) {
        Map<Object, Integer> firstRow = new HashMap<>();
        List<String> examples = new ArrayList<>();
        long duplicates = 0;
        long present = 0;
        for (int i = 0; i < c.size(); i++) {
            if (c.isMissing(i)) {
                continue;
            }
            present++;
            Object key = key(c, i);
            Integer first = firstRow.putIfAbsent(key, i);
            if (first != null) {
                duplicates++;
                if (examples.size() < RuleResult.MAX_EXAMPLES) {
                    examples.add("row %d: %s (same as row %d)".formatted(i + 1, show(c, i), first + 1));
                }
            }
        }
        String observed = "%d duplicate%s among %d values (%d distinct)"
                .formatted(duplicates, plural(duplicates), present, firstRow.size());
        String label = label(rule, c.name());
        return duplicates == 0 ? pass(rule, label, observed, "Column '" + c.name() + "' has no duplicate values.")
                : fail(rule, label, duplicates, observed, "Column '%s' has %d duplicate value%s."
                .formatted(c.name(), duplicates, plural(duplicates)), examples);
    }

    private RuleResult range(QualityRule rule, Column c) {
        String label = label(rule, c.name());
        double lo = rule.min() == null ? Double.NEGATIVE_INFINITY : rule.min();
        double hi = rule.max() == null ? Double.POSITIVE_INFINITY : rule.max();
        List<String> examples = new ArrayList<>();
        long violations = 0;
        String observed;
        if (c instanceof NumericColumn n) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n.size(); i++) {
                double v = n.values()[i];
                if (n.isMissing(i) || Double.isNaN(v)) {
                    continue;
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v < lo || v > hi) {
                    violations++;
                    addExample(examples, i, number(v));
                }
            }
            observed = min > max ? "no values" : "min " + number(min) + ", max " + number(max);
        } else if (c instanceof DateTimeColumn d) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < d.size(); i++) {
                if (d.isMissing(i)) {
                    continue;
                }
                long ms = d.millis()[i];
                min = Math.min(min, ms);
                max = Math.max(max, ms);
                int year = Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).getYear();
                if (year < lo || year > hi) {
                    violations++;
                    addExample(examples, i, date(d, ms));
                }
            }
            observed = min > max ? "no values" : "min " + date(d, min) + ", max " + date(d, max);
        } else {
            return wrongType(rule, label, c, "numeric or datetime");
        }
        return violations == 0 ? pass(rule, label, observed, "Every value of '" + c.name() + "' is within "
                + bounds(rule) + (c instanceof DateTimeColumn ? " (years)." : "."))
                : fail(rule, label, violations, observed, "%d value%s of '%s' %s outside %s%s.".formatted(violations,
                plural(violations), c.name(), violations == 1 ? "is" : "are", bounds(rule),
                c instanceof DateTimeColumn ? " (years)" : ""), examples);
    }

    private RuleResult allowedValues(QualityRule rule, Column c) {
        String label = label(rule, c.name());
        List<String> examples = new ArrayList<>();
        Set<String> offending = new LinkedHashSet<>();
        long violations = 0;
        long present = 0;
        if (c instanceof NumericColumn n) {
            Set<Double> allowed = new HashSet<>();
            for (String v : rule.values()) {
                try {
                    allowed.add(normalize(Double.parseDouble(v.strip())));
                } catch (NumberFormatException e) {
                    // a non-number can never equal a numeric value
                }
            }
            for (int i = 0; i < n.size(); i++) {
                if (n.isMissing(i)) {
                    continue;
                }
                present++;
                if (!allowed.contains(normalize(n.values()[i]))) {
                    violations++;
                    offending.add(number(n.values()[i]));
                    addExample(examples, i, number(n.values()[i]));
                }
            }
        } else if (c instanceof CategoricalColumn s) {
            Set<String> allowed = new HashSet<>(rule.values());
            boolean[] ok = new boolean[s.dictionary().size()];
            for (int k = 0; k < ok.length; k++) {
                ok[k] = allowed.contains(s.dictionary().get(k));
            }
            for (int i = 0; i < s.size(); i++) {
                int code = s.codes()[i];
                if (code < 0) {
                    continue;
                }
                present++;
                if (!ok[code]) {
                    violations++;
                    offending.add(quote(s.dictionary().get(code)));
                    addExample(examples, i, quote(s.dictionary().get(code)));
                }
            }
        } else {
            Set<String> allowed = rule.values().stream().map(v -> v.strip().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            for (int i = 0; i < c.size(); i++) {
                if (c.isMissing(i)) {
                    continue;
                }
                present++;
                String text = show(c, i);
                if (!allowed.contains(text.toLowerCase(Locale.ROOT))) {
                    violations++;
                    offending.add(text);
                    addExample(examples, i, text);
                }
            }
        }
        String observed = violations == 0 ? present + " values, all allowed"
                : "%d of %d values outside the set: %s".formatted(violations, present, firstFew(offending));
        return violations == 0 ? pass(rule, label, observed, "Every value of '" + c.name() + "' is allowed.")
                : fail(rule, label, violations, observed, "%d value%s of '%s' %s not among the allowed values."
                .formatted(violations, plural(violations), c.name(), violations == 1 ? "is" : "are"), examples);
    }

    private RuleResult regex(QualityRule rule, Column c) {
        String label = label(rule, c.name());
        if (!(c instanceof CategoricalColumn s)) {
            return wrongType(rule, label, c, "categorical or text");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(rule.pattern() == null ? "" : rule.pattern());
        } catch (PatternSyntaxException e) {
            return broken(rule, label, "The pattern of the regex rule on '%s' is not a valid regular expression: %s"
                    .formatted(c.name(), e.getDescription()));
        }
        boolean[] matches = new boolean[s.dictionary().size()];
        for (int k = 0; k < matches.length; k++) {
            matches[k] = pattern.matcher(s.dictionary().get(k)).matches();
        }
        List<String> examples = new ArrayList<>();
        long violations = 0;
        long present = 0;
        for (int i = 0; i < s.size(); i++) {
            int code = s.codes()[i];
            if (code < 0) {
                continue;
            }
            present++;
            if (!matches[code]) {
                violations++;
                addExample(examples, i, quote(s.dictionary().get(code)));
            }
        }
        String observed = "%d of %d values do not match".formatted(violations, present);
        return violations == 0 ? pass(rule, label, observed, "Every value of '" + c.name() + "' matches the pattern.")
                : fail(rule, label, violations, observed, "%d value%s of '%s' %s not match %s.".formatted(violations,
                plural(violations), c.name(), violations == 1 ? "does" : "do", rule.pattern()), examples);
    }

    private RuleResult freshness(QualityRule rule, Column c, Instant now) {
        String label = label(rule, c.name());
        if (!(c instanceof DateTimeColumn d)) {
            return wrongType(rule, label, c, "datetime");
        }
        if (rule.maxAge() == null) {
            return broken(rule, label, "The freshness rule on '" + c.name() + "' has no max_age; add e.g. "
                    + "`max_age: 30d`.");
        }
        long newest = Long.MIN_VALUE;
        int newestRow = -1;
        for (int i = 0; i < d.size(); i++) {
            if (!d.isMissing(i) && d.millis()[i] > newest) {
                newest = d.millis()[i];
                newestRow = i;
            }
        }
        if (newestRow < 0) {
            return fail(rule, label, 1, "no values", "Column '" + c.name() + "' has no values, so its newest row "
                    + "cannot be fresh.", List.of());
        }
        Duration age = Duration.between(Instant.ofEpochMilli(newest), now);
        String observed = "newest " + date(d, newest) + " (" + (age.isNegative() ? "in the future" : age(age) + " old")
                + ")";
        if (age.compareTo(rule.maxAge()) <= 0) {
            return pass(rule, label, observed, "The newest value of '" + c.name() + "' is within "
                    + duration(rule.maxAge()) + ".");
        }
        return fail(rule, label, 1, observed, "The newest value of '%s' is %s old, more than %s."
                .formatted(c.name(), age(age), duration(rule.maxAge())),
                List.of("row " + (newestRow + 1) + ": " + date(d, newest)));
    }

    // ------------------------------------------------------------------ table rules

    private RuleResult rowCount(QualityRule rule, DataTable table) {
        String label = label(rule, null);
        long rows = table.rowCount();
        String observed = rows + " row" + plural(rows);
        boolean ok = (rule.min() == null || rows >= rule.min()) && (rule.max() == null || rows <= rule.max());
        return ok ? pass(rule, label, observed, "The row count is within " + bounds(rule) + ".")
                : fail(rule, label, 1, observed, "The table has %d row%s, outside %s."
                .formatted(rows, plural(rows), bounds(rule)), List.of());
    }

    private RuleResult schema(QualityRule rule, DataTable table, Optional<SchemaSnapshot> approved) {
        String label = label(rule, null);
        SchemaSnapshot current = SchemaSnapshot.of(table);
        String observed = current.columns().size() + " columns";
        if (approved.isEmpty()) {
            return new RuleResult(rule, label, RuleResult.Status.WARN, 0, observed,
                    "No approved schema; " + APPROVE_HINT + ".", List.of());
        }
        List<String> differences = differences(approved.get(), current);
        return differences.isEmpty() ? pass(rule, label, observed, "The columns and types equal the approved schema.")
                : fail(rule, label, differences.size(), observed, "The schema differs from the approved one: "
                + String.join("; ", differences) + ".", differences.subList(0,
                Math.min(RuleResult.MAX_EXAMPLES, differences.size())));
    }

    private static List<String> differences(SchemaSnapshot approved, SchemaSnapshot current) {
        Map<String, ColumnType> before = new HashMap<>();
        approved.columns().forEach(c -> before.put(c.name(), c.type()));
        Map<String, ColumnType> after = new HashMap<>();
        current.columns().forEach(c -> after.put(c.name(), c.type()));
        List<String> diffs = new ArrayList<>();
        for (SchemaColumn c : approved.columns()) {
            if (!after.containsKey(c.name())) {
                diffs.add("column '" + c.name() + "' removed");
            }
        }
        for (SchemaColumn c : current.columns()) {
            ColumnType was = before.get(c.name());
            if (was == null) {
                diffs.add("column '" + c.name() + "' added");
            } else if (was != c.type()) {
                diffs.add("column '%s' is %s, approved as %s".formatted(c.name(), c.type().yamlName(),
                        was.yamlName()));
            }
        }
        List<String> commonBefore = approved.names().stream().filter(after::containsKey).toList();
        List<String> commonAfter = current.names().stream().filter(before::containsKey).toList();
        if (!commonBefore.equals(commonAfter)) {
            diffs.add("column order changed (approved: " + String.join(", ", approved.names()) + ")");
        }
        return diffs;
    }

    // ------------------------------------------------------------------ results

    private static RuleResult pass(QualityRule rule, String label, String observed, String message) {
        return new RuleResult(rule, label, RuleResult.Status.PASS, 0, observed, message, List.of());
    }

    private static RuleResult fail(QualityRule rule, String label, long violations, String observed, String message,
                                   List<String> examples) {
        RuleResult.Status status = rule.severity() == Severity.WARNING ? RuleResult.Status.WARN : RuleResult.Status.FAIL;
        return new RuleResult(rule, label, status, violations, observed, message, examples);
    }

    /** The rule cannot be checked: a configuration mistake, which fails whatever the severity. */
    private static RuleResult broken(QualityRule rule, String label, String message) {
        return new RuleResult(rule, label, RuleResult.Status.FAIL, 0, "", message, List.of());
    }

    private static RuleResult wrongType(QualityRule rule, String label, Column c, String applies) {
        String hint = rule.type() == RuleType.REGEX && c.type() == ColumnType.NUMERIC
                ? " If its values are codes (zip codes, ids), set `column_types: {%s: categorical}` for the dataset in"
                .formatted(c.name()) + " mlwb.yaml."
                : "";
        return broken(rule, label, "A %s rule applies to %s columns, but '%s' is %s.%s".formatted(
                rule.type().yamlName(), applies, c.name(), c.type().yamlName(), hint));
    }

    // ------------------------------------------------------------------ labels and formatting

    /**
     * A short readable form of a rule, e.g. {@code range(age, 18..100)} or {@code freshness(applied_at, 30d)}.
     *
     * @param rule   the rule
     * @param column the column it checks (for freshness, the resolved time column), or null
     * @return the label
     */
    public static String label(QualityRule rule, String column) {
        String name = rule.type().yamlName();
        String col = column == null ? "?" : column;
        return switch (rule.type()) {
            case NOT_NULL, UNIQUE -> name + "(" + col + ")";
            case RANGE -> name + "(" + col + ", " + bounds(rule) + ")";
            case ALLOWED_VALUES -> name + "(" + col + ", [" + String.join(", ", rule.values()) + "])";
            case REGEX -> name + "(" + col + ", " + rule.pattern() + ")";
            case ROW_COUNT -> name + "(" + bounds(rule) + ")";
            case FRESHNESS -> name + "(" + col + ", " + (rule.maxAge() == null ? "?" : duration(rule.maxAge())) + ")";
            case SCHEMA_EQUALS_APPROVED -> name;
        };
    }

    private static String bounds(QualityRule rule) {
        return (rule.min() == null ? "" : number(rule.min())) + ".." + (rule.max() == null ? "" : number(rule.max()));
    }

    /** Writes a whole number without a fraction ({@code 18}, not {@code 18.0}). */
    static String number(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Writes a max_age the way mlwb.yaml does: the largest of d, h, m, s that divides it. */
    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s != 0 && s % DAY == 0) {
            return s / DAY + "d";
        }
        if (s != 0 && s % HOUR == 0) {
            return s / HOUR + "h";
        }
        if (s != 0 && s % MINUTE == 0) {
            return s / MINUTE + "m";
        }
        return s / SECOND + "s";
    }

    /** Writes an age in its two largest units, e.g. {@code 3d 4h} or {@code 12m 5s}. */
    static String age(Duration d) {
        long s = d.getSeconds();
        if (s >= DAY) {
            return s / DAY + "d " + (s % DAY) / HOUR + "h";
        }
        if (s >= HOUR) {
            return s / HOUR + "h " + (s % HOUR) / MINUTE + "m";
        }
        if (s >= MINUTE) {
            return s / MINUTE + "m " + s % MINUTE + "s";
        }
        return s + "s";
    }

    private static String date(DateTimeColumn d, long millis) {
        return d.style().format(millis);
    }

    /** The value of a present row as text: numbers without a needless fraction, dates as ISO, strings quoted. */
    private static String show(Column c, int i) {
        if (c instanceof NumericColumn n) {
            return number(n.values()[i]);
        }
        if (c instanceof CategoricalColumn s) {
            return quote(s.value(i));
        }
        if (c instanceof BooleanColumn b) {
            return b.values()[i] == 1 ? "true" : "false";
        }
        DateTimeColumn d = (DateTimeColumn) c;
        return date(d, d.millis()[i]);
    }

    private static Object key(Column c, int i) {
        if (c instanceof NumericColumn n) {
            return normalize(n.values()[i]);
        }
        if (c instanceof CategoricalColumn s) {
            return s.value(i);
        }
        if (c instanceof BooleanColumn b) {
            return b.values()[i];
        }
        return ((DateTimeColumn) c).millis()[i];
    }

    /** -0.0 equals 0.0 numerically but not as a {@link Double} key. */
    private static double normalize(double v) {
        return v == 0.0 ? 0.0 : v;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static void addExample(List<String> examples, int row, String value) {
        if (examples.size() < RuleResult.MAX_EXAMPLES) {
            examples.add("row " + (row + 1) + ": " + value);
        }
    }

    private static String firstFew(Set<String> values) {
        List<String> few = values.stream().limit(RuleResult.MAX_EXAMPLES).toList();
        return String.join(", ", few) + (values.size() > few.size() ? ", ..." : "");
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
