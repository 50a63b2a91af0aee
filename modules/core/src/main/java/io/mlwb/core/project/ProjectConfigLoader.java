package io.mlwb.core.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates {@code mlwb.yaml}. Problems that make the file unusable (syntax, wrong types, missing or
 * invalid values, duplicates, a newer {@code schema_version}) throw {@link ConfigError}, a {@link UserError}
 * whose message starts with {@code file:line:col:}. Unknown keys do not fail; they come back as
 * {@link ConfigWarning}s with a "did you mean" where a known key is close. Stateless and thread-safe.
 */
public final class ProjectConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectConfigLoader.class);

    /** Creates a loader; it holds no state. */
    public ProjectConfigLoader() {
        // nothing to set up
    }

    /**
     * Reads and validates a file. Errors and warnings name the file as {@code yamlFile} is written.
     *
     * @throws UserError "No mlwb.yaml in &lt;dir&gt;" when the file is missing; {@link ConfigError} when it is invalid
     */
    public LoadedConfig load(Path yamlFile) {
        Path dir = yamlFile.toAbsolutePath().getParent();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(yamlFile);
        } catch (NoSuchFileException e) {
            throw new UserError("No " + yamlFile.getFileName() + " in " + dir,
                    "Run `mlwb init` in that folder to create one, or open the folder that holds it.",
                    ExitCode.BAD_INPUT, null);
        } catch (IOException e) {
            throw new UserError("Cannot read " + yamlFile + ": " + e.getMessage(),
                    "Check that the file exists and that you may read it.", ExitCode.BAD_INPUT, e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UserError(yamlFile + " is not UTF-8 text",
                    "Save the file as UTF-8 in your editor.", ExitCode.BAD_INPUT, e);
        }
        LoadedConfig loaded = parse(text, yamlFile.toString());
        LOG.debug("Read {} (project '{}', {} datasets, {} warnings)", yamlFile, loaded.config().name(),
                loaded.config().datasets().size(), loaded.warnings().size());
        return loaded;
    }

    /**
     * Validates YAML text.
     *
     * @param yaml             the file's content
     * @param fileNameForErrors how errors and warnings name the file, e.g. {@code mlwb.yaml}
     * @throws ConfigError when the text is not a valid configuration
     */
    public LoadedConfig parse(String yaml, String fileNameForErrors) {
        // An editor's byte-order mark is not content.
        String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
        YamlTree.Node root = YamlTree.parse(text, fileNameForErrors);
        return new ConfigBinder(fileNameForErrors).bind(root);
    }

    /**
     * Writes a configuration as mlwb.yaml with every key explicit (defaults included) and no comments.
     * {@link #parse} reads the result back to an equal {@link ProjectConfig}.
     */
    public String toYaml(ProjectConfig config) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("schema_version", config.schemaVersion());
        top.put("name", config.name());
        putIfSet(top, "description", config.description());
        putIfSet(top, "owner", config.owner());
        if (config.governance().riskTierDeclared()) {
            top.put("risk_tier", config.riskTier().yamlName());
        }
        putIfSet(top, "intended_use", config.governance().intendedUse());
        putIfSet(top, "domain", config.governance().domain());
        LicencePolicy licences = config.governance().licences();
        if (!licences.isEmpty()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("allowed", licences.allowed());
            lm.put("review", licences.review());
            lm.put("denied", licences.denied());
            top.put("licences", lm);
        }
        List<Object> datasets = new ArrayList<>();
        for (DatasetConfig d : config.datasets()) {
            datasets.add(dataset(d));
        }
        top.put("datasets", datasets);
        top.put("training", training(config.training()));
        ModelCardConfig card = config.modelCard();
        Map<String, Object> cardMap = new LinkedHashMap<>();
        putIfSet(cardMap, "template", card.template());
        cardMap.put("required_sections", card.requiredSections());
        cardMap.put("approvers", card.approvers());
        putIfSet(cardMap, "license", card.license());
        putIfSet(cardMap, "language", card.language());
        top.put("model_card", cardMap);
        DeploymentConfig deployment = config.deployment();
        Map<String, Object> deployMap = new LinkedHashMap<>();
        List<Object> targets = new ArrayList<>();
        for (DeploymentTarget t : deployment.targets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("kind", t.kind().yamlName());
            putIfSet(m, "region", t.region());
            putIfSet(m, "instance_type", t.instanceType());
            targets.add(m);
        }
        deployMap.put("targets", targets);
        deployMap.put("default_strategy", deployment.defaultStrategy().yamlName());
        deployMap.put("cost_currency", deployment.costCurrency());
        top.put("deployment", deployMap);
        CostConfig cost = config.cost();
        if (!cost.equals(CostConfig.none())) {
            Map<String, Object> costMap = new LinkedHashMap<>();
            putIfSet(costMap, "project", cost.project());
            putIfSet(costMap, "team", cost.team());
            putIfSet(costMap, "cost_centre", cost.costCentre());
            putIfSet(costMap, "cpu_hour_usd", cost.cpuHourUsd());
            putIfSet(costMap, "gpu_hour_usd", cost.gpuHourUsd());
            putIfSet(costMap, "budget_usd", cost.budgetUsd());
            top.put("cost", costMap);
        }
        NamingRules naming = config.naming();
        if (!naming.equals(NamingRules.none())) {
            Map<String, Object> namingMap = new LinkedHashMap<>();
            for (NamingRules.Kind k : NamingRules.Kind.values()) {
                naming.rule(k).ifPresent(p -> namingMap.put(k.key(), p.pattern()));
            }
            top.put("naming", namingMap);
        }
        if (!config.drift().equals(DriftConfig.defaults())) {
            top.put("drift", drift(config.drift()));
        }
        try {
            return YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build()
                    .writeValueAsString(top);
        } catch (JsonProcessingException e) {
            // Maps of strings, numbers and lists always serialise; this is our bug.
            throw new IllegalStateException("Cannot write configuration as YAML", e);
        }
    }

    private static Map<String, Object> drift(DriftConfig d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("drift_share", d.driftShare());
        m.put("bins", d.bins());
        m.put("binning", d.binning().yamlName());
        if (!d.columns().isEmpty()) {
            Map<String, Object> cols = new LinkedHashMap<>();
            d.columns().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                DriftConfig.Column c = e.getValue();
                Map<String, Object> cm = new LinkedHashMap<>();
                putIfSet(cm, "test", c.test() == null ? null : c.test().yamlName());
                putIfSet(cm, "threshold", c.threshold());
                putIfSet(cm, "bins", c.bins());
                putIfSet(cm, "binning", c.binning() == null ? null : c.binning().yamlName());
                if (!c.edges().isEmpty()) {
                    cm.put("edges", c.edges());
                }
                if (c.ignore()) {
                    cm.put("ignore", true);
                }
                cols.put(e.getKey(), cm);
            });
            m.put("columns", cols);
        }
        if (!d.retraining().isEmpty()) {
            List<Object> triggers = new ArrayList<>();
            for (DriftConfig.RetrainingTrigger t : d.retraining()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("model", t.model());
                putIfSet(tm, "drift_share", t.driftShare());
                putIfSet(tm, "psi", t.psi());
                if (!t.columns().isEmpty()) {
                    tm.put("columns", t.columns());
                }
                if (!t.metrics().isEmpty()) {
                    Map<String, Object> ms = new LinkedHashMap<>();
                    t.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                        Map<String, Object> b = new LinkedHashMap<>();
                        putIfSet(b, "min", e.getValue().min());
                        putIfSet(b, "max", e.getValue().max());
                        ms.put(e.getKey(), b);
                    });
                    tm.put("metrics", ms);
                }
                putIfSet(tm, "cadence", t.cadence() == null ? null : t.cadence().toString());
                triggers.add(tm);
            }
            m.put("retraining", triggers);
        }
        return m;
    }

    private static Map<String, Object> dataset(DatasetConfig d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("path", d.path());
        m.put("format", d.format().yamlName());
        putIfSet(m, "delimiter", d.delimiter());
        m.put("encoding", d.encoding());
        m.put("missing_values", d.missingValues());
        putIfSet(m, "target", d.target());
        putIfSet(m, "time_column", d.timeColumn());
        putIfSet(m, "id_column", d.idColumn());
        m.put("sensitive_attributes", d.sensitiveAttributes());
        Map<String, Object> types = new LinkedHashMap<>();
        d.columnTypes().forEach((column, type) -> types.put(column, type.yamlName()));
        m.put("column_types", types);
        List<Object> rules = new ArrayList<>();
        for (QualityRule r : d.rules()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("type", r.type().yamlName());
            putIfSet(rm, "column", r.column());
            putIfSet(rm, "min", r.min());
            putIfSet(rm, "max", r.max());
            if (!r.values().isEmpty()) {
                rm.put("values", r.values());
            }
            putIfSet(rm, "pattern", r.pattern());
            putIfSet(rm, "max_age", r.maxAge() == null ? null : age(r.maxAge()));
            rm.put("severity", r.severity().yamlName());
            rules.add(rm);
        }
        m.put("rules", rules);
        putIfSet(m, "license", d.license());
        if (d.personalData()) {
            m.put("personal_data", true);
        }
        putIfSet(m, "subject_id_column", d.subjectIdColumn());
        return m;
    }

    private static Map<String, Object> training(TrainingDefaults t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", t.seed());
        m.put("device", t.device().yamlName());
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("strategy", t.split().strategy().yamlName());
        split.put("test_fraction", t.split().testFraction());
        split.put("validation_fraction", t.split().validationFraction());
        putIfSet(split, "time_column", t.split().timeColumn());
        putIfSet(split, "group_column", t.split().groupColumn());
        m.put("split", split);
        m.put("max_epochs", t.maxEpochs());
        m.put("batch_size", t.batchSize());
        m.put("learning_rate", t.learningRate());
        if (t.earlyStopping() != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("metric", t.earlyStopping().metric());
            e.put("patience", t.earlyStopping().patience());
            e.put("mode", t.earlyStopping().mode().yamlName());
            m.put("early_stopping", e);
        }
        m.put("checkpoint_every_epochs", t.checkpointEveryEpochs());
        return m;
    }

    /** Formats a duration in the largest whole unit of s, m, h, d, w. */
    static String age(Duration d) {
        long s = d.getSeconds();
        if (s % (7 * 86_400) == 0) {
            return s / (7 * 86_400) + "w";
        }
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
