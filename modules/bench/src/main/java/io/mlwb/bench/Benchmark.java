package io.mlwb.bench;

import java.nio.file.Path;

/** One benchmark of the jar: prints {@code BENCH <name> <metric>=<value> <unit>} lines, the headline last. */
interface Benchmark {
    /** @return the name used on the command line and in every output line */
    String name();

    /** @return one line for {@code list} */
    String description();

    /**
     * Runs the benchmark in {@code workDir} (a fresh temporary folder it may fill).
     *
     * @param size    a size override ({@code --size}); 0 = the size the issue asks for
     * @param out     where the BENCH lines go
     */
    void run(Path workDir, long size, BenchOutput out) throws Exception;
}
