package io.mlwb.telemetry;

/**
 * The names of telemetry metrics: stable snake_case strings, {@code sys/...} for the machine and this process and
 * {@code gpuN/...} for the NVIDIA GPU with index N. Runs record samples under these names, and charts look them up by
 * them, so a name never changes meaning; the list with units is in {@code docs/telemetry.md}.
 */
public final class MetricNames {
    /** Whole-machine CPU use, % (0–100). */
    public static final String CPU_PERCENT = "sys/cpu_percent";
    /** This process's CPU use as a share of the whole machine, % (0–100, comparable with {@link #CPU_PERCENT}). */
    public static final String PROCESS_CPU_PERCENT = "sys/process_cpu_percent";
    /** This process's resident memory, bytes. */
    public static final String PROCESS_RSS_BYTES = "sys/process_rss_bytes";
    /** Machine memory in use (total minus available), bytes. */
    public static final String MEM_USED_BYTES = "sys/mem_used_bytes";
    /** Machine memory in all, bytes. */
    public static final String MEM_TOTAL_BYTES = "sys/mem_total_bytes";
    /** Bytes read from all disks per second. */
    public static final String DISK_READ_BYTES_PER_S = "sys/disk_read_bytes_per_s";
    /** Bytes written to all disks per second. */
    public static final String DISK_WRITE_BYTES_PER_S = "sys/disk_write_bytes_per_s";
    /** Bytes received on all network interfaces (loopback excluded) per second. */
    public static final String NET_RX_BYTES_PER_S = "sys/net_rx_bytes_per_s";
    /** Bytes sent on all network interfaces (loopback excluded) per second. */
    public static final String NET_TX_BYTES_PER_S = "sys/net_tx_bytes_per_s";

    private MetricNames() {
    }

    /**
     * @param core the logical processor, from 0
     * @return {@code sys/cpu_core_N_percent}: that processor's use, %
     */
    public static String cpuCorePercent(int core) {
        return "sys/cpu_core_" + core + "_percent";
    }

    /**
     * @param gpu the GPU's index as nvidia-smi numbers it
     * @return {@code gpuN/utilization_percent}: share of time a kernel ran, %
     */
    public static String gpuUtilizationPercent(int gpu) {
        return "gpu" + gpu + "/utilization_percent";
    }

    /**
     * @param gpu the GPU's index
     * @return {@code gpuN/memory_used_bytes}
     */
    public static String gpuMemoryUsedBytes(int gpu) {
        return "gpu" + gpu + "/memory_used_bytes";
    }

    /**
     * @param gpu the GPU's index
     * @return {@code gpuN/memory_total_bytes}
     */
    public static String gpuMemoryTotalBytes(int gpu) {
        return "gpu" + gpu + "/memory_total_bytes";
    }

    /**
     * @param gpu the GPU's index
     * @return {@code gpuN/temperature_c}: core temperature, °C
     */
    public static String gpuTemperatureC(int gpu) {
        return "gpu" + gpu + "/temperature_c";
    }

    /**
     * @param gpu the GPU's index
     * @return {@code gpuN/power_w}: power drawn, W
     */
    public static String gpuPowerW(int gpu) {
        return "gpu" + gpu + "/power_w";
    }

    /**
     * @param gpu the GPU's index
     * @return {@code gpuN/power_limit_w}: the enforced power limit, W
     */
    public static String gpuPowerLimitW(int gpu) {
        return "gpu" + gpu + "/power_limit_w";
    }
}
