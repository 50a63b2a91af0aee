package io.mlwb.core.error;

import java.nio.file.Path;
import java.util.List;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An error a person can act on: what happened, what to do about it, and the exit code the CLI uses.
 * Engines throw it for bad input and bad environments; the GUI shows it without a stack trace and the
 * CLI prints it to stderr. Anything else that escapes is treated as our bug.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String whatToDo;
    private final ExitCode exit;

    /**
     * @param what     one sentence saying what happened, naming the file or thing involved
     * @param whatToDo one sentence saying what the person can do; may be empty, never null
     * @param exit     exit code for the CLI
     * @param cause    the underlying exception, or null
     */
    public UserError(String what, String whatToDo, ExitCode exit, Throwable cause) {
        super(Objects.requireNonNull(what, "what"), cause);
        this.whatToDo = whatToDo == null ? "" : whatToDo;
        this.exit = Objects.requireNonNull(exit, "exit");
    }

    /** A bad-input error (exit 2) without a cause. */
    public UserError(String what, String whatToDo) {
        this(what, whatToDo, ExitCode.BAD_INPUT, null);
    }

    /** @return what the person can do about it; empty when there is nothing useful to say */
    public String whatToDo() {
        return whatToDo;
    }

    /** @return the exit code the CLI should end with */
    public ExitCode exit() {
        return exit;
    }

    /** @return the message followed by what to do, as the CLI prints it */
    public String describe() {
        return whatToDo.isEmpty() ? getMessage() : getMessage() + System.lineSeparator() + whatToDo;
    }

    /**
     * The first {@code UserError} in {@code error}'s cause chain (the error itself included): a user error wrapped by
     * a job runner, an executor or a catalog exception is still the person's problem, not our bug. Safe on cyclic
     * chains.
     *
     * @param error any throwable, or null
     * @return the user error, or empty when the chain holds none
     */
    public static Optional<UserError> find(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof UserError ue) {
                return Optional.of(ue);
            }
        }
        return Optional.empty();
    }

    /** A dataset column named in configuration is not in the file. */
    public static UserError missingColumn(Path file, String column, List<String> present) {
        return new UserError("Column '%s' is not in %s.".formatted(column, file.getFileName()),
                "Use one of: " + String.join(", ", present) + ".", ExitCode.BAD_INPUT, null);
    }
}
