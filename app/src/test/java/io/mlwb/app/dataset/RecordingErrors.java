package io.mlwb.app.dataset;

import io.mlwb.app.problems.ErrorReporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link ErrorReporter} that records what it was told. */
final class RecordingErrors implements ErrorReporter {
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void error(String source, Throwable error) {
        errors.add(error);
    }

    @Override
    public void warning(String source, String message, String whatToDo) {
        warnings.add(message);
    }
}
