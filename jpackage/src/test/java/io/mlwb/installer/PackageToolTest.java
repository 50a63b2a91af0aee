package io.mlwb.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageToolTest {
    @TempDir
    Path dir;

    private Path jar(String name, String... entries) throws Exception {
        Path jar = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String e : entries) {
                out.putNextEntry(new ZipEntry(e));
                out.write(("bytes of " + e).getBytes());
                out.closeEntry();
            }
        }
        return jar;
    }

    private static List<String> names(Path jar) throws Exception {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            return z.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void onlyLinuxX8664NativesStay() {
        assertFalse(PackageTool.otherPlatformNative("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so"));
        assertFalse(PackageTool.otherPlatformNative("linux/amd64/libzstd-jni-1.5.7-3.so"));
        assertFalse(PackageTool.otherPlatformNative("com/sun/jna/linux-x86-64/libjnidispatch.so"));
        assertFalse(PackageTool.otherPlatformNative("org/sqlite/JDBC.class"));
        assertFalse(PackageTool.otherPlatformNative("libprism_sw.so"), "JavaFX's natives name no system: kept");
        assertFalse(PackageTool.otherPlatformNative("ai/onnxruntime/native/linux-x64/libonnxruntime.so"));
        assertFalse(PackageTool.otherPlatformNative("ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so"));
        assertTrue(PackageTool.otherPlatformNative("ai/onnxruntime/native/linux-aarch64/libonnxruntime.so"));
        assertTrue(PackageTool.otherPlatformNative("ai/onnxruntime/native/win-x64/onnxruntime.dll"));
        assertTrue(PackageTool.otherPlatformNative("ai/onnxruntime/native/win-x64/onnxruntime.pdb"));
        assertTrue(PackageTool.otherPlatformNative("ai/onnxruntime/native/osx-x64/libonnxruntime.dylib"));
        assertTrue(PackageTool.otherPlatformNative(
                "ai/onnxruntime/native/osx-x64/libonnxruntime.dylib.dSYM/Contents/Resources/Relocations/x86_64/a.yml"));
        assertFalse(PackageTool.otherPlatformNative("libglass.so"));
        assertTrue(PackageTool.otherPlatformNative("org/sqlite/native/Linux/x86/libsqlitejdbc.so"));
        assertTrue(PackageTool.otherPlatformNative("com/sun/jna/win32-x86-64/jnidispatch.dll"));
        assertTrue(PackageTool.otherPlatformNative("org/xerial/snappy/native/SunOS/x86_64/libsnappyjava.so"));
        assertTrue(PackageTool.otherPlatformNative("org/sqlite/native/Linux-Musl/x86_64/libsqlitejdbc.so"));
        assertTrue(PackageTool.otherPlatformNative("org/sqlite/native/Linux-Android/x86_64/libsqlitejdbc.so"));
        assertTrue(PackageTool.otherPlatformNative("org/sqlite/native/Mac/x86_64/libsqlitejdbc.dylib"));
        assertTrue(PackageTool.otherPlatformNative("win/amd64/libzstd-jni-1.5.7-3.dll"));
        assertTrue(PackageTool.otherPlatformNative("linux/aarch64/libzstd-jni-1.5.7-3.so"));
    }

    @Test
    void trimmingKeepsEverythingElseAndLeavesSignedJarsAlone() throws Exception {
        Path j = jar("sqlite.jar", "org/sqlite/JDBC.class", "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
                "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll");
        assertTrue(PackageTool.trimNatives(j, PackageTool::otherPlatformNative) > 0);
        assertEquals(List.of("org/sqlite/JDBC.class", "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so"), names(j));
        assertEquals(0, PackageTool.trimNatives(j, PackageTool::otherPlatformNative), "nothing left to trim");

        Path signed = jar("signed.jar", "META-INF/X.SF", "win/amd64/a.dll");
        assertEquals(0, PackageTool.trimNatives(signed, PackageTool::otherPlatformNative));
        assertEquals(2, names(signed).size());
    }

    @Test
    void packedNativesUnpackToTheSameBytes() throws Exception {
        Path j = jar("natives.jar", "native/lib/pytorch.properties", "pytorch/cpu/linux-x86_64/libtorch.so",
                "pytorch/cpu/linux-x86_64/libc10.so");
        Path out = dir.resolve("packed");
        Path slim = dir.resolve("slim.jar");
        PackageTool.packNatives(j, out, slim);
        assertEquals(List.of("native/lib/pytorch.properties"), names(slim));
        Path target = dir.resolve("cache/v-cpu-linux-x86_64");
        assertTrue(PackedNatives.unpack(out, target));
        assertEquals("bytes of pytorch/cpu/linux-x86_64/libtorch.so", Files.readString(target.resolve("libtorch.so")));
        assertEquals("bytes of pytorch/cpu/linux-x86_64/libc10.so", Files.readString(target.resolve("libc10.so")));
    }


    @Test
    void shrinkKeepsWhatTheOtherJarsReachAndItsClosure(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path fastutil = jarOf(it.unimi.dsi.fastutil.ints.IntArrayList.class);
        Path tablesaw = jarOf(tech.tablesaw.api.Table.class);
        Files.copy(fastutil, dir.resolve(fastutil.getFileName()));
        Files.copy(tablesaw, dir.resolve(tablesaw.getFileName()));
        Path shrunk = dir.resolve(fastutil.getFileName());
        PackageTool.shrink(dir, "fastutil-", "it/unimi/dsi/fastutil/");

        java.util.Set<String> kept;
        try (ZipFile zip = new ZipFile(shrunk.toFile())) {
            kept = zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class"))
                    .collect(java.util.stream.Collectors.toSet());
        }
        // every fastutil class Tablesaw names is kept, with what it names in turn (its interfaces, nested classes)
        java.util.regex.Pattern ref = java.util.regex.Pattern.compile("it/unimi/dsi/fastutil/[A-Za-z0-9_$/]+");
        for (java.util.Set<String> named : PackageTool.references(tablesaw, ref).values()) {
            for (String c : named) {
                assertTrue(kept.contains(c + ".class"), c + " is named by Tablesaw but was dropped");
            }
        }
        assertTrue(kept.contains("it/unimi/dsi/fastutil/ints/IntList.class"));
        assertTrue(kept.contains("it/unimi/dsi/fastutil/ints/IntArrayList$Spliterator.class"), "nested kept");
        assertFalse(kept.contains("it/unimi/dsi/fastutil/chars/Char2ReferenceAVLTreeMap.class"), "unreached dropped");
        assertTrue(Files.size(shrunk) < Files.size(fastutil) / 3, "most of fastutil is not reached");

        // Tablesaw runs on the shrunk jar: a table with int, double and string columns, sorted and filtered
        // (the whole test class path, with the shrunk fastutil in place of the original)
        java.util.List<java.net.URL> urls = new java.util.ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            urls.add((p.toAbsolutePath().equals(fastutil.toAbsolutePath()) ? shrunk : p).toUri().toURL());
        }
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> table = loader.loadClass("tech.tablesaw.api.Table");
            Object csv = table.getMethod("read").invoke(null);
            Object t = csv.getClass().getMethod("csv", String.class, String.class).invoke(csv,
                    "id,x,g\n3,1.5,a\n1,2.5,b\n2,0.5,a\n", "t");
            Object sorted = table.getMethod("sortOn", String[].class).invoke(t, (Object) new String[] {"id"});
            assertEquals(3, table.getMethod("rowCount").invoke(sorted));
            assertTrue(sorted.toString().contains("2.5"));
        }
    }

    private static Path jarOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
