package io.mlwb.core.project;

import io.mlwb.core.project.YamlTree.Entry;
import io.mlwb.core.project.YamlTree.MapNode;
import io.mlwb.core.project.YamlTree.Mark;
import io.mlwb.core.project.YamlTree.Node;
import io.mlwb.core.project.YamlTree.ScalarNode;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a {@link YamlTree} into a {@link ProjectConfig}, checking every value where it stands so each error
 * names {@code file:line:col}, the key path, what was expected and what was found. Unknown keys become
 * warnings. One binder reads one file.
 */
final class ConfigBinder {

    static final List<String> TOP_KEYS = List.of("schema_version", "name", "description", "owner", "risk_tier",
            "datasets", "training", "model_card", "deployment", "cost", "naming", "drift", "licences", "intended_use",
            "domain");
    static final List<String> LICENCE_KEYS = List.of("allowed", "review", "denied");
    static final List<String> DRIFT_KEYS = List.of("drift_share", "bins", "binning", "columns", "retraining");
    static final List<String> DRIFT_COLUMN_KEYS = List.of("test", "threshold", "bins", "binning", "edges", "ignore");
    static final List<String> TRIGGER_KEYS = List.of("model", "drift_share", "psi", "columns", "metrics", "cadence");
    static final List<String> BOUND_KEYS = List.of("min", "max");
    static final List<String> NAMING_KEYS = List.of("model", "run", "experiment");
    static final List<String> COST_KEYS = List.of("project", "team", "cost_centre", "cpu_hour_usd", "gpu_hour_usd",
            "budget_usd");
    static final List<String> DATASET_KEYS = List.of("name", "path", "format", "delimiter", "encoding",
            "missing_values", "target", "time_column", "id_column", "sensitive_attributes", "column_types", "rules",
            "license", "personal_data", "subject_id_column");
    static final List<String> RULE_KEYS = List.of("type", "column", "min", "max", "values", "pattern", "max_age",
            "severity");
    static final List<String> TRAINING_KEYS = List.of("seed", "device", "split", "max_epochs", "batch_size",
            "learning_rate", "early_stopping", "checkpoint_every_epochs");
    static final List<String> SPLIT_KEYS = List.of("strategy", "test_fraction", "validation_fraction",
            "time_column", "group_column");
    static final List<String> EARLY_STOPPING_KEYS = List.of("metric", "patience", "mode");
    static final List<String> MODEL_CARD_KEYS = List.of("template", "required_sections", "approvers", "license",
            "language");
    static final List<String> DEPLOYMENT_KEYS = List.of("targets", "default_strategy", "cost_currency");
    static final List<String> TARGET_KEYS = List.of("name", "kind", "region", "instance_type");

    /** The parameters each rule type reads, besides {@code type} and {@code severity}. */
    private static final Map<RuleType, Set<String>> RULE_PARAMS = Map.of(
            RuleType.NOT_NULL, Set.of("column"),
            RuleType.UNIQUE, Set.of("column"),
            RuleType.RANGE, Set.of("column", "min", "max"),
            RuleType.ALLOWED_VALUES, Set.of("column", "values"),
            RuleType.REGEX, Set.of("column", "pattern"),
            RuleType.ROW_COUNT, Set.of("min", "max"),
            RuleType.FRESHNESS, Set.of("column", "max_age"),
            RuleType.SCHEMA_EQUALS_APPROVED, Set.of());

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhdw])");

    private final String file;
    private final List<ConfigWarning> warnings = new ArrayList<>();

    ConfigBinder(String file) {
        this.file = file;
    }

    /** Binds the whole file; {@code root} is null for an empty file. */
    LoadedConfig bind(Node root) {
        if (root == null) {
            throw error(new Mark(1, 1), "", "the file is empty",
                    "Write at least `name: my-project`, or run `mlwb init` for a commented template.");
        }
        if (!(root instanceof MapNode map)) {
            throw error(root.mark(), "", "the top level must be a mapping of keys such as `name:` and `datasets:`, "
                    + "found " + found(root),
                    "Write `key: value` lines starting in column 1, e.g. `name: my-project`.");
        }
        Section top = new Section(map, "", TOP_KEYS);
        // Read the version first: a newer file may use keys or types this build would misreport.
        long version = top.integer("schema_version", ProjectConfig.SCHEMA_VERSION, 1, Integer.MAX_VALUE);
        if (version > ProjectConfig.SCHEMA_VERSION) {
            throw error(top.valueMark("schema_version"), "schema_version",
                    "schema_version %d is newer than this mlwb understands (%d)"
                            .formatted(version, ProjectConfig.SCHEMA_VERSION),
                    "Upgrade mlwb to a release that reads schema_version %d.".formatted(version));
        }
        String name = top.requiredText("name", "Add `name: <project name>` at the top of the file.");
        String description = top.text("description");
        String owner = top.text("owner");
        RiskTier tier = top.choice("risk_tier", RiskTier.class, RiskTier.MEDIUM);
        List<DatasetConfig> datasets = datasets(top);
        TrainingDefaults training = training(top.section("training"));
        ModelCardConfig modelCard = modelCard(top.section("model_card"));
        DeploymentConfig deployment = deployment(top.section("deployment"));
        CostConfig cost = cost(top.section("cost"));
        NamingRules naming = naming(top.section("naming"));
        DriftConfig drift = drift(top.section("drift"));
        GovernanceConfig governance = new GovernanceConfig(licences(top.section("licences")), top.text("intended_use"),
                top.text("domain"), top.value("risk_tier") != null);
        top.finish();
        ProjectConfig config = new ProjectConfig((int) version, name, description, owner, tier, datasets, training,
                modelCard, deployment, cost, naming, drift, governance);
        warnings.sort(Comparator.comparingInt(ConfigWarning::line).thenComparingInt(ConfigWarning::column));
        return new LoadedConfig(config, warnings);
    }

    // ---- sections ------------------------------------------------------------------------------------------

    private List<DatasetConfig> datasets(Section top) {
        List<Node> items = top.list("datasets");
        List<DatasetConfig> result = new ArrayList<>();
        Map<String, String> firstUse = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "datasets[" + i + "]";
            Section d = top.item(items.get(i), path, DATASET_KEYS,
                    "Write each dataset as `- name: ...` with `path: ...` on the next line, indented.");
            String name = d.requiredText("name", "Give the dataset a unique `name:`.");
            String previous = firstUse.putIfAbsent(name, path);
            if (previous != null) {
                throw error(d.valueMark("name"), path + ".name",
                        "dataset name \"%s\" is already used by %s".formatted(name, previous),
                        "Give each dataset a unique name.");
            }
            String filePath = d.requiredText("path",
                    "Add `path: <file relative to the project folder>`, e.g. `path: data/train.csv`.");
            checkInsideProject(d, "path", filePath);
            DataFormat format = d.choice("format", DataFormat.class, DataFormat.AUTO);
            String delimiter = d.text("delimiter");
            if (delimiter != null && delimiter.length() != 1) {
                throw error(d.valueMark("delimiter"), d.child("delimiter"),
                        "%s must be a single character, found %s".formatted(d.child("delimiter"), quote(delimiter)),
                        "Write one character in quotes, e.g. `delimiter: \";\"` or `delimiter: \"\\t\"` for tab.");
            }
            String encoding = d.text("encoding");
            if (encoding != null && !charsetSupported(encoding)) {
                throw error(d.valueMark("encoding"), d.child("encoding"),
                        "%s names an unknown character set, found %s".formatted(d.child("encoding"), quote(encoding)),
                        "Use a Java charset name such as UTF-8, ISO-8859-1 or windows-1252.");
            }
            List<String> missing = d.texts("missing_values", DatasetConfig.DEFAULT_MISSING_VALUES);
            String target = d.text("target");
            String timeColumn = d.text("time_column");
            String idColumn = d.text("id_column");
            List<String> sensitive = d.texts("sensitive_attributes", List.of());
            Map<String, ColumnType> columnTypes = columnTypes(d);
            List<QualityRule> rules = rules(d, timeColumn);
            String license = spdx(d, "license", d.text("license"), d.valueMark("license"));
            boolean personal = d.flag("personal_data", false);
            String subjectColumn = d.text("subject_id_column");
            d.finish();
            result.add(new DatasetConfig(name, filePath, format, delimiter, encoding, missing, target, timeColumn,
                    idColumn, sensitive, columnTypes, rules, license, personal, subjectColumn));
        }
        return result;
    }

    private LicencePolicy licences(Section s) {
        if (s == null) {
            return LicencePolicy.none();
        }
        Map<String, String> listed = new HashMap<>();
        List<List<String>> lists = new ArrayList<>();
        for (String key : LICENCE_KEYS) {
            List<String> ids = new ArrayList<>();
            List<Node> items = s.list(key);
            List<String> texts = s.texts(key, List.of());
            for (int i = 0; i < texts.size(); i++) {
                String itemPath = s.child(key) + "[" + i + "]";
                String id = spdx(s, itemPath, texts.get(i), items.get(i).mark());
                String previous = id == null ? null : listed.putIfAbsent(id.toLowerCase(Locale.ROOT), itemPath);
                if (previous != null) {
                    throw error(items.get(i).mark(), itemPath, "licence %s is listed twice, at %s and %s"
                            .formatted(quote(id), previous, itemPath), "Keep each licence on one list only.");
                }
                if (id != null) {
                    ids.add(id);
                }
            }
            lists.add(ids);
        }
        s.finish();
        return new LicencePolicy(lists.get(0), lists.get(1), lists.get(2));
    }

    /** A licence id: SPDX spelling when known; an unknown id is kept as written, with a warning naming it. */
    private String spdx(Section s, String keyPath, String id, Mark at) {
        if (id == null) {
            return null;
        }
        if (id.isBlank()) {
            throw error(at, keyPath.contains(".") || keyPath.contains("[") ? keyPath : s.child(keyPath),
                    "a licence id must not be empty", "Write an SPDX id such as Apache-2.0, MIT or CC-BY-4.0.");
        }
        var known = SpdxIds.canonical(id);
        if (known.isPresent()) {
            return known.get();
        }
        String where = keyPath.contains(".") || keyPath.contains("[") ? keyPath : s.child(keyPath);
        warn(at, where, "%s is not an SPDX licence id (%s): it is checked as written".formatted(quote(id.strip()),
                where), SpdxIds.suggest(id));
        return id.strip();
    }

    private Map<String, ColumnType> columnTypes(Section d) {
        Section types = d.section("column_types");
        Map<String, ColumnType> result = new LinkedHashMap<>();
        if (types == null) {
            return result;
        }
        // Keys are column names, so any key is known here.
        for (String column : types.map.entries().keySet()) {
            ColumnType type = types.choice(column, ColumnType.class, null);
            if (type != null) {
                result.put(column, type);
            }
        }
        return result;
    }

    private List<QualityRule> rules(Section d, String timeColumn) {
        List<Node> items = d.list("rules");
        List<QualityRule> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = d.child("rules") + "[" + i + "]";
            Section r = d.item(items.get(i), path, RULE_KEYS,
                    "Write each rule as `- type: not_null` with its parameters on the next lines, indented.");
            RuleType type = r.choice("type", RuleType.class, null);
            if (type == null) {
                throw error(r.map.mark(), r.child("type"), r.child("type") + " is required but missing",
                        "Add `type:` with one of: " + allowed(RuleType.class) + ".");
            }
            Set<String> params = RULE_PARAMS.get(type);
            for (Entry e : r.map.entries().values()) {
                boolean isParam = RULE_KEYS.contains(e.key()) && !e.key().equals("type") && !e.key().equals("severity");
                if (isParam && !params.contains(e.key())) {
                    warn(e.keyMark(), path + "." + e.key(),
                            "`%s` has no effect on a %s rule".formatted(e.key(), type.yamlName()), null);
                }
            }
            String column = params.contains("column") ? r.text("column") : null;
            String howToFix = "Add `column: <column name>` to this %s rule.".formatted(type.yamlName());
            if (column == null && params.contains("column") && type != RuleType.FRESHNESS) {
                throw error(r.map.mark(), r.child("column"),
                        "%s (%s) needs `column`, which is missing".formatted(path, type.yamlName()), howToFix);
            }
            if (column == null && type == RuleType.FRESHNESS && timeColumn == null) {
                throw error(r.map.mark(), r.child("column"),
                        "%s (freshness) needs `column`, or a `time_column` on the dataset".formatted(path),
                        "Add `column: <date or time column>` to the rule, or `time_column:` to the dataset.");
            }
            Double min = params.contains("min") ? r.number("min") : null;
            Double max = params.contains("max") ? r.number("max") : null;
            if (params.contains("min")) {
                if (min == null && max == null) {
                    throw error(r.map.mark(), path, "%s (%s) needs `min`, `max` or both".formatted(path,
                            type.yamlName()), "Add a bound, e.g. `min: 0`.");
                }
                if (min != null && max != null && min > max) {
                    throw error(r.valueMark("max"), r.child("max"), "%s (%s) has min %s above max %s"
                            .formatted(path, type.yamlName(), plain(min), plain(max)), "Swap or correct the bounds.");
                }
            }
            List<String> values = List.of();
            if (params.contains("values")) {
                values = r.texts("values", List.of());
                if (values.isEmpty()) {
                    throw error(r.map.mark(), r.child("values"),
                            "%s (allowed_values) needs a non-empty `values` list".formatted(path),
                            "Add the allowed values, e.g. `values: [yes, no]`.");
                }
            }
            String pattern = params.contains("pattern") ? r.text("pattern") : null;
            if (params.contains("pattern")) {
                if (pattern == null) {
                    throw error(r.map.mark(), r.child("pattern"), "%s (regex) needs `pattern`".formatted(path),
                            "Add `pattern: '<regular expression>'` (single quotes keep backslashes as written).");
                }
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw error(r.valueMark("pattern"), r.child("pattern"),
                            "%s is not a valid regular expression: %s at index %d".formatted(r.child("pattern"),
                                    e.getDescription(), e.getIndex()),
                            "Fix the pattern (Java regex syntax); single-quote it so backslashes stay as written, "
                                    + "e.g. pattern: '^\\d{5}$'.");
                }
            }
            Duration maxAge = null;
            if (params.contains("max_age")) {
                maxAge = r.age("max_age");
                if (maxAge == null) {
                    throw error(r.map.mark(), r.child("max_age"), "%s (freshness) needs `max_age`".formatted(path),
                            "Add `max_age:`, e.g. `max_age: 30d` (units s, m, h, d, w).");
                }
            }
            Severity severity = r.choice("severity", Severity.class, Severity.ERROR);
            r.finish();
            result.add(new QualityRule(type, column, min, max, values, pattern, maxAge, severity));
        }
        return result;
    }

    private CostConfig cost(Section c) {
        if (c == null) {
            return CostConfig.none();
        }
        String project = c.text("project");
        String team = c.text("team");
        String centre = c.text("cost_centre");
        Double cpu = nonNegative(c, "cpu_hour_usd");
        Double gpu = nonNegative(c, "gpu_hour_usd");
        Double budget = nonNegative(c, "budget_usd");
        c.finish();
        return new CostConfig(project, team, centre, cpu, gpu, budget);
    }

    private NamingRules naming(Section n) {
        if (n == null) {
            return NamingRules.none();
        }
        java.util.regex.Pattern model = regex(n, "model");
        java.util.regex.Pattern run = regex(n, "run");
        java.util.regex.Pattern experiment = regex(n, "experiment");
        n.finish();
        return new NamingRules(model, run, experiment);
    }

    private DriftConfig drift(Section d) {
        if (d == null) {
            return DriftConfig.defaults();
        }
        double share = d.fraction("drift_share", DriftConfig.DEFAULT_DRIFT_SHARE, false);
        int bins = (int) d.integer("bins", DriftConfig.DEFAULT_BINS, 2, 1000);
        DriftConfig.Binning binning = d.choice("binning", DriftConfig.Binning.class, DriftConfig.Binning.QUANTILE);
        if (binning == DriftConfig.Binning.CUSTOM) {
            throw error(d.valueMark("binning"), d.child("binning"), "custom binning needs a column's own `edges`",
                    "Set `binning: custom` with `edges: [...]` under drift.columns.<column>.");
        }
        Map<String, DriftConfig.Column> columns = new LinkedHashMap<>();
        MapNode cols = d.mapping("columns");
        if (cols != null) {
            for (Entry e : cols.entries().values()) {
                String path = d.child("columns") + "." + e.key();
                Section c = d.item(e.value(), path, DRIFT_COLUMN_KEYS,
                        "Write each column as `<column>:` with `test:`, `threshold:`, `bins:`, `binning:`, `edges:` "
                                + "or `ignore: true` indented below it.");
                DriftConfig.Test test = c.choice("test", DriftConfig.Test.class, null);
                Double threshold = c.number("threshold");
                if (threshold != null && (!(threshold > 0) || !Double.isFinite(threshold)
                        || (test == DriftConfig.Test.KS || test == DriftConfig.Test.CHI2) && threshold >= 1)) {
                    throw error(c.valueMark("threshold"), c.child("threshold"), "%s must be above 0%s, found %s"
                            .formatted(c.child("threshold"), test == DriftConfig.Test.KS || test == DriftConfig.Test.CHI2
                                    ? " and below 1 (a p-value)" : "", plain(threshold)),
                            "Write a p-value for ks and chi2 (e.g. 0.01), a distance for the others (e.g. 0.2).");
                }
                Integer colBins = c.value("bins") == null ? null : (int) c.integer("bins", bins, 2, 1000);
                DriftConfig.Binning colBinning = c.choice("binning", DriftConfig.Binning.class, null);
                List<Double> edges = edges(c);
                if (colBinning == DriftConfig.Binning.CUSTOM && edges.isEmpty()) {
                    throw error(c.valueMark("binning"), c.child("binning"), "custom binning needs `edges`",
                            "Add the inner bin edges, e.g. `edges: [0, 1000, 5000]`.");
                }
                if (!edges.isEmpty() && colBinning != null && colBinning != DriftConfig.Binning.CUSTOM) {
                    throw error(c.valueMark("edges"), c.child("edges"), "`edges` is only read with `binning: custom`",
                            "Set `binning: custom`, or remove `edges`.");
                }
                if (!edges.isEmpty()) {
                    colBinning = DriftConfig.Binning.CUSTOM;
                }
                String ignore = c.text("ignore");
                boolean ignored = ignore != null && ignore.equalsIgnoreCase("true");
                if (ignore != null && !ignored && !ignore.equalsIgnoreCase("false")) {
                    throw error(c.valueMark("ignore"), c.child("ignore"), "%s must be true or false, found %s"
                            .formatted(c.child("ignore"), quote(ignore)), "Write `ignore: true`.");
                }
                c.finish();
                columns.put(e.key(), new DriftConfig.Column(test, threshold, colBins, colBinning, edges, ignored));
            }
        }
        List<DriftConfig.RetrainingTrigger> triggers = new ArrayList<>();
        List<Node> items = d.list("retraining");
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = d.child("retraining") + "[" + i + "]";
            Section t = d.item(items.get(i), path, TRIGGER_KEYS,
                    "Write each trigger as `- model: <name>` with its thresholds on the next lines, indented.");
            String model = t.requiredText("model", "Name the registered model this trigger is for.");
            String first = seen.putIfAbsent(model, path);
            if (first != null) {
                throw error(t.valueMark("model"), t.child("model"), "model \"%s\" already has a trigger at %s"
                        .formatted(model, first), "Give each model one trigger.");
            }
            Double triggerShare = t.value("drift_share") == null ? null : t.fraction("drift_share", 0.5, false);
            Double psi = t.number("psi");
            if (psi != null && (!(psi > 0) || !Double.isFinite(psi))) {
                throw error(t.valueMark("psi"), t.child("psi"), "%s must be above 0, found %s".formatted(
                        t.child("psi"), plain(psi)), "Write a PSI such as 0.25 (significant shift).");
            }
            List<String> watched = t.texts("columns", List.of());
            Map<String, DriftConfig.Bound> metrics = new LinkedHashMap<>();
            MapNode ms = t.mapping("metrics");
            if (ms != null) {
                for (Entry e : ms.entries().values()) {
                    Section b = t.item(e.value(), t.child("metrics") + "." + e.key(), BOUND_KEYS,
                            "Write `<metric>: {min: 0.75}` or with `max:`.");
                    Double min = b.number("min");
                    Double max = b.number("max");
                    if (min == null && max == null) {
                        throw error(e.keyMark(), b.child("min"), "%s needs `min`, `max` or both".formatted(
                                t.child("metrics") + "." + e.key()), "Add a bound, e.g. `{min: 0.75}`.");
                    }
                    b.finish();
                    metrics.put(e.key(), new DriftConfig.Bound(min, max));
                }
            }
            java.time.Period cadence = cadence(t);
            if (triggerShare == null && psi == null && metrics.isEmpty() && cadence == null) {
                throw error(t.map.mark(), path, "%s sets no trigger".formatted(path),
                        "Set at least one of drift_share, psi, metrics or cadence.");
            }
            t.finish();
            triggers.add(new DriftConfig.RetrainingTrigger(model, triggerShare, psi, watched, metrics, cadence));
        }
        d.finish();
        return new DriftConfig(share, bins, binning, columns, triggers);
    }

    private List<Double> edges(Section c) {
        List<Node> items = c.list("edges");
        List<Double> edges = new ArrayList<>();
        for (Node n : items) {
            Double v = n instanceof ScalarNode s ? YamlSection.number(s) : null;
            if (v == null || !Double.isFinite(v)) {
                throw error(n.mark(), c.child("edges"), "%s must hold numbers, found %s".formatted(c.child("edges"),
                        found(n)), "Write the inner bin edges as numbers, e.g. `edges: [0, 1000, 5000]`.");
            }
            if (!edges.isEmpty() && v <= edges.get(edges.size() - 1)) {
                throw error(n.mark(), c.child("edges"), "%s must increase strictly, found %s after %s".formatted(
                        c.child("edges"), plain(v), plain(edges.get(edges.size() - 1))), "Sort the edges, no repeats.");
            }
            edges.add(v);
        }
        return edges;
    }

    private static final Map<String, java.time.Period> CADENCES = Map.of("daily", java.time.Period.ofDays(1),
            "weekly", java.time.Period.ofWeeks(1), "monthly", java.time.Period.ofMonths(1),
            "quarterly", java.time.Period.ofMonths(3), "yearly", java.time.Period.ofYears(1));
    private static final Pattern CADENCE = Pattern.compile("(\\d+)\\s*([dw])");

    private java.time.Period cadence(Section t) {
        String text = t.text("cadence");
        if (text == null) {
            return null;
        }
        java.time.Period p = CADENCES.get(text.strip().toLowerCase(java.util.Locale.ROOT));
        Matcher m = CADENCE.matcher(text.strip());
        if (p == null && m.matches()) {
            long n = Long.parseLong(m.group(1));
            p = n > 0 && n < 100_000 ? (m.group(2).equals("d") ? java.time.Period.ofDays((int) n)
                    : java.time.Period.ofWeeks((int) n)) : null;
        }
        if (p == null && (text.startsWith("P") || text.startsWith("p"))) {
            try {
                p = java.time.Period.parse(text.strip());
            } catch (DateTimeParseException e) {
                p = null;
            }
        }
        if (p == null || p.isNegative() || p.isZero()) {
            throw error(t.valueMark("cadence"), t.child("cadence"), ("%s must be daily, weekly, monthly, quarterly, "
                    + "yearly, a number of days or weeks (30d, 2w) or an ISO period (P1M), found %s")
                    .formatted(t.child("cadence"), quote(text)), "Write e.g. `cadence: monthly`.");
        }
        return p;
    }

    private java.util.regex.Pattern regex(Section s, String key) {
        String text = s.text(key);
        if (text == null) {
            return null;
        }
        try {
            return java.util.regex.Pattern.compile(text);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw error(s.valueMark(key), s.child(key), "%s is not a valid regular expression: %s"
                            .formatted(s.child(key), e.getDescription()),
                    "Write a Java regular expression that whole names must match, in single quotes, "
                            + "e.g. '[a-z][a-z0-9-]*'.");
        }
    }

    private Double nonNegative(Section s, String key) {
        Double v = s.number(key);
        if (v != null && (v < 0 || !Double.isFinite(v))) {
            throw error(s.valueMark(key), s.child(key), "%s must be 0 or more (US dollars), found %s"
                    .formatted(s.child(key), plain(v)), "Write a plain amount, e.g. `%s: 2.5`.".formatted(key));
        }
        return v;
    }

    private TrainingDefaults training(Section t) {
        if (t == null) {
            return TrainingDefaults.defaults();
        }
        long seed = t.integer("seed", TrainingDefaults.DEFAULT_SEED, 0, Long.MAX_VALUE);
        Device device = t.choice("device", Device.class, Device.AUTO);
        SplitConfig split = split(t.section("split"));
        int maxEpochs = (int) t.integer("max_epochs", TrainingDefaults.DEFAULT_MAX_EPOCHS, 1, Integer.MAX_VALUE);
        int batchSize = (int) t.integer("batch_size", TrainingDefaults.DEFAULT_BATCH_SIZE, 1, Integer.MAX_VALUE);
        Double lr = t.number("learning_rate");
        if (lr != null && lr <= 0) {
            throw error(t.valueMark("learning_rate"), t.child("learning_rate"),
                    "%s must be greater than 0, found %s".formatted(t.child("learning_rate"), plain(lr)),
                    "Use a small positive number, e.g. `learning_rate: 0.001`.");
        }
        EarlyStoppingConfig early = earlyStopping(t.section("early_stopping"));
        int checkpointEvery = (int) t.integer("checkpoint_every_epochs",
                TrainingDefaults.DEFAULT_CHECKPOINT_EVERY_EPOCHS, 0, Integer.MAX_VALUE);
        t.finish();
        return new TrainingDefaults(seed, device, split, maxEpochs, batchSize,
                lr == null ? TrainingDefaults.DEFAULT_LEARNING_RATE : lr, early, checkpointEvery);
    }

    private SplitConfig split(Section s) {
        if (s == null) {
            return SplitConfig.defaults();
        }
        SplitStrategy strategy = s.choice("strategy", SplitStrategy.class, SplitStrategy.RANDOM);
        double test = s.fraction("test_fraction", SplitConfig.DEFAULT_TEST_FRACTION, false);
        double validation = s.fraction("validation_fraction", SplitConfig.DEFAULT_VALIDATION_FRACTION, true);
        if (test + validation >= 1) {
            throw error(s.map.mark(), s.path, "%s.test_fraction + validation_fraction must be below 1, found %s + %s"
                    .formatted(s.path, plain(test), plain(validation)),
                    "Leave rows to train on, e.g. `test_fraction: 0.2` and `validation_fraction: 0.1`.");
        }
        String timeColumn = s.text("time_column");
        String groupColumn = s.text("group_column");
        s.finish();
        return new SplitConfig(strategy, test, validation, timeColumn, groupColumn);
    }

    private EarlyStoppingConfig earlyStopping(Section e) {
        if (e == null) {
            return null;
        }
        String metric = e.text("metric");
        int patience = (int) e.integer("patience", EarlyStoppingConfig.DEFAULT_PATIENCE, 1, Integer.MAX_VALUE);
        MetricMode mode = e.choice("mode", MetricMode.class, MetricMode.MIN);
        e.finish();
        return new EarlyStoppingConfig(metric == null ? EarlyStoppingConfig.DEFAULT_METRIC : metric, patience, mode);
    }

    private ModelCardConfig modelCard(Section m) {
        if (m == null) {
            return ModelCardConfig.defaults();
        }
        String template = m.text("template");
        if (template != null) {
            checkInsideProject(m, "template", template);
        }
        List<String> required = m.texts("required_sections", List.of());
        List<String> approvers = m.texts("approvers", List.of());
        String license = m.text("license");
        String language = m.text("language");
        m.finish();
        return new ModelCardConfig(template, required, approvers, license, language);
    }

    private DeploymentConfig deployment(Section s) {
        if (s == null) {
            return DeploymentConfig.defaults();
        }
        List<Node> items = s.list("targets");
        List<DeploymentTarget> targets = new ArrayList<>();
        Map<String, String> firstUse = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = s.child("targets") + "[" + i + "]";
            Section t = s.item(items.get(i), path, TARGET_KEYS,
                    "Write each target as `- name: ...` with `kind: ...` on the next line, indented.");
            String name = t.requiredText("name", "Give the target a unique `name:`, e.g. `name: staging`.");
            String previous = firstUse.putIfAbsent(name, path);
            if (previous != null) {
                throw error(t.valueMark("name"), path + ".name",
                        "target name \"%s\" is already used by %s".formatted(name, previous),
                        "Give each deployment target a unique name.");
            }
            DeploymentKind kind = t.choice("kind", DeploymentKind.class, null);
            if (kind == null) {
                throw error(t.map.mark(), t.child("kind"), t.child("kind") + " is required but missing",
                        "Add `kind:` with one of: " + allowed(DeploymentKind.class) + ".");
            }
            String region = t.text("region");
            String instanceType = t.text("instance_type");
            t.finish();
            targets.add(new DeploymentTarget(name, kind, region, instanceType));
        }
        DeploymentStrategy strategy = s.choice("default_strategy", DeploymentStrategy.class,
                DeploymentStrategy.CANARY);
        String currency = s.text("cost_currency");
        if (currency != null) {
            try {
                currency = Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getCurrencyCode();
            } catch (IllegalArgumentException e) {
                throw error(s.valueMark("cost_currency"), s.child("cost_currency"),
                        "%s must be an ISO 4217 currency code, found %s".formatted(s.child("cost_currency"),
                                quote(currency)), "Use a three-letter code such as USD, EUR or GBP.");
            }
        }
        s.finish();
        return new DeploymentConfig(targets, strategy, currency);
    }

    // ---- checks and messages -------------------------------------------------------------------------------

    private void checkInsideProject(Section s, String key, String value) {
        String what = null;
        try {
            Path p = Path.of(value);
            Path normal = p.normalize();
            boolean absolute = p.isAbsolute() || value.startsWith("/") || value.startsWith("\\")
                    || value.matches("^[A-Za-z]:.*");
            if (absolute || normal.startsWith("..")) {
                what = "points outside the project folder";
            } else if (normal.toString().isEmpty()) {
                what = "is the project folder itself";
            }
        } catch (InvalidPathException e) {
            what = "is not a valid path (" + e.getReason() + ")";
        }
        if (what != null) {
            throw error(s.valueMark(key), s.child(key), "%s %s %s".formatted(s.child(key), quote(value), what),
                    "Use a path relative to the folder holding mlwb.yaml, such as data/train.csv; "
                            + "copy or link outside data into the project.");
        }
    }

    private static boolean charsetSupported(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    private ConfigError error(Mark at, String keyPath, String what, String whatToDo) {
        return new ConfigError(file, at.line(), at.column(), keyPath, what, whatToDo, null);
    }

    private void warn(Mark at, String keyPath, String message, String suggestion) {
        warnings.add(new ConfigWarning(file, at.line(), at.column(), keyPath, message, suggestion));
    }

    static String found(Node node) {
        return YamlSection.found(node);
    }

    static String quote(String text) {
        return YamlSection.quote(text);
    }

    /** A double as a person writes it: {@code 5} rather than {@code 5.0}. */
    static String plain(double d) {
        return YamlSection.plain(d);
    }

    static <E extends Enum<E>> String allowed(Class<E> type) {
        return YamlSection.allowed(type);
    }

    /** Removes YAML's digit separators and reads ints, including {@code 0x} and {@code 0o} forms. */
    private static Long parseLong(String text) {
        return YamlSection.parseLong(text);
    }

    // ---- one mapping being read ----------------------------------------------------------------------------

    /** A mapping under a key path, reading typed values and warning about keys nobody read. */
    private final class Section extends YamlSection {
        Section(MapNode map, String path, List<String> known) {
            super(sink(), map, path, known);
        }

        Duration age(String key) {
            String text = text(key);
            if (text == null) {
                return null;
            }
            Duration d = null;
            Matcher m = AGE.matcher(text.trim());
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> Duration.ofDays(7 * amount);
                };
            } else if (text.startsWith("P") || text.startsWith("p")) {
                try {
                    d = Duration.parse(text);
                } catch (DateTimeParseException e) {
                    d = null;
                }
            }
            if (d == null || d.isNegative() || d.isZero() || d.getNano() != 0) {
                throw error(valueMark(key), child(key), ("%s must be a positive duration such as \"30d\", \"12h\" or "
                        + "\"2w\", found %s").formatted(child(key), found(value(key))),
                        "Write a number and a unit: s, m, h, d or w (e.g. `max_age: 30d`).");
            }
            return d;
        }

        /** @return the nested mapping, or null when the key is absent or empty */
        Section section(String key) {
            MapNode m = mapping(key);
            return m == null ? null : new Section(m, child(key), knownKeysOf(key));
        }

        Section item(Node node, String itemPath, List<String> keys, String whatToDo) {
            if (!(node instanceof MapNode m)) {
                throw error(node.mark(), itemPath, "%s must be a mapping, found %s".formatted(itemPath, found(node)),
                        whatToDo);
            }
            return new Section(m, itemPath, keys);
        }
    }

    private YamlSection.Sink sink() {
        return new YamlSection.Sink() {
            @Override
            public ConfigError error(Mark at, String keyPath, String what, String whatToDo) {
                return ConfigBinder.this.error(at, keyPath, what, whatToDo);
            }

            @Override
            public void warn(Mark at, String keyPath, String message, String suggestion) {
                ConfigBinder.this.warn(at, keyPath, message, suggestion);
            }
        };
    }

    private static List<String> knownKeysOf(String key) {
        return switch (key) {
            case "training" -> TRAINING_KEYS;
            case "split" -> SPLIT_KEYS;
            case "early_stopping" -> EARLY_STOPPING_KEYS;
            case "model_card" -> MODEL_CARD_KEYS;
            case "deployment" -> DEPLOYMENT_KEYS;
            case "cost" -> COST_KEYS;
            case "naming" -> NAMING_KEYS;
            case "drift" -> DRIFT_KEYS;
            case "licences" -> LICENCE_KEYS;
            // column_types: every key is a column name.
            default -> null;
        };
    }
}
