package io.mlwb.vcs.fingerprint;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Git LFS pointer file: a small text file that stands in for content kept on an LFS server. When a
 * clone was made without {@code git lfs pull}, a dataset "file" is really such a pointer, and reading it
 * as data gives nonsense; {@link #requireContent(Path)} turns that into a clear error.
 *
 * @param file the pointer file
 * @param oid  the SHA-256 of the real content, 64 lowercase hex characters
 * @param size the size of the real content in bytes
 */
public record LfsPointer(Path file, String oid, long size) {
    /** Pointer files are smaller than this many bytes (the LFS specification's limit). */
    public static final int MAX_POINTER_SIZE = 1024;

    private static final String VERSION_PREFIX = "version https://git-lfs.github.com/spec/v1";
    private static final Pattern OID = Pattern.compile("oid sha256:([0-9a-f]{64})");
    private static final Pattern SIZE = Pattern.compile("size (\\d{1,18})");

    /** Rejects null parts. */
    public LfsPointer {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(oid, "oid");
    }

    /**
     * Reads at most {@link #MAX_POINTER_SIZE} bytes of {@code file} and says whether it is an LFS pointer.
     *
     * @return the pointer, or empty when the file holds real content
     * @throws UserError if the file does not exist, is a folder or cannot be read
     */
    public static Optional<LfsPointer> detect(Path file) {
        Objects.requireNonNull(file, "file");
        FileChecks.requireRegularFile(file);
        try {
            if (Files.size(file) >= MAX_POINTER_SIZE) {
                return Optional.empty();
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(MAX_POINTER_SIZE);
            }
            return parse(file, head, head.length);
        } catch (IOException e) {
            throw FileChecks.unreadable(file, e);
        }
    }

    /**
     * Checks that {@code file} holds real content rather than an LFS pointer.
     *
     * @return {@code file}, for chaining
     * @throws UserError if it is a pointer (telling the person to run {@code git lfs pull}), or if the file
     *                   does not exist or cannot be read
     */
    public static Path requireContent(Path file) {
        Optional<LfsPointer> pointer = detect(file);
        if (pointer.isPresent()) {
            LfsPointer p = pointer.get();
            throw new UserError(
                    "%s is a Git LFS pointer, not the file's content (the real file has %d bytes, sha256 %s)."
                            .formatted(file, p.size(), p.oid()),
                    "Run `git lfs pull` in the repository to download the content (install Git LFS first if"
                            + " `git lfs` is unknown), then try again.",
                    ExitCode.BAD_INPUT, null);
        }
        return file;
    }

    /**
     * Parses the first {@code length} bytes of a file's content as an LFS pointer.
     *
     * @return the pointer, or empty when the bytes are not a well-formed pointer
     */
    static Optional<LfsPointer> parse(Path file, byte[] content, int length) {
        if (length >= MAX_POINTER_SIZE || length < VERSION_PREFIX.length()) {
            return Optional.empty();
        }
        String text = new String(content, 0, length, StandardCharsets.UTF_8);
        if (!text.startsWith(VERSION_PREFIX)) {
            return Optional.empty();
        }
        String oid = null;
        long size = -1;
        for (String line : text.split("\r?\n")) {
            var oidMatch = OID.matcher(line);
            var sizeMatch = SIZE.matcher(line);
            if (oidMatch.matches()) {
                oid = oidMatch.group(1);
            } else if (sizeMatch.matches()) {
                size = Long.parseLong(sizeMatch.group(1));
            }
        }
        return oid == null || size < 0 ? Optional.empty() : Optional.of(new LfsPointer(file, oid, size));
    }
}
