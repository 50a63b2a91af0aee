package io.mlwb.telemetry;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code gpuN/*} metrics from what the GPU tool reports now. Values are instantaneous, so no baseline is needed.
 * No GPU is a normal state: the sample simply has no {@code gpu} values, and a change between having GPUs and not is
 * logged once per change.
 */
final class GpuSource implements TelemetrySource {
    private static final Logger LOG = LoggerFactory.getLogger(GpuSource.class);

    private final Supplier<GpuStatus> gpus;
    private Boolean present;

    GpuSource(Supplier<GpuStatus> gpus) {
        this.gpus = Objects.requireNonNull(gpus, "gpus");
    }

    @Override
    public String name() {
        return "gpu";
    }

    @Override
    public void sample(Map<String, Double> into) {
        GpuStatus status = gpus.get();
        if (Thread.currentThread().isInterrupted()) {
            return; // the sampler is closing and stopped the tool: not a change of state worth a log line
        }
        if (!status.present()) {
            if (!Boolean.FALSE.equals(present)) {
                LOG.info("No GPU telemetry: {}", status.reason());
            }
            present = false;
            return;
        }
        if (Boolean.FALSE.equals(present)) {
            LOG.info("GPU telemetry is back ({} GPUs)", status.gpus().size());
        }
        present = true;
        List<GpuReading> readings = status.gpus();
        for (int i = 0; i < readings.size(); i++) {
            GpuReading r = readings.get(i);
            int gpu = r.index() != null ? r.index() : i;
            put(into, MetricNames.gpuUtilizationPercent(gpu), r.utilizationPct());
            put(into, MetricNames.gpuMemoryUsedBytes(gpu), r.memoryUsedBytes());
            put(into, MetricNames.gpuMemoryTotalBytes(gpu), r.memoryTotalBytes());
            put(into, MetricNames.gpuTemperatureC(gpu), r.temperatureC());
            put(into, MetricNames.gpuPowerW(gpu), r.powerDrawW());
            put(into, MetricNames.gpuPowerLimitW(gpu), r.powerLimitW());
        }
    }

    private static void put(Map<String, Double> into, String name, Number value) {
        if (value != null && Double.isFinite(value.doubleValue())) {
            into.put(name, value.doubleValue());
        }
    }
}
