package io.mlwb.app.tracking;

import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens artifacts with the system: {@link Desktop} where the platform supports the action, else the platform's
 * opener ({@code xdg-open}, {@code open}, {@code explorer}). Called on a background thread, never the FX thread
 * (AWT's Desktop may block).
 */
final class RunDetailDesktop implements RunDetailViewModel.Desktop {
    @Override
    public void open(Path file) throws IOException {
        if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            Desktop.getDesktop().open(file.toFile());
            return;
        }
        launch(file);
    }

    @Override
    public void reveal(Path file) throws IOException {
        if (Desktop.isDesktopSupported()
                && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE_FILE_DIR)) {
            Desktop.getDesktop().browseFileDirectory(file.toFile());
            return;
        }
        Path folder = Files.isDirectory(file) ? file : file.getParent();
        if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            Desktop.getDesktop().open(folder.toFile());
            return;
        }
        launch(folder);
    }

    private static void launch(Path target) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> cmd = os.contains("win") ? List.of("explorer", target.toString())
                : os.contains("mac") ? List.of("open", target.toString()) : List.of("xdg-open", target.toString());
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("no program to open " + target + " (" + cmd.get(0) + ": " + e.getMessage() + ")",
                    e);
        }
    }
}
