package io.mlwb.catalog;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;

/** A catalog operation failed; the transaction it was part of has been rolled back. */
public class CatalogException extends UserError {
    private static final long serialVersionUID = 1L;

    /**
     * @param what     what failed, naming the catalog file or operation
     * @param whatToDo what the person can do
     * @param exit     exit code for the CLI
     * @param cause    the SQL failure, or null
     */
    public CatalogException(String what, String whatToDo, ExitCode exit, Throwable cause) {
        super(what, whatToDo, exit, cause);
    }
}
