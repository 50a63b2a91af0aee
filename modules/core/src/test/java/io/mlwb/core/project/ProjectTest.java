package io.mlwb.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {

    private static Path project(Path dir, String yaml) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(Project.CONFIG_FILE), yaml);
        return dir;
    }

    @Test
    void loadReadsConfigAndWarningsAndKnowsItsFiles(@TempDir Path tmp) throws IOException {
        Path root = project(tmp.resolve("p"), "name: demo\nownr: me\ndatasets:\n  - name: a\n    path: data/a.csv\n");
        Project p = Project.load(root);
        assertEquals(root.toAbsolutePath().normalize(), p.root());
        assertEquals("demo", p.config().name());
        assertEquals(1, p.warnings().size());
        assertEquals(p.root().resolve(".mlwb"), p.stateDir());
        assertEquals(p.root().resolve(".mlwb/catalog.db"), p.catalogFile());
        assertEquals(p.root().resolve("mlwb.yaml"), p.configFile());
        assertEquals(p.root().resolve("data/a.csv"), p.resolve(p.config().datasets().get(0)));
    }

    @Test
    void loadWithoutConfigSaysRunInit(@TempDir Path tmp) {
        UserError e = assertThrows(UserError.class, () -> Project.load(tmp));
        assertEquals("No mlwb.yaml in " + tmp.toAbsolutePath().normalize(), e.getMessage());
        assertTrue(e.whatToDo().contains("mlwb init"), e.whatToDo());
    }

    @Test
    void invalidConfigErrorNamesTheFile(@TempDir Path tmp) throws IOException {
        Path root = project(tmp, "name: x\nrisk_tier: huge\n");
        ConfigError e = assertThrows(ConfigError.class, () -> Project.load(root));
        assertEquals(root.toAbsolutePath().normalize().resolve("mlwb.yaml") + ":2:12: risk_tier must be one of low, "
                + "medium, high, found \"huge\"", e.getMessage());
    }

    @Test
    void resolveRefusesPathsOutsideTheRoot(@TempDir Path tmp) throws IOException {
        Project p = Project.load(project(tmp, "name: x\n"));
        assertThrows(UserError.class, () -> p.resolve(DatasetConfig.of("a", "../outside.csv")));
        assertThrows(UserError.class, () -> p.resolve(DatasetConfig.of("a", tmp.resolve("x.csv").toString())));
        assertThrows(UserError.class, () -> p.resolve(DatasetConfig.of("a", ".")));
    }

    @Test
    void findRootWalksUpFromNestedFoldersAndFiles(@TempDir Path tmp) throws IOException {
        Path root = project(tmp.resolve("proj"), "name: x\n");
        Path nested = Files.createDirectories(root.resolve("data/raw/2025"));
        Path file = Files.writeString(nested.resolve("a.csv"), "x\n1\n");
        Path expected = root.toAbsolutePath().normalize();
        assertEquals(Optional.of(expected), Project.findRoot(root));
        assertEquals(Optional.of(expected), Project.findRoot(nested));
        assertEquals(Optional.of(expected), Project.findRoot(file));
        // The nearest wins: a project inside a project.
        Path inner = project(nested.resolve("inner"), "name: inner\n");
        assertEquals(Optional.of(inner.toAbsolutePath().normalize()), Project.findRoot(inner.resolve(".")));
    }

    @Test
    void findRootOutsideAnyProjectIsEmpty(@TempDir Path tmp) throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("not/a/project"));
        // A folder named mlwb.yaml is not a config file.
        Files.createDirectories(tmp.resolve("not/mlwb.yaml"));
        assertEquals(Optional.empty(), Project.findRoot(elsewhere));
    }
}
