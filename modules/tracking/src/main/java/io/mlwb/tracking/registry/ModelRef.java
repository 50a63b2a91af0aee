package io.mlwb.tracking.registry;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a model version is written everywhere (CLI, cards, drift, deploy): {@code NAME@VERSION} ({@code credit@3}) or
 * {@code NAME@ALIAS} ({@code credit@champion}); a bare {@code NAME} in places that take a whole model. The alias
 * {@code latest} is built in: the highest version that is not retired.
 *
 * @param name    the model's name
 * @param version the version number, or null
 * @param alias   the alias, or null (never both set)
 */
public record ModelRef(String name, Integer version, String alias) {
    /** The built-in alias for the newest version that is not retired. */
    public static final String LATEST = "latest";
    /** A model name: a letter or digit, then letters, digits, dots, dashes and underscores; at most 100. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** An alias: a lower-case letter, then lower-case letters, digits, dashes and underscores; at most 50. */
    public static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,49}");

    /** Checks the parts. */
    public ModelRef {
        Objects.requireNonNull(name, "name");
        if (version != null && alias != null) {
            throw new IllegalArgumentException("a reference has a version or an alias, not both");
        }
    }

    /**
     * Reads {@code NAME}, {@code NAME@VERSION} or {@code NAME@ALIAS}.
     *
     * @param text what was written
     * @return the reference
     * @throws UserError (exit 2) naming what is wrong with the text
     */
    public static ModelRef parse(String text) {
        String t = text == null ? "" : text.strip();
        int at = t.indexOf('@');
        String name = at < 0 ? t : t.substring(0, at);
        requireName(name, t);
        if (at < 0) {
            return new ModelRef(name, null, null);
        }
        String rest = t.substring(at + 1);
        if (rest.matches("[0-9]{1,9}")) {
            int v = Integer.parseInt(rest);
            if (v < 1) {
                throw bad(t, "versions start at 1");
            }
            return new ModelRef(name, v, null);
        }
        if (!ALIAS.matcher(rest).matches()) {
            throw bad(t, "'" + rest + "' after @ is neither a version number nor an alias (lower-case letters, digits,"
                    + " '-' and '_', starting with a letter)");
        }
        return new ModelRef(name, null, rest);
    }

    /**
     * @param name a model name
     * @param text the whole reference, for the message
     * @throws UserError when the name breaks {@link #NAME}
     */
    static void requireName(String name, String text) {
        if (!NAME.matcher(name).matches()) {
            throw bad(text, name.isEmpty() ? "the model name is empty"
                    : "'" + name + "' is not a model name (letters, digits, '.', '-' and '_', starting with a letter "
                    + "or digit, at most 100)");
        }
    }

    private static UserError bad(String text, String why) {
        return new UserError("'" + text + "' is not a model version reference: " + why,
                "Write NAME@VERSION (credit@3) or NAME@ALIAS (credit@champion).", ExitCode.BAD_INPUT, null);
    }

    /** @return whether this names a version or an alias, not a whole model */
    public boolean pointsAtVersion() {
        return version != null || alias != null;
    }

    /**
     * @param name    a model's name
     * @param version a version number
     * @return {@code name@version}
     */
    public static String format(String name, int version) {
        return name + "@" + version;
    }

    @Override
    public String toString() {
        return version != null ? format(name, version) : alias != null ? name + "@" + alias : name;
    }
}
