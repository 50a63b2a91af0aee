package io.mlwb.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectConfigLoaderTest {
    private final ProjectConfigLoader loader = new ProjectConfigLoader();

    private static String resource(String name) throws IOException {
        try (InputStream in = ProjectConfigLoaderTest.class.getResourceAsStream("/project/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private ConfigError error(String yaml) {
        return assertThrows(ConfigError.class, () -> loader.parse(yaml, "mlwb.yaml"));
    }

    private static void assertStartsWith(String expectedStart, String actual) {
        assertTrue(actual.startsWith(expectedStart), () -> "expected to start with\n  " + expectedStart
                + "\nbut was\n  " + actual);
    }

    // ---- valid files ---------------------------------------------------------------------------------------

    @Test
    void fullFileReadsEveryKey() throws IOException {
        LoadedConfig loaded = loader.parse(resource("full.yaml"), "mlwb.yaml");
        assertEquals(List.of(), loaded.warnings());
        ProjectConfig c = loaded.config();
        assertEquals(1, c.schemaVersion());
        assertEquals("credit-risk", c.name());
        assertEquals("Predicts the probability that a loan applicant defaults within 12 months.", c.description());
        assertEquals("risk-analytics@example.com", c.owner());
        assertEquals(RiskTier.HIGH, c.riskTier());

        assertEquals(2, c.datasets().size());
        DatasetConfig d = c.datasets().get(0);
        assertEquals("applications", d.name());
        assertEquals("data/applications.csv", d.path());
        assertEquals(DataFormat.CSV, d.format());
        assertEquals(";", d.delimiter());
        assertEquals("ISO-8859-1", d.encoding());
        assertEquals(List.of("", "NA", "?"), d.missingValues());
        assertEquals("defaulted", d.target());
        assertEquals("applied_at", d.timeColumn());
        assertEquals("applicant_id", d.idColumn());
        assertEquals(List.of("gender", "age_band"), d.sensitiveAttributes());
        assertEquals(List.of("zip_code", "income", "applied_at", "has_guarantor", "notes"),
                List.copyOf(d.columnTypes().keySet()));
        assertEquals(List.of(ColumnType.CATEGORICAL, ColumnType.NUMERIC, ColumnType.DATETIME, ColumnType.BOOLEAN,
                ColumnType.TEXT), List.copyOf(d.columnTypes().values()));
        assertEquals(List.of(
                new QualityRule(RuleType.NOT_NULL, "defaulted", null, null, List.of(), null, null, Severity.ERROR),
                new QualityRule(RuleType.UNIQUE, "applicant_id", null, null, List.of(), null, null, Severity.ERROR),
                new QualityRule(RuleType.RANGE, "income", 0.0, 1_000_000.0, List.of(), null, null, Severity.ERROR),
                new QualityRule(RuleType.ALLOWED_VALUES, "employment", null, null,
                        List.of("employed", "self_employed", "unemployed", "retired"), null, null, Severity.WARNING),
                new QualityRule(RuleType.REGEX, "zip_code", null, null, List.of(), "^\\d{5}$", null, Severity.ERROR),
                new QualityRule(RuleType.ROW_COUNT, null, 1000.0, null, List.of(), null, null, Severity.ERROR),
                new QualityRule(RuleType.FRESHNESS, null, null, null, List.of(), null, Duration.ofDays(30),
                        Severity.ERROR),
                new QualityRule(RuleType.SCHEMA_EQUALS_APPROVED, null, null, null, List.of(), null, null,
                        Severity.ERROR)), d.rules());
        DatasetConfig second = c.datasets().get(1);
        assertEquals(DataFormat.PARQUET, second.format());
        assertEquals(DatasetConfig.DEFAULT_MISSING_VALUES, second.missingValues());
        assertEquals("UTF-8", second.encoding());
        assertEquals(second, c.dataset("scoring-2025").orElseThrow());

        assertEquals(new TrainingDefaults(7, Device.CPU,
                new SplitConfig(SplitStrategy.TIME, 0.25, 0.15, "applied_at", "applicant_id"), 50, 64, 3.0e-4,
                new EarlyStoppingConfig("val_auc", 3, MetricMode.MAX), 5), c.training());
        assertEquals(new ModelCardConfig("docs/model-card-template.md",
                List.of("Intended use", "Limitations", "Evaluation", "Fairness"),
                List.of("ana@example.com", "li@example.com"), "apache-2.0", "en"), c.modelCard());
        assertEquals(new DeploymentConfig(List.of(new DeploymentTarget("local", DeploymentKind.LOCAL, null, null),
                new DeploymentTarget("prod", DeploymentKind.SAGEMAKER, "eu-west-1", "ml.m5.large")),
                DeploymentStrategy.BLUE_GREEN, "EUR"), c.deployment());
    }

    @Test
    void costSectionIsReadCheckedAndWrittenBack() {
        ProjectConfig c = loader.parse("""
                name: p
                cost:
                  project: credit
                  team: risk
                  cost_centre: CC-1
                  cpu_hour_usd: 0.2
                  budget_usd: 50
                """, "mlwb.yaml").config();
        assertEquals(new CostConfig("credit", "risk", "CC-1", 0.2, null, 50.0), c.cost());
        assertEquals(c, loader.parse(loader.toYaml(c), "written.yaml").config());
        assertEquals(CostConfig.none(), loader.parse("name: p\n", "mlwb.yaml").config().cost());
        ConfigError e = org.junit.jupiter.api.Assertions.assertThrows(ConfigError.class,
                () -> loader.parse("name: p\ncost:\n  budget_usd: -3\n", "mlwb.yaml"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("cost.budget_usd"), e.getMessage());
    }

    @Test
    void driftSectionIsReadCheckedAndWrittenBack() {
        ProjectConfig c = loader.parse("""
                name: p
                drift:
                  drift_share: 0.3
                  bins: 20
                  columns:
                    income:
                      test: wasserstein
                      threshold: 0.2
                    age:
                      edges: [18, 30, 45, 65]
                    customer_id:
                      ignore: true
                    region:
                      test: chi2
                      threshold: 0.01
                  retraining:
                    - model: credit-default
                      drift_share: 0.25
                      psi: 0.2
                      columns: [income, age]
                      metrics:
                        roc_auc: {min: 0.75}
                        brier: {max: 0.2}
                      cadence: monthly
                    - model: fraud
                      cadence: 45d
                """, "mlwb.yaml").config();
        DriftConfig d = c.drift();
        assertEquals(0.3, d.driftShare());
        assertEquals(20, d.bins());
        assertEquals(new DriftConfig.Column(DriftConfig.Test.WASSERSTEIN, 0.2, null, null, List.of(), false),
                d.columns().get("income"));
        assertEquals(DriftConfig.Binning.CUSTOM, d.columns().get("age").binning());
        assertEquals(List.of(18.0, 30.0, 45.0, 65.0), d.columns().get("age").edges());
        assertTrue(d.columns().get("customer_id").ignore());
        DriftConfig.RetrainingTrigger t = d.trigger("credit-default").orElseThrow();
        assertEquals(0.25, t.driftShare());
        assertEquals(0.2, t.psi());
        assertEquals(List.of("income", "age"), t.columns());
        assertEquals(new DriftConfig.Bound(0.75, null), t.metrics().get("roc_auc"));
        assertEquals(java.time.Period.ofMonths(1), t.cadence());
        assertEquals(java.time.Period.ofDays(45), d.trigger("fraud").orElseThrow().cadence());
        assertEquals(c, loader.parse(loader.toYaml(c), "written.yaml").config());
        assertEquals(DriftConfig.defaults(), loader.parse("name: p\n", "mlwb.yaml").config().drift());

        assertTrue(error("name: p\ndrift:\n  columns:\n    x:\n      test: ks\n      threshold: 5\n")
                .getMessage().contains("below 1 (a p-value)"));
        assertTrue(error("name: p\ndrift:\n  columns:\n    x:\n      edges: [3, 1]\n").getMessage()
                .contains("must increase strictly"));
        assertTrue(error("name: p\ndrift:\n  columns:\n    x:\n      binning: custom\n").getMessage()
                .contains("custom binning needs `edges`"));
        assertTrue(error("name: p\ndrift:\n  columns:\n    x:\n      test: magic\n").getMessage()
                .contains("drift.columns.x.test must be one of"));
        assertTrue(error("name: p\ndrift:\n  retraining:\n    - model: m\n").getMessage()
                .contains("sets no trigger"));
        assertTrue(error("name: p\ndrift:\n  retraining:\n    - model: m\n      cadence: sometimes\n")
                .getMessage().contains("must be daily, weekly, monthly"));
        assertTrue(error("name: p\ndrift:\n  retraining:\n    - model: m\n      psi: 0.2\n    - model: m\n"
                + "      psi: 0.3\n").getMessage().contains("already has a trigger"));
        assertTrue(error("name: p\ndrift:\n  drift_share: 1.5\n").getMessage().contains("drift.drift_share"));
    }

    @Test
    void namingRulesAreCompiledCheckedAndWrittenBack() {
        ProjectConfig c = loader.parse("""
                name: p
                naming:
                  model: '[a-z][a-z0-9-]{2,30}'
                  run: '\\w+-\\d+'
                """, "mlwb.yaml").config();
        NamingRules n = c.naming();
        assertEquals(java.util.Optional.empty(), n.check(NamingRules.Kind.MODEL, "credit-default"));
        assertEquals("The model name 'Credit' does not match the project's naming rule naming.model: "
                + "'[a-z][a-z0-9-]{2,30}' (mlwb.yaml)", n.check(NamingRules.Kind.MODEL, "Credit").orElseThrow());
        assertEquals(java.util.Optional.empty(), n.check(NamingRules.Kind.RUN, "mlp-12"));
        org.junit.jupiter.api.Assertions.assertTrue(n.check(NamingRules.Kind.RUN, "mlp 12 x").isPresent());
        assertEquals(java.util.Optional.empty(), n.check(NamingRules.Kind.EXPERIMENT, "anything at all"));
        assertEquals(c, loader.parse(loader.toYaml(c), "written.yaml").config());
        assertEquals(NamingRules.none(), loader.parse("name: p\n", "mlwb.yaml").config().naming());
        assertEquals("mlwb.yaml:3:10: naming.model is not a valid regular expression: Unclosed character class",
                error("name: p\nnaming:\n  model: '[a-z'\n").getMessage().lines().findFirst().orElseThrow());
        assertEquals(1, loader.parse("name: p\nnaming:\n  modle: x\n", "mlwb.yaml").warnings().size());
    }

    @Test
    void fullFileRoundTripsThroughToYaml() throws IOException {
        ProjectConfig config = loader.parse(resource("full.yaml"), "mlwb.yaml").config();
        String written = loader.toYaml(config);
        LoadedConfig reread = loader.parse(written, "written.yaml");
        assertEquals(config, reread.config(), written);
        assertEquals(List.of(), reread.warnings());
    }

    @Test
    void awkwardValuesRoundTripThroughToYaml() {
        ProjectConfig config = loader.parse("""
                name: "2024"
                description: no
                risk_tier: LOW
                datasets:
                  - name: t
                    path: data/t.tsv
                    delimiter: "\t"
                    missing_values: ["", "-"]
                    rules:
                      - type: freshness
                        column: ts
                        max_age: 90m
                """, "mlwb.yaml").config();
        assertEquals(RiskTier.LOW, config.riskTier());
        assertEquals("\t", config.datasets().get(0).delimiter());
        assertEquals(Duration.ofMinutes(90), config.datasets().get(0).rules().get(0).maxAge());
        assertEquals(config, loader.parse(loader.toYaml(config), "w.yaml").config());
        ProjectConfig defaults = ProjectConfig.named("d");
        assertEquals(defaults, loader.parse(loader.toYaml(defaults), "w.yaml").config());
    }

    @Test
    void minimalFileGetsEveryDefault() {
        LoadedConfig loaded = loader.parse("name: demo\n", "mlwb.yaml");
        ProjectConfig named = ProjectConfig.named("demo");
        // the one difference from the named defaults: the file does not write risk_tier (a suggestion may stand in)
        assertEquals(new ProjectConfig(named.schemaVersion(), named.name(), null, null, named.riskTier(), List.of(),
                null, null, null, null, null, null, new GovernanceConfig(LicencePolicy.none(), null, null, false)),
                loaded.config());
        assertFalse(loaded.config().governance().riskTierDeclared());
        TrainingDefaults t = loaded.config().training();
        assertEquals(42, t.seed());
        assertEquals(Device.AUTO, t.device());
        assertEquals(SplitConfig.defaults(), t.split());
        assertNull(t.earlyStopping());
        assertEquals(RiskTier.MEDIUM, loaded.config().riskTier());
        assertEquals(DeploymentStrategy.CANARY, loaded.config().deployment().defaultStrategy());
    }

    @Test
    void emptyValuesMeanDefaultsAndTextKeepsYamlBooleanWords() {
        ProjectConfig c = loader.parse("name: demo\ndescription:\ntraining:\n  seed:\n  early_stopping: {}\n"
                + "model_card:\n  language: no\n", "mlwb.yaml").config();
        assertNull(c.description());
        assertEquals(42, c.training().seed());
        assertEquals(new EarlyStoppingConfig("val_loss", 5, MetricMode.MIN), c.training().earlyStopping());
        assertEquals("no", c.modelCard().language());
    }

    @Test
    void freshnessFallsBackToTheDatasetTimeColumnAndAgesAcceptUnits() {
        ProjectConfig c = loader.parse("""
                name: x
                datasets:
                  - name: a
                    path: a.csv
                    time_column: ts
                    rules:
                      - type: freshness
                        max_age: 2w
                      - type: freshness
                        column: updated
                        max_age: PT36H
                """, "mlwb.yaml").config();
        assertEquals(Duration.ofDays(14), c.datasets().get(0).rules().get(0).maxAge());
        assertEquals(Duration.ofHours(36), c.datasets().get(0).rules().get(1).maxAge());
        assertEquals("updated", c.datasets().get(0).rules().get(1).column());
    }

    // ---- warnings ------------------------------------------------------------------------------------------

    @Test
    void unknownKeyWarnsWithLocationAndSuggestion() {
        LoadedConfig loaded = loader.parse("""
                name: x
                datasets:
                  - name: a
                    path: a.csv
                    taget: y
                """, "mlwb.yaml");
        assertNull(loaded.config().datasets().get(0).target());
        assertEquals(List.of(new ConfigWarning("mlwb.yaml", 5, 5, "datasets[0].taget",
                "unknown key `datasets[0].taget` is ignored", "target")), loaded.warnings());
        assertEquals("mlwb.yaml:5:5: unknown key `datasets[0].taget` is ignored (did you mean `target`?)",
                loaded.warnings().get(0).describe());
    }

    @Test
    void unknownKeysAreReportedOnceInFileOrderWithSuggestionsOnlyWhenClose() {
        List<ConfigWarning> warnings = loader.parse("""
                name: x
                riskTier: high
                training:
                  max_epoch: 3
                experiments:
                  whatever: 1
                  nested: {deep: 2}
                """, "mlwb.yaml").warnings();
        assertEquals(List.of("mlwb.yaml:2:1: unknown key `riskTier` is ignored (did you mean `risk_tier`?)",
                "mlwb.yaml:4:3: unknown key `training.max_epoch` is ignored (did you mean `max_epochs`?)",
                "mlwb.yaml:5:1: unknown key `experiments` is ignored"),
                warnings.stream().map(ConfigWarning::describe).toList());
    }

    @Test
    void ruleParameterTheTypeDoesNotUseWarns() {
        LoadedConfig loaded = loader.parse("""
                name: x
                datasets:
                  - name: a
                    path: a.csv
                    rules:
                      - type: not_null
                        column: c
                        pattern: x
                """, "mlwb.yaml");
        assertEquals("mlwb.yaml:8:9: `pattern` has no effect on a not_null rule",
                loaded.warnings().get(0).describe());
        assertNull(loaded.config().datasets().get(0).rules().get(0).pattern());
    }

    // ---- errors --------------------------------------------------------------------------------------------

    @Test
    void wrongScalarTypeNamesLocationExpectedAndFound() {
        ConfigError e = error("name: x\ntraining:\n  seed: abc\n");
        assertEquals("mlwb.yaml:3:9: training.seed must be an integer, found \"abc\"", e.getMessage());
        assertTrue(e.whatToDo().contains("seed: 42"), e.whatToDo());
        assertEquals(ExitCode.BAD_INPUT, e.exit());
        assertEquals(3, e.line());
        assertEquals(9, e.column());
        assertEquals("training.seed", e.keyPath());
        assertEquals("mlwb.yaml:3:9: training.seed must be an integer, found \"42\"",
                error("name: x\ntraining:\n  seed: \"42\"\n").getMessage());
        assertEquals("mlwb.yaml:3:15: training.max_epochs must be an integer at least 1, found 0",
                error("name: x\ntraining:\n  max_epochs: 0\n").getMessage());
    }

    @Test
    void wrongStructureNamesLocationExpectedAndFound() {
        assertEquals("mlwb.yaml:2:11: datasets must be a list, found 5",
                error("name: x\ndatasets: 5\n").getMessage());
        assertEquals("mlwb.yaml:2:11: training must be a mapping, found 5",
                error("name: x\ntraining: 5\n").getMessage());
        assertEquals("mlwb.yaml:3:5: datasets[0] must be a mapping, found \"sales.csv\"",
                error("name: x\ndatasets:\n  - sales.csv\n").getMessage());
        assertEquals("mlwb.yaml:1:7: name must be a single value, found a list",
                error("name: [a, b]\n").getMessage());
    }

    @Test
    void missingRequiredFields() {
        assertEquals("mlwb.yaml:1:1: name is required but missing", error("owner: me\n").getMessage());
        assertEquals("mlwb.yaml:1:7: name must not be empty", error("name: \"\"\n").getMessage());
        ConfigError path = error("name: x\ndatasets:\n  - name: a\n    format: csv\n");
        assertEquals("mlwb.yaml:3:5: datasets[0].path is required but missing", path.getMessage());
        assertTrue(path.whatToDo().contains("path: data/train.csv"), path.whatToDo());
    }

    @Test
    void invalidEnumListsAllowedValues() {
        ConfigError e = error("name: x\nrisk_tier: extreme\n");
        assertEquals("mlwb.yaml:2:12: risk_tier must be one of low, medium, high, found \"extreme\"", e.getMessage());
        assertEquals("Use one of: low, medium, high.", e.whatToDo());
        assertEquals("Use one of: auto, cpu, gpu.", error("name: x\ntraining:\n  device: tpu\n").whatToDo());
    }

    @Test
    void yamlSyntaxErrorPointsAtTheProblem() {
        ConfigError e = error("name: x\ndescription: a: b\n");
        assertEquals("mlwb.yaml:2:15: YAML syntax error: mapping values are not allowed here", e.getMessage());
        assertTrue(e.whatToDo().contains("line 2"), e.whatToDo());
        assertEquals("mlwb.yaml:4:2: YAML syntax error: while parsing a block mapping; "
                + "expected <block end>, but found '<block sequence start>'",
                error("name: x\ntags:\n  - a\n - b\n").getMessage());
    }

    @Test
    void emptyFileAndNonMappingTopLevel() {
        assertEquals("mlwb.yaml:1:1: the file is empty", error("").getMessage());
        assertEquals("mlwb.yaml:1:1: the file is empty", error("# nothing yet\n\n").getMessage());
        assertEquals("mlwb.yaml:1:1: the top level must be a mapping of keys such as `name:` and `datasets:`, "
                + "found a list", error("- a\n- b\n").getMessage());
        assertEquals("mlwb.yaml:2:1: the top level must be a mapping of keys such as `name:` and `datasets:`, "
                + "found \"hello\"", error("# comment\nhello\n").getMessage());
    }

    @Test
    void duplicateDatasetNamesPointAtTheSecond() {
        ConfigError e = error("""
                name: x
                datasets:
                  - name: a
                    path: a.csv
                  - name: a
                    path: b.csv
                """);
        assertEquals("mlwb.yaml:5:11: dataset name \"a\" is already used by datasets[0]", e.getMessage());
        assertEquals("datasets[1].name", e.keyPath());
    }

    @Test
    void duplicateKeysPointAtTheSecond() {
        assertEquals("mlwb.yaml:3:1: duplicate key `name` (first at line 1)",
                error("name: x\nowner: me\nname: y\n").getMessage());
        assertEquals("mlwb.yaml:4:3: duplicate key `seed` (first at line 3)",
                error("name: x\ntraining:\n  seed: 1\n  seed: 2\n").getMessage());
    }

    @Test
    void newerSchemaVersionAsksToUpgrade() {
        ConfigError e = error("schema_version: 2\nname: x\nsomething_new: [1, 2]\n");
        assertEquals("mlwb.yaml:1:17: schema_version 2 is newer than this mlwb understands (1)", e.getMessage());
        assertTrue(e.whatToDo().startsWith("Upgrade mlwb"), e.whatToDo());
        assertEquals("mlwb.yaml:1:17: schema_version must be an integer at least 1, found 0",
                error("schema_version: 0\nname: x\n").getMessage());
    }

    @Test
    void datasetPathMustStayInsideTheProject() {
        String yaml = "name: x\ndatasets:\n  - name: a\n    path: %s\n";
        assertEquals("mlwb.yaml:4:11: datasets[0].path \"../x.csv\" points outside the project folder",
                error(yaml.formatted("../x.csv")).getMessage());
        assertEquals("mlwb.yaml:4:11: datasets[0].path \"/etc/passwd\" points outside the project folder",
                error(yaml.formatted("/etc/passwd")).getMessage());
        assertEquals("mlwb.yaml:4:11: datasets[0].path \"data/../../x.csv\" points outside the project folder",
                error(yaml.formatted("data/../../x.csv")).getMessage());
        assertEquals("mlwb.yaml:4:11: datasets[0].path \"data/..\" is the project folder itself",
                error(yaml.formatted("data/..")).getMessage());
        assertEquals("data/../data/x.csv",
                loader.parse(yaml.formatted("data/../data/x.csv"), "mlwb.yaml").config().datasets().get(0).path());
    }

    private static final String RULE = "name: x\ndatasets:\n  - name: a\n    path: a.csv\n    rules:\n";

    @Test
    void rulesAreValidatedPerType() {
        assertEquals("mlwb.yaml:6:9: datasets[0].rules[0] (range) needs `min`, `max` or both",
                error(RULE + "      - type: range\n        column: income\n").getMessage());
        assertEquals("mlwb.yaml:9:14: datasets[0].rules[0] (range) has min 5 above max 1",
                error(RULE + "      - type: range\n        column: c\n        min: 5\n        max: 1\n").getMessage());
        assertEquals("mlwb.yaml:6:9: datasets[0].rules[0] (not_null) needs `column`, which is missing",
                error(RULE + "      - type: not_null\n").getMessage());
        assertEquals("mlwb.yaml:6:9: datasets[0].rules[0] (allowed_values) needs a non-empty `values` list",
                error(RULE + "      - type: allowed_values\n        column: c\n        values: []\n").getMessage());
        assertEquals("mlwb.yaml:6:9: datasets[0].rules[0].type is required but missing",
                error(RULE + "      - column: c\n").getMessage());
        assertEquals("mlwb.yaml:6:9: datasets[0].rules[0] (freshness) needs `column`, or a `time_column` on the "
                + "dataset", error(RULE + "      - type: freshness\n        max_age: 30d\n").getMessage());
        ConfigError unknownType = error(RULE + "      - type: not_nul\n        column: c\n");
        assertEquals("mlwb.yaml:6:15: datasets[0].rules[0].type must be one of not_null, unique, range, "
                + "allowed_values, regex, row_count, freshness, schema_equals_approved, found \"not_nul\"",
                unknownType.getMessage());
        assertStartsWith("Use one of: not_null, unique,", unknownType.whatToDo());
    }

    @Test
    void regexMustCompileAndAgesMustParse() {
        assertStartsWith("mlwb.yaml:8:18: datasets[0].rules[0].pattern is not a valid regular expression: "
                + "Unclosed group at index 6",
                error(RULE + "      - type: regex\n        column: zip\n        pattern: '^(\\d+$'\n").getMessage());
        assertEquals("mlwb.yaml:8:18: datasets[0].rules[0].max_age must be a positive duration such as \"30d\", "
                + "\"12h\" or \"2w\", found \"month\"",
                error(RULE + "      - type: freshness\n        column: ts\n        max_age: month\n").getMessage());
    }

    @Test
    void splitFractionsMustLeaveTrainingRows() {
        assertEquals("mlwb.yaml:4:5: training.split.test_fraction + validation_fraction must be below 1, "
                + "found 0.5 + 0.5",
                error("name: x\ntraining:\n  split:\n    test_fraction: 0.5\n    validation_fraction: 0.5\n")
                        .getMessage());
        assertEquals("mlwb.yaml:4:20: training.split.test_fraction must be above 0 and below 1, found 0",
                error("name: x\ntraining:\n  split:\n    test_fraction: 0\n").getMessage());
    }

    @Test
    void otherChecks() {
        assertEquals("mlwb.yaml:5:16: datasets[0].delimiter must be a single character, found \"ab\"",
                error("name: x\ndatasets:\n  - name: a\n    path: a.csv\n    delimiter: ab\n").getMessage());
        assertEquals("mlwb.yaml:5:15: datasets[0].encoding names an unknown character set, found \"klingon\"",
                error("name: x\ndatasets:\n  - name: a\n    path: a.csv\n    encoding: klingon\n").getMessage());
        assertEquals("mlwb.yaml:3:18: deployment.cost_currency must be an ISO 4217 currency code, found \"XYZW\"",
                error("name: x\ndeployment:\n  cost_currency: XYZW\n").getMessage());
        assertEquals("mlwb.yaml:5:14: target name \"a\" is already used by deployment.targets[0]", error(
                "name: x\ndeployment:\n  targets:\n    - {name: a, kind: local}\n    - {name: a, kind: kserve}\n")
                .getMessage());
        assertEquals("mlwb.yaml:2:8: YAML aliases (`*n`) are not supported in mlwb.yaml",
                error("name: &n x\nowner: *n\n").getMessage());
        assertEquals("mlwb.yaml:3:1: a second YAML document starts here; mlwb.yaml holds exactly one",
                error("name: x\n---\nname: y\n").getMessage());
    }

    // ---- files ---------------------------------------------------------------------------------------------

    @Test
    void missingFileSaysRunInit(@TempDir Path dir) {
        UserError e = assertThrows(UserError.class, () -> loader.load(dir.resolve("mlwb.yaml")));
        assertEquals("No mlwb.yaml in " + dir.toAbsolutePath(), e.getMessage());
        assertTrue(e.whatToDo().contains("mlwb init"), e.whatToDo());
    }

    @Test
    void loadNamesTheFileAsGivenAndRejectsNonUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mlwb.yaml");
        Files.writeString(file, "\uFEFFname: x\ntraining:\n  seed: abc\n");
        ConfigError e = assertThrows(ConfigError.class, () -> loader.load(file));
        assertEquals(file + ":3:9: training.seed must be an integer, found \"abc\"", e.getMessage());
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28});
        UserError notText = assertThrows(UserError.class, () -> loader.load(file));
        assertEquals(file + " is not UTF-8 text", notText.getMessage());
        Files.writeString(file, "name: ok\nowner: me\n");
        LoadedConfig ok = loader.load(file);
        assertEquals("ok", ok.config().name());
        assertEquals("me", ok.config().owner());
    }
}
