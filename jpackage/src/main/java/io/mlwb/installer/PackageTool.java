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
 *   <li>{@code shrink DIR PREFIX PACKAGE}: the one jar in DIR whose name starts with PREFIX cut down to the classes
 *       of PACKAGE (a/b/) that the other jars in DIR can reach: the classes they name, then everything those name
 *       in turn, each kept with its outer and nested classes; resources stay. Used for fastutil, whose
 *       12,795 classes Tablesaw needs fewer than 2,000 of.</li>
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
        } else if (args.length == 4 && "shrink".equals(args[0])) {
            shrink(Path.of(args[1]), args[2], args[3]);
        } else {
            System.err.println("usage: pack-natives JAR OUTDIR SLIMJAR | trim-natives DIR | shrink DIR PREFIX PACKAGE");
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
        if (n.contains(".dsym/") || n.endsWith(".pdb")) {
            return true; // macOS and Windows debug symbols (ONNX Runtime ships 150 MB and 358 MB of them)
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

    static void shrink(Path dir, String prefix, String pkg) throws IOException {
        Path jar = null;
        java.util.List<Path> others = new java.util.ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path j : jars) {
                if (j.getFileName().toString().startsWith(prefix)) {
                    jar = j;
                } else {
                    others.add(j);
                }
            }
        }
        if (jar == null) {
            throw new IOException("no jar named " + prefix + "* in " + dir);
        }
        java.util.regex.Pattern ref = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(pkg)
                + "[A-Za-z0-9_$/]+|" + java.util.regex.Pattern.quote(pkg.replace('/', '.')) + "[A-Za-z0-9_$.]+");
        java.util.Map<String, java.util.Set<String>> edges = references(jar, ref);
        java.util.Set<String> inJar = edges.keySet();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>();
        for (Path other : others) {
            references(other, ref).values().forEach(todo::addAll);
        }
        java.util.Map<String, java.util.List<String>> nested = new java.util.HashMap<>();
        for (String c : inJar) {
            nested.computeIfAbsent(outer(c), k -> new java.util.ArrayList<>()).add(c);
        }
        java.util.Set<String> keep = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (!inJar.contains(c) || !keep.add(c)) {
                continue;
            }
            todo.addAll(edges.get(c));
            todo.add(outer(c));
            todo.addAll(nested.getOrDefault(c, java.util.List.of())); // nested classes go with their outer class
        }
        long before = Files.size(jar);
        keepOnly(jar, entry -> !entry.endsWith(".class") || entry.startsWith("META-INF/")
                || keep.contains(entry.substring(0, entry.length() - 6)));
        System.out.printf("[installer] %s: %d of %d classes reachable from the other jars, kept; %.1f MB saved%n",
                jar.getFileName(), keep.size(), inJar.size(), (before - Files.size(jar)) / 1e6);
    }

    private static String outer(String className) {
        int d = className.indexOf('$');
        return d < 0 ? className : className.substring(0, d);
    }

    /**
     * The classes under a package that each class file of a jar names, found as text in the class file: a class
     * named anywhere (a class constant, a field or method descriptor, a signature, a string given to
     * {@code Class.forName}) is spelled out in its constant pool, so this over-approximates and never misses one.
     *
     * @return class (internal name, a/b/C$D) to the classes of the package it names
     */
    static java.util.Map<String, java.util.Set<String>> references(Path jar, java.util.regex.Pattern ref)
            throws IOException {
        java.util.Map<String, java.util.Set<String>> refs = new java.util.HashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String n = e.getName();
                if (e.isDirectory() || !n.endsWith(".class") || n.endsWith("module-info.class")) {
                    continue;
                }
                String self = n.startsWith("META-INF/versions/") ? n.substring(n.indexOf('/', 18) + 1) : n;
                java.util.Set<String> to = refs.computeIfAbsent(self.substring(0, self.length() - 6),
                        k -> new java.util.HashSet<>());
                String text;
                try (InputStream in = zip.getInputStream(e)) {
                    text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                java.util.regex.Matcher m = ref.matcher(text);
                while (m.find()) {
                    to.add(m.group().replace('.', '/'));
                }
            }
        }
        return refs;
    }

    private static void keepOnly(Path jar, Predicate<String> keep) throws IOException {
        Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), "shrink", ".jar");
        try (ZipFile zip = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.isDirectory() || keep.test(e.getName())) {
                    copy(zip, e, out);
                }
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
