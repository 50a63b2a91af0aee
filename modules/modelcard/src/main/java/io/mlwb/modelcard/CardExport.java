package io.mlwb.modelcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.tracking.registry.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A card in the formats people outside the app read: a Hugging Face {@code README.md} whose front matter is checked
 * against what the Hub accepts, Google Model Card Toolkit JSON (schema v0.0.2, only the schema's keys), and a
 * self-contained HTML page (no scripts, no links to fetch).
 */
public final class CardExport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LICENSES = licenses();
    private static final Map<String, String> SPDX = Map.of("apache-2.0", "Apache-2.0", "mit", "MIT",
            "bsd-3-clause", "BSD-3-Clause", "bsd-2-clause", "BSD-2-Clause", "cc-by-4.0", "CC-BY-4.0",
            "cc0-1.0", "CC0-1.0", "gpl-3.0", "GPL-3.0-only", "mpl-2.0", "MPL-2.0", "lgpl-3.0", "LGPL-3.0-only",
            "agpl-3.0", "AGPL-3.0-only");

    private CardExport() {
    }

    private static Set<String> licenses() {
        try (InputStream in = CardExport.class.getResourceAsStream("hub-licenses.txt")) {
            Set<String> out = new LinkedHashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
            return out;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("hub-licenses.txt is part of the build", e);
        }
    }

    /**
     * Checks a card's front matter against the Hub's metadata rules.
     *
     * @param doc the card
     * @return one sentence per problem; empty when the Hub accepts it
     */
    public static List<String> hubProblems(CardDocument doc) {
        List<String> p = new ArrayList<>();
        JsonNode m = doc.metadata();
        JsonNode license = m.path("license");
        if (!license.isMissingNode()) {
            if (!license.isTextual() || !LICENSES.contains(license.asText())) {
                p.add("license '" + license.asText() + "' is not a Hub licence identifier (e.g. apache-2.0, mit, "
                        + "cc-by-4.0, other)");
            } else if (license.asText().equals("other") && !m.path("license_name").isTextual()) {
                p.add("license: other needs license_name");
            }
        }
        for (String list : List.of("tags", "datasets", "metrics")) {
            JsonNode n = m.path(list);
            if (!n.isMissingNode() && !(n.isArray() && allText(n)) && !n.isTextual()) {
                p.add(list + " must be a list of text");
            }
        }
        JsonNode lang = m.path("language");
        if (!lang.isMissingNode() && !(lang.isTextual() || lang.isArray() && allText(lang))) {
            p.add("language must be a language code or a list of them");
        }
        JsonNode index = m.path("model-index");
        if (!index.isMissingNode()) {
            if (!index.isArray()) {
                p.add("model-index must be a list");
            } else {
                for (JsonNode entry : index) {
                    if (!entry.path("name").isTextual()) {
                        p.add("each model-index entry needs a name");
                    }
                    for (JsonNode r : entry.path("results")) {
                        if (!r.path("task").path("type").isTextual()) {
                            p.add("each model-index result needs task.type");
                        }
                        if (!r.path("dataset").path("name").isTextual() || !r.path("dataset").path("type")
                                .isTextual()) {
                            p.add("each model-index result needs dataset.name and dataset.type");
                        }
                        for (JsonNode metric : r.path("metrics")) {
                            if (!metric.path("type").isTextual() || !metric.path("value").isValueNode()) {
                                p.add("each model-index metric needs type and value");
                            }
                        }
                    }
                }
            }
        }
        return p;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param doc the card
     * @return the Hugging Face {@code README.md}: the card's front matter as written, then its text without the HTML
     *         comments (prompts and fill markers; {@link MarkdownComments})
     * @throws UserError (exit 2) listing what the Hub would not accept
     */
    public static String huggingFace(CardDocument doc) {
        List<String> problems = hubProblems(doc);
        if (!problems.isEmpty()) {
            throw new UserError(doc.file() + " would not pass the Hub's metadata check: " + String.join("; ",
                    problems) + ".", "Fix the front matter (licence ids: huggingface/hub-docs "
                    + "repositories-licenses.md).", ExitCode.BAD_INPUT, null);
        }
        int body = Math.min(doc.text().length(), startOfBody(doc));
        return doc.text().substring(0, body) + MarkdownComments.strip(doc.text().substring(body));
    }

    /** @return a section's text as a person wrote it (HTML comments and fill markers removed), or "" */
    static String text(CardDocument doc, CardSection s) {
        return doc.section(s).map(x -> MarkdownComments.strip(x.body()).strip()).orElse("");
    }

    /**
     * @param doc the card
     * @param v   the version it describes
     * @return Model Card Toolkit JSON, schema v0.0.2, with only the schema's keys
     */
    public static ObjectNode modelCardToolkit(CardDocument doc, ModelVersion v) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema_version", "0.0.2");
        ObjectNode details = root.putObject("model_details");
        details.put("name", v.model());
        String overview = text(doc, CardSection.MODEL_DETAILS);
        details.put("overview", overview.isEmpty() ? v.ref() : firstParagraph(overview));
        String use = text(doc, CardSection.INTENDED_USE);
        details.put("documentation", overview);
        JsonNode owner = doc.mlwb().path("owner");
        if (owner.isTextual()) {
            details.putArray("owners").addObject().put("name", owner.asText()).put("contact", owner.asText());
        }
        ObjectNode version = details.putObject("version");
        version.put("name", Integer.toString(v.version()));
        version.put("date", Instant.ofEpochMilli(v.createdAtMs()).atZone(ZoneOffset.UTC).toLocalDate().toString());
        JsonNode license = doc.metadata().path("license");
        if (license.isTextual()) {
            details.putArray("licenses").addObject().put("identifier", SPDX.getOrDefault(license.asText(),
                    license.asText()));
        }
        ObjectNode params = root.putObject("model_parameters");
        params.put("model_architecture", v.signature() == null ? "tabular" : "tabular "
                + v.signature().path("output").path("task").asText("model"));
        ArrayNode data = params.putArray("data");
        for (ModelVersion.DatasetUse d : v.datasets()) {
            data.addObject().put("name", d.dataset() + "@" + d.version()).put("description", d.role() + " data");
        }
        if (v.signature() != null) {
            List<String> inputs = new ArrayList<>();
            v.signature().path("inputs").forEach(i -> inputs.add(i.path("name").asText() + " ("
                    + i.path("kind").asText() + ")"));
            params.put("input_format", "JSON objects with " + String.join(", ", inputs));
            params.put("output_format", v.signature().path("output").toString());
        }
        ObjectNode quant = root.putObject("quantitative_analysis");
        ArrayNode metrics = quant.putArray("performance_metrics");
        for (JsonNode entry : doc.metadata().path("model-index")) {
            for (JsonNode r : entry.path("results")) {
                for (JsonNode m : r.path("metrics")) {
                    if (m.path("value").isNumber()) {
                        // the schema (v0.0.2 as the toolkit ships it) types a metric's value as a string
                        metrics.addObject().put("type", m.path("type").asText()).put("value", Double.toString(
                                m.path("value").asDouble())).put("slice", r.path("dataset").path("name")
                                .asText("overall"));
                    }
                }
            }
        }
        ObjectNode cons = root.putObject("considerations");
        if (!use.isEmpty()) {
            cons.putArray("users").addObject().put("description", use);
            cons.putArray("use_cases").addObject().put("description", use);
        }
        String limits = text(doc, CardSection.LIMITATIONS);
        if (!limits.isEmpty()) {
            cons.putArray("limitations").addObject().put("description", limits);
        }
        String caveats = text(doc, CardSection.CAVEATS);
        if (!caveats.isEmpty()) {
            cons.putArray("tradeoffs").addObject().put("description", caveats);
        }
        String ethics = text(doc, CardSection.ETHICAL_CONSIDERATIONS);
        if (!ethics.isEmpty()) {
            cons.putArray("ethical_considerations").addObject().put("name", firstParagraph(ethics))
                    .put("mitigation_strategy", ethics);
        }
        return root;
    }

    private static String firstParagraph(String text) {
        int cut = text.indexOf("\n\n");
        return (cut < 0 ? text : text.substring(0, cut)).strip();
    }

    /**
     * @param doc the card
     * @return one self-contained HTML page, print-ready (page margins, no table or heading split across pages): the
     *         front matter as a table, then the rendered Markdown
     */
    public static String html(CardDocument doc) {
        String body = doc.text().substring(Math.min(doc.text().length(), startOfBody(doc)));
        List<org.commonmark.Extension> ext = List.of(org.commonmark.ext.gfm.tables.TablesExtension.create());
        String rendered = HtmlRenderer.builder().extensions(ext).escapeHtml(true).build().render(Parser.builder()
                .extensions(ext).build().parse(MarkdownComments.strip(body)));
        StringBuilder meta = new StringBuilder("<table class=\"meta\">");
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.metadata().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("model-index")) {
                continue;
            }
            meta.append("<tr><th>").append(esc(e.getKey())).append("</th><td>")
                    .append(esc(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()))
                    .append("</td></tr>");
        }
        meta.append("</table>");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(doc.mlwb()
                .path("model").asText(doc.file())) + " — model card</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328}"
                + "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;"
                + "text-align:left;vertical-align:top}th{background:#f6f8fa}.meta th{width:12rem}"
                + "code{background:#f6f8fa;padding:0 .2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.3rem}"
                // print-ready: a browser's "Save as PDF" gives A4/Letter pages without split tables or orphan headings
                + "@page{margin:18mm}@media print{body{max-width:none;margin:0;padding:0;font-size:11pt}"
                + "h1,h2,h3{break-after:avoid;page-break-after:avoid}table,pre,tr{break-inside:avoid;"
                + "page-break-inside:avoid}th{background:#f6f8fa;-webkit-print-color-adjust:exact;"
                + "print-color-adjust:exact}}"
                + "</style></head><body>\n" + meta + "\n" + rendered + "</body></html>\n";
    }

    private static int startOfBody(CardDocument doc) {
        if (doc.frontMatter().isEmpty()) {
            return 0;
        }
        int close = doc.text().indexOf("\n---", 3);
        int after = doc.text().indexOf('\n', close + 1);
        return after < 0 ? doc.text().length() : after + 1;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * @param format {@code hf}, {@code mct} or {@code html}
     * @return the format, checked
     */
    public static String format(String format) {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (!List.of("hf", "mct", "html").contains(f)) {
            throw new UserError("'" + format + "' is not an export format.", "Use hf, mct or html.");
        }
        return f;
    }
}
