package io.mlwb.app.testing;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/**
 * PNG snapshots of panes for a person to look at, written only on request: {@code -Dmlwb.snapshotDir=DIR} names the
 * folder. Snapshots are taken on the FX thread through the robot; the theme switch is the app's (Primer light or dark
 * user-agent stylesheet, the {@code :dark} pseudo-class on the root).
 */
public final class Snapshots {
    /** The system property naming the folder. */
    public static final String DIR_PROPERTY = "mlwb.snapshotDir";

    private Snapshots() {
    }

    /** @return the folder {@code -Dmlwb.snapshotDir} names (made if missing), or empty when none was asked for */
    public static Optional<Path> folder() throws IOException {
        String out = System.getProperty(DIR_PROPERTY);
        if (out == null || out.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Files.createDirectories(Path.of(out)));
    }

    /**
     * Writes {@code node} as {@code name} in the snapshot folder, when one was asked for.
     *
     * @param robot the robot (the snapshot is taken on the FX thread)
     * @param node  what to draw
     * @param name  the file's name, e.g. {@code card-preview-light.png}
     */
    public static void writeIfAsked(FxRobot robot, Node node, String name) throws IOException {
        Optional<Path> folder = folder();
        if (folder.isPresent()) {
            write(robot, node, folder.get().resolve(name));
        }
    }

    /**
     * Writes {@code node} as a PNG file.
     *
     * @param robot the robot (the snapshot is taken on the FX thread)
     * @param node  what to draw
     * @param file  the PNG file
     */
    public static void write(FxRobot robot, Node node, Path file) throws IOException {
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = node.snapshot(null, null));
        png(img[0], file);
    }

    /**
     * Writes a whole scene (its fill included) as a PNG file.
     *
     * @param robot the robot (the snapshot is taken on the FX thread)
     * @param scene what to draw
     * @param file  the PNG file
     */
    public static void write(FxRobot robot, Scene scene, Path file) throws IOException {
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = scene.snapshot(null));
        png(img[0], file);
    }

    /**
     * Sets the app's light or dark theme: the Primer user-agent stylesheet and {@code :dark} on {@code root}. Call it
     * on the FX thread ({@code robot.interact}).
     *
     * @param root the scene's root
     * @param dark dark rather than light
     */
    public static void theme(Parent root, boolean dark) {
        Application.setUserAgentStylesheet((dark ? new PrimerDark() : new PrimerLight()).getUserAgentStylesheet());
        root.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), dark);
    }

    /**
     * @param image an image taken by a snapshot
     * @param file  the PNG file to write
     */
    public static void png(Image image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b.setRGB(x, y, r.getArgb(x, y));
            }
        }
        ImageIO.write(b, "png", file.toFile());
    }
}
