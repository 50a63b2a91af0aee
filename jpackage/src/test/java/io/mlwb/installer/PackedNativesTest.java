package io.mlwb.installer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackedNativesTest {
    @TempDir
    Path dir;

    private byte[] pack(Path packed, String name, long seed) throws Exception {
        byte[] data = new byte[300_000];
        new Random(seed).nextBytes(data);
        Files.createDirectories(packed);
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(packed.resolve(name + ".zst")), 19)) {
            out.write(data);
        }
        return data;
    }

    @Test
    void unpacksEveryFileOnceAndKeepsWhatDjlPutThereBefore() throws Exception {
        Path packed = dir.resolve("natives/pytorch");
        String torch = System.mapLibraryName("torch");
        byte[] a = pack(packed, torch, 1);
        byte[] b = pack(packed, "libc10.so", 2);
        Path target = dir.resolve("cache/pytorch/2.7.1-cpu-linux-x86_64");
        Files.createDirectories(target);
        Files.writeString(target.resolve("0.35.1-libdjl_torch.so"), "jni");

        assertTrue(PackedNatives.unpack(packed, target));
        assertArrayEquals(a, Files.readAllBytes(target.resolve(torch)));
        assertArrayEquals(b, Files.readAllBytes(target.resolve("libc10.so")));
        assertTrue(Files.exists(target.resolve("0.35.1-libdjl_torch.so")));
        try (var s = Files.list(target.getParent())) {
            assertTrue(s.allMatch(p -> p.equals(target)), "no temporary folder is left");
        }

        Files.delete(target.resolve("libc10.so"));
        assertFalse(PackedNatives.unpack(packed, target), "libtorch is there: nothing to do");
    }

    @Test
    void aFreshCacheGetsTheWholeFolderMovedIntoPlace() throws Exception {
        Path packed = dir.resolve("natives/pytorch");
        byte[] a = pack(packed, System.mapLibraryName("torch"), 3);
        Path target = dir.resolve("empty-home/.djl.ai/pytorch/v-cpu-linux-x86_64");
        assertTrue(PackedNatives.unpack(packed, target));
        assertArrayEquals(a, Files.readAllBytes(target.resolve(System.mapLibraryName("torch"))));
    }

    @Test
    void outsideThePackageNothingHappens() {
        System.clearProperty(PackedNatives.PROPERTY);
        assertTrue(PackedNatives.prepare() == null);
    }
}
