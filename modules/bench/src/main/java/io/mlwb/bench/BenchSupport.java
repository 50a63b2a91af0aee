package io.mlwb.bench;

import io.mlwb.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;

/** Helpers shared by the catalog benchmarks. */
final class BenchSupport {
    private BenchSupport() {
    }

    static long newRun(Catalog catalog, String name) {
        return catalog.inTransaction("insert run", c -> {
            try (var st = c.prepareStatement("INSERT INTO run(name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                st.setString(1, name);
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** @return the size of the database file and its WAL, in MB */
    static double fileMegabytes(Path db) throws IOException {
        long bytes = Files.size(db);
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        if (Files.exists(wal)) {
            bytes += Files.size(wal);
        }
        return bytes / 1e6;
    }
}
