package io.mlwb.app.shell;

import io.mlwb.core.settings.SettingsService;
import io.mlwb.core.settings.WindowLayout;
import javafx.stage.Stage;

/** Puts the window where the saved layout says, and remembers its bounds and the dock's dividers. */
final class WindowLayoutKeeper {
    private final Stage stage;
    private final SettingsService settings;
    private final ToolWindowDock dock;

    /**
     * @param stage    the window
     * @param settings where the layout is remembered
     * @param dock     whose dividers are remembered
     */
    WindowLayoutKeeper(Stage stage, SettingsService settings, ToolWindowDock dock) {
        this.stage = stage;
        this.settings = settings;
        this.dock = dock;
    }

    /** Sizes, places and maximizes the window as last saved. */
    void restore() {
        WindowLayout w = settings.current().window();
        stage.setWidth(w.width());
        stage.setHeight(w.height());
        if (!Double.isNaN(w.x()) && !Double.isNaN(w.y())) {
            stage.setX(w.x());
            stage.setY(w.y());
        }
        stage.setMaximized(w.maximized());
    }

    /** Remembers window bounds and split positions. */
    void save() {
        settings.update(s -> {
            WindowLayout w = s.window();
            if (!stage.isMaximized() && stage.getWidth() > 0 && stage.getHeight() > 0) {
                w = w.withBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            }
            return s.withWindow(dock.withDividers(w.withMaximized(stage.isMaximized())));
        });
    }
}
