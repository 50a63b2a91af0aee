package io.mlwb.app.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.ToolWindowSpec;
import io.mlwb.app.testing.TestContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitFeatureTest {
    private final Contributions contributions = Contributions.of(List.of(new GitFeature()));

    @Test
    void contributesTheBottomGitToolWindow() {
        ToolWindowSpec git = contributions.toolWindows().get(0);
        assertEquals("git", git.id());
        assertEquals("Git", git.title());
        assertEquals(ToolWindowSpec.Side.BOTTOM, git.side());
        assertEquals("Alt+9", git.shortcut());
    }

    @Test
    void commitAndRefreshActionsNeedAProject() {
        List<ActionSpec> actions = contributions.actions();
        assertEquals(List.of("git.commit", "git.refresh"), actions.stream().map(ActionSpec::id).toList());
        ActionSpec commit = actions.get(0);
        assertEquals("Commit\u2026", commit.title());
        assertEquals("Git", commit.menu());
        assertEquals("Shortcut+K", commit.shortcut());
        assertFalse(commit.enabled().test(new TestContext(null)));
        assertFalse(actions.get(1).enabled().test(new TestContext(null)));
    }

    @Test
    void refreshTellsEveryPaneTheProjectChanged() {
        var ctx = new TestContext(null);
        int[] fired = {0};
        ctx.addProjectListener(() -> fired[0]++);
        contributions.actions().get(1).handler().accept(ctx);
        assertEquals(1, fired[0]);
    }

    @Test
    void opensCommitsButNotFiles() {
        assertTrue(contributions.editorFor(new ItemRef("commit", "abc1234")).isPresent());
        assertTrue(contributions.editorFor(ItemRef.file("a.txt")).isEmpty());
    }

    @Test
    void isListedForTheServiceLoader() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/io.mlwb.app.shell.Feature")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.lines().map(String::strip).anyMatch(GitFeature.class.getName()::equals), text);
        }
    }
}
