package io.mlwb.training.engine;

/**
 * Settings of the training service, read once from the environment.
 *
 * @param cpuHourUsd   the estimated cost of one CPU-device hour, USD ({@code -Dmlwb.cost.cpuHourUsd}, default 0.10)
 * @param gpuHourUsd   the estimated cost of one GPU-device hour, USD ({@code -Dmlwb.cost.gpuHourUsd}, default 2.50)
 * @param telemetryMs  the telemetry interval ({@code -Dmlwb.telemetry.intervalMs}, default 1000; 0 turns it off)
 * @param recording    whether runs are recorded (the catalog, telemetry); off only to measure their overhead
 */
public record TrainingSettings(double cpuHourUsd, double gpuHourUsd, long telemetryMs, boolean recording) {

    /** @return the settings from system properties */
    public static TrainingSettings current() {
        return new TrainingSettings(number("mlwb.cost.cpuHourUsd", 0.10), number("mlwb.cost.gpuHourUsd", 2.50),
                (long) number("mlwb.telemetry.intervalMs", 1000), !Boolean.getBoolean("mlwb.training.noRecording"));
    }

    private static double number(String key, double dflt) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
