package io.mlwb.vcs.fingerprint;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes {@link FileFingerprint}s. The file is read once, front to back, through one fixed 1 MiB buffer
 * that feeds both digests, so memory stays flat however large the file is. Stateless and thread-safe.
 */
public final class Fingerprints {
    private static final Logger LOG = LoggerFactory.getLogger(Fingerprints.class);
    private static final int BUFFER_SIZE = 1 << 20;
    /** Report progress about every 64 MiB; more often only costs time. */
    private static final long REPORT_EVERY = 64L << 20;

    private Fingerprints() {
    }

    /**
     * Fingerprints a file without progress reporting.
     *
     * @throws UserError if the file does not exist, is a folder, cannot be read or changes size while read
     */
    public static FileFingerprint fingerprint(Path file) {
        return fingerprint(file, Progress.NONE);
    }

    /**
     * Fingerprints a file, reporting the fraction of bytes read and stopping when {@code progress} is
     * cancelled.
     *
     * @throws UserError if the file does not exist, is a folder, cannot be read or changes size while read
     * @throws Cancelled once {@code progress} is cancelled
     */
    public static FileFingerprint fingerprint(Path file, Progress progress) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(progress, "progress");
        FileChecks.requireRegularFile(file);
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest sha1 = digest("SHA-1");
        byte[] buffer = new byte[BUFFER_SIZE];
        byte[] head = new byte[LfsPointer.MAX_POINTER_SIZE];
        int headLength = 0;
        long size;
        long read = 0;
        try (InputStream in = open(file)) {
            // The blob header needs the size up front; a size that then disagrees with what we read means
            // the file changed under us, and the fingerprint would describe neither version.
            size = Files.size(file);
            sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
            String message = "Fingerprinting " + file.getFileName();
            progress.report(0, message);
            long nextReport = REPORT_EVERY;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                progress.checkCancelled();
                if (headLength < head.length) {
                    int copy = Math.min(n, head.length - headLength);
                    System.arraycopy(buffer, 0, head, headLength, copy);
                    headLength += copy;
                }
                sha256.update(buffer, 0, n);
                sha1.update(buffer, 0, n);
                read += n;
                if (read > size) {
                    break;
                }
                if (read >= nextReport) {
                    progress.report(size == 0 ? 1 : (double) read / size, message);
                    nextReport += REPORT_EVERY;
                }
            }
        } catch (IOException e) {
            throw FileChecks.unreadable(file, e);
        }
        if (read != size) {
            throw new UserError("%s changed while it was being read (expected %d bytes, read %d)."
                    .formatted(file, size, read),
                    "Wait until whatever writes the file has finished, then try again.", ExitCode.BAD_INPUT, null);
        }
        progress.report(1, "Fingerprinted " + file.getFileName());
        Optional<LfsPointer> pointer = LfsPointer.parse(file, head, headLength);
        HexFormat hex = HexFormat.of();
        FileFingerprint result = new FileFingerprint(file, size, hex.formatHex(sha256.digest()),
                hex.formatHex(sha1.digest()), pointer);
        LOG.debug("Fingerprinted {} ({} bytes, blob {}{})", file, size, result.gitBlobId(),
                pointer.isPresent() ? ", LFS pointer" : "");
        return result;
    }

    /**
     * Fingerprints bytes already read from a file (all of them), as {@link #fingerprint(Path)} would fingerprint the
     * file: for a caller that holds the content anyway and should not read the file a second time.
     *
     * @param file    the file the bytes came from (for the result and the LFS pointer check)
     * @param content the file's whole content; not modified
     * @return the fingerprint
     */
    public static FileFingerprint fingerprint(Path file, byte[] content) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest sha1 = digest("SHA-1");
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        sha256.update(content);
        sha1.update(content);
        int headLength = Math.min(content.length, LfsPointer.MAX_POINTER_SIZE);
        Optional<LfsPointer> pointer = LfsPointer.parse(file, java.util.Arrays.copyOf(content, headLength),
                headLength);
        HexFormat hex = HexFormat.of();
        return new FileFingerprint(file, content.length, hex.formatHex(sha256.digest()), hex.formatHex(sha1.digest()),
                pointer);
    }

    private static InputStream open(Path file) throws IOException {
        // FileInputStream reads straight into the heap buffer; the NIO channel stream copies through a
        // direct buffer and measured several times slower on large files.
        return file.getFileSystem() == FileSystems.getDefault() ? new FileInputStream(file.toFile())
                : Files.newInputStream(file);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1 and SHA-256.
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
