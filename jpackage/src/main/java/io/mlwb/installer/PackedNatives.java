package io.mlwb.installer;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The PyTorch CPU natives in the installed package: carried zstd-compressed ({@code natives/pytorch/*.zst}, 75 MB
 * instead of the 111 MB of the Maven jar and the 448 MB extracted) and unpacked once, offline, into the folder where
 * DJL looks for them first, its engine cache ({@code ~/.djl.ai/pytorch/VERSION-FLAVOR-CLASSIFIER}, as DJL's own
 * {@code LibUtils} names it). DJL then finds {@code libtorch.so} there and never looks for natives elsewhere; the
 * package keeps only the natives jar's {@code pytorch.properties}, from which DJL reads that version.
 */
final class PackedNatives {
    /** System property naming the folder of packed natives; the launcher sets it to {@code $APPDIR/natives}. */
    static final String PROPERTY = "mlwb.natives";

    private PackedNatives() {
    }

    /**
     * Unpacks the package's PyTorch natives into DJL's cache unless they are there already. Does nothing outside
     * the installed package (no {@value #PROPERTY}), so a checkout keeps DJL's own extraction from the jar.
     *
     * @return the folder unpacked into, or null when there was nothing to do
     */
    static Path prepare() {
        String root = System.getProperty(PROPERTY);
        if (root == null || root.isBlank()) {
            return null;
        }
        Path packed = Path.of(root, "pytorch");
        if (!Files.isDirectory(packed)) {
            return null;
        }
        ai.djl.util.Platform platform = ai.djl.util.Platform.detectPlatform("pytorch");
        Path target = ai.djl.util.Utils.getEngineCacheDir("pytorch")
                .resolve(platform.getVersion() + '-' + platform.getFlavor() + '-' + platform.getClassifier());
        return unpack(packed, target) ? target : null;
    }

    /**
     * Unpacks every {@code NAME.zst} in {@code packed} to {@code target/NAME}, through a temporary folder beside it
     * that is moved into place whole, so an interrupted first start leaves nothing half written.
     *
     * @return true when it unpacked, false when {@code target} already held {@code libtorch.so}
     */
    static boolean unpack(Path packed, Path target) {
        if (Files.isRegularFile(target.resolve(System.mapLibraryName("torch")))) {
            return false;
        }
        long started = System.nanoTime();
        System.err.println("mlwb: unpacking the PyTorch natives (first start only) into " + target + " ...");
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "mlwb-natives");
            try (DirectoryStream<Path> files = Files.newDirectoryStream(packed, "*.zst")) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    try (InputStream in = new ZstdInputStream(Files.newInputStream(f)).setLongMax(31)) {
                        Files.copy(in, tmp.resolve(name.substring(0, name.length() - ".zst".length())));
                    }
                }
            }
            if (Files.isDirectory(target)) {
                // DJL may have put its JNI library there already; keep it and move ours in beside it
                try (Stream<Path> s = Files.list(tmp)) {
                    for (Path f : (Iterable<Path>) s::iterator) {
                        Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } else {
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target);
                }
                tmp = null;
            }
            System.err.printf("mlwb: unpacked in %.1f s%n", (System.nanoTime() - started) / 1e9);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the PyTorch natives into " + target + ": " + e.getMessage()
                    + ". Check that the folder is writable and has 450 MB free.", e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
