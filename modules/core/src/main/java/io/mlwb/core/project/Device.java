package io.mlwb.core.project;

import java.util.Locale;

/** Where training runs. Written in lower case in mlwb.yaml. */
public enum Device {
    /** A GPU when one is usable, otherwise the CPU. */
    AUTO,
    /** Always the CPU (deterministic). */
    CPU,
    /** A GPU; an error when none is usable. */
    GPU;

    /** @return the value as written in mlwb.yaml, e.g. {@code "auto"} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
