package io.mlwb.vcs.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LfsPointerTest {
    private static final String OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";
    private static final String POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID
            + "\nsize 987654321\n";

    @TempDir
    Path dir;

    @Test
    void detectsAPointer() throws Exception {
        Path file = Files.writeString(dir.resolve("weights.bin"), POINTER, StandardCharsets.UTF_8);
        assertEquals(Optional.of(new LfsPointer(file, OID, 987_654_321L)), LfsPointer.detect(file));
    }

    @Test
    void detectsAPointerWithWindowsLineEndingsAndExtensionLines() throws Exception {
        String text = "version https://git-lfs.github.com/spec/v1\r\next-0-foo sha256:" + OID + "\r\noid sha256:"
                + OID + "\r\nsize 5\r\n";
        Path file = Files.writeString(dir.resolve("p"), text, StandardCharsets.UTF_8);
        assertEquals(5, LfsPointer.detect(file).orElseThrow().size());
    }

    @Test
    void realContentIsNotAPointer() throws Exception {
        Path csv = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");
        assertEquals(Optional.empty(), LfsPointer.detect(csv));
        assertEquals(csv, LfsPointer.requireContent(csv));
        Path noOid = Files.writeString(dir.resolve("half"), "version https://git-lfs.github.com/spec/v1\nsize 3\n");
        assertEquals(Optional.empty(), LfsPointer.detect(noOid));
        Path big = Files.write(dir.resolve("big"), (POINTER + " ".repeat(2000)).getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), LfsPointer.detect(big), "pointers are smaller than 1024 bytes");
    }

    @Test
    void requireContentTellsThePersonToPull() throws Exception {
        Path file = Files.writeString(dir.resolve("train.csv"), POINTER, StandardCharsets.UTF_8);
        UserError e = assertThrows(UserError.class, () -> LfsPointer.requireContent(file));
        assertTrue(e.getMessage().startsWith(file + " is a Git LFS pointer"), e.getMessage());
        assertTrue(e.whatToDo().contains("git lfs pull"), e.whatToDo());
    }

    @Test
    void missingFileIsAUserError() {
        Path missing = dir.resolve("gone.bin");
        UserError e = assertThrows(UserError.class, () -> LfsPointer.detect(missing));
        assertEquals(missing + " does not exist.", e.getMessage());
        assertThrows(UserError.class, () -> LfsPointer.requireContent(dir));
    }
}
