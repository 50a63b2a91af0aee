package io.mlwb.vcs.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintsTest {
    @TempDir
    Path dir;

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static String blobId(byte[] data) {
        return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, data).name();
    }

    @Test
    void hashesMatchJGitAndMessageDigest() throws Exception {
        for (int size : new int[] {0, 1, 1023, 1024, (1 << 20) - 1, 1 << 20, (1 << 20) + 17, 3 * (1 << 20) + 5}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            Path file = Files.write(dir.resolve("f" + size + ".bin"), data);
            FileFingerprint fp = Fingerprints.fingerprint(file);
            assertEquals(size, fp.size());
            assertEquals(sha256(data), fp.sha256(), "sha256 of " + size + " bytes");
            assertEquals(blobId(data), fp.gitBlobId(), "blob id of " + size + " bytes");
            assertFalse(fp.isLfsPointer());
            assertEquals(file, fp.path());
        }
    }

    @Test
    void bytesAlreadyReadFingerprintAsTheFileDoes() throws Exception {
        for (int size : new int[] {0, 1, 1023, (1 << 20) + 17}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            Path file = Files.write(dir.resolve("b" + size + ".bin"), data);
            assertEquals(Fingerprints.fingerprint(file), Fingerprints.fingerprint(file, data), size + " bytes");
        }
        String pointer = "version https://git-lfs.github.com/spec/v1\n"
                + "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
                + "size 12345\n";
        Path file = Files.writeString(dir.resolve("lfs.csv"), pointer, StandardCharsets.UTF_8);
        FileFingerprint fp = Fingerprints.fingerprint(file, pointer.getBytes(StandardCharsets.UTF_8));
        assertEquals(Fingerprints.fingerprint(file), fp);
        assertTrue(fp.isLfsPointer());
    }

    @Test
    void emptyFileHasGitsWellKnownEmptyBlobId() throws Exception {
        Path file = Files.write(dir.resolve("empty"), new byte[0]);
        assertEquals("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", Fingerprints.fingerprint(file).gitBlobId());
    }

    @Test
    void lfsPointerIsFlagged() throws Exception {
        String pointer = "version https://git-lfs.github.com/spec/v1\n"
                + "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
                + "size 12345\n";
        Path file = Files.writeString(dir.resolve("train.csv"), pointer, StandardCharsets.UTF_8);
        FileFingerprint fp = Fingerprints.fingerprint(file);
        assertTrue(fp.isLfsPointer());
        assertEquals(12345, fp.lfsPointer().orElseThrow().size());
        assertEquals(blobId(pointer.getBytes(StandardCharsets.UTF_8)), fp.gitBlobId());
    }

    @Test
    void reportsProgressByBytesAndEndsAtOne() throws Exception {
        byte[] data = new byte[200 << 20];
        Path file = Files.write(dir.resolve("big.bin"), data);
        List<Double> fractions = new ArrayList<>();
        Progress recording = new Progress() {
            @Override
            public void report(double fraction, String message) {
                fractions.add(fraction);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        Fingerprints.fingerprint(file, recording);
        assertEquals(0.0, fractions.get(0));
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        assertTrue(fractions.size() >= 4, "intermediate reports expected: " + fractions);
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "fractions must not go back: " + fractions);
        }
    }

    @Test
    void honoursCancel() throws Exception {
        Path file = Files.write(dir.resolve("f.bin"), new byte[3 << 20]);
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThrows(Cancelled.class, () -> Fingerprints.fingerprint(file, cancelled));
    }

    @Test
    void missingFileAndFolderAreUserErrors() {
        Path missing = dir.resolve("missing.csv");
        UserError e = assertThrows(UserError.class, () -> Fingerprints.fingerprint(missing));
        assertEquals(missing + " does not exist.", e.getMessage());
        UserError folder = assertThrows(UserError.class, () -> Fingerprints.fingerprint(dir));
        assertEquals(dir + " is a folder, not a file.", folder.getMessage());
    }
}
