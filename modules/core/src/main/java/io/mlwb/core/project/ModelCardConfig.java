package io.mlwb.core.project;

import java.util.List;

/**
 * Model card settings under {@code model_card:}.
 *
 * @param template         a Markdown template path relative to the project root, or null for the built-in one
 * @param requiredSections section titles that must be filled before review; empty means the risk tier's own list
 * @param approvers        names or e-mail addresses allowed to approve cards
 * @param license          license identifier for the card's front matter (e.g. {@code apache-2.0}), or null
 * @param language         language(s) of the data, for the front matter (e.g. {@code en}), or null
 */
public record ModelCardConfig(String template, List<String> requiredSections, List<String> approvers,
                              String license, String language) {

    /** Copies the lists; null lists become empty. */
    public ModelCardConfig {
        requiredSections = requiredSections == null ? List.of() : List.copyOf(requiredSections);
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }

    /** @return the settings used when the file has no {@code model_card} section */
    public static ModelCardConfig defaults() {
        return new ModelCardConfig(null, List.of(), List.of(), null, null);
    }
}
