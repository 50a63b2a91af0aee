package io.mlwb.modelcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A review bundle: one zip with the card, its evidence and a signed manifest, which anyone can check offline
 * ({@code mlwb card verify-bundle}). {@code manifest.json} lists every other file with its SHA-256, the model version,
 * the signer (git identity) and the signer's Ed25519 public key; {@code manifest.sig} is the Ed25519 signature of
 * {@code manifest.json}'s bytes. The signing key is the person's own, made on first use and kept outside every project
 * ({@code $XDG_DATA_HOME/mlwb/signing-key.der}, else {@code ~/.local/share/mlwb/}), readable by its owner only; the key's
 * fingerprint is printed so a reviewer can compare it with the one they expect.
 */
public final class ReviewBundle {
    /** The manifest's name in the bundle. */
    public static final String MANIFEST = "manifest.json";
    /** The signature's name in the bundle. */
    public static final String SIGNATURE = "manifest.sig";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ReviewBundle() {
    }

    /**
     * Writes a bundle.
     *
     * @param out      the zip to write
     * @param files    bundle path → content (card.md, card.html, evidence/…)
     * @param about    what the bundle is about (model version, card hash, status...), kept in the manifest
     * @param signer   the signer, "Name &lt;email&gt;"
     * @param keyFile  the signing key (made when missing)
     * @return the key's fingerprint (SHA-256 of the public key, hex)
     */
    public static String write(Path out, Map<String, byte[]> files, Map<String, Object> about, String signer,
                               Path keyFile) {
        KeyPair keys = keys(keyFile);
        Map<String, String> hashes = new TreeMap<>();
        files.forEach((name, bytes) -> hashes.put(name, sha256(bytes)));
        Map<String, Object> manifest = new LinkedHashMap<>(about);
        manifest.put("files", hashes);
        manifest.put("signer", signer);
        manifest.put("algorithm", "Ed25519");
        manifest.put("public_key", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        byte[] manifestBytes;
        byte[] sig;
        try {
            manifestBytes = JSON.writeValueAsBytes(manifest);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(keys.getPrivate());
            s.update(manifestBytes);
            sig = Base64.getEncoder().encode(s.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("signing a manifest cannot fail with a valid key", e);
        }
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(raw)) {
                entry(z, MANIFEST, manifestBytes);
                entry(z, SIGNATURE, sig);
                for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
                    entry(z, e.getKey(), e.getValue());
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("Cannot write " + out + ": " + e.getMessage(), "Check the path.", ExitCode.BAD_INPUT,
                    e);
        }
        return fingerprint(keys.getPublic());
    }

    private static void entry(ZipOutputStream z, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        z.putNextEntry(e);
        z.write(bytes);
        z.closeEntry();
    }

    /**
     * What a check found.
     *
     * @param ok          whether the signature holds and every file matches
     * @param signer      who signed, per the manifest
     * @param fingerprint the signing key's fingerprint
     * @param about       the manifest's other facts (model version, card hash...)
     * @param problems    one sentence per file that does not match (changed, missing, added) or per signature problem
     */
    public record Verification(boolean ok, String signer, String fingerprint, Map<String, Object> about,
                               List<String> problems) {
        /** Copies the collections. */
        public Verification {
            about = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(about));
            problems = List.copyOf(problems);
        }
    }

    /**
     * Checks a bundle.
     *
     * @param zip the bundle
     * @return what was found
     * @throws UserError (exit 2) when the file is missing or not a bundle
     */
    public static Verification verify(Path zip) {
        Map<String, byte[]> content = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (!e.isDirectory()) {
                    content.put(e.getName(), z.readAllBytes());
                }
            }
        } catch (NoSuchFileException e) {
            throw new UserError("There is no bundle " + zip + ".", "Check the path.", ExitCode.BAD_INPUT, e);
        } catch (IOException e) {
            throw new UserError(zip + " is not a zip: " + e.getMessage(), "Check the file.", ExitCode.BAD_INPUT, e);
        }
        byte[] manifestBytes = content.remove(MANIFEST);
        byte[] sig = content.remove(SIGNATURE);
        if (manifestBytes == null || sig == null) {
            throw new UserError(zip + " is not a review bundle (no " + MANIFEST + " or " + SIGNATURE + ").",
                    "Make one with `mlwb card bundle NAME --out FILE.zip`.");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestBytes);
        } catch (IOException e) {
            return new Verification(false, null, null, Map.of(), List.of(MANIFEST + " is not JSON: it was changed"));
        }
        List<String> problems = new ArrayList<>();
        String fingerprint = null;
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(manifest.path("public_key").asText())));
            fingerprint = fingerprint(key);
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(manifestBytes);
            if (!s.verify(Base64.getDecoder().decode(sig))) {
                problems.add(MANIFEST + ": the signature does not match (the manifest or its signature was changed)");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            problems.add(MANIFEST + ": the signature cannot be checked (" + e.getMessage() + ")");
        }
        JsonNode files = manifest.path("files");
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            byte[] bytes = content.get(f.getKey());
            if (bytes == null) {
                problems.add(f.getKey() + ": missing from the bundle");
            } else if (!sha256(bytes).equals(f.getValue().asText())) {
                problems.add(f.getKey() + ": changed (its SHA-256 no longer matches the signed manifest)");
            }
        }
        for (String name : content.keySet()) {
            if (!files.has(name)) {
                problems.add(name + ": not in the signed manifest (added after signing)");
            }
        }
        Map<String, Object> about = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!List.of("files", "public_key", "signer", "algorithm").contains(f.getKey())) {
                about.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
            }
        }
        return new Verification(problems.isEmpty(), manifest.path("signer").asText(null), fingerprint, about,
                problems);
    }

    /** @return where a person's signing key lives */
    public static Path defaultKeyFile() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local",
                "share");
        return base.resolve("mlwb").resolve("signing-key.der");
    }

    private static KeyPair keys(Path file) {
        try {
            KeyFactory f = KeyFactory.getInstance("Ed25519");
            if (Files.isRegularFile(file)) {
                PrivateKey priv = f.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
                Path pub = file.resolveSibling(file.getFileName() + ".pub");
                PublicKey pk = f.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub)));
                return new KeyPair(pk, priv);
            }
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(file.getParent());
            Files.write(file, kp.getPrivate().getEncoded());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own protection applies
            }
            Files.write(file.resolveSibling(file.getFileName() + ".pub"), kp.getPublic().getEncoded());
            return kp;
        } catch (IOException | GeneralSecurityException e) {
            throw new UserError("Cannot read or make the signing key " + file + ": " + e.getMessage(),
                    "Check the file, or move it aside to make a new key.", ExitCode.BAD_INPUT, e);
        }
    }

    private static String fingerprint(PublicKey key) {
        return sha256(key.getEncoded());
    }

    /**
     * @param bytes some bytes
     * @return their SHA-256, hex
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** @return the JSON a manifest shows of some facts (for the evidence page) */
    static ObjectNode facts(Map<String, Object> about) {
        return JSON.valueToTree(about);
    }

    /** @return bytes of a text */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** @return a small HTML page listing facts, for the evidence */
    static byte[] page(String title, Map<String, String> sections) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;"
                        + "margin:2rem auto;padding:0 1rem}pre{background:#f6f8fa;padding:.6rem;overflow:auto}"
                        + "</style></head><body><h1>").append(esc(title)).append("</h1>\n");
        sections.forEach((h, body) -> sb.append("<h2>").append(esc(h)).append("</h2>\n<pre>").append(esc(body))
                .append("</pre>\n"));
        sb.append("</body></html>\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(sb.toString()));
        return out.toByteArray();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
