package io.mlwb.app.testing;

import io.mlwb.app.jobs.InlineJobs;
import io.mlwb.app.jobs.UiJobs;
import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.shell.ItemRef;
import io.mlwb.app.shell.OpenProject;
import io.mlwb.app.shell.WorkbenchContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/**
 * A {@link WorkbenchContext} for view and view-model tests: a real {@link OpenProject} (or none), jobs run inline
 * (or the given {@link UiJobs}), problems collected in a real {@link ProblemsModel}, opened items recorded.
 */
public final class TestContext implements WorkbenchContext {
    private final OpenProject project;
    private final UiJobs jobs;
    private final ProblemsModel problems = new ProblemsModel();
    private final List<ItemRef> opened = new ArrayList<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private Window window;

    /** @param project the open project, or null for none; jobs run inline and report to {@link #problems()} */
    public TestContext(OpenProject project) {
        this(project, null);
    }

    /** @param project the open project, or null; @param jobs how jobs run (null: inline, reporting to problems) */
    public TestContext(OpenProject project, UiJobs jobs) {
        this.project = project;
        this.jobs = jobs == null ? new InlineJobs(problems) : jobs;
    }

    @Override
    public Optional<OpenProject> project() {
        return Optional.ofNullable(project);
    }

    @Override
    public UiJobs jobs() {
        return jobs;
    }

    @Override
    public ErrorReporter errors() {
        return problems;
    }

    /** @return the problems reported so far */
    public ProblemsModel problems() {
        return problems;
    }

    @Override
    public void open(ItemRef ref) {
        opened.add(ref);
    }

    /** @return the items opened so far */
    public List<ItemRef> opened() {
        return opened;
    }

    @Override
    public Window window() {
        return window;
    }

    /** @param window the owner for dialogs */
    public void setWindow(Window window) {
        this.window = window;
    }

    @Override
    public void fireProjectChanged() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public void addProjectListener(Runnable listener) {
        listeners.add(listener);
    }
}
