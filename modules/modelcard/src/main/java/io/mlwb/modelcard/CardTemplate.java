package io.mlwb.modelcard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mlwb.core.project.ProjectConfig;
import io.mlwb.core.project.RiskTier;
import io.mlwb.tracking.registry.ModelVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A new card for a registered model version: Hugging Face front matter (licence and language from mlwb.yaml, the
 * datasets the run read, {@code library_name}, {@code tags}, an empty {@code model-index} for the evaluation results) with mlwb's keys under {@value CardDocument#NAMESPACE}, then every section of {@link CardSection} with
 * its prompt as an HTML comment (invisible when rendered, and not counted as content), required ones marked.
 */
public final class CardTemplate {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private CardTemplate() {
    }

    /**
     * @param version the registered version the card describes
     * @param config  the project's configuration (risk tier, owner, licence, language)
     * @param author  who writes it (git identity)
     * @return the card's text
     */
    public static String text(ModelVersion version, ProjectConfig config, String author) {
        return text(version, config, author, config.riskTier());
    }

    /**
     * @param version the registered version the card describes
     * @param config  the project's configuration (owner, licence, language)
     * @param author  who writes it (git identity)
     * @param tier    the risk tier the card is held to (mlwb.yaml's, or the suggested one when none is declared)
     * @return the card's text
     */
    public static String text(ModelVersion version, ProjectConfig config, String author, RiskTier tier) {
        ObjectNode fm = YAML.createObjectNode();
        if (config.modelCard().language() != null) {
            fm.put("language", config.modelCard().language());
        }
        if (config.modelCard().license() != null) {
            fm.put("license", config.modelCard().license());
        }
        fm.put("library_name", "djl");
        ArrayNode tags = fm.putArray("tags");
        tags.add("tabular");
        tags.add("mlwb");
        Set<String> datasets = new LinkedHashSet<>();
        version.datasets().forEach(d -> datasets.add(d.dataset()));
        if (!datasets.isEmpty()) {
            ArrayNode ds = fm.putArray("datasets");
            datasets.forEach(ds::add);
        }
        ArrayNode index = fm.putArray("model-index");
        ObjectNode entry = index.addObject();
        entry.put("name", version.model());
        entry.putArray("results");
        ObjectNode ours = fm.putObject(CardDocument.NAMESPACE);
        ours.put("model", version.model());
        ours.put("version", version.version());
        ours.put("risk_tier", tier.yamlName());
        if (config.owner() != null) {
            ours.put("owner", config.owner());
        }
        ours.put("author", author);
        if (config.governance().intendedUse() != null) {
            ours.put("intended_use", config.governance().intendedUse()); // as declared in mlwb.yaml
        }
        String yaml;
        try {
            yaml = YAML.writeValueAsString(fm);
        } catch (IOException e) {
            throw new UncheckedIOException("a tree of strings always serialises", e);
        }
        StringBuilder sb = new StringBuilder("---\n").append(yaml).append("---\n\n");
        sb.append("# Model card: ").append(version.model()).append("\n\n");
        sb.append("<!-- ").append(version.ref()).append(", trained in run ").append(version.runId())
                .append(". Risk tier ").append(tier.yamlName()).append(": sections marked (required) must be filled "
                        + "before review; `mlwb card check ").append(version.model()).append("` lists what is missing. "
                        + "-->\n\n");
        for (CardSection s : CardSection.values()) {
            sb.append("## ").append(s.title()).append("\n\n");
            sb.append("<!-- ").append(s.requiredAt(tier) ? "(required) " : "").append(s.prompt()).append(" -->\n\n");
        }
        return sb.toString();
    }
}
