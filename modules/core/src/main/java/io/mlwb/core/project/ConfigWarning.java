package io.mlwb.core.project;

import java.util.Objects;

/**
 * Something in mlwb.yaml that was ignored but is probably a mistake, such as an unknown (misspelt) key.
 * Loading goes on; the GUI lists warnings in the Problems panel and the CLI prints them.
 *
 * @param file       the file as named to the loader
 * @param line       1-based line of the key
 * @param column     1-based column of the key
 * @param keyPath    where it is, e.g. {@code datasets[0].taget}
 * @param message    what is wrong, without the location
 * @param suggestion the known key that was probably meant, or null
 */
public record ConfigWarning(String file, int line, int column, String keyPath, String message, String suggestion) {

    /** Checks the texts are set. */
    public ConfigWarning {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code file:line:col: message}, plus {@code (did you mean `x`?)} when there is a suggestion */
    public String describe() {
        String where = file + ":" + line + ":" + column + ": " + message;
        return suggestion == null ? where : where + " (did you mean `" + suggestion + "`?)";
    }

    /** @return the same as {@link #describe()}, so warnings print readably */
    @Override
    public String toString() {
        return describe();
    }
}
