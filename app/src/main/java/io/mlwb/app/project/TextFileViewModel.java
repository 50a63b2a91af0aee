package io.mlwb.app.project;

import io.mlwb.app.jobs.JobHandle;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A project file shown read-only as text. Loads in the background; a file over {@link #LIMIT} bytes shows its first
 * {@link #LIMIT} bytes with a notice; a binary file (a NUL byte in its first {@link #PROBE} bytes) and a missing file
 * show a message instead of text. A missing file is not a problem (a tab restored after its file was deleted); a file
 * that cannot be read is one {@link UserError} in Problems, reported by the job runner.
 */
public final class TextFileViewModel {
    /** At most this many bytes are shown. */
    public static final int LIMIT = 5 * 1024 * 1024;
    /** A NUL byte among this many first bytes marks a file as binary. */
    public static final int PROBE = 8 * 1024;

    private final Path root;
    private final String relativePath;
    private final UiJobs jobs;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private JobHandle job;

    /** What was read from the file; {@code missing} when it no longer exists (an outcome, not a failure). */
    record Content(String text, boolean truncated, boolean binary, long size, boolean missing) {
        Content(String text, boolean truncated, boolean binary, long size) {
            this(text, truncated, binary, size, false);
        }

        static final Content MISSING = new Content("", false, false, 0, true);
    }

    /**
     * @param root         the project folder
     * @param relativePath the file, project-relative with {@code /}
     * @param jobs         where reading runs
     */
    public TextFileViewModel(Path root, String relativePath, UiJobs jobs) {
        this.root = root.toAbsolutePath().normalize();
        this.relativePath = Objects.requireNonNull(relativePath);
        this.jobs = Objects.requireNonNull(jobs);
    }

    /** @return the file's name (the tab title) */
    public String title() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }

    /** @return the file's text once loaded (empty for binary or missing files) */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** @return a notice shown above the text (e.g. that only the first 5 MB are shown); empty when none */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** @return a message shown instead of the text (binary, missing or unreadable file); empty when text is shown */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @return true while the file is being read */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Reads the file in the background and fills the properties. */
    public void load() {
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root)) {
            message.set(Messages.format("project.editor.outside", relativePath));
            return;
        }
        loading.set(true);
        job = jobs.run(Messages.format("project.job.read", title()), p -> readForShowing(file),
                c -> {
                    loading.set(false);
                    if (c.missing()) {
                        text.set("");
                        notice.set("");
                        message.set(Messages.format("project.editor.missing", relativePath));
                    } else if (c.binary()) {
                        text.set("");
                        notice.set("");
                        message.set(Messages.format("project.editor.binary", c.size()));
                    } else {
                        message.set("");
                        notice.set(c.truncated()
                                ? Messages.format("project.editor.truncated", LIMIT / (1024 * 1024), c.size()) : "");
                        text.set(c.text());
                    }
                },
                e -> {
                    // the job runner reported the failure (a UserError for an unreadable file); this is the tab's state
                    loading.set(false);
                    text.set("");
                    message.set(e instanceof Cancelled ? "" : Messages.format("project.editor.unreadable", relativePath));
                });
    }

    /**
     * The job: a file deleted meanwhile (a tab restored after its file went) is {@link Content#MISSING}; a file that
     * cannot be read is a {@link UserError} naming it, so the job runner reports it as the person's problem.
     */
    private Content readForShowing(Path file) {
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            return Content.MISSING;
        } catch (IOException e) {
            throw new UserError(Messages.format("project.editor.unreadable", relativePath),
                    Messages.get("project.editor.unreadable.todo"), ExitCode.BAD_INPUT, e);
        }
    }

    /** Cancels a read still running. */
    public void dispose() {
        if (job != null) {
            job.cancel();
        }
    }

    /** Reads at most {@link #LIMIT} bytes; binary files are detected and not decoded. */
    static Content read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder");
        }
        long size = Files.size(file); // NoSuchFileException for a missing file
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(LIMIT);
        }
        int probe = Math.min(PROBE, bytes.length);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                return new Content("", false, true, size);
            }
        }
        String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        return new Content(decoded, size > bytes.length, false, size);
    }
}
