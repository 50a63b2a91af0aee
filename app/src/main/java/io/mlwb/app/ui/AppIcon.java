package io.mlwb.app.ui;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Every icon the workbench shows. Panes call {@code AppIcon.RUN.node()} and never name an icon pack. */
public enum AppIcon {
    RUN(Feather.PLAY), STOP(Feather.SQUARE), CANCEL(Feather.X_CIRCLE), CLOSE(Feather.X), REFRESH(Feather.REFRESH_CW),
    FOLDER(Feather.FOLDER), FOLDER_OPEN(Feather.FOLDER_PLUS), FILE(Feather.FILE), FILE_TEXT(Feather.FILE_TEXT),
    DATASET(Feather.DATABASE), RUNS(Feather.ACTIVITY), MODEL(Feather.BOX), MODEL_CARD(Feather.CLIPBOARD),
    DRIFT(Feather.TRENDING_UP), DEPLOYMENT(Feather.UPLOAD_CLOUD), BRANCH(Feather.GIT_BRANCH), COMMIT(Feather.GIT_COMMIT),
    HISTORY(Feather.CLOCK), WARNING(Feather.ALERT_TRIANGLE), ERROR(Feather.ALERT_OCTAGON), INFO(Feather.INFO),
    JOBS(Feather.LOADER), LOG(Feather.LIST), PROBLEMS(Feather.ALERT_CIRCLE), SEARCH(Feather.SEARCH),
    SETTINGS(Feather.SETTINGS), THEME(Feather.MOON), HELP(Feather.HELP_CIRCLE), HOME(Feather.HOME),
    PROJECT(Feather.LAYERS), PLUS(Feather.PLUS), CHECK(Feather.CHECK), COPY(Feather.COPY), LOCK(Feather.LOCK),
    COMMAND(Feather.COMMAND), CATALOG(Feather.ARCHIVE), DOWNLOAD(Feather.DOWNLOAD), AUDIT(Feather.SHIELD);

    private final Ikon ikon;

    AppIcon(Ikon ikon) {
        this.ikon = ikon;
    }

    /** @return a new icon node, styled by the {@code app-icon} class (size and colour come from CSS) */
    public FontIcon node() {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("app-icon");
        return icon;
    }
}
