package io.mlwb.telemetry;

import java.util.List;

/**
 * What the machine's NVIDIA GPUs report now. No GPU (no binary, no driver, a failing tool) is a normal state with a
 * reason, never an error.
 *
 * @param gpus   the readings, empty when none
 * @param reason why there is none, or null when there are GPUs
 * @param cuda   the CUDA version the driver supports, or null
 */
public record GpuStatus(List<GpuReading> gpus, String reason, String cuda) {
    /** Copies the list. */
    public GpuStatus {
        gpus = List.copyOf(gpus);
    }

    /**
     * @param reason why there is no GPU
     * @return the no-GPU state
     */
    public static GpuStatus none(String reason) {
        return new GpuStatus(List.of(), reason, null);
    }

    /** @return whether at least one GPU reported */
    public boolean present() {
        return !gpus.isEmpty();
    }
}
