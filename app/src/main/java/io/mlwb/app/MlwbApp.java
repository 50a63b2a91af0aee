package io.mlwb.app;

import io.mlwb.app.error.Notifier;
import io.mlwb.app.jobs.FxJobs;
import io.mlwb.app.problems.ProblemsModel;
import io.mlwb.app.shell.Contributions;
import io.mlwb.app.shell.SampleProjects;
import io.mlwb.app.shell.Workbench;
import io.mlwb.app.shell.WorkbenchViewModel;
import io.mlwb.app.ui.Messages;
import io.mlwb.core.settings.LoadResult;
import io.mlwb.core.settings.Settings;
import io.mlwb.core.settings.SettingsService;
import io.mlwb.core.settings.SettingsStore;
import io.mlwb.workspace.ProjectInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: loads settings, builds the workbench, and opens the project — the folder given on the
 * command line, else the last one, else (first start) the bundled sample, else the welcome screen.
 */
public final class MlwbApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(MlwbApp.class);

    private Workbench workbench;
    private SettingsService settings;

    /**
     * Builds the workbench on {@code stage} from the given settings folder. Separate from {@link #start} so tests
     * can build a real workbench with their own settings.
     *
     * @param stage     the window
     * @param configDir where settings.json lives
     * @return the workbench and its settings
     */
    public static Started build(Stage stage, Path configDir) {
        SettingsStore store = new SettingsStore(configDir);
        boolean firstStart = !Files.exists(store.file()) && !Files.exists(store.backupFile());
        LoadResult loaded = store.load();
        ProblemsModel problems = new ProblemsModel();
        // The save fails on the settings' background thread; the Problems list is the FX thread's.
        SettingsService settings = new SettingsService(store, loaded.settings(), e -> Platform.runLater(
                () -> problems.warning(Messages.get("shell.settings.source"),
                        Messages.format("shell.settings.saveFailed", e.getMessage()),
                        Messages.format("shell.settings.saveFailed.todo", configDir))));
        FxJobs jobs = new FxJobs(problems);
        jobs.hideSucceededQuickerThan(java.time.Duration.ofMillis(500));
        WorkbenchViewModel vm = new WorkbenchViewModel(jobs, problems, settings,
                new ProjectInitializer(Launcher.productVersion()));
        Workbench workbench = new Workbench(stage, Contributions.discover(), problems, jobs, vm);
        problems.setNotifier(new Notifier(() -> stage));
        loaded.warnings().forEach(w -> problems.warning(Messages.get("shell.settings.source"), w, ""));
        return new Started(workbench, settings, firstStart);
    }

    /**
     * A built workbench.
     *
     * @param workbench  the window
     * @param settings   its settings service (close it on exit)
     * @param firstStart whether no settings file existed before
     */
    public record Started(Workbench workbench, SettingsService settings, boolean firstStart) {
    }

    @Override
    public void start(Stage stage) {
        Started started = build(stage, configDir());
        workbench = started.workbench();
        settings = started.settings();
        stage.setOnShown(e -> Platform.runLater(() -> LOG.info("started in {} ms (process start to first window)",
                Launcher.millisSinceProcessStart())));
        stage.show();
        openInitialProject(started, getParameters().getRaw());
    }

    /**
     * Opens what the command line names, else the last project, else on first start the sample.
     *
     * @param started the built workbench
     * @param args    the raw arguments: {@code [open] [--review REV] [DIR]}
     */
    public static void openInitialProject(Started started, List<String> args) {
        Workbench wb = started.workbench();
        List<String> rest = args.stream().filter(a -> !a.equals("open")).toList();
        int review = rest.indexOf("--review");
        if (review >= 0 && review + 1 < rest.size()) {
            // open --review REV [DIR]: read-only at a revision, the review pane open (docs/cli.md)
            String revision = rest.get(review + 1);
            List<String> dirs = new java.util.ArrayList<>(rest);
            dirs.remove(review + 1);
            dirs.remove(review);
            Path dir = Path.of(dirs.isEmpty() ? "." : dirs.get(0)).toAbsolutePath().normalize();
            wb.openForReview(dir, revision, () -> wb.open(io.mlwb.app.review.ReviewFeature.ref("")));
            return;
        }
        if (!rest.isEmpty()) {
            wb.openFolder(Path.of(rest.get(0)).toAbsolutePath().normalize());
            return;
        }
        Settings s = started.settings().current();
        Path last = s.lastProject();
        if (last != null && Files.isDirectory(last) && WorkbenchViewModel.isProject(last)) {
            wb.viewModel().open(last, null);
        } else if (started.firstStart() && SampleProjects.bundledDir().isPresent()) {
            wb.openSample();
        }
    }

    private static Path configDir() {
        String override = System.getProperty("mlwb.config.dir");
        return override != null && !override.isBlank() ? Path.of(override) : SettingsStore.defaultDir();
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.dispose();
        }
        if (settings != null) {
            settings.close();
        }
        LOG.info("Workbench closed");
    }
}
