package io.mlwb.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The mlwb version this catalog module was built as, from the Maven-filtered {@code build.properties}. */
final class BuildInfo {
    private static final String VERSION = load();

    private BuildInfo() {
    }

    static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            // Unfiltered (run from an IDE without Maven resources): say so rather than store a placeholder.
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
