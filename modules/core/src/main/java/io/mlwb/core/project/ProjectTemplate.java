package io.mlwb.core.project;

import io.mlwb.core.error.UserError;

/**
 * The commented {@code mlwb.yaml} that {@code mlwb init} and the New Project dialog write. Every section is
 * present; optional ones are commented out with an explanation, so the file documents itself. The result
 * reads back, without warnings, to {@link ProjectConfig#named(String)} of the project name.
 */
public final class ProjectTemplate {

    private ProjectTemplate() {
    }

    /**
     * @param projectName the project's name; any text that is not blank (it is quoted as needed)
     * @return the template text, ending with a newline
     * @throws UserError when the name is blank
     */
    public static String render(String projectName) {
        if (projectName == null || projectName.isBlank()) {
            throw new UserError("The project name is empty", "Give the project a name, e.g. credit-risk.");
        }
        return TEMPLATE.replace("{{name}}", quoted(projectName));
    }

    /** A YAML double-quoted scalar, so names like {@code no}, {@code 2024} or {@code a: b} stay text. */
    static String quoted(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static final String TEMPLATE = """
            # mlwb.yaml: the ML Workbench project file. Keys are snake_case; enum values are lower case.
            # Reference: docs/mlwb-yaml.md. Unknown keys are reported as warnings, never silently used.

            # Version of this file's format. Leave it at 1; a newer mlwb will tell you when to change it.
            schema_version: 1

            # The project's name (required).
            name: {{name}}

            # What the project is for, and the person or team answerable for it.
            # description: Predicts the probability that a loan applicant defaults within 12 months.
            # owner: risk-analytics@example.com

            # How much harm a wrong prediction can do: low | medium | high.
            # It decides which model card sections are required and how many people must approve.
            risk_tier: medium

            # What the models are for, and in which field. `mlwb card check` suggests a risk tier from them (and from
            # description) and warns when risk_tier is lower; without risk_tier, new cards take the suggestion.
            # intended_use: Pre-screening of consumer loan applications by underwriters.
            # domain: lending

            # Licence policy (SPDX ids) for what a model ships with and the data it learnt from (mlwb card licences).
            # licences:
            #   allowed: [Apache-2.0, MIT, BSD-3-Clause]
            #   review: [CC-BY-4.0]
            #   denied: [AGPL-3.0-only]

            # The datasets the project uses. Paths are relative to this folder and must stay inside it.
            datasets: []
            # datasets:
            #   - name: applications                # unique name
            #     path: data/applications.csv       # relative to this folder
            #     format: auto                      # csv | tsv | jsonl | parquet | auto
            #     # delimiter: ";"                  # one character; default from the format
            #     # encoding: UTF-8
            #     # missing_values: ["", NA, N/A, "null", NaN]   # cells read as missing (this is the default)
            #     target: defaulted                 # the column a model predicts
            #     # time_column: applied_at         # time splits, freshness, drift windows
            #     # id_column: applicant_id         # never a feature; group splits
            #     # sensitive_attributes: [gender, age_band]   # per-group fairness evaluation
            #     # column_types:                   # override inferred types:
            #     #   zip_code: categorical         # numeric | categorical | boolean | datetime | text
            #     rules:                            # data-quality rules, checked by `mlwb profile`
            #       - type: not_null
            #         column: defaulted
            #       - type: range
            #         column: income
            #         min: 0
            #       - type: allowed_values
            #         column: employment
            #         values: [employed, self_employed, unemployed, retired]
            #         severity: warning             # error (default) | warning
            #       # other types: unique, regex (pattern), row_count (min/max),
            #       # freshness (max_age: 30d), schema_equals_approved

            # Defaults for every training run; a training spec may override each of them.
            training:
              seed: 42                   # splits, initialisation and shuffling
              device: auto               # auto | cpu | gpu
              split:
                strategy: random         # random | time | group
                test_fraction: 0.2
                validation_fraction: 0.1
                # time_column: applied_at    # time split; default: the dataset's time_column
                # group_column: applicant_id # group split; default: the dataset's id_column
              max_epochs: 20
              batch_size: 32
              learning_rate: 0.001
              # early_stopping:          # off unless present
              #   metric: val_loss
              #   patience: 5
              #   mode: min              # min | max
              checkpoint_every_epochs: 1 # 0 keeps only the last checkpoint

            # Model cards (Hugging Face-compatible). Optional.
            # model_card:
            #   template: docs/model-card-template.md   # default: the built-in template
            #   required_sections: [Intended use, Limitations, Evaluation]   # default: the risk tier's list
            #   approvers: [ana@example.com, li@example.com]
            #   license: apache-2.0
            #   language: en

            # Deployment targets for the deployment wizard. Optional.
            # deployment:
            #   targets:
            #     - name: local
            #       kind: local          # local | sagemaker | vertex | azureml | kserve
            #     - name: prod
            #       kind: sagemaker
            #       region: eu-west-1
            #       instance_type: ml.m5.large
            #   default_strategy: canary # canary | blue_green | ab | all_at_once
            #   cost_currency: USD

            # Cost: tags on every run, the estimated price of a device-hour, and a budget that warns when crossed.
            # cost:
            #   team: risk-analytics
            #   cost_centre: CC-1234
            #   cpu_hour_usd: 0.10
            #   gpu_hour_usd: 2.50
            #   budget_usd: 500

            # Naming rules: regular expressions that whole names must match (models, runs, experiments).
            # naming:
            #   model: '[a-z][a-z0-9-]{2,40}'
            #   run: '[a-z0-9][a-z0-9 :._-]*'

            # Drift: how reference and current data are compared (docs/drift.md), and when a model is due for
            # retraining (mlwb drift --fail-on-drift, mlwb retrain-check).
            # drift:
            #   drift_share: 0.5          # dataset drift when this share of columns drifted
            #   bins: 10                  # PSI/KL bins of numeric columns (quantile | equal_width binning)
            #   columns:
            #     customer_id: {ignore: true}
            #     income: {test: wasserstein, threshold: 0.15}
            #   retraining:
            #     - model: credit-default
            #       drift_share: 0.3
            #       psi: 0.25
            #       metrics: {roc_auc: {min: 0.75}}
            #       cadence: monthly
            """;
}
