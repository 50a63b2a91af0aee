package io.mlwb.app.training;

import java.util.List;
import java.util.Map;

/**
 * What the Training pane's charts draw at one moment, already downsampled for drawing (largest-triangle-three-buckets
 * to at most {@link LiveSeries#DRAW_POINTS} points per series), so a run of 1,000,000 steps redraws as fast as one of
 * 1,000.
 *
 * @param runId   the run shown
 * @param series  per chart ({@code loss_step}, {@code loss_epoch}, {@code metric_epoch}, {@code lr}, {@code system}), its
 *                named series
 * @param points  how many raw points were read in all
 */
public record ChartSnapshot(long runId, Map<String, List<LiveSeries.Drawn>> series, long points) {
    /** Copies the map. */
    public ChartSnapshot {
        series = Map.copyOf(series);
    }
}
