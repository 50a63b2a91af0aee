package io.mlwb.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sampler on this machine (short interval, no timing asserted) and driven by hand over fake sources. */
class SystemSamplerTest {

    @Test
    void samplesThisMachineWithSaneValues() throws InterruptedException {
        List<TelemetrySample> got = new CopyOnWriteArrayList<>();
        try (SystemSampler s = new SystemSampler(Duration.ofMillis(50), OshiSources.all(), got::add)) {
            s.start();
            assertTrue(s.running());
            long deadline = System.nanoTime() + 30_000_000_000L; // a bound for a stuck sampler, not a timing check
            while (withCpu(got) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertTrue(withCpu(got) >= 2, "samples with a CPU load: " + withCpu(got) + " of " + got.size());
        for (TelemetrySample sample : got) {
            Map<String, Double> v = sample.values();
            assertTrue(sample.timeMillis() > 0);
            if (v.containsKey(MetricNames.CPU_PERCENT)) { // absent while the kernel's tick counters stand still
                assertBetween(v.get(MetricNames.CPU_PERCENT), 0, 100);
            }
            for (String load : List.of(MetricNames.cpuCorePercent(0), MetricNames.PROCESS_CPU_PERCENT)) {
                if (v.containsKey(load)) { // at 50 ms a counter may not have moved yet: then the value is left out
                    assertBetween(v.get(load), 0, 100);
                }
            }
            assertTrue(v.get(MetricNames.PROCESS_RSS_BYTES) > 1_000_000, "a JVM's resident memory");
            double total = v.get(MetricNames.MEM_TOTAL_BYTES);
            assertBetween(v.get(MetricNames.MEM_USED_BYTES), 1, total);
            for (String rate : List.of(MetricNames.DISK_READ_BYTES_PER_S, MetricNames.DISK_WRITE_BYTES_PER_S,
                    MetricNames.NET_RX_BYTES_PER_S, MetricNames.NET_TX_BYTES_PER_S)) {
                if (v.containsKey(rate)) { // a container may show no disk
                    assertTrue(v.get(rate) >= 0, rate + " " + v.get(rate));
                }
            }
            assertTrue(v.keySet().stream().allMatch(k -> k.matches("(sys|gpu[0-9]+)/[a-z0-9_]+")), v.keySet()::toString);
            assertTrue(v.keySet().stream().noneMatch(k -> k.startsWith("gpu")), "no GPU source given");
        }
    }

    @Test
    void firstSampleComesFromTheSecondReadingAndAFailingSourceIsSkipped() {
        Counter counter = new Counter();
        AtomicInteger failures = new AtomicInteger();
        TelemetrySource failing = new TelemetrySource() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public void sample(Map<String, Double> into) {
                into.put("sys/half_written", 1.0);
                failures.incrementAndGet();
                throw new IllegalStateException("cannot read");
            }
        };
        TelemetrySource deadOnOpen = new TelemetrySource() {
            @Override
            public String name() {
                return "dead";
            }

            @Override
            public void open() {
                throw new UnsupportedOperationException("not on this platform");
            }

            @Override
            public void sample(Map<String, Double> into) {
                throw new AssertionError("a source that failed to open is never read");
            }
        };
        List<TelemetrySample> got = new ArrayList<>();
        SystemSampler s = new SystemSampler(Duration.ofSeconds(1), List.of(failing, deadOnOpen, counter), got::add);
        s.tick(); // opens every source: baselines only, nothing delivered
        assertTrue(got.isEmpty());
        counter.value.set(3_000);
        s.tick();
        s.tick();
        assertEquals(2, got.size());
        assertEquals(2, failures.get(), "a failing source is tried again");
        assertEquals(Map.of("sys/counter_per_tick", 3_000.0), got.get(0).values(), "rate from the baseline, no spike");
        assertEquals(Map.of("sys/counter_per_tick", 0.0), got.get(1).values());
    }

    @Test
    void aConsumerThatThrowsDoesNotStopSampling() {
        AtomicInteger calls = new AtomicInteger();
        TelemetrySource constant = new TelemetrySource() {
            @Override
            public String name() {
                return "constant";
            }

            @Override
            public void sample(Map<String, Double> into) {
                into.put("sys/constant", 1.0);
            }
        };
        SystemSampler s = new SystemSampler(Duration.ofSeconds(1), List.of(constant), sample -> {
            calls.incrementAndGet();
            throw new IllegalStateException("queue full");
        });
        s.tick();
        s.tick();
        s.tick();
        assertEquals(2, calls.get());
    }

    @Test
    void gpuSourceNamesEachGpuByIndexAndLeavesOutMissingValues() {
        List<GpuReading> readings = NvidiaSmiParser.parse(
                Fixtures.synthetic("synthetic-three-gpus-noheader-crlf.csv"));
        GpuStatus[] now = {new GpuStatus(readings, null, null)};
        List<TelemetrySample> got = new ArrayList<>();
        SystemSampler s = new SystemSampler(Duration.ofSeconds(1), List.of(TelemetrySource.gpus(() -> now[0])),
                got::add);
        s.tick();
        s.tick();
        Map<String, Double> v = got.get(0).values();
        assertEquals(87.0, v.get("gpu0/utilization_percent"));
        assertEquals(40536.0 * (1 << 20), v.get("gpu0/memory_used_bytes"));
        assertEquals(64.0, v.get("gpu0/temperature_c"));
        assertEquals(312.45, v.get("gpu0/power_w"));
        assertEquals(400.0, v.get("gpu0/power_limit_w"));
        assertFalse(v.containsKey("gpu1/utilization_percent"), "[N/A] is left out, never NaN");
        assertFalse(v.containsKey("gpu1/power_w"), "[Not Supported]");
        assertEquals(400.0, v.get("gpu1/power_limit_w"));
        assertEquals(35.0, v.get("gpu2/temperature_c"));
        now[0] = GpuStatus.none("nvidia-smi failed (exit 9)");
        s.tick();
        assertEquals(1, got.size(), "no GPU: no values, no sample, no exception");
    }

    @Test
    void startTwiceOrAfterCloseIsRefusedAndCloseIsIdempotent() {
        SystemSampler s = new SystemSampler(Duration.ofSeconds(1), List.of(), sample -> { });
        s.start();
        assertThrows(IllegalStateException.class, s::start);
        s.close();
        s.close();
        assertFalse(s.running());
        assertThrows(IllegalStateException.class, s::start);
        assertThrows(IllegalArgumentException.class,
                () -> new SystemSampler(Duration.ZERO, List.of(), sample -> { }));
    }

    @Test
    void rateMeterNeedsTwoReadingsAndIgnoresACounterGoingBack() {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        RateMeter m = new RateMeter(nanos::get);
        assertNull(m.update(new long[] {5_000, 10}));
        nanos.addAndGet(500_000_000L);
        double[] r = m.update(new long[] {6_000, 10});
        assertEquals(2_000.0, r[0]);
        assertEquals(0.0, r[1]);
        nanos.addAndGet(1_000_000_000L);
        assertNull(m.update(new long[] {100, 10}), "an interface that went away");
        nanos.addAndGet(1_000_000_000L);
        assertEquals(900.0, m.update(new long[] {1_000, 10})[0], "measured again from the new baseline");
    }

    private static long withCpu(List<TelemetrySample> samples) {
        return samples.stream().filter(x -> x.values().containsKey(MetricNames.CPU_PERCENT)).count();
    }

    private static void assertBetween(Double value, double low, double high) {
        assertTrue(value != null && value >= low && value <= high, value + " not in [" + low + ", " + high + "]");
    }

    /** A counter read as a rate per tick of a fake clock (one tick = one second). */
    private static final class Counter implements TelemetrySource {
        final AtomicLong value = new AtomicLong();
        private final AtomicLong clock = new AtomicLong();
        private final RateMeter meter = new RateMeter(() -> clock.addAndGet(1_000_000_000L));

        @Override
        public String name() {
            return "counter";
        }

        @Override
        public void open() {
            meter.update(new long[] {value.get()});
        }

        @Override
        public void sample(Map<String, Double> into) {
            double[] r = meter.update(new long[] {value.get()});
            if (r != null) {
                into.put("sys/counter_per_tick", r[0]);
            }
        }
    }
}
