package io.mlwb.tracking.imports;

import io.mlwb.core.error.UserError;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads another tool's tracking data, read-only: a reader never writes, creates or locks anything in the source
 * (a SQLite source is read from a private copy).
 */
public interface SourceReader {

    /** @return {@code mlflow}, {@code tensorboard} or {@code dvclive} */
    String kind();

    /**
     * @param path the store, log dir or folder the person named
     * @return its runs, a parent before its children
     * @throws UserError when the path is missing, or the source is malformed or of a newer format; the message
     *                   names the file and what is not understood
     */
    List<ImportedRun> read(Path path);

    /**
     * @return what the last {@link #read} noticed but did not refuse (an unknown schema revision whose tables
     *         still hold everything read, ...)
     */
    default List<String> warnings() {
        return List.of();
    }
}
