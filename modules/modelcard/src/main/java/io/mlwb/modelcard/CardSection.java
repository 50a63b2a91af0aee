package io.mlwb.modelcard;

import io.mlwb.core.project.RiskTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sections of a model card: those of Mitchell et al., "Model Cards for Model Reporting" (2019), then those our
 * users' practice adds. Each is a level-2 heading ({@code ## Title}) of the card's Markdown; which are required
 * depends on the project's risk tier (mlwb.yaml {@code risk_tier}), unless {@code model_card.required_sections} names
 * them.
 */
public enum CardSection {
    /** Who made it, when, version, type, training algorithm, licence, contact. */
    MODEL_DETAILS("Model details", RiskTier.LOW, "Who built the model, when, which version and type of model, the "
            + "training algorithm and its parameters, the licence, and where to send questions."),
    /** Primary uses and users. */
    INTENDED_USE("Intended use", RiskTier.LOW, "What the model is for and who should use it."),
    /** Uses it must not be put to. */
    OUT_OF_SCOPE("Out-of-scope use", RiskTier.MEDIUM, "Uses the model was not built or evaluated for, and must not "
            + "be put to."),
    /** Groups, instrumentation, environments that change performance. */
    FACTORS("Factors", RiskTier.HIGH, "Groups (demographic, phenotypic, ...), instruments and environments across "
            + "which performance may vary, and which of them were evaluated."),
    /** Measures, thresholds, uncertainty. */
    METRICS("Metrics", RiskTier.LOW, "The measures reported, why they were chosen, the decision threshold and how "
            + "uncertainty was estimated."),
    /** Datasets, why chosen, preprocessing. */
    EVALUATION_DATA("Evaluation data", RiskTier.MEDIUM, "The datasets the model was evaluated on (versions and "
            + "fingerprints), why they were chosen, and how they were preprocessed."),
    /** What it was trained on. */
    TRAINING_DATA("Training data", RiskTier.LOW, "The data the model was trained on (versions, fingerprints, "
            + "profiles) and its preprocessing."),
    /** Results, per group. */
    QUANTITATIVE_ANALYSES("Quantitative analyses", RiskTier.MEDIUM, "Results overall and per group (fairness "
            + "metrics), with confidence intervals."),
    /** Sensitive data, risks, mitigations. */
    ETHICAL_CONSIDERATIONS("Ethical considerations", RiskTier.HIGH, "Sensitive data used, risks to people, the "
            + "mitigations taken and the harms that remain."),
    /** Further concerns. */
    CAVEATS("Caveats and recommendations", RiskTier.MEDIUM, "What else users should know, and further tests "
            + "recommended."),
    /** Known limits. */
    LIMITATIONS("Limitations", RiskTier.MEDIUM, "Where the model is known to fail or to be unreliable."),
    /** Drift thresholds, retraining triggers. */
    MONITORING("Monitoring plan", RiskTier.MEDIUM, "What is watched in production (drift thresholds, performance), "
            + "and what triggers retraining (mlwb.yaml drift.retraining)."),
    /** Licences of data and dependencies. */
    LICENCE_REVIEW("Licence review", RiskTier.HIGH, "The licences of the training data and of what the model needs "
            + "at serving time, and whether they pass the project's licence policy."),
    /** For high-risk models: what drives predictions. */
    EXPLAINABILITY("Explainability", RiskTier.HIGH, "What drives the predictions: global importances and how "
            + "individual decisions can be explained."),
    /** Symptoms, escalation, mitigation, rollback. */
    RUNBOOK("Incident runbook", RiskTier.HIGH, "Symptoms of trouble, who is called (escalation path), how to "
            + "mitigate, and how to roll back to the previous version."),
    /** What personal data the training data holds, retention, data-subject requests. */
    PERSONAL_DATA("Data retention and personal data", RiskTier.HIGH, "Which personal data the training data holds, "
            + "where, for how long, and how a data-subject request is served (mlwb data subject)."),
    /** Incidents after release, linked to the version they concern. */
    POST_MORTEMS("Post-mortems", null, "Incidents after release and what was learned, each naming the model "
            + "version it concerns.");

    private final String title;
    private final RiskTier requiredFrom;
    private final String prompt;

    CardSection(String title, RiskTier requiredFrom, String prompt) {
        this.title = title;
        this.requiredFrom = requiredFrom;
        this.prompt = prompt;
    }

    /** @return the heading as written in the card ({@code ## Model details}) */
    public String title() {
        return title;
    }

    /** @return what the section should say (the new card's prompt) */
    public String prompt() {
        return prompt;
    }

    /**
     * @param tier a risk tier
     * @return whether this section is required at that tier
     */
    public boolean requiredAt(RiskTier tier) {
        return requiredFrom != null && tier.ordinal() >= requiredFrom.ordinal();
    }

    /**
     * @param tier a risk tier
     * @return the sections required at that tier, in card order
     */
    public static List<CardSection> required(RiskTier tier) {
        List<CardSection> out = new ArrayList<>();
        for (CardSection s : values()) {
            if (s.requiredAt(tier)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * @param heading a level-2 heading's text
     * @return the section it is, matched ignoring case, punctuation and a trailing "s" (Hugging Face cards write
     *         "Out-of-Scope Uses")
     */
    public static Optional<CardSection> of(String heading) {
        String h = key(heading);
        for (CardSection s : values()) {
            if (key(s.title).equals(h)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * @param text a heading
     * @return the key it is matched by: lower case, letters and digits only, a trailing "s" dropped
     */
    public static String key(String text) {
        String k = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        return k.endsWith("s") ? k.substring(0, k.length() - 1) : k;
    }
}
