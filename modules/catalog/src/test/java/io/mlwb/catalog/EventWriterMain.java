package io.mlwb.catalog;

import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import io.mlwb.catalog.run.RunStatus;
import java.nio.file.Path;

/**
 * Another process for {@link CatalogEventsTest}: opens the catalog, creates a run named {@code args[1]}, sets it
 * running, and exits 0 (1 with the error on stderr).
 *
 * <p>Usage: {@code EventWriterMain <catalog file> <run name>}
 */
public final class EventWriterMain {
    private EventWriterMain() {
    }

    /** @param args catalog file, run name */
    public static void main(String[] args) {
        try (Catalog catalog = Catalog.open(Path.of(args[0]))) {
            RunRepository runs = new RunRepository(catalog);
            long id = runs.create(NewRun.named(args[1])).id();
            runs.setStatus(id, RunStatus.RUNNING);
        } catch (RuntimeException e) {
            e.printStackTrace();   // the parent test reads this file when the exit code is not 0
            System.exit(1);
        }
        System.exit(0);
    }
}
