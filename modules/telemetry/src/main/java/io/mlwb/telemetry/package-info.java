/**
 * Telemetry while a run trains, and the facts of the machine it trains on.
 *
 * <p>{@link io.mlwb.telemetry.SystemSampler} samples every second (by default) on a daemon thread and
 * hands each {@link io.mlwb.telemetry.TelemetrySample} to a consumer. Its metric names are stable
 * ({@link io.mlwb.telemetry.MetricNames}):
 * <ul>
 *   <li>{@code sys/cpu_percent}: whole-machine CPU, %; {@code sys/cpu_core_N_percent}: logical processor N, %</li>
 *   <li>{@code sys/process_cpu_percent}: this process as a share of the whole machine, %;
 *       {@code sys/process_rss_bytes}: its resident memory</li>
 *   <li>{@code sys/mem_used_bytes}, {@code sys/mem_total_bytes}: machine memory</li>
 *   <li>{@code sys/disk_read_bytes_per_s}, {@code sys/disk_write_bytes_per_s}: all disks</li>
 *   <li>{@code sys/net_rx_bytes_per_s}, {@code sys/net_tx_bytes_per_s}: all non-loopback interfaces</li>
 *   <li>per NVIDIA GPU N: {@code gpuN/utilization_percent}, {@code gpuN/memory_used_bytes},
 *       {@code gpuN/memory_total_bytes}, {@code gpuN/temperature_c}, {@code gpuN/power_w},
 *       {@code gpuN/power_limit_w}</li>
 * </ul>
 * A value that cannot be read is absent from the sample, never NaN. CPU, memory, disks and network come from OSHI
 * ({@link io.mlwb.telemetry.OshiSources}); GPUs from {@code nvidia-smi}
 * ({@link io.mlwb.telemetry.NvidiaSmi}, parsed by {@link io.mlwb.telemetry.NvidiaSmiParser}).
 * No GPU is a normal state ({@link io.mlwb.telemetry.GpuStatus#none(String)}), never an exception.
 * {@link io.mlwb.telemetry.HardwareFacts} is what a run records about the machine.
 */
package io.mlwb.telemetry;
