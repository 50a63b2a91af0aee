package io.mlwb.catalog.metrics;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.run.NewRun;
import io.mlwb.catalog.run.RunRepository;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A metric-writing process for {@link MetricWriterProcessTest}: creates a run named LABEL and logs POINTS points of
 * the series {@code loss} (value of step s: {@link #value(long)}) through {@link MetricWriter}, flushing after every
 * FLUSH_EVERY points and printing {@code durable S} once the flush up to step S has returned. Exits 0 when done, 1 with
 * the error on stderr otherwise.
 *
 * <p>Usage: {@code MetricLogMain <catalog file> <label> <points> <flushEvery>}
 */
public final class MetricLogMain {
    private MetricLogMain() {
    }

    /**
     * @param step a step
     * @return the value logged at it (exact in a double, different at every step)
     */
    public static double value(long step) {
        return step * 0.5 + 1.0 / 1024;
    }

    /** @param args catalog file, label, points, flushEvery */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String label = args[1];
        long points = Long.parseLong(args[2]);
        int flushEvery = Integer.parseInt(args[3]);
        try (Catalog catalog = Catalog.open(file)) {
            long run = new RunRepository(catalog).create(NewRun.named(label).withStartedAt(Instant.now())).id();
            System.out.println("run " + run);
            System.out.flush();
            try (MetricWriter w = new MetricWriter(catalog, MetricWriter.Options.defaults())) {
                for (long s = 0; s < points; s++) {
                    w.log(run, "loss", MetricKind.TRAIN, s, value(s), 1_000_000 + s);
                    if ((s + 1) % flushEvery == 0) {
                        w.flush();
                        System.out.println("durable " + s);
                        System.out.flush();
                    }
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
