package io.mlwb.vcs.fingerprint;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The errors a person can hit when naming a file to read; shared so the wording is the same everywhere. */
final class FileChecks {
    private FileChecks() {
    }

    static void requireRegularFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(file + " is a folder, not a file.", "Name a file inside it.");
        }
        if (!Files.exists(file)) {
            throw new UserError(file + " does not exist.",
                    "Check the path, or pull or restore the file, then try again.");
        }
    }

    static UserError unreadable(Path file, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new UserError(file + " cannot be read: permission denied.",
                    "Give your user read permission on the file, then try again.", ExitCode.BAD_INPUT, e);
        }
        return new UserError("%s could not be read: %s".formatted(file, e.getMessage()),
                "Check that the disk is present and the file is not damaged, then try again.",
                ExitCode.BAD_INPUT, e);
    }
}
