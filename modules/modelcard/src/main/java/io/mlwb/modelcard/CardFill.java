package io.mlwb.modelcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mlwb.catalog.run.RunFiles;
import io.mlwb.core.project.DriftConfig;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.RunDetails;
import io.mlwb.tracking.registry.ModelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Autofill of a card from the catalog. Each filled value sits in a marked block,
 * {@code <!-- mlwb:auto KEY -->} … {@code <!-- mlwb:end KEY -->}, at the start of its section: filling again replaces
 * the block's content and nothing else, so hand-written text around it is kept, and deleting the markers stops the
 * refresh of that block. The front matter's {@code datasets}, {@code metrics} and {@code model-index} results are set
 * from the run's evaluation (other keys are kept; the front matter is rewritten, so YAML comments in it are not).
 */
public final class CardFill {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    private static final List<String> HEADLINE = List.of("roc_auc", "pr_auc", "accuracy", "precision", "recall",
            "f1", "brier", "log_loss", "rmse", "mae", "r2");

    private CardFill() {
    }

    /**
     * What the catalog knows about a version, as Markdown blocks by key, and the section each goes into.
     *
     * @param blocks   key → Markdown
     * @param sections key → the section it belongs to
     * @param results  Hugging Face {@code model-index} results metrics: {type, value, name}
     * @param datasets dataset names
     */
    record Facts(Map<String, String> blocks, Map<String, CardSection> sections, List<Map<String, Object>> results,
                 List<String> datasets) {
    }

    /**
     * Gathers the facts of a version from its run: overview, evaluation, explanation, the project's drift settings.
     *
     * @param v       the version
     * @param details the run details service
     * @param project the project
     * @return the facts
     */
    static Facts facts(ModelVersion v, RunDetails details, Project project) {
        Map<String, String> blocks = new LinkedHashMap<>();
        Map<String, CardSection> where = new LinkedHashMap<>();
        List<Map<String, Object>> results = new ArrayList<>();
        List<String> datasets = new ArrayList<>();
        JsonNode eval = null;
        JsonNode explain = null;
        RunDetails.Overview o = v.runId() == null ? null : details.overview(v.runId());
        if (v.runId() != null) {
            for (RunFiles.Artifact a : details.artifacts(v.runId())) {
                if (a.kind().equals("evaluation")) {
                    eval = read(project.root().resolve(a.path()));
                } else if (a.kind().equals("explanation")) {
                    explain = read(project.root().resolve(a.path()));
                }
            }
        }
        StringBuilder d = new StringBuilder();
        d.append("- Version: ").append(v.ref()).append(v.aliases().isEmpty() ? "" : " (" + String.join(", ",
                v.aliases()) + ")").append(", stage ").append(v.stage()).append('\n');
        d.append("- Trained in run ").append(v.runId()).append(o == null ? "" : " '" + o.run().name() + "'")
                .append(v.commitSha() == null ? "" : " at commit `" + v.commitSha().substring(0, Math.min(12,
                        v.commitSha().length())) + "`").append(v.gitTag() == null ? "" : ", tagged `" + v.gitTag()
                        + "`").append('\n');
        if (o != null) {
            if (o.specFile() != null) {
                d.append("- Training spec: `").append(o.specFile()).append("`\n");
            }
            o.environment().forEach((k, val) -> d.append("- ").append(k).append(": ").append(val).append('\n'));
        }
        if (v.costUsd() != null) {
            d.append(String.format(Locale.ROOT, "- Estimated training cost: $%.6f%n", v.costUsd()));
        }
        put(blocks, where, "model-details", CardSection.MODEL_DETAILS, d.toString());
        if (o != null && !o.datasets().isEmpty()) {
            StringBuilder t = new StringBuilder("| Role | Dataset | Version | File | Rows | SHA-256 | Commit |\n"
                    + "|---|---|---|---|---|---|---|\n");
            for (RunDetails.DatasetInput in : o.datasets()) {
                t.append("| ").append(in.role()).append(" | ").append(in.dataset()).append(" | ").append(in.version())
                        .append(" | `").append(in.path()).append("` | ").append(in.rows() == null ? "" : in.rows())
                        .append(" | `").append(in.sha256().substring(0, 16)).append("…` | ")
                        .append(in.commitSha() == null ? "uncommitted" : "`" + in.commitSha().substring(0, 7) + "`")
                        .append(" |\n");
                if (!datasets.contains(in.dataset())) {
                    datasets.add(in.dataset());
                }
            }
            put(blocks, where, "training-data", CardSection.TRAINING_DATA, t.toString());
        }
        if (eval != null) {
            StringBuilder m = new StringBuilder("| Metric | Validation | Test |\n|---|---|---|\n");
            JsonNode val = eval.path("validation").path("metrics");
            JsonNode test = eval.path("test").path("metrics");
            for (String k : HEADLINE) {
                if (test.has(k) && test.get(k).isNumber()) {
                    m.append("| ").append(k).append(" | ").append(num(val.path(k))).append(" | ")
                            .append(num(test.get(k))).append(" |\n");
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("type", k);
                    r.put("value", test.get(k).asDouble());
                    r.put("name", "test " + k);
                    results.add(r);
                }
            }
            if (eval.has("threshold")) {
                m.append("\nDecision threshold ").append(num(eval.get("threshold")))
                        .append(eval.has("threshold_rule") ? " (" + eval.get("threshold_rule").asText() + ")" : "")
                        .append(". Test rows: ").append(test.path("count").asText("?")).append(".\n");
            }
            put(blocks, where, "metrics", CardSection.METRICS, m.toString());
            JsonNode fair = eval.path("test").path("fairness");
            if (fair.isObject() && fair.size() > 0) {
                StringBuilder f = new StringBuilder();
                for (Iterator<Map.Entry<String, JsonNode>> it = fair.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    f.append("**").append(e.getKey()).append("** (test split)\n\n| Group | Rows | Selection rate | "
                            + "Recall | False-positive rate | AUC |\n|---|---|---|---|---|---|\n");
                    for (JsonNode g : e.getValue().path("groups")) {
                        f.append("| ").append(g.path("group").asText()).append(" | ").append(g.path("count").asInt())
                                .append(" | ").append(num(g.path("selection_rate"))).append(" | ")
                                .append(num(g.path("true_positive_rate"))).append(" | ")
                                .append(num(g.path("false_positive_rate"))).append(" | ")
                                .append(num(g.path("roc_auc"))).append(" |\n");
                    }
                    JsonNode r = e.getValue();
                    f.append("\nDemographic-parity difference ").append(num(r.path("demographic_parity_difference")))
                            .append(", disparate-impact ratio ").append(num(r.path("disparate_impact_ratio")))
                            .append(r.path("four_fifths_violated").asBoolean(false) ? " — **below the four-fifths rule**"
                                    : "").append(".\n\n");
                }
                put(blocks, where, "quantitative-analyses", CardSection.QUANTITATIVE_ANALYSES, f.toString());
            }
        }
        if (explain != null && explain.path("permutation_importance").path("importances").isArray()) {
            StringBuilder x = new StringBuilder("Permutation importance (drop in the validation score when a feature "
                    + "is shuffled):\n\n| Feature | Mean drop | Std |\n|---|---|---|\n");
            int n = 0;
            for (JsonNode i : explain.path("permutation_importance").path("importances")) {
                if (n++ == 10) {
                    break;
                }
                x.append("| ").append(i.path("name").asText()).append(" | ").append(num(i.path("mean_drop")))
                        .append(" | ").append(num(i.path("std"))).append(" |\n");
            }
            put(blocks, where, "explainability", CardSection.EXPLAINABILITY, x.toString());
        }
        DriftConfig drift = project.config().drift();
        StringBuilder mon = new StringBuilder();
        mon.append(String.format(Locale.ROOT, "- Dataset drift when %.0f%% of columns drift (docs/drift.md tests; "
                + "PSI on %d %s bins)%n", 100 * drift.driftShare(), drift.bins(), drift.binning().yamlName()));
        drift.trigger(v.model()).ifPresentOrElse(t -> {
            mon.append("- Retraining triggers (`mlwb retrain-check ").append(v.model()).append("`):");
            if (t.driftShare() != null) {
                mon.append(" drift share ≥ ").append(t.driftShare()).append(';');
            }
            if (t.psi() != null) {
                mon.append(" PSI ≥ ").append(t.psi()).append(t.columns().isEmpty() ? "" : " on "
                        + String.join(", ", t.columns())).append(';');
            }
            t.metrics().forEach((k, b) -> mon.append(' ').append(k).append(b.min() != null ? " ≥ " + b.min()
                    : " ≤ " + b.max()).append(';'));
            if (t.cadence() != null) {
                mon.append(" every ").append(t.cadence());
            }
            mon.append('\n');
        }, () -> mon.append("- No retraining trigger is set for ").append(v.model())
                .append(" (mlwb.yaml drift.retraining)\n"));
        put(blocks, where, "monitoring", CardSection.MONITORING, mon.toString());
        return new Facts(blocks, where, results, datasets);
    }

    private static void put(Map<String, String> blocks, Map<String, CardSection> where, String key, CardSection s,
                            String text) {
        blocks.put(key, text);
        where.put(key, s);
    }

    private static JsonNode read(Path file) {
        try {
            return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String num(JsonNode n) {
        return n == null || !n.isNumber() ? "—" : String.format(Locale.ROOT, "%.4f", n.asDouble());
    }

    /**
     * Writes the facts into a card's text.
     *
     * @param doc   the card as read
     * @param facts what to fill
     * @return the new text, and the keys filled
     */
    static Map.Entry<String, List<String>> apply(CardDocument doc, Facts facts) {
        String body = doc.text().substring(bodyStart(doc));
        List<String> filled = new ArrayList<>();
        for (Map.Entry<String, String> e : facts.blocks().entrySet()) {
            String key = e.getKey();
            String block = "<!-- mlwb:auto " + key + " -->\n" + e.getValue().stripTrailing() + "\n<!-- mlwb:end " + key
                    + " -->\n";
            Pattern existing = Pattern.compile("<!-- mlwb:auto " + Pattern.quote(key) + " -->\\n.*?<!-- mlwb:end "
                    + Pattern.quote(key) + " -->\\n?", Pattern.DOTALL);
            Matcher m = existing.matcher(body);
            if (m.find()) {
                body = body.substring(0, m.start()) + block + body.substring(m.end());
                filled.add(key);
                continue;
            }
            CardSection s = facts.sections().get(key);
            Pattern heading = Pattern.compile("(?m)^## " + Pattern.quote(s.title()) + "\\s*$\\n?");
            Matcher h = heading.matcher(body);
            if (h.find()) {
                int at = h.end();
                if (body.startsWith("\n", at)) {
                    at++;
                }
                body = body.substring(0, at) + block + "\n" + body.substring(at);
            } else {
                body = body.stripTrailing() + "\n\n## " + s.title() + "\n\n" + block;
            }
            filled.add(key);
        }
        ObjectNode meta = doc.metadata().deepCopy();
        if (!facts.datasets().isEmpty()) {
            ArrayNode ds = meta.putArray("datasets");
            facts.datasets().forEach(ds::add);
        }
        if (!facts.results().isEmpty()) {
            ArrayNode metrics = meta.putArray("metrics");
            facts.results().forEach(r -> metrics.add((String) r.get("type")));
            ArrayNode index = meta.withArray("model-index");
            ObjectNode entry = index.size() > 0 && index.get(0).isObject() ? (ObjectNode) index.get(0)
                    : index.addObject();
            if (!entry.has("name")) {
                entry.put("name", doc.mlwb().path("model").asText("model"));
            }
            ArrayNode res = entry.putArray("results");
            ObjectNode one = res.addObject();
            one.putObject("task").put("type", "tabular-classification");
            ObjectNode dataset = one.putObject("dataset");
            dataset.put("name", facts.datasets().isEmpty() ? "test split" : facts.datasets().get(0) + " (test split)");
            dataset.put("type", facts.datasets().isEmpty() ? "tabular" : facts.datasets().get(0));
            ArrayNode ms = one.putArray("metrics");
            facts.results().forEach(r -> ms.add(JSON.valueToTree(r)));
        }
        String fm;
        try {
            fm = YAML.writeValueAsString(meta);
        } catch (IOException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
        return Map.entry("---\n" + fm + "---\n" + body, filled);
    }

    private static int bodyStart(CardDocument doc) {
        if (doc.frontMatter().isEmpty() && !doc.text().startsWith("---")) {
            return 0;
        }
        int close = doc.text().indexOf("\n---", 3);
        int after = doc.text().indexOf('\n', close + 1);
        return after < 0 ? doc.text().length() : after + 1;
    }
}
