package io.mlwb.training.telemetry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples the machine on a daemon thread at a fixed interval while a run trains, and hands each sample to a consumer.
 * Names: {@code sys/cpu_percent}, {@code sys/cpu_core_N_percent}, {@code sys/process_cpu_percent},
 * {@code sys/process_rss_bytes}, {@code sys/mem_used_bytes}, {@code sys/mem_total_bytes},
 * {@code sys/disk_read_bytes_per_s}, {@code sys/disk_write_bytes_per_s}, {@code sys/net_rx_bytes_per_s},
 * {@code sys/net_tx_bytes_per_s}, and per GPU {@code gpuN/utilization_percent}, {@code gpuN/memory_used_bytes},
 * {@code gpuN/memory_total_bytes}, {@code gpuN/temperature_c}, {@code gpuN/power_w}.
 *
 * <p>Rates and CPU loads need two readings, so the first sample is taken one interval after {@link #start()} (no
 * bogus spike). A source that fails (OSHI on an odd platform, the GPU tool) is logged once and left out; the
 * sampler never throws into its thread. No GPU is a normal state: the GPU names are simply absent.
 */
public final class SystemSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemSampler.class);

    private final long intervalMs;
    private final Consumer<TelemetrySample> sink;
    private final Supplier<GpuStatus> gpus;
    private final ScheduledExecutorService timer;
    private final SystemInfo si = new SystemInfo();
    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final OperatingSystem os;
    private long[] prevTicks;
    private long[][] prevCoreTicks;
    private OSProcess prevProc;
    private long prevDiskRead;
    private long prevDiskWrite;
    private long prevRx;
    private long prevTx;
    private long prevAt;
    private boolean gpuFailedLogged;
    private boolean osFailedLogged;

    /**
     * @param intervalMs the interval (1000 for once a second)
     * @param gpus       the GPU source (e.g. {@code new NvidiaSmi()::query}), or null for none
     * @param sink       receives each sample on the sampler's thread
     */
    public SystemSampler(long intervalMs, Supplier<GpuStatus> gpus, Consumer<TelemetrySample> sink) {
        this.intervalMs = intervalMs;
        this.sink = sink;
        this.gpus = gpus;
        this.cpu = si.getHardware().getProcessor();
        this.memory = si.getHardware().getMemory();
        this.os = si.getOperatingSystem();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mlwb-telemetry");
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes the first readings and schedules the samples. */
    public void start() {
        try {
            baseline();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Telemetry from the operating system is not available: {}", e.toString());
            osFailedLogged = true;
        }
        timer.scheduleAtFixedRate(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void baseline() {
        prevTicks = cpu.getSystemCpuLoadTicks();
        prevCoreTicks = cpu.getProcessorCpuLoadTicks();
        prevProc = os.getProcess(os.getProcessId());
        long[] disk = disk();
        prevDiskRead = disk[0];
        prevDiskWrite = disk[1];
        long[] net = net();
        prevRx = net[0];
        prevTx = net[1];
        prevAt = System.nanoTime();
    }

    /** Takes one sample now (the scheduled work; public for tests that drive it). */
    public void tick() {
        Map<String, Double> v = new LinkedHashMap<>();
        try {
            sampleOs(v);
        } catch (RuntimeException | LinkageError e) {
            if (!osFailedLogged) {
                osFailedLogged = true;
                LOG.warn("Telemetry from the operating system failed: {}", e.toString());
            }
        }
        if (gpus != null) {
            try {
                GpuStatus g = gpus.get();
                for (GpuReading r : g.gpus()) {
                    String p = "gpu" + (r.index() == null ? 0 : r.index()) + "/";
                    put(v, p + "utilization_percent", r.utilizationPct());
                    put(v, p + "memory_used_bytes", r.memoryUsedBytes() == null ? null : (double) r.memoryUsedBytes());
                    put(v, p + "memory_total_bytes", r.memoryTotalBytes() == null ? null
                            : (double) r.memoryTotalBytes());
                    put(v, p + "temperature_c", r.temperatureC());
                    put(v, p + "power_w", r.powerDrawW());
                }
            } catch (RuntimeException e) {
                if (!gpuFailedLogged) {
                    gpuFailedLogged = true;
                    LOG.warn("GPU telemetry failed: {}", e.toString());
                }
            }
        }
        if (!v.isEmpty()) {
            try {
                sink.accept(new TelemetrySample(System.currentTimeMillis(), v));
            } catch (RuntimeException e) {
                LOG.debug("A telemetry sample was not taken by its consumer: {}", e.toString());
            }
        }
    }

    private void sampleOs(Map<String, Double> v) {
        if (prevTicks == null) {
            baseline();
            return;
        }
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - prevAt) / 1e9);
        v.put("sys/cpu_percent", 100 * cpu.getSystemCpuLoadBetweenTicks(prevTicks));
        double[] cores = cpu.getProcessorCpuLoadBetweenTicks(prevCoreTicks);
        for (int i = 0; i < cores.length; i++) {
            v.put("sys/cpu_core_" + i + "_percent", 100 * cores[i]);
        }
        prevTicks = cpu.getSystemCpuLoadTicks();
        prevCoreTicks = cpu.getProcessorCpuLoadTicks();
        OSProcess proc = os.getProcess(os.getProcessId());
        if (proc != null) {
            v.put("sys/process_cpu_percent", 100 * proc.getProcessCpuLoadBetweenTicks(prevProc));
            v.put("sys/process_rss_bytes", (double) proc.getResidentSetSize());
            prevProc = proc;
        }
        v.put("sys/mem_used_bytes", (double) (memory.getTotal() - memory.getAvailable()));
        v.put("sys/mem_total_bytes", (double) memory.getTotal());
        long[] disk = disk();
        v.put("sys/disk_read_bytes_per_s", Math.max(0, disk[0] - prevDiskRead) / seconds);
        v.put("sys/disk_write_bytes_per_s", Math.max(0, disk[1] - prevDiskWrite) / seconds);
        prevDiskRead = disk[0];
        prevDiskWrite = disk[1];
        long[] net = net();
        v.put("sys/net_rx_bytes_per_s", Math.max(0, net[0] - prevRx) / seconds);
        v.put("sys/net_tx_bytes_per_s", Math.max(0, net[1] - prevTx) / seconds);
        prevRx = net[0];
        prevTx = net[1];
        prevAt = now;
    }

    private long[] disk() {
        long r = 0;
        long w = 0;
        List<HWDiskStore> disks = si.getHardware().getDiskStores();
        for (HWDiskStore d : disks) {
            d.updateAttributes();
            r += d.getReadBytes();
            w += d.getWriteBytes();
        }
        return new long[] {r, w};
    }

    private long[] net() {
        long rx = 0;
        long tx = 0;
        for (NetworkIF n : si.getHardware().getNetworkIFs()) {
            n.updateAttributes();
            rx += n.getBytesRecv();
            tx += n.getBytesSent();
        }
        return new long[] {rx, tx};
    }

    private static void put(Map<String, Double> v, String name, Double value) {
        if (value != null && Double.isFinite(value)) {
            v.put(name, value);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
