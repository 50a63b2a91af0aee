package io.mlwb.app.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads {@code XxxView.fxml} next to the view class, with the view we built as its controller (no DI framework). */
public final class Views {
    private Views() {
    }

    /**
     * @param view   the controller instance (its constructor took the view model)
     * @param bundle the strings
     * @return the loaded root node
     */
    public static Parent load(Object view, ResourceBundle bundle) {
        String name = view.getClass().getSimpleName() + ".fxml";
        URL url = view.getClass().getResource(name);
        if (url == null) {
            throw new IllegalStateException("No " + name + " next to " + view.getClass().getName());
        }
        FXMLLoader loader = new FXMLLoader(url, bundle);
        loader.setControllerFactory(type -> view);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + name, e);
        }
    }

    /** Loads with {@link Messages#bundle()}. */
    public static Parent load(Object view) {
        return load(view, Messages.bundle());
    }
}
