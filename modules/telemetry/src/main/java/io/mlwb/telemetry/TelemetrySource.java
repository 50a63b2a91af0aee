package io.mlwb.telemetry;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One part of the machine that {@link SystemSampler} reads each interval (CPU, memory, disks, a GPU tool...). The
 * sampler calls a source from one thread only. A source may throw: the sampler logs the first failure, leaves that
 * source's values out of the sample and carries on with the others.
 */
public interface TelemetrySource {
    /** @return a short name for logs, e.g. {@code cpu} */
    String name();

    /**
     * Takes the baseline reading that rates and loads are measured from. Called once, before the first
     * {@link #sample}; a source that throws here is left out for the rest of the sampler's life.
     */
    default void open() {
    }

    /**
     * Adds this source's values (names from {@link MetricNames}) to a sample being built. Rates and loads cover the
     * time since the previous call, or since {@link #open()} for the first one. Values that are not known are left
     * out, never written as NaN.
     *
     * @param into the sample's values
     */
    void sample(Map<String, Double> into);

    /**
     * @param gpus what the GPUs report now (e.g. {@code new NvidiaSmi()::query}); a none state adds nothing
     * @return a source writing the {@code gpuN/*} metrics
     */
    static TelemetrySource gpus(Supplier<GpuStatus> gpus) {
        return new GpuSource(gpus);
    }
}
