package io.mlwb.core.project;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code naming:} section of mlwb.yaml: the regular expressions that the names of registered models, runs and
 * experiments must match in full. A rule left out accepts any name. The patterns were compiled when the file was
 * read, so an invalid one was already reported there.
 *
 * @param model      the rule for model names, or null
 * @param run        the rule for run names, or null
 * @param experiment the rule for experiment names, or null
 */
public record NamingRules(Pattern model, Pattern run, Pattern experiment) {

    /** What a name is given to. */
    public enum Kind {
        /** A registered model ({@code mlwb models register --name}). */
        MODEL("model"),
        /** A run (its name when started, renamed or imported). */
        RUN("run"),
        /** An experiment. */
        EXPERIMENT("experiment");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** @return the key under {@code naming:} */
        public String key() {
            return key;
        }
    }

    /** @return no rules: every name is accepted */
    public static NamingRules none() {
        return new NamingRules(null, null, null);
    }

    /**
     * @param kind what is named
     * @return its rule, if the project has one
     */
    public Optional<Pattern> rule(Kind kind) {
        return Optional.ofNullable(switch (kind) {
            case MODEL -> model;
            case RUN -> run;
            case EXPERIMENT -> experiment;
        });
    }

    /**
     * Checks a name against the project's rule for its kind.
     *
     * @param kind what is named
     * @param name the name
     * @return empty when the name is accepted; otherwise one sentence saying which rule it breaks
     */
    public Optional<String> check(Kind kind, String name) {
        Pattern p = rule(kind).orElse(null);
        if (p == null || name != null && p.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of("The %s name '%s' does not match the project's naming rule naming.%s: '%s' (mlwb.yaml)"
                .formatted(kind.key, name, kind.key, p.pattern()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamingRules n && same(model, n.model) && same(run, n.run)
                && same(experiment, n.experiment);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(text(model), text(run), text(experiment));
    }

    private static boolean same(Pattern a, Pattern b) {
        return java.util.Objects.equals(text(a), text(b));
    }

    private static String text(Pattern p) {
        return p == null ? null : p.pattern();
    }
}
