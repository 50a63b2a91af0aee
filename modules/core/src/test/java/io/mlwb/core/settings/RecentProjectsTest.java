package io.mlwb.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentProjectsTest {

    @Test
    void openedPutsNewestFirstWithoutDuplicates(@TempDir Path tmp) {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        RecentProjects r = RecentProjects.defaults().opened(a).opened(b).opened(tmp.resolve("x/../a"));
        assertEquals(List.of(a, b), r.paths());
    }

    @Test
    void keepsAtMostTenDroppingTheOldest(@TempDir Path tmp) {
        RecentProjects r = RecentProjects.defaults();
        for (int i = 0; i < 12; i++) {
            r = r.opened(tmp.resolve("p" + i));
        }
        List<Path> expected = IntStream.iterate(11, i -> i >= 2, i -> i - 1).mapToObj(i -> tmp.resolve("p" + i)).toList();
        assertEquals(expected, r.paths());
        assertEquals(RecentProjects.MAX, r.paths().size());
    }

    @Test
    void constructorDropsRepeatsAndExtras(@TempDir Path tmp) {
        List<Path> many = new ArrayList<>();
        many.add(tmp.resolve("dup"));
        for (int i = 0; i < 15; i++) {
            many.add(tmp.resolve(i == 3 ? "dup" : "p" + i));
        }
        RecentProjects r = new RecentProjects(many);
        assertEquals(10, r.paths().size());
        assertEquals(tmp.resolve("p0"), r.paths().get(1));
        assertEquals(tmp.resolve("p4"), r.paths().get(4));
    }

    @Test
    void existingHidesMissingFoldersButKeepsThem(@TempDir Path tmp) throws IOException {
        Path here = Files.createDirectory(tmp.resolve("here"));
        Path gone = tmp.resolve("gone");
        Path file = Files.writeString(tmp.resolve("file.txt"), "not a folder");
        RecentProjects r = RecentProjects.defaults().opened(gone).opened(file).opened(here);
        assertEquals(List.of(here), r.existing());
        assertEquals(List.of(here, file, gone), r.paths());
        Files.createDirectory(gone); // the disk came back
        assertEquals(List.of(here, gone), r.existing());
    }

    @Test
    void removedDropsOnlyThatFolder(@TempDir Path tmp) {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        RecentProjects r = RecentProjects.defaults().opened(a).opened(b);
        assertEquals(List.of(a), r.removed(tmp.resolve("b/.")).paths());
        assertEquals(List.of(b, a), r.removed(tmp.resolve("c")).paths());
    }
}
