package io.mlwb.telemetry;

/**
 * One GPU as {@code nvidia-smi --query-gpu} reported it. A value the tool reports as {@code [N/A]},
 * {@code [Not Supported]} or leaves blank is null (numbers) or null (text).
 *
 * @param index            the GPU's index
 * @param name             its model, e.g. {@code NVIDIA H200}
 * @param uuid             its UUID
 * @param driver           the driver version
 * @param utilizationPct   GPU utilization, %
 * @param memoryUtilPct    memory-controller utilization, %
 * @param memoryUsedBytes  memory used
 * @param memoryTotalBytes memory in all
 * @param temperatureC     temperature, °C
 * @param powerDrawW       power drawn, W
 * @param powerLimitW      power limit, W
 */
public record GpuReading(Integer index, String name, String uuid, String driver, Double utilizationPct,
                         Double memoryUtilPct, Long memoryUsedBytes, Long memoryTotalBytes, Double temperatureC,
                         Double powerDrawW, Double powerLimitW) {
}
