package io.mlwb.modelcard;

import io.mlwb.core.project.ProjectConfig;
import io.mlwb.core.project.RiskTier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A risk tier suggested from what a model is declared to be for: mlwb.yaml's {@code domain}, {@code intended_use} and
 * {@code description}, and the card's "Intended use" section. Uses that decide people's access to credit, work,
 * health care, insurance, education, housing, justice or public services, and biometric identification, are high
 * risk (the EU AI Act's Annex III areas); uses that target or rank people commercially are medium; anything else is
 * low. A suggestion, not a ruling: a person declares the tier ({@code risk_tier}); {@code mlwb card check} warns when
 * the declared tier is below the suggestion.
 *
 * @param tier    the suggested tier
 * @param matches each matched term with where it was found ({@code "credit" in description})
 */
public record RiskSuggestion(RiskTier tier, List<String> matches) {

    private static final Map<String, RiskTier> TERMS = terms();

    /** Copies the list. */
    public RiskSuggestion {
        matches = List.copyOf(matches);
    }

    private static Map<String, RiskTier> terms() {
        Map<String, RiskTier> t = new LinkedHashMap<>();
        for (String s : List.of("credit", "lending", "loan", "mortgage", "underwriting", "creditworth",
                "employment", "hiring", "recruit", "job applicant", "candidate screening", "workforce",
                "healthcare", "health care", "medical", "clinical", "diagnos", "patient", "triage",
                "insurance", "education", "admission", "student", "law enforcement", "policing",
                "criminal", "recidivism", "justice", "housing", "tenant", "biometric", "face recognition",
                "facial recognition", "emotion recognition", "migration", "asylum", "border control", "welfare",
                "social benefit", "public benefit", "critical infrastructure")) {
            t.put(s, RiskTier.HIGH);
        }
        for (String s : List.of("fraud", "pricing", "churn", "marketing", "advertis", "recommend", "personalis",
                "personaliz", "customer", "moderation", "ranking", "scoring")) {
            t.put(s, RiskTier.MEDIUM);
        }
        return t;
    }

    /**
     * @param config         the project's configuration
     * @param intendedUseText the card's "Intended use" section, or null when there is no card yet
     * @return the suggestion: the highest tier any term reaches, low when none matches
     */
    public static RiskSuggestion of(ProjectConfig config, String intendedUseText) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("mlwb.yaml domain", config.governance().domain());
        sources.put("mlwb.yaml intended_use", config.governance().intendedUse());
        sources.put("mlwb.yaml description", config.description());
        sources.put("the card's Intended use", intendedUseText);
        RiskTier tier = RiskTier.LOW;
        List<String> matches = new ArrayList<>();
        for (Map.Entry<String, String> src : sources.entrySet()) {
            if (src.getValue() == null) {
                continue;
            }
            String text = src.getValue().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, RiskTier> term : TERMS.entrySet()) {
                // a term starts a word and may go on ("diagnos" → diagnosis, "loan" → loans)
                Matcher m = Pattern.compile("(?<![a-z])" + Pattern.quote(term.getKey())).matcher(text);
                if (m.find()) {
                    matches.add("\"" + term.getKey() + "\" (" + term.getValue().yamlName() + ") in " + src.getKey());
                    if (term.getValue().ordinal() > tier.ordinal()) {
                        tier = term.getValue();
                    }
                }
            }
        }
        return new RiskSuggestion(tier, matches);
    }

    /**
     * @return the tier to hold a card to when mlwb.yaml declares none: the suggestion when a term matched, else the
     *         default (medium), since finding no term is no evidence of low risk
     */
    public RiskTier orDefault() {
        return matches.isEmpty() ? RiskTier.MEDIUM : tier;
    }

    /**
     * @param declared the declared tier
     * @return whether the declared tier is lower than this suggestion
     */
    public boolean above(RiskTier declared) {
        return tier.ordinal() > declared.ordinal();
    }
}
