package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlwb profile} end to end on real files and a real project. */
class ProfileCommandTest {
    @TempDir
    Path tmp;

    private Path csv(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void jsonHasRowsColumnsStatsAndNullForUndefinedValues() throws Exception {
        Path f = csv("t.csv", "x,y,c,k\n1,2,a,5\n2,4,b,5\n3,6,a,5\n4,,b,5\n");
        Path out = tmp.resolve("p.json");
        CliTest.Result r = CliTest.mlwb("profile", f.toString(), "--json", out.toString(), "--full-correlations");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertEquals(4, doc.path("rows").asLong());
        JsonNode x = doc.path("columns").get(0);
        assertEquals("x", x.path("name").asText());
        assertEquals("numeric", x.path("type").asText());
        assertEquals(2.5, x.path("mean").asDouble(), 1e-12);
        assertEquals(1.2909944487358056, x.path("std").asDouble(), 1e-12);
        assertEquals(1.75, x.path("p25").asDouble(), 1e-12);
        JsonNode y = doc.path("columns").get(1);
        assertEquals(1, y.path("missing").asLong());
        JsonNode k = doc.path("columns").get(3);
        assertTrue(k.path("skewness").isNull() || k.path("skewness").asDouble() == 0, "constant column: " + k);
        assertTrue(doc.path("correlations").path("pearson").path("x").path("k").isNull(),
                "correlation with a constant column is null: " + doc.path("correlations"));
        assertEquals(1.0, doc.path("correlations").path("pearson").path("x").path("y").asDouble(), 1e-12);
        assertTrue(r.out().contains("4 rows x 4 columns"), r.out());
    }

    @Test
    void byDefaultTheJsonListsCorrelationPairsNotMatrices() throws Exception {
        Path f = csv("t.csv", "x,y,z,k\n1,2,9,5\n2,4,1,5\n3,6,7,5\n4,9,2,5\n");
        Path out = tmp.resolve("p.json");
        assertEquals(0, CliTest.mlwb("profile", f.toString(), "--json", out.toString(), "--top-pairs", "1").code());
        JsonNode corr = new ObjectMapper().readTree(out.toFile()).path("correlations");
        assertEquals(0.9, corr.path("threshold").asDouble(), 0.0);
        assertEquals(1, corr.path("topPairs").asInt());
        JsonNode pearson = corr.path("pearson");
        assertEquals("[\"x\",\"y\",\"z\",\"k\"]", pearson.path("columns").toString());
        // x-y is above the threshold; the strongest one asked is that one; undefined pairs (with k) never listed
        assertEquals(1, pearson.path("pairs").size(), pearson.toString());
        assertEquals("x", pearson.path("pairs").get(0).path("a").asText());
        assertEquals("y", pearson.path("pairs").get(0).path("b").asText());
        assertFalse(pearson.has("x"), "no matrix rows");

        assertEquals(2, CliTest.mlwb("profile", f.toString(), "--top-pairs", "-1").code());
        assertEquals(2, CliTest.mlwb("profile", f.toString(), "--alerts", "some").code());
    }

    @Test
    void repeatedAlertsPrintAsOneLineUnlessAllAreAsked() throws Exception {
        StringBuilder b = new StringBuilder("g0,g1,g2,g3,g4\n");
        for (int i = 0; i < 6; i++) {
            b.append(i).append(',').append(i * 3).append(',').append(10 - i).append(',').append(i * i).append(',')
                    .append(i + 0.5).append('\n');
        }
        Path f = csv("wide.csv", b.toString());
        CliTest.Result grouped = CliTest.mlwb("profile", f.toString());
        assertEquals(0, grouped.code(), grouped.err());
        assertTrue(grouped.out().contains("  5 columns have unique values: g0, g1, g2, … (list with --alerts all)"),
                grouped.out());
        assertFalse(grouped.out().contains("g3 has unique values"), grouped.out());

        CliTest.Result all = CliTest.mlwb("profile", f.toString(), "--alerts", "all");
        assertEquals(0, all.code(), all.err());
        for (int c = 0; c < 5; c++) {
            assertTrue(all.out().contains("  g" + c + " has unique values"), all.out());
        }
    }

    @Test
    void aDatasetNameUsesItsConfigAndTarget() throws Exception {
        Path p = tmp.resolve("proj");
        assertEquals(0, CliTest.mlwb("init", p.toString()).code());
        Files.createDirectories(p.resolve("data"));
        Files.writeString(p.resolve("data/d.csv"), "a;b;y\n1;x;0\n2;y;1\n3;x;0\n4;y;1\n");
        Files.writeString(p.resolve("mlwb.yaml"), "name: proj\ndatasets:\n  - name: d\n    path: data/d.csv\n"
                + "    delimiter: \";\"\n    target: y\n");
        CliTest.Result r = CliTest.mlwb("--project", p.toString(), "profile", "d", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(3, doc.path("columns").size());
        assertFalse(doc.path("target").isMissingNode(), doc.toString());
    }

    @Test
    void missingFileEmptyFileAndUnknownDatasetAreUserErrors() throws Exception {
        CliTest.Result none = CliTest.mlwb("profile", tmp.resolve("nope.csv").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("nope.csv"), none.err());
        Path empty = csv("empty.csv", "");
        CliTest.Result e = CliTest.mlwb("profile", empty.toString());
        assertEquals(2, e.code(), e.err());
        assertTrue(e.err().contains("empty"), e.err());
        assertFalse(e.err().contains("\tat "), "no stack trace: " + e.err());
    }

    @Test
    void badBinsIsAUserError() throws Exception {
        Path f = csv("t.csv", "x\n1\n");
        assertEquals(2, CliTest.mlwb("profile", f.toString(), "--bins", "0").code());
    }

    @Test
    void htmlReportIsSelfContainedAndCheckExitsOneWhenARuleFails() throws Exception {
        Path p = tmp.resolve("proj");
        assertEquals(0, CliTest.mlwb("init", p.toString()).code());
        Files.createDirectories(p.resolve("data"));
        Files.writeString(p.resolve("data/d.csv"), "id,age\n1,30\n2,17\n2,45\n");
        Files.writeString(p.resolve("mlwb.yaml"), "name: proj\ndatasets:\n  - name: d\n    path: data/d.csv\n"
                + "    rules:\n      - type: unique\n        column: id\n      - type: range\n        column: age\n"
                + "        min: 18\n");
        Path html = tmp.resolve("r.html");
        CliTest.Result r = CliTest.mlwb("--project", p.toString(), "profile", "d", "--check", "--html", html.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL"), r.out());
        assertTrue(r.out().contains("unique(id)"), r.out());
        String page = Files.readString(html);
        assertTrue(page.contains("<svg") && page.contains("age"), "an inline chart per numeric column");
        assertFalse(page.contains("http://") || page.contains("https://"), "no external resources");
        CliTest.Result status = CliTest.mlwb("--project", p.toString(), "status", "--json");
        assertTrue(status.out().contains("\"dataset_versions\" : 1"), "the profile is recorded: " + status.out());
    }

    private static long profilesIn(Path project) {
        try (io.mlwb.catalog.Catalog c = io.mlwb.catalog.Catalog.open(project.resolve(".mlwb/catalog.db"))) {
            return c.read("count", conn -> {
                try (var st = conn.prepareStatement("SELECT COUNT(*) FROM profile"); var rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }

    @Test
    void aFileVersionAlreadyProfiledReusesTheStoredProfileUnlessForced() throws Exception {
        Path p = tmp.resolve("proj");
        assertEquals(0, CliTest.mlwb("init", p.toString()).code());
        Files.createDirectories(p.resolve("data"));
        Files.writeString(p.resolve("data/d.csv"), "id,age,y\n1,30,0\n2,17,1\n3,45,0\n4,52,1\n");
        Files.writeString(p.resolve("mlwb.yaml"), "name: proj\ndatasets:\n  - name: d\n    path: data/d.csv\n"
                + "    target: y\n    rules:\n      - type: range\n        column: age\n        min: 18\n");
        Path first = tmp.resolve("first.json");
        CliTest.Result r1 = CliTest.mlwb("--project", p.toString(), "profile", "d", "--json", first.toString());
        assertEquals(0, r1.code(), r1.err());
        assertFalse(r1.err().contains("stored profile"), r1.err());
        assertEquals(1, profilesIn(p));

        // the same bytes again: the stored profile is used, the JSON is the same, the rules are still checked
        Path second = tmp.resolve("second.json");
        Path html = tmp.resolve("r.html");
        CliTest.Result r2 = CliTest.mlwb("--project", p.toString(), "profile", "d", "--json", second.toString(),
                "--check", "--html", html.toString());
        assertEquals(1, r2.code(), r2.out() + r2.err());
        assertTrue(r2.err().contains("using the stored profile of this file version (d, profiled "), r2.err());
        assertTrue(r2.err().contains("--force to recompute"), r2.err());
        assertTrue(r2.out().contains("FAIL"), r2.out());
        assertTrue(Files.readString(html).contains("<svg"));
        assertEquals(Files.readString(first), Files.readString(second));
        assertEquals(1, profilesIn(p));

        // --force recomputes and records a new profile; other options (bins) do not reuse it either
        CliTest.Result forced = CliTest.mlwb("--project", p.toString(), "profile", "d", "--force");
        assertEquals(0, forced.code(), forced.err());
        assertFalse(forced.err().contains("stored profile"), forced.err());
        assertEquals(2, profilesIn(p));
        CliTest.Result bins = CliTest.mlwb("--project", p.toString(), "profile", "d", "--bins", "5");
        assertFalse(bins.err().contains("stored profile"), bins.err());
        assertEquals(3, profilesIn(p));

        // a changed file is a new version
        Files.writeString(p.resolve("data/d.csv"), "id,age,y\n1,30,0\n2,19,1\n");
        CliTest.Result changed = CliTest.mlwb("--project", p.toString(), "profile", "d");
        assertFalse(changed.err().contains("stored profile"), changed.err());
        assertEquals(4, profilesIn(p));
    }

    @Test
    void approvedSchemaIsCheckedAndTheApprovalIsAudited() throws Exception {
        Path p = tmp.resolve("schema");
        assertEquals(0, CliTest.mlwb("init", p.toString()).code());
        Files.createDirectories(p.resolve("data"));
        Files.writeString(p.resolve("data/d.csv"), "id,age\n1,30\n2,40\n");
        Files.writeString(p.resolve("mlwb.yaml"), "name: schema\ndatasets:\n  - name: d\n    path: data/d.csv\n"
                + "    rules:\n      - type: schema_equals_approved\n");
        CliTest.Result first = CliTest.mlwb("--project", p.toString(), "profile", "d", "--check");
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("WARN"), "no approved schema yet is a warning: " + first.out());
        CliTest.Result approve = CliTest.mlwb("--project", p.toString(), "profile", "d", "--approve-schema");
        assertEquals(0, approve.code(), approve.out() + approve.err());
        assertTrue(approve.out().contains("Approved the schema of d: 2 columns"), approve.out());
        Files.writeString(p.resolve("data/d.csv"), "id,age,city\n1,30,x\n2,40,y\n");
        CliTest.Result changed = CliTest.mlwb("--project", p.toString(), "profile", "d", "--check");
        assertEquals(1, changed.code(), changed.out() + changed.err());
        CliTest.Result audit = CliTest.mlwb("--project", p.toString(), "audit", "list", "--json");
        assertTrue(audit.out().contains("approve_schema"), audit.out());
        assertEquals(0, CliTest.mlwb("--project", p.toString(), "audit", "verify").code());
    }

    private static void commit(Path project, String message, String... paths) {
        try (io.mlwb.vcs.GitRepo repo = io.mlwb.vcs.GitRepo.open(project)) {
            repo.commit(java.util.List.of(paths), message);
        }
    }

    private Path versionedProject() throws Exception {
        Path p = tmp.resolve("versions");
        assertEquals(0, CliTest.mlwb("init", p.toString()).code());
        Files.createDirectories(p.resolve("data"));
        Files.writeString(p.resolve("data/d.csv"), "id,age,income\n1,30,100\n2,40,200\n3,50,300\n4,60,400\n");
        Files.writeString(p.resolve("mlwb.yaml"), "name: versions\ndatasets:\n  - name: d\n    path: data/d.csv\n");
        commit(p, "first", "data/d.csv", "mlwb.yaml");
        Files.writeString(p.resolve("data/d.csv"), "id,age,city\n1,30,x\n2,44,y\n3,50,z\n");
        commit(p, "second", "data/d.csv");
        Files.writeString(p.resolve("data/d.csv"), "id,age,city\n1,30,x\n2,44,y\n");
        return p;
    }

    @Test
    void compareWithARevisionPrintsTheSchemaAndStatisticChanges() throws Exception {
        Path p = versionedProject();
        CliTest.Result r = CliTest.mlwb("--project", p.toString(), "profile", "d", "--compare", "HEAD~1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("d (data/d.csv): HEAD~1 ("), r.out());
        assertTrue(r.out().contains("-> working tree (uncommitted)"), r.out());
        assertTrue(r.out().contains("Rows: 4 -> 2 (-2)"), r.out());
        assertTrue(r.out().contains("Added columns: city"), r.out());
        assertTrue(r.out().contains("Removed columns: income"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+age\\s+mean\\s+45\\.0000\\s+37\\.0000\\s+-17\\.8%")),
                r.out());
        assertEquals(0, profilesIn(p), "a comparison records nothing");
    }

    @Test
    void compareAsJsonHasBothVersionsTheSchemaAndTheChangedStatistics() throws Exception {
        Path p = versionedProject();
        String head;
        try (io.mlwb.vcs.GitRepo repo = io.mlwb.vcs.GitRepo.open(p)) {
            head = repo.head().orElseThrow().sha();
        }
        Files.writeString(p.resolve("data/d.csv"), "id,age,city\n1,30,x\n2,44,y\n3,50,z\n"); // = HEAD again
        CliTest.Result r = CliTest.mlwb("--project", p.toString(), "profile", "d", "--compare", "HEAD~1", "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("d", doc.path("dataset").asText());
        assertEquals("data/d.csv", doc.path("path").asText());
        assertEquals("HEAD~1", doc.path("base").path("rev").asText());
        assertEquals(40, doc.path("base").path("commit").asText().length());
        assertEquals(40, doc.path("base").path("blob").asText().length());
        assertEquals(4, doc.path("base").path("rows").asLong());
        assertEquals(3, doc.path("base").path("columnCount").asLong());
        assertEquals("working", doc.path("current").path("rev").asText());
        assertEquals(head, doc.path("current").path("commit").asText(), "the working tree equals HEAD");
        assertEquals(3, doc.path("current").path("rows").asLong());
        assertEquals("city", doc.path("schema").path("added").get(0).asText());
        assertEquals("income", doc.path("schema").path("removed").get(0).asText());
        assertTrue(doc.path("schema").path("typeChanged").isArray());
        JsonNode mean = null;
        for (JsonNode c : doc.path("columns")) {
            if (c.path("name").asText().equals("age") && c.path("stat").asText().equals("mean")) {
                mean = c;
            }
        }
        assertTrue(mean != null, doc.toString());
        assertEquals(45.0, mean.path("base").asDouble(), 1e-12);
        assertEquals(124.0 / 3, mean.path("current").asDouble(), 1e-12);
        assertEquals(124.0 / 3 - 45, mean.path("delta").asDouble(), 1e-12);
        assertTrue(mean.path("relativeChange").isNumber(), mean.toString());

        // by tag and by full commit id as well
        try (io.mlwb.vcs.GitRepo repo = io.mlwb.vcs.GitRepo.open(p)) {
            repo.tag("v1", "first data");
        }
        assertEquals(0, CliTest.mlwb("--project", p.toString(), "profile", "d", "--compare", head, "--json").code());
        CliTest.Result same = CliTest.mlwb("--project", p.toString(), "profile", "d", "--compare", head);
        assertTrue(same.out().contains("No changes in the schema or the statistics."), same.out());
    }

    @Test
    void compareWithABadRevisionOrOutsideGitIsAUserError() throws Exception {
        Path p = versionedProject();
        CliTest.Result bad = CliTest.mlwb("--project", p.toString(), "profile", "d", "--compare", "no-such-tag");
        assertEquals(2, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("no-such-tag"), bad.err());
        assertFalse(bad.err().contains("\tat "), "no stack trace: " + bad.err());

        Files.writeString(p.resolve("data/new.csv"), "a\n1\n");
        commit(p, "new file", "data/new.csv");
        CliTest.Result absent = CliTest.mlwb("--project", p.toString(), "profile", p.resolve("data/new.csv").toString(),
                "--compare", "HEAD~1");
        assertEquals(2, absent.code(), absent.out() + absent.err());
        assertTrue(absent.err().contains("is not in revision 'HEAD~1'"), absent.err());

        Path loose = tmp.resolve("loose.csv");
        Files.writeString(loose, "a\n1\n");
        CliTest.Result noGit = CliTest.mlwb("profile", loose.toString(), "--compare", "HEAD");
        assertEquals(2, noGit.code(), noGit.out() + noGit.err());
        assertTrue(noGit.err().contains("git"), noGit.err());
        CliTest.Result mixed = CliTest.mlwb("--project", p.toString(), "profile", "d", "--compare", "HEAD", "--check");
        assertEquals(2, mixed.code(), mixed.out() + mixed.err());
    }

    @Test
    void theStreamingThresholdPropertyAppliesToTheCommandToo() throws Exception {
        Path f = csv("t.csv", "x,y\n1,2\n2,4\n3,6\n");
        System.setProperty("mlwb.streaming.thresholdBytes", "5");
        try {
            CliTest.Result r = CliTest.mlwb("profile", f.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("profiling it in streaming mode"), r.err());
            assertTrue(r.out().contains("Streaming profile"), r.out());
        } finally {
            System.clearProperty("mlwb.streaming.thresholdBytes");
        }
    }
}
