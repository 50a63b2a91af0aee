package io.mlwb.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.UserError;
import io.mlwb.core.project.Project;
import io.mlwb.tracking.registry.ModelRef;
import io.mlwb.tracking.registry.ModelRegistry;
import io.mlwb.tracking.registry.RegistrableRuns;
import io.mlwb.vcs.Author;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Review bundles over a real card: verified as written; a changed, missing or added file, or a changed manifest, fails. */
class ReviewBundleTest {
    @TempDir
    Path dir;

    /** Rewrites a zip, changing its entries. */
    private static Path rewrite(Path zip, Path out, UnaryOperator<Map<String, byte[]>> change) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        try (OutputStream raw = Files.newOutputStream(out); ZipOutputStream z = new ZipOutputStream(raw)) {
            for (Map.Entry<String, byte[]> e : change.apply(entries).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out;
    }

    @Test
    void aBundleVerifiesAndEveryTamperingIsNamed() throws Exception {
        Files.writeString(dir.resolve("mlwb.yaml"), "name: credit\nrisk_tier: low\n");
        Project p = Project.load(dir);
        Path key = dir.resolve("keys/signing-key.der");
        try (Catalog catalog = Catalog.open(p.catalogFile())) {
            long run = RegistrableRuns.finished(catalog, dir, null, "r", RegistrableRuns.SIGNATURE, null, null);
            new ModelRegistry(catalog, dir, null).register(run, "credit", null, null, false, "ada");
            CardService cards = new CardService(catalog, p);
            Author ada = new Author("Ada", "ada@example.com");
            cards.create(ModelRef.parse("credit@1"), ada);
            Path zip = dir.resolve("out/bundle.zip");
            String fingerprint = cards.bundle("credit", zip, ada, key);
            assertEquals(64, fingerprint.length());
            assertTrue(Files.exists(key) && Files.exists(dir.resolve("keys/signing-key.der.pub")), "the key was made");
            assertEquals(fingerprint, cards.bundle("credit", dir.resolve("out/again.zip"), ada, key),
                    "the same key signs the next bundle");
            assertTrue(new AuditLog(catalog).list(0, 50).stream().anyMatch(e -> e.action().equals("card.bundle")));

            ReviewBundle.Verification ok = ReviewBundle.verify(zip);
            assertTrue(ok.ok(), ok.problems().toString());
            assertEquals("Ada <ada@example.com>", ok.signer());
            assertEquals(fingerprint, ok.fingerprint());
            assertEquals("credit@1", ok.about().get("model"));

            ReviewBundle.Verification changed = ReviewBundle.verify(rewrite(zip, dir.resolve("changed.zip"), m -> {
                m.put("card.md", (new String(m.get("card.md"), StandardCharsets.UTF_8) + "edit").getBytes(
                        StandardCharsets.UTF_8));
                m.remove("card.html");
                m.put("notes.txt", "added".getBytes(StandardCharsets.UTF_8));
                return m;
            }));
            assertFalse(changed.ok());
            assertEquals(List.of("card.html: missing from the bundle",
                    "card.md: changed (its SHA-256 no longer matches the signed manifest)",
                    "notes.txt: not in the signed manifest (added after signing)"),
                    changed.problems().stream().sorted().toList());

            ReviewBundle.Verification forged = ReviewBundle.verify(rewrite(zip, dir.resolve("forged.zip"), m -> {
                String manifest = new String(m.get(ReviewBundle.MANIFEST), StandardCharsets.UTF_8)
                        .replace("\"status\" : \"draft\"", "\"status\" : \"approved\"");
                m.put(ReviewBundle.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
                return m;
            }));
            assertFalse(forged.ok());
            assertTrue(forged.problems().get(0).contains("the signature does not match"), forged.problems().toString());

            assertTrue(assertThrows(UserError.class, () -> ReviewBundle.verify(dir.resolve("nope.zip"))).getMessage()
                    .contains("There is no bundle"));
            Files.writeString(dir.resolve("plain.zip"), "not a zip");
            assertThrows(UserError.class, () -> ReviewBundle.verify(dir.resolve("plain.zip")));
        }
    }
}
