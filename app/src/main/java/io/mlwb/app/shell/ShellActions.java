package io.mlwb.app.shell;

import io.mlwb.app.jobs.FxJobs;
import io.mlwb.app.jobs.JobsView;
import io.mlwb.app.jobs.JobsViewModel;
import io.mlwb.app.log.LogView;
import io.mlwb.app.log.LogViewModel;
import io.mlwb.app.log.UiLogAppender;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.problems.ProblemsView;
import io.mlwb.app.problems.ProblemsViewModel;
import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import java.util.function.Consumer;

/**
 * The shell's own parts, registered like a feature's: the File, View and Help menus with their actions, the
 * toolbar's open, theme and palette buttons, and the Jobs, Log and Problems tool windows.
 */
final class ShellActions {
    /** Opens a folder. */
    static final String OPEN = "file.open";
    /** Makes a new project. */
    static final String NEW = "file.new";
    /** Opens the bundled sample; the recent-projects submenu follows it in File. */
    static final String SAMPLE = "file.sample";
    /** The Jobs tool window. */
    static final String JOBS = "jobs";
    /** The Problems tool window. */
    static final String PROBLEMS = "problems";

    private ShellActions() {
    }

    /**
     * What the shell's actions act on.
     *
     * @param opener      the open/new/sample dialogs
     * @param vm          the window's state (close project, theme)
     * @param preferences shows the preferences dialog
     * @param closeTab    closes the selected editor tab
     * @param palette     shows the command palette
     * @param help        shows the shortcuts
     * @param quit        saves the layout and quits
     */
    record Targets(ProjectOpener opener, WorkbenchViewModel vm, Runnable preferences, Runnable closeTab,
                   Runnable palette, Runnable help, Runnable quit) {
    }

    /** Registers the shell's menus, actions, toolbar entries and tool windows. */
    static void contribute(Contributions c, Targets t, FxJobs jobs, ProblemsModel problems) {
        c.menu(new MenuSpec(ActionSpec.FILE_MENU, "shell.menu.file", 10));
        c.menu(new MenuSpec(ActionSpec.VIEW_MENU, "shell.menu.view", 30));
        c.menu(new MenuSpec(ActionSpec.HELP_MENU, "shell.menu.help", 1000));
        String file = ActionSpec.FILE_MENU;
        c.action(new ActionSpec(OPEN, Messages.get("shell.action.open"), file, AppIcon.FOLDER_OPEN,
                "Shortcut+O", ctx -> true, run(() -> t.opener().chooseAndOpen())));
        c.action(new ActionSpec(NEW, Messages.get("shell.action.new"), file, AppIcon.PLUS,
                "Shortcut+Shift+N", ctx -> true, run(() -> t.opener().newProject())));
        c.action(new ActionSpec(SAMPLE, Messages.get("shell.action.sample"), file, AppIcon.DATASET,
                null, ctx -> SampleProjects.bundledDir().isPresent(), run(() -> t.opener().openSample())));
        c.action(new ActionSpec("file.closeProject", Messages.get("shell.action.closeProject"), file, null,
                null, ActionSpec.needsProject(), run(() -> t.vm().closeProject())));
        c.action(new ActionSpec("editor.close", Messages.get("shell.action.closeTab"), file, AppIcon.CLOSE,
                "Shortcut+W", ctx -> true, run(t.closeTab())));
        c.action(new ActionSpec("app.preferences", Messages.get("shell.action.preferences"), file, AppIcon.SETTINGS,
                "Shortcut+Comma", ctx -> true, run(t.preferences())));
        c.action(new ActionSpec("app.quit", Messages.get("shell.action.quit"), file, null,
                "Shortcut+Q", ctx -> true, run(t.quit())));
        c.action(new ActionSpec("view.theme", Messages.get("shell.action.theme"), ActionSpec.VIEW_MENU, AppIcon.THEME,
                "Shortcut+Shift+T", ctx -> true, run(() -> t.vm().toggleTheme())));
        c.action(new ActionSpec("view.palette", Messages.get("shell.action.palette"), ActionSpec.VIEW_MENU,
                AppIcon.COMMAND, "Shortcut+Shift+A", ctx -> true, run(t.palette())));
        c.action(new ActionSpec("help.shortcuts", Messages.get("shell.action.shortcuts"), ActionSpec.HELP_MENU,
                AppIcon.HELP, "F1", ctx -> true, run(t.help())));
        c.toolbar(OPEN, 10);
        c.toolbar("view.theme", 900);
        c.toolbar("view.palette", 910);
        c.toolWindow(new ToolWindowSpec(JOBS, Messages.get("shell.tool.jobs"), AppIcon.JOBS,
                ToolWindowSpec.Side.BOTTOM, "Alt+6", ctx -> ToolWindow.of(new JobsView(new JobsViewModel(jobs)).node())));
        c.toolWindow(new ToolWindowSpec("log", Messages.get("shell.tool.log"), AppIcon.LOG, ToolWindowSpec.Side.BOTTOM,
                "Alt+7", ctx -> {
                    LogView log = new LogView(new LogViewModel(UiLogAppender.install().buffer()));
                    return ToolWindow.of(log.node(), log::dispose);
                }));
        c.toolWindow(new ToolWindowSpec(PROBLEMS, Messages.get("shell.tool.problems"), AppIcon.PROBLEMS,
                ToolWindowSpec.Side.BOTTOM, "Alt+8",
                ctx -> ToolWindow.of(new ProblemsView(new ProblemsViewModel(problems)).node())));
    }

    private static Consumer<WorkbenchContext> run(Runnable r) {
        return ctx -> r.run();
    }
}
