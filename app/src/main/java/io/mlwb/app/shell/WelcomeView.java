package io.mlwb.app.shell;

import io.mlwb.app.ui.AppIcon;
import io.mlwb.app.ui.Messages;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The screen shown with no project open: recent projects, Open folder…, New project…, Open sample project. */
final class WelcomeView {
    private final Workbench workbench;
    private final WorkbenchViewModel vm;

    WelcomeView(Workbench workbench, WorkbenchViewModel vm) {
        this.workbench = workbench;
        this.vm = vm;
    }

    Node node() {
        Label title = new Label(WorkbenchViewModel.PRODUCT);
        title.getStyleClass().addAll(atlantafx.base.theme.Styles.TITLE_1);
        Label subtitle = new Label(Messages.get("shell.welcome.subtitle"));
        subtitle.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);

        Button open = new Button(Messages.get("shell.action.open"), AppIcon.FOLDER_OPEN.node());
        open.setId("welcomeOpen");
        open.setOnAction(e -> workbench.runAction("file.open"));
        Button create = new Button(Messages.get("shell.action.new"), AppIcon.PLUS.node());
        create.setId("welcomeNew");
        create.setOnAction(e -> workbench.runAction("file.new"));
        Button sample = new Button(Messages.get("shell.action.sample"), AppIcon.DATASET.node());
        sample.setId("welcomeSample");
        sample.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        sample.setDisable(SampleProjects.bundledDir().isEmpty());
        sample.setOnAction(e -> workbench.openSample());
        for (Button b : new Button[] {open, create, sample}) {
            b.setMaxWidth(Double.MAX_VALUE);
        }

        Label recentTitle = new Label(Messages.get("shell.welcome.recent"));
        recentTitle.getStyleClass().add(atlantafx.base.theme.Styles.TITLE_4);
        VBox recent = new VBox(4);
        recent.setId("welcomeRecent");
        if (vm.recentProjects().isEmpty()) {
            Label none = new Label(Messages.get("shell.welcome.norecent"));
            none.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
            recent.getChildren().add(none);
        }
        for (Path p : vm.recentProjects()) {
            Hyperlink link = new Hyperlink(p.getFileName() + "  \u2014  " + p);
            link.setGraphic(AppIcon.FOLDER.node());
            link.setOnAction(e -> workbench.openFolder(p));
            recent.getChildren().add(link);
        }
        Label hint = new Label(Messages.get("shell.welcome.hint"));
        hint.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);

        VBox box = new VBox(14, title, subtitle, open, create, sample, recentTitle, recent, hint);
        box.setMaxWidth(520);
        box.setPadding(new Insets(48));
        box.setAlignment(Pos.TOP_LEFT);
        VBox outer = new VBox(box);
        outer.setId("welcome");
        outer.setAlignment(Pos.TOP_CENTER);
        outer.getStyleClass().add("welcome");
        return outer;
    }
}
