package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlwb.vcs.GitRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in-process, over real git repositories and real catalog files. */
class CliTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result mlwb(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Path initProject() {
        Path p = tmp.resolve("p");
        Result r = mlwb("init", p.toString(), "--name", "credit");
        assertEquals(0, r.code(), r.err());
        return p;
    }

    @Test
    void versionNamesProductJavaSqliteAndJgit() {
        Result r = mlwb("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("mlwb "), r.out());
        assertTrue(r.out().contains("Java 17") || r.out().contains("Java "), r.out());
        assertTrue(r.out().matches("(?s).*SQLite 3\\.\\d+.*"), r.out());
        assertTrue(r.out().matches("(?s).*JGit 7\\.\\d+.*"), r.out());
    }

    @Test
    void initMakesRepositoryWithOneCommitConfigAndWalCatalogIgnoredByGit() throws Exception {
        Path p = initProject();
        assertTrue(Files.isRegularFile(p.resolve("mlwb.yaml")));
        assertTrue(Files.isRegularFile(p.resolve(".mlwb/catalog.db")));
        assertTrue(Files.readString(p.resolve(".gitignore")).lines().anyMatch(l -> l.strip().equals(".mlwb/")));
        try (GitRepo repo = GitRepo.open(p)) {
            assertEquals(1, repo.history(0, 10).size());
            assertTrue(repo.status().untracked().isEmpty(), "the catalog must be ignored: " + repo.status());
            assertFalse(repo.workTreeState().dirty());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + p.resolve(".mlwb/catalog.db"));
             Statement st = c.createStatement(); var rs = st.executeQuery("PRAGMA journal_mode")) {
            assertEquals("wal", rs.getString(1));
        }
    }

    @Test
    void initTwiceIsAUserError() {
        Path p = initProject();
        Result r = mlwb("init", p.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("already an mlwb project"), r.err());
        assertFalse(r.err().contains("at io.mlwb"), "no stack trace: " + r.err());
    }

    @Test
    void statusJsonReportsProjectGitAndCatalog() throws Exception {
        Path p = initProject();
        Result r = mlwb("--project", p.toString(), "status", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("credit", doc.path("project").asText());
        assertEquals("main", doc.path("git").path("branch").asText());
        assertFalse(doc.path("git").path("dirty").asBoolean());
        assertEquals(40, doc.path("git").path("commit").asText().length());
        assertEquals("read-write", doc.path("catalog").path("mode").asText());
        assertEquals(1, doc.path("catalog").path("counts").path("audit_entries").asLong());
    }

    @Test
    void statusShowsDirtyTreeAfterEditingATrackedFile() throws Exception {
        Path p = initProject();
        Files.writeString(p.resolve("mlwb.yaml"), Files.readString(p.resolve("mlwb.yaml")) + "\n# edited\n");
        Result r = mlwb("status", "--project", p.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dirty"), r.out());
    }

    @Test
    void auditVerifyPassesThenFailsAfterTampering() throws Exception {
        Path p = initProject();
        Result ok = mlwb("--project", p.toString(), "audit", "verify");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        Result list = mlwb("--project", p.toString(), "audit", "list", "--json");
        assertEquals(0, list.code());
        JsonNode first = new ObjectMapper().readTree(list.out()).path("entries").get(0);
        assertEquals("project.create", first.path("action").asText());

        String url = "jdbc:sqlite:" + p.resolve(".mlwb/catalog.db");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE audit_log SET actor = 'mallory'"),
                    "the trigger must refuse updates");
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String trigger : triggersOn(c)) {
                st.executeUpdate("DROP TRIGGER " + trigger);
            }
            st.executeUpdate("UPDATE audit_log SET actor = 'mallory'");
        }
        Result broken = mlwb("--project", p.toString(), "audit", "verify");
        assertEquals(1, broken.code(), broken.out() + broken.err());
        assertTrue(broken.out().contains("BROKEN at entry 1"), broken.out());
    }

    private static java.util.List<String> triggersOn(Connection c) throws SQLException {
        var names = new java.util.ArrayList<String>();
        try (Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void malformedConfigIsExit2WithFileLineAndColumn() throws Exception {
        Path p = initProject();
        Files.writeString(p.resolve("mlwb.yaml"), "name: credit\ntraining:\n  seed: abc\n");
        Result r = mlwb("--project", p.toString(), "status");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("mlwb.yaml:3:"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void noProjectIsExit2WithWhatToDo() {
        Result r = mlwb("--project", tmp.toString(), "status");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("mlwb init"), r.err());
    }

    @Test
    void unknownOptionIsExit2() {
        Result r = mlwb("status", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--no-such-option"), r.err());
    }

    @Test
    void corruptCatalogIsAClearErrorAndTheFileIsUntouched() throws Exception {
        Path p = initProject();
        Path db = p.resolve(".mlwb/catalog.db");
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Files.deleteIfExists(p.resolve(".mlwb/catalog.db" + suffix));
        }
        byte[] garbage = "this is not a database, just text pretending to be one.".repeat(40).getBytes();
        Files.write(db, garbage);
        Result r = mlwb("--project", p.toString(), "status");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("catalog.db"), r.err());
        assertTrue(java.util.Arrays.equals(garbage, Files.readAllBytes(db)), "the corrupt file must be left as it was");
    }
}
