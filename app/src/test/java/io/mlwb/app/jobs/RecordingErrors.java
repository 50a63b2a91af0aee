package io.mlwb.app.jobs;

import io.mlwb.app.problems.ErrorReporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link ErrorReporter} that records what it was told. */
final class RecordingErrors implements ErrorReporter {
    /** One reported error. */
    record Reported(String source, Throwable error) {
    }

    final List<Reported> errors = new CopyOnWriteArrayList<>();
    final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void error(String source, Throwable error) {
        errors.add(new Reported(source, error));
    }

    @Override
    public void warning(String source, String message, String whatToDo) {
        warnings.add(source + ": " + message);
    }
}
