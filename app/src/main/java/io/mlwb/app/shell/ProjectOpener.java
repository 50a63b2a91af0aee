package io.mlwb.app.shell;

import io.mlwb.app.problems.ErrorReporter;
import io.mlwb.app.ui.Messages;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * The dialogs in front of opening a project: choose a folder, offer to make a plain folder a project, name a new
 * one, install the bundled sample. The opening itself is {@link WorkbenchViewModel}'s.
 */
final class ProjectOpener {
    private final Window owner;
    private final WorkbenchViewModel vm;
    private final ErrorReporter errors;

    /**
     * @param owner  owns the dialogs
     * @param vm     opens projects
     * @param errors where a missing folder or sample is reported
     */
    ProjectOpener(Window owner, WorkbenchViewModel vm, ErrorReporter errors) {
        this.owner = owner;
        this.vm = vm;
        this.errors = errors;
    }

    /** Opens {@code dir}: as a project, or offers to initialize it when it has no mlwb.yaml. */
    void openFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            errors.error(Messages.get("shell.open.source"), WorkbenchViewModel.missingFolder(dir));
            return;
        }
        if (WorkbenchViewModel.isProject(dir)) {
            vm.open(dir, null);
            return;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, Messages.format("shell.init.question", dir),
                ButtonType.YES, ButtonType.NO);
        ask.initOwner(owner);
        ask.setHeaderText(Messages.get("shell.init.header"));
        ask.showAndWait().filter(b -> b == ButtonType.YES).ifPresent(b -> vm.initAndOpen(dir, null, null));
    }

    /** Asks for a folder and opens it. */
    void chooseAndOpen() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Messages.get("shell.action.open"));
        File f = chooser.showDialog(owner);
        if (f != null) {
            openFolder(f.toPath());
        }
    }

    /** Asks for a folder and a name, makes it a project and opens it. */
    void newProject() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Messages.get("shell.action.new"));
        File f = chooser.showDialog(owner);
        if (f == null) {
            return;
        }
        TextInputDialog name = new TextInputDialog(f.getName());
        name.initOwner(owner);
        name.setHeaderText(Messages.get("shell.new.name"));
        name.showAndWait().ifPresent(n -> vm.initAndOpen(f.toPath(), n, null));
    }

    /** Installs (first time) and opens the bundled credit-risk sample. */
    void openSample() {
        Optional<Path> bundled = SampleProjects.bundledDir();
        if (bundled.isEmpty()) {
            errors.warning(Messages.get("shell.open.source"), Messages.get("shell.sample.missing"),
                    Messages.get("shell.sample.missing.todo"));
            return;
        }
        vm.installSampleAndOpen(bundled.get().resolve(SampleProjects.CREDIT_RISK),
                SampleProjects.userCopy(SampleProjects.CREDIT_RISK), null);
    }
}
