package io.mlwb.installer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installed package's one {@code mlwb} command, as {@code ./mlwb} in a checkout: no arguments or {@code open
 * [DIR]} open the workbench, anything else runs the command line. Both live on the package's class path, so this
 * only picks one; it holds no feature. The desktop entry opens a project's {@code mlwb.yaml} as {@code open FILE},
 * which becomes {@code open} of its folder.
 */
public final class Main {
    private Main() {
    }

    /** @param args the command line, as {@code ./mlwb} takes it */
    public static void main(String[] args) {
        boolean workbench = opensWorkbench(args);
        // both jars carry a logback.xml: name the one of the side that runs, so logback neither guesses nor warns;
        // before anything logs (DJL's platform detection below does)
        logbackFrom(workbench ? io.mlwb.app.Launcher.class : io.mlwb.cli.Main.class);
        if (!workbench) {
            io.mlwb.cli.Main.configureLogging(args); // the workbench reconfigures its logging when it starts
        }
        try {
            PackedNatives.prepare();
        } catch (RuntimeException e) {
            // training will say what is missing; everything else works without the natives
            System.err.println("mlwb: " + e.getMessage());
        }
        if (workbench) {
            io.mlwb.app.Launcher.main(projectFolder(args));
        } else {
            io.mlwb.cli.Main.main(args);
        }
    }

    private static void logbackFrom(Class<?> side) {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        try {
            java.net.URL jar = side.getProtectionDomain().getCodeSource().getLocation();
            if (jar != null && jar.getPath().endsWith(".jar")) {
                System.setProperty("logback.configurationFile", "jar:" + jar + "!/logback.xml");
            }
        } catch (SecurityException e) {
            // logback's own search still finds a configuration
        }
    }

    /** @return whether these arguments open the workbench rather than run a command */
    static boolean opensWorkbench(String[] args) {
        return args.length == 0 || "open".equals(args[0]);
    }

    /** @return the arguments with {@code open .../mlwb.yaml} turned into {@code open ...} (its folder) */
    static String[] projectFolder(String[] args) {
        if (args.length == 2 && "open".equals(args[0])) {
            Path p = Path.of(args[1]);
            if (Files.isRegularFile(p) && "mlwb.yaml".equals(String.valueOf(p.getFileName()))) {
                Path dir = p.toAbsolutePath().getParent();
                return new String[] {"open", dir.toString()};
            }
        }
        return args;
    }
}
