package io.mlwb.tracking.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.tracking.TrackedRun;
import io.mlwb.tracking.TrackingService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import service over a real catalog: DVCLive folders made as DVCLive writes them (see
 * src/test/fixtures/make_dvclive_fixtures.py) come out of {@code runs list/show} JSON value by value; a second import
 * skips; an import stopped half way, or failing inside a run, leaves whole runs only; the source is untouched.
 */
class ImportServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        return copyTree(Path.of("src/test/resources/imports").resolve(name), dir.resolve("src-" + name));
    }

    /** Copies a fixture folder so that a test works on its own copy; returns the copy. */
    static Path copyTree(Path src, Path dst) throws IOException {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }

    static Map<String, String> hashes(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = root.relativize(p).toString();
                if (Files.isRegularFile(p)) {
                    out.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(p))) + " " + Files.getLastModifiedTime(p).toMillis());
                } else {
                    out.put(rel, "dir");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    void dvcliveRunsComeOutValueByValue() throws Exception {
        Path src = fixture("dvclive");
        Map<String, String> before = hashes(src);
        JsonNode expected = JSON.readTree(src.resolve("expected.json").toFile());
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            ImportService.Report r = new ImportService(catalog, CLOCK).importFrom("dvclive", src, "me", Progress.NONE);
            assertEquals(2, r.imported().size(), r.toString());
            assertEquals(List.of(), r.skipped());
            assertEquals(5 + 5 + 3, r.points());
            TrackingService t = new TrackingService(catalog);
            List<TrackedRun> runs = t.list("", true);
            assertEquals(2, runs.size());
            Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                TrackedRun run = runs.stream().filter(x -> x.source().id().equals(e.getKey())).findFirst()
                        .orElseThrow(() -> new AssertionError("no run for " + e.getKey()));
                assertEquals("dvclive", run.source().kind());
                assertEquals(src.toAbsolutePath().normalize().toString(), run.source().path());
                assertEquals("finished", run.status());
                assertEquals(src.getFileName().toString(), run.experiment());
                JsonNode runJson = JSON.readTree(JSON.writeValueAsString(t.show(run.id()).toJson()));
                assertEquals(e.getValue().get("params"), runJson.get("params"), e.getKey());
                assertEquals(e.getValue().get("latest"), runJson.get("latest"), e.getKey());
                assertEquals(e.getValue().get("series"), runJson.get("series"), e.getKey());
                assertEquals(JSON.createObjectNode(), runJson.get("tags"));
            }
            TrackedRun a = runs.stream().filter(x -> x.source().id().equals("exp-a/dvclive")).findFirst().get();
            assertEquals(1767225600000L, a.startMs());
            assertEquals(1767225604000L, a.endMs());
            TrackedRun b = runs.stream().filter(x -> x.source().id().equals("exp-b/dvclive")).findFirst().get();
            assertNull(b.startMs(), "no timestamps logged, so no start");
            assertEquals(2, new AuditLog(catalog).list(0, 10).stream()
                    .filter(x -> x.action().equals("run.import")).count());

            ImportService.Report again = new ImportService(catalog, CLOCK).importFrom("dvclive", src, "me", Progress.NONE);
            assertEquals(List.of(), again.imported());
            assertEquals(r.imported().stream().sorted().toList(), again.skipped().stream().sorted().toList());
            assertEquals(2, t.list("", true).size(), "no duplicates");
        }
        assertEquals(before, hashes(src), "the source is byte-for-byte unchanged");
    }

    @Test
    void tensorboardRunsComeOutOfRunsShowAsTensorBoardReadsThem() throws Exception {
        Path src = fixture("tensorboard").resolve("logs");
        Map<String, String> before = hashes(src);
        JsonNode expected = JSON.readTree(src.resolveSibling("expected.json").toFile()).get("runs");
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            ImportService.Report r = new ImportService(catalog, CLOCK).importFrom("tensorboard", src, "me",
                    Progress.NONE);
            assertEquals(expected.size(), r.imported().size(), r.toString());
            TrackingService t = new TrackingService(catalog);
            Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                TrackedRun run = t.list("", true).stream().filter(x -> x.source().id().equals(e.getKey()))
                        .findFirst().orElseThrow(() -> new AssertionError("no run for " + e.getKey()));
                JsonNode shown = JSON.readTree(JSON.writeValueAsString(t.show(run.id()).toJson()));
                assertEquals(e.getValue().get("params"), shown.get("params"), e.getKey());
                assertEquals(e.getValue().get("start_ms").asLong(), shown.get("start_ms").asLong());
                Iterator<Map.Entry<String, JsonNode>> tags = e.getValue().get("scalars").fields();
                while (tags.hasNext()) {
                    Map.Entry<String, JsonNode> tag = tags.next();
                    List<List<Object>> want = new java.util.ArrayList<>();
                    for (JsonNode p : tag.getValue()) {
                        JsonNode v = p.get(2);
                        Object value = v.isTextual() ? switch (v.asText()) {
                            case "nan" -> "NaN";
                            case "inf" -> "Infinity";
                            case "-inf" -> "-Infinity";
                            default -> throw new AssertionError(v.asText());
                        } : (Object) v.asDouble();
                        want.add(List.of(p.get(0).asLong(), p.get(1).asLong(), value));
                    }
                    want.sort(java.util.Comparator.<List<Object>>comparingLong(x -> (Long) x.get(0))
                            .thenComparingLong(x -> (Long) x.get(1)));
                    List<List<Object>> got = new java.util.ArrayList<>();
                    for (JsonNode p : shown.get("series").get(tag.getKey())) {
                        got.add(List.of(p.get(0).asLong(), p.get(1).asLong(),
                                p.get(2).isTextual() ? p.get(2).asText() : (Object) p.get(2).asDouble()));
                    }
                    assertEquals(want, got, e.getKey() + " " + tag.getKey());
                }
            }
        }
        assertEquals(before, hashes(src), "the source is byte-for-byte unchanged");
    }

    @Test
    void aStoppedImportLeavesWholeRunsAndFinishesLater() throws Exception {
        Path src = fixture("dvclive");
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            ImportService s = new ImportService(catalog, CLOCK);
            int[] reported = new int[1];
            ImportService.Report first = s.importFrom("dvclive", src, "me", new Progress() {
                @Override
                public void report(double fraction, String message) {
                    reported[0]++;
                }

                @Override
                public boolean cancelled() {
                    return reported[0] >= 2; // the start, then one run
                }
            });
            assertEquals(1, first.imported().size());
            assertFalse(first.complete());
            assertEquals(1, new TrackingService(catalog).list("", true).size());
            ImportService.Report second = s.importFrom("dvclive", src, "me", Progress.NONE);
            assertEquals(1, second.imported().size());
            assertEquals(first.imported(), second.skipped());
            assertEquals(2, new TrackingService(catalog).list("", true).size());
        }
    }

    @Test
    void aRunThatFailsHalfWayLeavesNothingOfItself() {
        ImportedSeries pts = new ImportedSeries.Builder().add(0, 1, 0.5).add(1, 2, 0.25).build();
        Map<String, String> badParams = new HashMap<>();
        badParams.put("ok", "1");
        badParams.put(null, "a NULL key breaks the insert after the run row and a series are written");
        ImportedRun good = new ImportedRun("r1", "good", "exp", "finished", 1L, 2L, false, null, Map.of("a", "1"),
                Map.of(), Map.of("loss", pts), null, List.of());
        ImportedRun bad = new ImportedRun("r2", "bad", "exp", "finished", 1L, 2L, false, "r1", badParams,
                Map.of(), Map.of("loss", pts), null, List.of());
        SourceReader reader = new SourceReader() {
            @Override
            public String kind() {
                return "mlflow";
            }

            @Override
            public List<ImportedRun> read(Path path) {
                return List.of(good, bad);
            }
        };
        Map<String, Supplier<SourceReader>> readers = Map.of("mlflow", () -> reader);
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            ImportService s = new ImportService(catalog, CLOCK, readers);
            assertThrows(CatalogException.class, () -> s.importFrom("mlflow", dir, "me", Progress.NONE));
            assertEquals(1, new TrackingService(catalog).list("", true).size(), "the good run landed whole");
            assertEquals(1L, count(catalog, "SELECT count(*) FROM run"));
            assertEquals(1L, count(catalog, "SELECT count(*) FROM metric_key"), "no series of the failed run");
            assertEquals(1L, count(catalog, "SELECT count(*) FROM run_source"));
            assertEquals(1L, count(catalog, "SELECT count(*) FROM run_param"));
            // the parent is found in the catalog when a later import brings the child
            ImportedRun fixed = new ImportedRun("r2", "bad", "exp", "finished", 1L, 2L, true, "r1", Map.of("ok", "1"),
                    Map.of(), Map.of("loss", pts), null, List.of());
            ImportService s2 = new ImportService(catalog, CLOCK, Map.of("mlflow", () -> new SourceReader() {
                @Override
                public String kind() {
                    return "mlflow";
                }

                @Override
                public List<ImportedRun> read(Path path) {
                    return List.of(fixed);
                }
            }));
            ImportService.Report r = s2.importFrom("mlflow", dir, "me", Progress.NONE);
            TrackedRun child = new TrackingService(catalog).list("", true).stream()
                    .filter(x -> x.id() == r.imported().get(0)).findFirst().orElseThrow();
            assertNotNull(child.parentId());
            assertTrue(child.deleted(), "a run deleted in the source is imported soft-deleted");
        }
    }

    @Test
    void badSourcesGetClearErrors() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            ImportService s = new ImportService(catalog, CLOCK);
            UserError missing = assertThrows(UserError.class,
                    () -> s.importFrom("dvclive", dir.resolve("nope"), "me", Progress.NONE));
            assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
            UserError kind = assertThrows(UserError.class, () -> s.importFrom("wandb", dir, "me", Progress.NONE));
            assertTrue(kind.getMessage().contains("wandb"), kind.getMessage());
            Path empty = Files.createDirectories(dir.resolve("empty"));
            assertThrows(UserError.class, () -> s.importFrom("dvclive", empty, "me", Progress.NONE));
            Path broken = Files.createDirectories(dir.resolve("broken/plots/metrics"));
            Files.writeString(broken.resolve("loss.tsv"), "step\tloss\n0\t0.5\n1\n");
            UserError bad = assertThrows(UserError.class,
                    () -> s.importFrom("dvclive", dir.resolve("broken"), "me", Progress.NONE));
            assertTrue(bad.getMessage().contains("loss.tsv line 3"), bad.getMessage());
            Files.writeString(dir.resolve("broken/metrics.json"), "{\"loss\": ");
            Files.writeString(broken.resolve("loss.tsv"), "step\tloss\n0\t0.5\n");
            UserError json = assertThrows(UserError.class,
                    () -> s.importFrom("dvclive", dir.resolve("broken"), "me", Progress.NONE));
            assertTrue(json.getMessage().contains("metrics.json"), json.getMessage());
            assertEquals(0, new TrackingService(catalog).list("", true).size(), "nothing half-imported");
        }
    }

    private static long count(Catalog catalog, String sql) {
        return catalog.read("count", c -> {
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
