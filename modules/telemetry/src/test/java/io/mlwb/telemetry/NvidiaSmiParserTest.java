package io.mlwb.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser on output recorded on a real H200 and on clearly synthetic cases (several GPUs, N/A, CRLF). */
class NvidiaSmiParserTest {
    private static final long MIB = 1L << 20;

    @Test
    void recordedH200UnderLoadWithHeaderTimestampAndExtraColumns() {
        List<GpuReading> load = NvidiaSmiParser.parse(Fixtures.recorded("query-gpu-load.csv"));
        assertEquals(6, load.size(), "one line a second, the header skipped");
        GpuReading busy = load.get(3);
        assertEquals(0, busy.index());
        assertEquals("NVIDIA H200", busy.name());
        assertEquals("GPU-c637b75d-bccc-0cab-3f64-9c4fb3bf5eaf", busy.uuid());
        assertEquals("580.159.04", busy.driver());
        assertEquals(99.0, busy.utilizationPct());
        assertEquals(25.0, busy.memoryUtilPct());
        assertEquals(1139 * MIB, busy.memoryUsedBytes());
        assertEquals(143771 * MIB, busy.memoryTotalBytes());
        assertEquals(56.0, busy.temperatureC());
        assertEquals(692.62, busy.powerDrawW());
        assertEquals(700.0, busy.powerLimitW());
    }

    @Test
    void recordedH200Idle() {
        List<GpuReading> idle = NvidiaSmiParser.parse(Fixtures.recorded("query-gpu-idle.csv"));
        assertEquals(4, idle.size());
        for (GpuReading r : idle) {
            assertEquals(0.0, r.utilizationPct());
            assertEquals(0L, r.memoryUsedBytes());
            assertEquals(38.0, r.temperatureC());
        }
        assertEquals(78.81, idle.get(0).powerDrawW());
    }

    @Test
    void recordedErrorOutputAndOtherQueriesGiveNoReading() {
        assertTrue(NvidiaSmiParser.parse(Fixtures.recorded("query-gpu-bad-field.txt")).isEmpty());
        assertTrue(NvidiaSmiParser.parse(Fixtures.recorded("query-compute-apps-load.csv")).isEmpty());
        assertTrue(NvidiaSmiParser.parse(Fixtures.synthetic("synthetic-driver-failed.txt")).isEmpty());
        assertTrue(NvidiaSmiParser.parse("").isEmpty());
    }

    @Test
    void cudaVersionFromThePlainHeaderAndFromTheFullQuery() {
        assertEquals("13.0", NvidiaSmiParser.cudaVersion(Fixtures.recorded("nvidia-smi-summary.txt")));
        assertEquals("13.0", NvidiaSmiParser.cudaVersion(Fixtures.recorded("nvidia-smi-q.txt")));
        assertNull(NvidiaSmiParser.cudaVersion(Fixtures.synthetic("synthetic-driver-failed.txt")));
        assertNull(NvidiaSmiParser.cudaVersion(null));
    }

    @Test
    void syntheticThreeGpusWithoutHeaderWindowsLineEndsAndMissingValues() {
        String csv = Fixtures.synthetic("synthetic-three-gpus-noheader-crlf.csv");
        assertTrue(csv.contains("\r\n"), "the fixture must keep its Windows line endings");
        List<GpuReading> g = NvidiaSmiParser.parse(csv);
        assertEquals(3, g.size());
        assertEquals(List.of(0, 1, 2), g.stream().map(GpuReading::index).toList());
        GpuReading first = g.get(0);
        assertEquals("NVIDIA A100-SXM4-80GB", first.name());
        assertEquals(87.0, first.utilizationPct());
        assertEquals(40536 * MIB, first.memoryUsedBytes());
        assertEquals(81920 * MIB, first.memoryTotalBytes());
        assertEquals(312.45, first.powerDrawW());
        GpuReading second = g.get(1);
        assertEquals("NVIDIA A100-SXM4-80GB", second.name(), "stray spaces are stripped");
        assertNull(second.utilizationPct());
        assertNull(second.temperatureC());
        assertNull(second.powerDrawW(), "[Not Supported]");
        assertEquals(0L, second.memoryUsedBytes());
        assertEquals(400.0, second.powerLimitW());
        GpuReading third = g.get(2);
        assertNull(third.utilizationPct(), "blank");
        assertNull(third.memoryUsedBytes());
        assertNull(third.powerLimitW());
        assertEquals(35.0, third.temperatureC());
    }

    @Test
    void syntheticTwoDifferentGpusWithHeaderAndNotAvailablePower() {
        List<GpuReading> g = NvidiaSmiParser.parse(Fixtures.synthetic("synthetic-two-gpus-header-not-available.csv"));
        assertEquals(2, g.size());
        assertEquals("NVIDIA GeForce RTX 3060 Laptop GPU", g.get(0).name());
        assertNull(g.get(0).powerDrawW());
        assertNull(g.get(0).powerLimitW());
        assertEquals(6144 * MIB, g.get(0).memoryTotalBytes());
        assertEquals("Tesla T4", g.get(1).name());
        assertNull(g.get(1).utilizationPct());
        assertEquals(9.87, g.get(1).powerDrawW());
    }

    @Test
    void unitsLeftInValuesAreDroppedAndReorderedColumnsAreFoundByName() {
        String csv = "memory.used [MiB], power.draw [W], index, utilization.gpu [%]\n"
                + "1139 MiB, 78.81 W, 3, 42 %\n";
        GpuReading r = NvidiaSmiParser.parse(csv).get(0);
        assertEquals(3, r.index());
        assertEquals(1139 * MIB, r.memoryUsedBytes());
        assertEquals(78.81, r.powerDrawW());
        assertEquals(42.0, r.utilizationPct());
        assertNull(r.name());
    }
}
