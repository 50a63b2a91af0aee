package io.mlwb.core.project;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;

/**
 * A {@link UserError} about a place in mlwb.yaml. The message starts with {@code file:line:col:}; the fields
 * let the GUI jump to the place.
 */
public final class ConfigError extends UserError {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String keyPath;

    /**
     * @param file     the file as named to the loader
     * @param line     1-based line
     * @param column   1-based column
     * @param keyPath  the key path involved (e.g. {@code training.seed}), or empty for the file as a whole
     * @param what     what is wrong, without the location (it is prefixed)
     * @param whatToDo how to fix it
     * @param cause    the parser exception, or null
     */
    public ConfigError(String file, int line, int column, String keyPath, String what, String whatToDo,
                       Throwable cause) {
        super(file + ":" + line + ":" + column + ": " + what, whatToDo, ExitCode.BAD_INPUT, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.keyPath = keyPath == null ? "" : keyPath;
    }

    /** @return the file as named to the loader */
    public String file() {
        return file;
    }

    /** @return the 1-based line */
    public int line() {
        return line;
    }

    /** @return the 1-based column */
    public int column() {
        return column;
    }

    /** @return the key path involved, or empty for the file as a whole */
    public String keyPath() {
        return keyPath;
    }
}
