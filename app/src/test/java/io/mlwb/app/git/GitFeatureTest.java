package io.mlwb.app.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.app.shell.ActionSpec;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.MenuSpec;
import io.mlwb.app.shell.ToolWindowSpec;
import io.mlwb.app.shell.ToolbarEntry;
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
        assertEquals(GitFeature.TOOL_WINDOW, git.id());
        assertEquals(ToolWindowSpec.Side.BOTTOM, git.side());
    }

    @Test
    void commitAndRefreshActionsGoIntoItsOwnMenuAndNeedAProject() {
        List<ActionSpec> actions = contributions.actions();
        assertEquals(List.of(GitFeature.COMMIT, GitFeature.REFRESH), actions.stream().map(ActionSpec::id).toList());
        assertEquals(List.of(GitFeature.MENU), contributions.menus().stream().map(MenuSpec::id).toList());
        assertTrue(actions.stream().allMatch(a -> GitFeature.MENU.equals(a.menu())));
        ActionSpec commit = actions.get(0);
        assertFalse(commit.enabled().test(new TestContext(null)));
        assertFalse(actions.get(1).enabled().test(new TestContext(null)));
    }

    @Test
    void putsCommitOnTheToolbar() {
        assertEquals(List.of(GitFeature.COMMIT), contributions.toolbar().stream().map(ToolbarEntry::actionId).toList());
        contributions.check();
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
