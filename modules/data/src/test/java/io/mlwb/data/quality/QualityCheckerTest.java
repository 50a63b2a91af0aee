package io.mlwb.data.quality;

import static io.mlwb.data.quality.Tables.bool;
import static io.mlwb.data.quality.Tables.categorical;
import static io.mlwb.data.quality.Tables.dates;
import static io.mlwb.data.quality.Tables.numeric;
import static io.mlwb.data.quality.Tables.table;
import static io.mlwb.data.quality.Tables.text;
import static io.mlwb.data.quality.Tables.timestamps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.project.ColumnType;
import io.mlwb.core.project.DataFormat;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.QualityRule;
import io.mlwb.core.project.RuleType;
import io.mlwb.core.project.Severity;
import io.mlwb.data.quality.RuleResult.Status;
import io.mlwb.data.table.DataTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualityCheckerTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private final QualityChecker checker = new QualityChecker();

    /** id 1..5 with a duplicate and a missing; age with outliers; grade categorical; zip text; paid boolean. */
    private final DataTable people = table(
            numeric("id", 1.0, 2.0, 3.0, 2.0, null),
            numeric("age", 17.0, 30.0, 104.0, 45.0, null),
            categorical("grade", "A", "B", "C", "Z", null),
            text("zip", "01234", "12345", "1234", "abcde", null),
            bool("paid", true, false, true, null, false),
            dates("applied_at", "2026-03-01", "2026-02-01", null, "2014-06-30", "2026-03-08"),
            numeric("code", 0.0, 1.0, 2.0, 0.0, 1.0));

    private static QualityRule rule(RuleType type, String column) {
        return new QualityRule(type, column, null, null, null, null, null, null);
    }

    private static QualityRule range(String column, Double min, Double max, Severity severity) {
        return new QualityRule(RuleType.RANGE, column, min, max, null, null, null, severity);
    }

    private static QualityRule allowed(String column, List<String> values, Severity severity) {
        return new QualityRule(RuleType.ALLOWED_VALUES, column, null, null, values, null, null, severity);
    }

    private static QualityRule regex(String column, String pattern, Severity severity) {
        return new QualityRule(RuleType.REGEX, column, null, null, null, pattern, null, severity);
    }

    private static QualityRule rowCount(Double min, Double max, Severity severity) {
        return new QualityRule(RuleType.ROW_COUNT, null, min, max, null, null, null, severity);
    }

    private static QualityRule fresh(String column, Duration maxAge, Severity severity) {
        return new QualityRule(RuleType.FRESHNESS, column, null, null, null, null, maxAge, severity);
    }

    private static QualityRule warning(QualityRule r) {
        return new QualityRule(r.type(), r.column(), r.min(), r.max(), r.values(), r.pattern(), r.maxAge(),
                Severity.WARNING);
    }

    private RuleResult one(DataTable t, QualityRule r) {
        return one(t, r, null, Optional.empty());
    }

    private RuleResult one(DataTable t, QualityRule r, String timeColumn, Optional<SchemaSnapshot> approved) {
        DatasetConfig ds = new DatasetConfig("people", "people.csv", DataFormat.CSV, null, null, null, null,
                timeColumn, null, null, null, List.of(r));
        QualityReport report = checker.check(t, ds, new QualityContext(NOW, approved));
        assertEquals(1, report.results().size());
        return report.results().get(0);
    }

    private static void assertMissingColumn(RuleResult r) {
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.message().contains("'nope' is not in the table"), r.message());
        assertTrue(r.message().contains("id, age, grade, zip, paid, applied_at, code"), r.message());
    }

    private static void assertWrongType(RuleResult r, String column, String type) {
        assertEquals(Status.FAIL, r.status(), r.message());
        assertTrue(r.message().contains("'" + column + "' is " + type), r.message());
    }

    // ------------------------------------------------------------------ not_null

    @Test
    void notNull() {
        RuleResult pass = one(people, rule(RuleType.NOT_NULL, "code"));
        assertEquals(Status.PASS, pass.status());
        assertEquals("not_null(code)", pass.label());

        RuleResult fail = one(people, rule(RuleType.NOT_NULL, "age"));
        assertEquals(Status.FAIL, fail.status());
        assertEquals(1, fail.violations());
        assertEquals(List.of("row 5: missing"), fail.examples());
        assertEquals("1 missing of 5 rows", fail.observed());

        assertEquals(Status.WARN, one(people, warning(rule(RuleType.NOT_NULL, "age"))).status());
        assertMissingColumn(one(people, rule(RuleType.NOT_NULL, "nope")));
        assertEquals(1, one(people, rule(RuleType.NOT_NULL, "paid")).violations(), "any column type");
    }

    // ------------------------------------------------------------------ unique

    @Test
    void uniqueCountsDuplicatesAmongPresentValues() {
        assertEquals(Status.PASS, one(people, rule(RuleType.UNIQUE, "zip")).status(), "a missing cell is no duplicate");
        RuleResult fail = one(people, rule(RuleType.UNIQUE, "id"));
        assertEquals(Status.FAIL, fail.status());
        assertEquals(1, fail.violations());
        assertEquals(List.of("row 4: 2 (same as row 2)"), fail.examples());
        assertEquals("1 duplicate among 4 values (3 distinct)", fail.observed());

        RuleResult codes = one(people, warning(rule(RuleType.UNIQUE, "code")));
        assertEquals(Status.WARN, codes.status());
        assertEquals(2, codes.violations());
        assertMissingColumn(one(people, rule(RuleType.UNIQUE, "nope")));
        assertEquals(Status.PASS, one(table(numeric("z", 0.0, -0.0 + 1, 2.0)), rule(RuleType.UNIQUE, "z")).status());
        assertEquals(1, one(table(numeric("z", 0.0, -0.0)), rule(RuleType.UNIQUE, "z")).violations(),
                "-0.0 equals 0.0");
        assertEquals(2, one(people, rule(RuleType.UNIQUE, "paid")).violations());
    }

    // ------------------------------------------------------------------ range

    @Test
    void rangeOnNumbers() {
        RuleResult pass = one(people, range("age", 17.0, 104.0, null));
        assertEquals(Status.PASS, pass.status());
        assertEquals("range(age, 17..104)", pass.label());

        RuleResult fail = one(people, range("age", 18.0, 100.0, null));
        assertEquals(Status.FAIL, fail.status());
        assertEquals(2, fail.violations());
        assertEquals("min 17, max 104", fail.observed());
        assertEquals(List.of("row 1: 17", "row 3: 104"), fail.examples());

        RuleResult onlyMin = one(people, range("age", 18.0, null, Severity.WARNING));
        assertEquals(Status.WARN, onlyMin.status());
        assertEquals(1, onlyMin.violations());
        assertEquals("range(age, 18..)", onlyMin.label());
        assertEquals(1, one(people, range("age", null, 100.0, null)).violations());

        assertMissingColumn(one(people, range("nope", 0.0, 1.0, null)));
        assertWrongType(one(people, range("zip", 0.0, 1.0, null)), "zip", "text");
        assertWrongType(one(people, range("paid", 0.0, 1.0, null)), "paid", "boolean");
    }

    @Test
    void rangeOnDatesUsesCalendarYears() {
        RuleResult pass = one(people, range("applied_at", 2014.0, 2026.0, null));
        assertEquals(Status.PASS, pass.status(), pass.message());
        assertEquals("min 2014-06-30, max 2026-03-08", pass.observed());

        RuleResult fail = one(people, range("applied_at", 2015.0, null, null));
        assertEquals(Status.FAIL, fail.status());
        assertEquals(1, fail.violations());
        assertEquals(List.of("row 4: 2014-06-30"), fail.examples());
        assertEquals(Status.WARN, one(people, range("applied_at", null, 2025.0, Severity.WARNING)).status());
    }

    // ------------------------------------------------------------------ allowed_values

    @Test
    void allowedValuesOnStrings() {
        RuleResult pass = one(people, allowed("grade", List.of("A", "B", "C", "Z"), null));
        assertEquals(Status.PASS, pass.status());
        assertEquals("allowed_values(grade, [A, B, C, Z])", pass.label());

        RuleResult fail = one(people, allowed("grade", List.of("A", "B", "C"), null));
        assertEquals(Status.FAIL, fail.status());
        assertEquals(1, fail.violations());
        assertEquals(List.of("row 4: \"Z\""), fail.examples());
        assertTrue(fail.observed().contains("\"Z\""), fail.observed());

        assertEquals(Status.WARN, one(people, allowed("grade", List.of("a", "b"), Severity.WARNING)).status(),
                "strings compare exactly, case included");
        assertMissingColumn(one(people, allowed("nope", List.of("x"), null)));
    }

    @Test
    void allowedValuesOnNumbersCompareNumerically() {
        assertEquals(Status.PASS, one(people, allowed("code", List.of("0", "1", "2.0"), null)).status());
        RuleResult fail = one(people, allowed("code", List.of("0", " 1 ", "x"), null));
        assertEquals(Status.FAIL, fail.status());
        assertEquals(1, fail.violations());
        assertEquals(List.of("row 3: 2"), fail.examples());
        assertEquals(Status.PASS, one(people, allowed("paid", List.of("TRUE", "false"), null)).status());
        assertEquals(2, one(people, allowed("paid", List.of("true"), null)).violations());
        assertEquals(3, one(people, allowed("applied_at", List.of("2026-03-01"), null)).violations());
    }

    // ------------------------------------------------------------------ regex

    @Test
    void regexMatchesWholeValues() {
        RuleResult pass = one(people, regex("grade", "[A-Z]", null));
        assertEquals(Status.PASS, pass.status());
        assertEquals("regex(grade, [A-Z])", pass.label());

        RuleResult fail = one(people, regex("zip", "\\d{5}", null));
        assertEquals(Status.FAIL, fail.status());
        assertEquals(2, fail.violations());
        assertEquals(List.of("row 3: \"1234\"", "row 4: \"abcde\""), fail.examples());
        assertEquals("2 of 4 values do not match", fail.observed());
        assertEquals(4, one(people, regex("zip", "\\d{3}", null)).violations(), "a partial match is not enough");

        assertEquals(Status.WARN, one(people, regex("zip", "\\d{5}", Severity.WARNING)).status());
        assertMissingColumn(one(people, regex("nope", "x", null)));
        RuleResult wrong = one(people, regex("code", "\\d", null));
        assertWrongType(wrong, "code", "numeric");
        assertTrue(wrong.message().contains("column_types"), wrong.message());
    }

    // ------------------------------------------------------------------ row_count

    @Test
    void rowCount() {
        RuleResult pass = one(people, rowCount(5.0, 5.0, null));
        assertEquals(Status.PASS, pass.status());
        assertEquals("row_count(5..5)", pass.label());
        assertEquals("5 rows", pass.observed());

        RuleResult fail = one(people, rowCount(1000.0, null, null));
        assertEquals(Status.FAIL, fail.status());
        assertTrue(fail.message().contains("1000.."), fail.message());
        assertEquals(Status.FAIL, one(people, rowCount(null, 4.0, null)).status());
        assertEquals(Status.WARN, one(people, rowCount(null, 4.0, Severity.WARNING)).status());
    }

    // ------------------------------------------------------------------ freshness

    @Test
    void freshnessUsesTheNewestValue() {
        RuleResult pass = one(people, fresh("applied_at", Duration.ofDays(3), null));
        assertEquals(Status.PASS, pass.status(), pass.message());
        assertEquals("freshness(applied_at, 3d)", pass.label());
        assertEquals("newest 2026-03-08 (2d 12h old)", pass.observed());

        RuleResult fail = one(people, fresh("applied_at", Duration.ofHours(12), null));
        assertEquals(Status.FAIL, fail.status());
        assertEquals(List.of("row 5: 2026-03-08"), fail.examples());
        assertTrue(fail.message().contains("more than 12h"), fail.message());
        assertEquals(Status.WARN, one(people, fresh("applied_at", Duration.ofHours(12), Severity.WARNING)).status());

        assertMissingColumn(one(people, fresh("nope", Duration.ofDays(1), null)));
        assertWrongType(one(people, fresh("age", Duration.ofDays(1), null)), "age", "numeric");
    }

    @Test
    void freshnessFallsBackToTheDatasetTimeColumn() {
        DataTable events = table(timestamps("ts", "2026-03-10T11:00:00Z", null, "2026-03-01T00:00:00Z"));
        RuleResult r = one(events, fresh(null, Duration.ofMinutes(90), null), "ts", Optional.empty());
        assertEquals(Status.PASS, r.status(), r.message());
        assertEquals("freshness(ts, 90m)", r.label());
        assertEquals(Status.FAIL, one(events, fresh(null, Duration.ofMinutes(30), null), "ts", Optional.empty())
                .status());
        RuleResult noColumn = one(events, fresh(null, Duration.ofDays(1), null));
        assertEquals(Status.FAIL, noColumn.status());
        assertTrue(noColumn.message().contains("time_column"), noColumn.message());
        RuleResult empty = one(table(timestamps("ts", (String) null)), fresh("ts", Duration.ofDays(1), null));
        assertEquals(Status.FAIL, empty.status());
    }

    // ------------------------------------------------------------------ schema_equals_approved

    @Test
    void schemaEqualsApproved() {
        DataTable t = table(numeric("id", 1.0), categorical("name", "a"));
        QualityRule r = rule(RuleType.SCHEMA_EQUALS_APPROVED, null);
        SchemaSnapshot same = SchemaSnapshot.of(t);
        assertEquals(Status.PASS, one(t, r, null, Optional.of(same)).status());

        RuleResult none = one(t, r, null, Optional.empty());
        assertEquals(Status.WARN, none.status());
        assertTrue(none.message().startsWith("No approved schema; approve one"), none.message());

        SchemaSnapshot approved = new SchemaSnapshot(List.of(new SchemaColumn("id", ColumnType.CATEGORICAL),
                new SchemaColumn("name", ColumnType.CATEGORICAL), new SchemaColumn("gone", ColumnType.NUMERIC)));
        RuleResult fail = one(t, r, null, Optional.of(approved));
        assertEquals(Status.FAIL, fail.status());
        assertEquals(2, fail.violations());
        assertTrue(fail.message().contains("column 'gone' removed"), fail.message());
        assertTrue(fail.message().contains("column 'id' is numeric, approved as categorical"), fail.message());
        assertEquals(Status.WARN, one(t, warning(r), null, Optional.of(approved)).status());

        DataTable reordered = table(categorical("name", "a"), numeric("id", 1.0), bool("extra", true));
        RuleResult order = one(reordered, r, null, Optional.of(same));
        assertEquals(2, order.violations(), order.message());
        assertTrue(order.message().contains("column 'extra' added"), order.message());
        assertTrue(order.message().contains("column order changed"), order.message());
    }

    // ------------------------------------------------------------------ the report

    @Test
    void reportPassesWithWarningsButNotWithFailures() {
        DatasetConfig ds = new DatasetConfig("people", "people.csv", DataFormat.CSV, null, null, null, null, null,
                null, null, null, List.of(rule(RuleType.NOT_NULL, "code"), warning(rule(RuleType.NOT_NULL, "age"))));
        QualityReport ok = checker.check(people, ds, new QualityContext(NOW, Optional.empty()));
        assertTrue(ok.passed());
        assertEquals(1, ok.count(Status.WARN));

        DatasetConfig failing = new DatasetConfig("people", "people.csv", DataFormat.CSV, null, null, null, null,
                null, null, null, null, List.of(rule(RuleType.NOT_NULL, "code"), rule(RuleType.NOT_NULL, "age")));
        QualityReport bad = checker.check(people, failing, new QualityContext(NOW, Optional.empty()));
        assertFalse(bad.passed());
        assertEquals(List.of(Status.PASS, Status.FAIL), bad.results().stream().map(RuleResult::status).toList());
        assertTrue(checker.check(people, DatasetConfig.of("x", "x.csv"),
                new QualityContext(NOW, Optional.empty())).passed(), "no rules, nothing fails");
    }

    @Test
    void examplesStopAtFive() {
        DataTable t = table(numeric("v", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0));
        RuleResult r = one(t, range("v", 10.0, null, null));
        assertEquals(7, r.violations());
        assertEquals(RuleResult.MAX_EXAMPLES, r.examples().size());
        assertEquals("row 5: 5", r.examples().get(4));
    }

    @Test
    void schemaSnapshotRoundTripsThroughJson() {
        SchemaSnapshot s = SchemaSnapshot.of(people);
        assertEquals(s, SchemaSnapshot.fromJson(s.toJson()));
        assertEquals(ColumnType.BOOLEAN, s.columns().get(4).type());
        assertTrue(s.toJson().contains("{\"name\":\"paid\",\"type\":\"boolean\"}"), s.toJson());
        org.junit.jupiter.api.Assertions.assertThrows(io.mlwb.core.error.UserError.class,
                () -> SchemaSnapshot.fromJson("{\"columns\":[{\"name\":\"a\",\"type\":\"weird\"}]}"));
        org.junit.jupiter.api.Assertions.assertThrows(io.mlwb.core.error.UserError.class,
                () -> SchemaSnapshot.fromJson("not json"));
    }
}
