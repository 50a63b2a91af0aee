package io.mlwb.installer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @Test
    void noArgumentsOrOpenStartTheWorkbenchAndAnythingElseTheCli() {
        assertTrue(Main.opensWorkbench(new String[0]));
        assertTrue(Main.opensWorkbench(new String[] {"open", "/tmp/p"}));
        assertFalse(Main.opensWorkbench(new String[] {"--version"}));
        assertFalse(Main.opensWorkbench(new String[] {"--project", "p", "train"}));
        assertFalse(Main.opensWorkbench(new String[] {"profile", "open"}));
    }

    @Test
    void aProjectFileOpensItsFolderAndOtherArgumentsAreKept(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("mlwb.yaml"), "name: p\n");
        assertArrayEquals(new String[] {"open", dir.toAbsolutePath().toString()},
                Main.projectFolder(new String[] {"open", yaml.toString()}));
        assertArrayEquals(new String[] {"open", dir.toString()}, Main.projectFolder(new String[] {"open", dir.toString()}));
        Path other = Files.writeString(dir.resolve("other.yaml"), "x: 1\n");
        assertArrayEquals(new String[] {"open", other.toString()}, Main.projectFolder(new String[] {"open", other.toString()}));
    }
}
