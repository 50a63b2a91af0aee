package io.mlwb.installer;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build-time steps of the Linux package (run by build-installer.sh, never by the installed app):
 * <ul>
 *   <li>{@code pack-natives JAR OUTDIR SLIMJAR}: the PyTorch natives jar's libraries zstd-compressed (level 19, long
 *       window) into {@code OUTDIR/NAME.zst}, and the jar without them into {@code SLIMJAR} (DJL still reads its
 *       {@code native/lib/pytorch.properties}); {@link PackedNatives} unpacks them on first start.</li>
 *   <li>{@code trim-natives DIR}: every jar in DIR without the native libraries of other systems than Linux x86-64
 *       (sqlite-jdbc, zstd-jni, snappy-java and JNA carry those of 20 platforms, ONNX Runtime those of five and
 *       macOS debug symbols); jars with a signature are left alone.</li>
 * </ul>
 */
public final class PackageTool {
    private PackageTool() {
    }

    /** @param args a step and its arguments, as above */
    public static void main(String[] args) throws IOException {
        if (args.length == 4 && "pack-natives".equals(args[0])) {
            packNatives(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
        } else if (args.length == 2 && "trim-natives".equals(args[0])) {
            long saved = 0;
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(args[1]), "*.jar")) {
                for (Path jar : jars) {
                    saved += trimNatives(jar, PackageTool::otherPlatformNative);
                }
            }
            System.out.printf("[installer] trimmed other platforms' natives: %.1f MB%n", saved / 1e6);
        } else {
            System.err.println("usage: pack-natives JAR OUTDIR SLIMJAR | trim-natives DIR");
            System.exit(2);
        }
    }

    static void packNatives(Path jar, Path outDir, Path slimJar) throws IOException {
        Files.createDirectories(outDir);
        Path tmp = Files.createTempFile(slimJar.toAbsolutePath().getParent(), "slim", ".jar");
        try (ZipFile zip = new ZipFile(jar.toFile());
             ZipOutputStream slim = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.isDirectory() && e.getName().startsWith("pytorch/")) {
                    String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                    try (InputStream in = zip.getInputStream(e);
                         ZstdOutputStream out = new ZstdOutputStream(Files.newOutputStream(outDir.resolve(name + ".zst")),
                                 19)) {
                        out.setLong(27);
                        out.setWorkers(Runtime.getRuntime().availableProcessors());
                        in.transferTo(out);
                    }
                } else {
                    copy(zip, e, slim);
                }
            }
        }
        Files.move(tmp, slimJar, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * @return whether a jar entry is a native library whose path names another system than Linux x86-64; a library
     *         whose path names no system (JavaFX's, at the jar's root) is kept
     */
    static boolean otherPlatformNative(String entry) {
        String n = entry.toLowerCase(Locale.ROOT);
        if (n.contains(".dsym/")) {
            return true; // macOS debug symbols (ONNX Runtime ships 150 MB of them)
        }
        if (!(n.endsWith(".so") || n.contains(".so.") || n.endsWith(".dll") || n.endsWith(".dylib")
                || n.endsWith(".jnilib") || n.endsWith(".a"))) {
            return false;
        }
        for (String os : OTHER_SYSTEMS) {
            if (n.contains(os)) {
                return true;
            }
        }
        if (!n.contains("linux")) {
            return false; // no system named: keep
        }
        boolean x64 = n.contains("x86_64") || n.contains("amd64") || n.contains("x86-64") || n.contains("x64");
        return !x64;
    }

    private static final java.util.List<String> OTHER_SYSTEMS = java.util.List.of("darwin", "mac/", "macos", "osx",
            "win/", "win32", "win64", "windows", "freebsd", "openbsd", "dragonflybsd", "aix/", "sunos", "android",
            "musl", ".dll", ".dylib", ".jnilib");

    /** @return the bytes saved; the jar is rewritten only when something is removed */
    static long trimNatives(Path jar, Predicate<String> drop) throws IOException {
        long before = Files.size(jar);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            boolean signed = zip.stream().anyMatch(e -> e.getName().startsWith("META-INF/") && e.getName().endsWith(".SF"));
            if (signed || zip.stream().noneMatch(e -> !e.isDirectory() && drop.test(e.getName()))) {
                return 0;
            }
            Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), "trim", ".jar");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    if (e.isDirectory() || !drop.test(e.getName())) {
                        copy(zip, e, out);
                    }
                }
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        return before - Files.size(jar);
    }

    private static void copy(ZipFile zip, ZipEntry e, ZipOutputStream out) throws IOException {
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        out.putNextEntry(copy);
        if (!e.isDirectory()) {
            try (InputStream in = zip.getInputStream(e)) {
                in.transferTo(out);
            }
        }
        out.closeEntry();
    }
}
