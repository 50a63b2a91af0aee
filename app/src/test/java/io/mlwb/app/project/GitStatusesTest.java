package io.mlwb.app.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlwb.vcs.RepoStatus;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GitStatusesTest {
    @Test
    void aProjectInASubfolderSeesOnlyItsOwnPathsRelativeToItself() {
        RepoStatus repo = new RepoStatus(Set.of("proj/a.txt", "other/b.txt"), Set.of(), Set.of(),
                Set.of("proj/gone/x.txt"), Set.of("proj/new/u.txt"), Set.of("proj/new/c.txt"));
        GitStatuses s = GitStatuses.of(repo, Set.of("proj/build", "other/build"), "proj");

        assertEquals(GitStatus.MODIFIED, s.of("a.txt"));
        assertEquals(GitStatus.NONE, s.of("other/b.txt"));
        assertEquals(GitStatus.MODIFIED, s.of("gone"), "a missing file marks its folder modified");
        assertEquals(GitStatus.CONFLICT, s.of("new"), "the strongest status wins");
        assertEquals(GitStatus.CONFLICT, s.of(""));
        assertEquals(GitStatus.IGNORED, s.of("build"));
        assertEquals(GitStatus.IGNORED, s.of("build/classes/A.class"));
        assertEquals(GitStatus.IGNORED, s.of(".mlwb/catalog.db"));
        assertEquals(GitStatus.NONE, s.of("src"));
    }
}
