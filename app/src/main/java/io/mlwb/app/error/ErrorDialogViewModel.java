package io.mlwb.app.error;

import io.mlwb.app.log.AppLogging;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.UserError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the error dialog says (STYLE rule 10): a headline, what to do, and for our bugs collapsed details (stack
 * trace and a stable error code) plus the log file's path. A {@link UserError} anywhere in the cause chain is shown
 * by its message and what-to-do only, without a trace. Immutable; no toolkit needed.
 */
public final class ErrorDialogViewModel {
    private final String title;
    private final String headline;
    private final String whatToDo;
    private final boolean bug;
    private final String details;
    private final String code;

    /**
     * @param title   the dialog title (what was being done)
     * @param error   the failure
     * @param logFile the log file named for bugs
     */
    public ErrorDialogViewModel(String title, Throwable error, Path logFile) {
        Objects.requireNonNull(error, "error");
        this.title = title == null || title.isBlank() ? Messages.get("error.title") : title;
        UserError user = UserError.find(error).orElse(null);
        this.code = ErrorCode.of(error);
        if (user != null) {
            this.bug = false;
            this.headline = user.getMessage();
            this.whatToDo = user.whatToDo();
            this.details = "";
        } else {
            this.bug = true;
            String message = error.getMessage() == null || error.getMessage().isBlank()
                    ? error.getClass().getSimpleName() : error.getMessage();
            this.headline = Messages.format("error.bug.headline", message);
            this.whatToDo = Messages.format("error.bug.whatToDo", String.valueOf(logFile));
            this.details = stackTrace(error);
        }
    }

    /** Names {@link AppLogging#logFile()} for bugs. */
    public ErrorDialogViewModel(String title, Throwable error) {
        this(title, error, AppLogging.logFile());
    }

    /** @return {@code error}'s full stack trace as text */
    public static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** @return the window title */
    public String title() {
        return title;
    }

    /** @return one sentence: what happened */
    public String headline() {
        return headline;
    }

    /** @return what the person can do; may be empty */
    public String whatToDo() {
        return whatToDo;
    }

    /** @return true when this is our bug (not a {@link UserError}): details and the log path are shown */
    public boolean bug() {
        return bug;
    }

    /** @return the stack trace for bugs; empty for a {@link UserError} */
    public String details() {
        return details;
    }

    /** @return the stable error code (see {@link ErrorCode}) */
    public String code() {
        return code;
    }

    /** @return what Copy puts on the clipboard: headline, code and trace */
    public String copyText() {
        String nl = System.lineSeparator();
        return headline + nl + Messages.format("error.code", code) + nl + nl + details;
    }
}
