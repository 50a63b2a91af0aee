package io.mlwb.app.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every key the code or FXML uses exists in a bundle, and every key in a bundle is used. A key built at run time from
 * a literal prefix ({@code "shell.menu." + name}) counts every key with that prefix as used.
 */
class MessagesConsistencyTest {
    private static final Pattern LITERAL = Pattern.compile("\"([a-z][a-zA-Z0-9]*\\.[a-zA-Z0-9_.]+)\"");
    private static final Pattern PREFIX = Pattern.compile("\"([a-z][a-zA-Z0-9]*\\.[a-zA-Z0-9_.]*\\.)\"\\s*\\+");
    private static final Pattern LOOKUP = Pattern.compile(
            "(?:Messages\\.(?:get|format)|getString)\\(\\s*\"([a-zA-Z0-9_.]+)\"");
    private static final Pattern FXML_KEY = Pattern.compile("\"%([a-zA-Z0-9_.]+)\"");

    @Test
    void usedKeysExistAndBundleKeysAreUsed() throws IOException {
        Set<String> defined = new TreeSet<>(Collections.list(Messages.merge(java.util.Locale.ROOT).getKeys()));
        Set<String> literals = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        Set<String> fxmlKeys = new HashSet<>();
        Set<String> lookedUp = new HashSet<>();
        for (Path file : files(Path.of("src/main/java"), ".java")) {
            String text = Files.readString(file);
            collect(LITERAL, text, literals);
            collect(PREFIX, text, prefixes);
            collect(LOOKUP, text, lookedUp);
        }
        for (Path file : files(Path.of("src/main/resources"), ".fxml")) {
            collect(FXML_KEY, Files.readString(file), fxmlKeys);
        }
        Set<String> missing = new TreeSet<>();
        for (String k : lookedUp) {
            if (!k.endsWith(".") && !defined.contains(k)) {
                missing.add(k);
            }
        }
        for (String k : fxmlKeys) {
            if (!defined.contains(k)) {
                missing.add(k);
            }
        }
        Set<String> unused = new TreeSet<>();
        for (String k : defined) {
            boolean used = literals.contains(k) || fxmlKeys.contains(k) || prefixes.stream().anyMatch(k::startsWith);
            if (!used) {
                unused.add(k);
            }
        }
        assertTrue(missing.isEmpty(), "keys used but not in any bundle: " + missing);
        assertTrue(unused.isEmpty(), "keys in a bundle but never used: " + unused);
    }

    private static void collect(Pattern p, String text, Set<String> into) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(suffix)).toList();
        }
    }
}
