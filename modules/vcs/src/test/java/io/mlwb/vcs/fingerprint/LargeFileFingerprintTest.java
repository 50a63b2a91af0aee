package io.mlwb.vcs.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.job.Progress;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ~3 GB sparse file is fingerprinted in flat memory. Measures heap, never time. Tagged {@code large}: it
 * takes 8-18 s on a shared 2-core machine, so the default build skips it (see the module pom).
 */
@Tag("large")
class LargeFileFingerprintTest {
    private static final long SIZE = 3L * 1024 * 1024 * 1024 + 12_345;
    private static final long MAX_HEAP_GROWTH = 64L << 20;

    @TempDir
    Path dir;

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void threeGigabyteFileKeepsHeapFlat() throws Exception {
        Path file = dir.resolve("sparse.bin");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(SIZE);
        }
        System.gc();
        long before = usedHeap();
        AtomicLong peak = new AtomicLong();
        // Sampled while reading: the read buffer and digests must not grow with the file.
        Progress sampling = new Progress() {
            @Override
            public void report(double fraction, String message) {
                peak.accumulateAndGet(usedHeap(), Math::max);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        FileFingerprint fp = Fingerprints.fingerprint(file, sampling);
        System.gc();
        long after = usedHeap();

        assertEquals(SIZE, fp.size());
        assertTrue(peak.get() - before < MAX_HEAP_GROWTH, "peak heap grew by " + (peak.get() - before));
        assertTrue(after - before < MAX_HEAP_GROWTH, "heap grew by " + (after - before));
    }
}
