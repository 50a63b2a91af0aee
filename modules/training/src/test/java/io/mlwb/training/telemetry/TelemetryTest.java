package io.mlwb.training.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The nvidia-smi parser on output recorded on a real H200 (docs/hardware), and the sampler on this machine. */
class TelemetryTest {
    private static final Path H200 = Path.of("../../docs/hardware/nvidia-smi-h200");

    @Test
    void parsesRecordedH200OutputUnderLoadAndIdle() throws IOException {
        List<GpuReading> load = NvidiaSmiParser.parse(Files.readString(H200.resolve("query-gpu-load.csv")));
        assertTrue(load.size() >= 3, "one reading per second: " + load.size());
        GpuReading busy = load.stream().filter(r -> r.utilizationPct() != null && r.utilizationPct() >= 99)
                .findFirst().orElseThrow();
        assertEquals(0, busy.index());
        assertEquals("NVIDIA H200", busy.name());
        assertEquals("580.159.04", busy.driver());
        assertEquals(143771L << 20, busy.memoryTotalBytes());
        assertEquals(1139L << 20, busy.memoryUsedBytes());
        assertEquals(700.0, busy.powerLimitW());
        assertTrue(busy.powerDrawW() > 600, "under load: " + busy.powerDrawW());
        List<GpuReading> idle = NvidiaSmiParser.parse(Files.readString(H200.resolve("query-gpu-idle.csv")));
        assertEquals(0.0, idle.get(0).utilizationPct());
        assertEquals("13.0", NvidiaSmiParser.cudaVersion(Files.readString(H200.resolve("nvidia-smi-summary.txt"))));
        assertTrue(NvidiaSmiParser.parse(Files.readString(H200.resolve("query-gpu-bad-field.txt"))).isEmpty());
    }

    @Test
    void severalGpusNotApplicableValuesAndWindowsLineEnds() {
        String csv = "index, name, utilization.gpu [%], memory.used [MiB], memory.total [MiB], temperature.gpu, "
                + "power.draw [W]\r\n0, GPU A, 35, 1024, 8192, 61, [N/A]\r\n1, GPU B, [Not Supported], , 16384, 40,"
                + " 55.5\r\n";
        List<GpuReading> g = NvidiaSmiParser.parse(csv);
        assertEquals(2, g.size());
        assertNull(g.get(0).powerDrawW());
        assertNull(g.get(1).utilizationPct());
        assertNull(g.get(1).memoryUsedBytes());
        assertEquals(55.5, g.get(1).powerDrawW());
        assertEquals(1, g.get(1).index());
    }

    @Test
    void noBinaryOrAFailingDriverIsANormalNoGpuState() {
        GpuStatus missing = new NvidiaSmi("/nonexistent/nvidia-smi", cmd -> {
            throw new IOException("No such file or directory");
        }).query();
        assertFalse(missing.present());
        assertTrue(missing.reason().contains("no nvidia-smi"), missing.reason());
        GpuStatus failing = new NvidiaSmi("nvidia-smi", cmd -> new NvidiaSmi.Result(9,
                "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.")).query();
        assertFalse(failing.present());
        assertTrue(failing.reason().contains("couldn't communicate"), failing.reason());
        GpuStatus recorded = new NvidiaSmi("nvidia-smi", cmd -> new NvidiaSmi.Result(0, cmd.size() == 1
                ? readQuietly("nvidia-smi-summary.txt") : readQuietly("query-gpu-idle.csv"))).describe();
        assertTrue(recorded.present());
        assertEquals("13.0", recorded.cuda());
    }

    private static String readQuietly(String f) {
        try {
            return Files.readString(H200.resolve(f));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void samplerReportsThisMachineAndHardwareFactsSayWhyThereIsNoGpu() throws Exception {
        List<TelemetrySample> got = new CopyOnWriteArrayList<>();
        try (SystemSampler s = new SystemSampler(50, null, got::add)) {
            s.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (got.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertTrue(got.size() >= 2, "samples: " + got.size());
        TelemetrySample last = got.get(got.size() - 1);
        double cpu = last.values().get("sys/cpu_percent");
        assertTrue(cpu >= 0 && cpu <= 100, "cpu " + cpu);
        assertTrue(last.values().get("sys/process_rss_bytes") > 1_000_000);
        assertTrue(last.values().get("sys/mem_total_bytes") >= last.values().get("sys/mem_used_bytes"));
        assertTrue(last.values().keySet().stream().noneMatch(k -> k.startsWith("gpu")), "no GPU here");
        HardwareFacts facts = HardwareFacts.collect(new NvidiaSmi("/nonexistent/nvidia-smi", cmd -> {
            throw new IOException("No such file or directory");
        }));
        assertTrue(facts.logicalCores() >= 1);
        assertTrue(facts.gpus().isEmpty());
        assertTrue(facts.noGpuReason().contains("no nvidia-smi"));
    }
}
