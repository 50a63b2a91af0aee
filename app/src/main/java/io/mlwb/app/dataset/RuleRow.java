package io.mlwb.app.dataset;

import java.util.List;

/**
 * One line of the Rules tab.
 *
 * @param status   pass, fail, warn or not checked
 * @param rule     the rule as written, e.g. "range age [18, 100]"
 * @param observed what was observed, e.g. "min 17, max 99"; empty when not checked
 * @param message  a readable sentence
 * @param examples a few offending values, possibly none
 */
public record RuleRow(RuleStatus status, String rule, String observed, String message, List<String> examples) {
    /** Copies the examples. */
    public RuleRow {
        examples = List.copyOf(examples);
    }
}
