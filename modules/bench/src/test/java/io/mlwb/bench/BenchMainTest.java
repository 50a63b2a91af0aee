package io.mlwb.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchMainTest {
    private static final Pattern LINE = Pattern.compile("BENCH (\\S+) ([a-z0-9_]+)=(-?[0-9.]+|true|false) (\\S+)");

    @TempDir
    Path dir;

    private record Result(int code, List<String> out, String err) {
    }

    static {
        // The profile benchmarks re-launch a JVM with -Xmx1g by default; tests run them in this one.
        System.setProperty("mlwb.bench.inprocess", "true");
    }

    private Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"catalog-ingest, 2000, points_per_s, points_per_s", "series-read, 3000, ms, ms",
        "catalog-open, 3, ms, ms", "profile-100k, 2000, ms, ms", "profile-1m, 1500, ms, ms",
        "profile-10m-streaming, 3000, ms, ms", "profile-wide, 40, ms, ms",
        "parquet-read, 2000, ms, ms", "frame-ops, 3000, ratio_split_prep, x", "chart-redraw, 20000, ratio, x",
        "runs-table, 200, filter_ms, ms", "lttb-1m, 50000, ms, ms", "drift-1m, 3000, ms, ms"})
    void tinyRunPrintsWellFormedLinesWithHeadlineLast(String name, String size, String metric, String unit)
            throws Exception {
        Result r = run(name, "--size", size, "--dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().size() >= 2, r.out().toString());
        for (String line : r.out()) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            assertEquals(name, m.group(1), line);
        }
        Matcher last = LINE.matcher(r.out().get(r.out().size() - 1));
        assertTrue(last.matches());
        assertEquals(metric, last.group(2));
        assertEquals(unit, last.group(4));
        assertTrue(Double.parseDouble(last.group(3)) > 0);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "the temporary folder is removed");
        }
    }

    @Test
    void trainOverheadRunsBothWaysAndReportsThePercentLast() throws Exception {
        Result r = run("train-overhead", "--size", "800", "--dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        for (String line : r.out()) {
            assertTrue(LINE.matcher(line).matches(), line);
        }
        Matcher last = LINE.matcher(r.out().get(r.out().size() - 1));
        assertTrue(last.matches());
        assertEquals("overhead_percent", last.group(2));
        assertTrue(r.out().stream().anyMatch(l -> l.contains("without_ms=")), r.out().toString());
    }

    @Test
    void listNamesEveryBenchmark() {
        for (Result r : List.of(run(), run("list"))) {
            assertEquals(0, r.code());
            assertEquals(List.of("catalog-ingest", "series-read", "catalog-open", "profile-1m", "profile-100k",
                    "profile-10m-streaming", "profile-wide", "parquet-read", "train-overhead", "frame-ops",
                    "chart-redraw", "runs-table", "lttb-1m", "drift-1m", "serve-throughput"),
                    r.out().stream().map(l -> l.split("\t")[0]).toList());
        }
    }

    @Test
    void unknownNameExitsTwoWithMessageOnStderr() {
        Result r = run("no-such-bench");
        assertEquals(2, r.code());
        assertEquals(List.of(), r.out());
        assertTrue(r.err().contains("no-such-bench"), r.err());
    }
}
