package io.mlwb.core.project;

import java.util.Locale;

/**
 * How much harm a wrong prediction can do; decides which model card sections and approvals are required.
 * Written in lower case in mlwb.yaml.
 */
public enum RiskTier {
    /** Little harm; one approver, fewer required sections. */
    LOW,
    /** The default. */
    MEDIUM,
    /** Serious harm; two approvers, neither the author. */
    HIGH;

    /** @return the value as written in mlwb.yaml, e.g. {@code "low"} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
