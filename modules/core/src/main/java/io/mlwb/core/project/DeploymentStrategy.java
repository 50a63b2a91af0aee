package io.mlwb.core.project;

import java.util.Locale;

/** How a new model version replaces the running one. Written in lower case in mlwb.yaml. */
public enum DeploymentStrategy {
    /** A small share of traffic first, then all of it. */
    CANARY,
    /** A full second deployment, then a switch. */
    BLUE_GREEN,
    /** A fixed traffic split between versions, for comparison. */
    AB,
    /** Replace the running version in one step. */
    ALL_AT_ONCE;

    /** @return the value as written in mlwb.yaml, e.g. {@code "canary"} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
