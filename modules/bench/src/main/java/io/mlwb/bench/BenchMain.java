package io.mlwb.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the benchmark jar: {@code java -jar mlwb-bench.jar NAME [--size N] [--dir DIR]}. No
 * arguments or {@code list} lists the benchmarks. Output lines are {@code BENCH <name> <metric>=<value> <unit>},
 * the headline figure last.
 */
public final class BenchMain {
    private static final List<Benchmark> BENCHMARKS =
            List.of(new CatalogIngestBench(), new SeriesReadBench(), new CatalogOpenBench(),
                    new ProfileBench("profile-1m", 1_000_000, 3000), new ProfileBench("profile-100k", 100_000, 500),
                    new StreamingProfileBench(), new WideProfileBench(), new ParquetReadBench(),
                    new TrainOverheadBench(), new FrameOpsBench(), new ChartRedrawBench(), new RunsTableBench(),
                    new LttbBench(), new DriftBench(), new ServeThroughputBench());

    private BenchMain() {
    }

    /**
     * Runs one benchmark and exits with its status (0 done, 2 bad arguments, 3 the benchmark failed).
     *
     * @param args benchmark name and options
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs one benchmark, printing to the given streams.
     *
     * @param args benchmark name, then {@code --size N} (override the size) and {@code --dir DIR}
     *             (parent of the temporary folder; default the system temp folder)
     * @param out  where BENCH lines go
     * @param err  where errors go
     * @return the exit status: 0 done, 2 bad arguments, 3 the benchmark failed
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Benchmark> byName = new LinkedHashMap<>();
        BENCHMARKS.forEach(b -> byName.put(b.name(), b));
        if (args.length == 0 || args[0].equals("list")) {
            byName.values().forEach(b -> out.println(b.name() + "\t" + b.description()));
            return 0;
        }
        Benchmark bench = byName.get(args[0]);
        if (bench == null) {
            err.println("Unknown benchmark '" + args[0] + "'. Known: " + String.join(", ", byName.keySet()) + ".");
            return 2;
        }
        long size = 0;
        Path parent = null;
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--size" -> size = Long.parseLong(args[++i]);
                    case "--dir" -> parent = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            err.println("Bad arguments: " + e.getMessage() + ". Usage: NAME [--size N] [--dir DIR]");
            return 2;
        }
        Path dir = null;
        try {
            dir = parent == null ? Files.createTempDirectory("mlwb-bench-")
                    : Files.createTempDirectory(Files.createDirectories(parent), "mlwb-bench-");
            bench.run(dir, size, new BenchOutput(bench.name(), out));
            return 0;
        } catch (Exception e) {
            err.println("Benchmark " + bench.name() + " failed: " + e);
            e.printStackTrace(err);
            return 3;
        } finally {
            deleteQuietly(dir, err);
        }
    }

    private static void deleteQuietly(Path dir, PrintStream err) {
        if (dir == null) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
