package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.vcs.GitRepo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code mlwb --version}: product version, build commit, and the versions of Java, SQLite and JGit in use. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "mlwb " + productVersion() + " (build " + buildCommit() + ")",
            "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")",
            "SQLite " + Catalog.sqliteVersion(),
            "JGit " + GitRepo.jgitVersion(),
        };
    }

    static String productVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static String buildCommit() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("build-git.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        String sha = p.getProperty("git.commit.id.abbrev", "unknown");
        return "true".equals(p.getProperty("git.dirty")) ? sha + "-dirty" : sha;
    }
}
