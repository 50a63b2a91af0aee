package io.mlwb.telemetry;

import java.util.List;
import java.util.Map;
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
 * The machine's own telemetry through OSHI, as separate sources so that one part an odd platform cannot read (disks
 * in a container without udev, say) leaves the others working: CPU (total and per logical processor), this process
 * (CPU and resident memory), memory, disks and network.
 */
public final class OshiSources {
    private static final Logger LOG = LoggerFactory.getLogger(OshiSources.class);

    private OshiSources() {
    }

    /**
     * Creates the sources; nothing is read until {@link TelemetrySource#open()}. Never throws: on a platform OSHI
     * does not support the list is empty (logged once), and a part it cannot read fails on open and is left out.
     *
     * @return the CPU, process, memory, disk and network sources, in that order
     */
    public static List<TelemetrySource> all() {
        SystemInfo si;
        try {
            si = new SystemInfo();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("No CPU, memory, disk or network telemetry on this platform: {}", e.toString());
            return List.of();
        }
        return List.of(new Cpu(si), new ThisProcess(si), new Memory(si), new Disks(si), new Network(si));
    }

    /** {@code sys/cpu_percent} and {@code sys/cpu_core_N_percent}, from the tick counters of two readings. */
    static final class Cpu implements TelemetrySource {
        private final SystemInfo si;
        private CentralProcessor cpu;
        private long[] ticks;
        private long[][] coreTicks;

        Cpu(SystemInfo si) {
            this.si = si;
        }

        @Override
        public String name() {
            return "cpu";
        }

        @Override
        public void open() {
            cpu = si.getHardware().getProcessor();
            ticks = cpu.getSystemCpuLoadTicks();
            coreTicks = cpu.getProcessorCpuLoadTicks();
        }

        @Override
        public void sample(Map<String, Double> into) {
            long[] nowTicks = cpu.getSystemCpuLoadTicks();
            long[][] nowCoreTicks = cpu.getProcessorCpuLoadTicks();
            double total = load(ticks, nowTicks);
            if (Double.isNaN(total)) {
                return; // no clock tick since the baseline (a very short interval): keep it, measure next time
            }
            put(into, MetricNames.CPU_PERCENT, 100 * total);
            if (coreTicks.length == nowCoreTicks.length) { // a processor coming or going: one interval without cores
                for (int i = 0; i < nowCoreTicks.length; i++) {
                    put(into, MetricNames.cpuCorePercent(i), 100 * load(coreTicks[i], nowCoreTicks[i]));
                }
            }
            ticks = nowTicks;
            coreTicks = nowCoreTicks;
        }

        /** Busy share of the ticks between two readings; OSHI's tick layout, idle and iowait are not busy. */
        private static double load(long[] before, long[] after) {
            long total = 0;
            for (int i = 0; i < after.length; i++) {
                total += after[i] - before[i];
            }
            long idle = after[CentralProcessor.TickType.IDLE.getIndex()]
                    - before[CentralProcessor.TickType.IDLE.getIndex()]
                    + after[CentralProcessor.TickType.IOWAIT.getIndex()]
                    - before[CentralProcessor.TickType.IOWAIT.getIndex()];
            return total <= 0 ? Double.NaN : Math.min(1, Math.max(0, (total - idle) / (double) total));
        }
    }

    /** {@code sys/process_cpu_percent} (share of the whole machine) and {@code sys/process_rss_bytes}. */
    static final class ThisProcess implements TelemetrySource {
        private final SystemInfo si;
        private OperatingSystem os;
        private int pid;
        private int processors;
        private OSProcess previous;

        ThisProcess(SystemInfo si) {
            this.si = si;
        }

        @Override
        public String name() {
            return "process";
        }

        @Override
        public void open() {
            os = si.getOperatingSystem();
            pid = os.getProcessId();
            processors = Math.max(1, si.getHardware().getProcessor().getLogicalProcessorCount());
            previous = current();
        }

        @Override
        public void sample(Map<String, Double> into) {
            OSProcess now = current();
            double oneProcessor = now.getProcessCpuLoadBetweenTicks(previous);
            put(into, MetricNames.PROCESS_CPU_PERCENT, Math.min(100, 100 * oneProcessor / processors));
            put(into, MetricNames.PROCESS_RSS_BYTES, now.getResidentSetSize());
            previous = now;
        }

        private OSProcess current() {
            OSProcess p = os.getProcess(pid);
            if (p == null) {
                throw new IllegalStateException("the operating system does not show process " + pid);
            }
            return p;
        }
    }

    /** {@code sys/mem_used_bytes} and {@code sys/mem_total_bytes}. */
    static final class Memory implements TelemetrySource {
        private final SystemInfo si;
        private GlobalMemory memory;

        Memory(SystemInfo si) {
            this.si = si;
        }

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public void open() {
            memory = si.getHardware().getMemory();
        }

        @Override
        public void sample(Map<String, Double> into) {
            long total = memory.getTotal();
            put(into, MetricNames.MEM_USED_BYTES, total - memory.getAvailable());
            put(into, MetricNames.MEM_TOTAL_BYTES, total);
        }
    }

    /** {@code sys/disk_read_bytes_per_s} and {@code sys/disk_write_bytes_per_s} over the disks present at open. */
    static final class Disks implements TelemetrySource {
        private final SystemInfo si;
        private final RateMeter rates = new RateMeter(System::nanoTime);
        private List<HWDiskStore> disks;

        Disks(SystemInfo si) {
            this.si = si;
        }

        @Override
        public String name() {
            return "disks";
        }

        @Override
        public void open() {
            disks = si.getHardware().getDiskStores();
            rates.update(read());
        }

        @Override
        public void sample(Map<String, Double> into) {
            double[] r = rates.update(read());
            if (r != null) {
                put(into, MetricNames.DISK_READ_BYTES_PER_S, r[0]);
                put(into, MetricNames.DISK_WRITE_BYTES_PER_S, r[1]);
            }
        }

        private long[] read() {
            long read = 0;
            long written = 0;
            for (HWDiskStore d : disks) {
                d.updateAttributes();
                read += d.getReadBytes();
                written += d.getWriteBytes();
            }
            return new long[] {read, written};
        }
    }

    /** {@code sys/net_rx_bytes_per_s} and {@code sys/net_tx_bytes_per_s} over the interfaces present at open. */
    static final class Network implements TelemetrySource {
        private final SystemInfo si;
        private final RateMeter rates = new RateMeter(System::nanoTime);
        private List<NetworkIF> interfaces;

        Network(SystemInfo si) {
            this.si = si;
        }

        @Override
        public String name() {
            return "network";
        }

        @Override
        public void open() {
            interfaces = si.getHardware().getNetworkIFs();
            rates.update(read());
        }

        @Override
        public void sample(Map<String, Double> into) {
            double[] r = rates.update(read());
            if (r != null) {
                put(into, MetricNames.NET_RX_BYTES_PER_S, r[0]);
                put(into, MetricNames.NET_TX_BYTES_PER_S, r[1]);
            }
        }

        private long[] read() {
            long rx = 0;
            long tx = 0;
            for (NetworkIF n : interfaces) {
                n.updateAttributes();
                rx += n.getBytesRecv();
                tx += n.getBytesSent();
            }
            return new long[] {rx, tx};
        }
    }

    private static void put(Map<String, Double> into, String name, double value) {
        if (Double.isFinite(value)) {
            into.put(name, value);
        }
    }
}
