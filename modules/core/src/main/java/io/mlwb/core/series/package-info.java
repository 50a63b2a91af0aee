/**
 * Numeric series for drawing: a thread-safe growable store ({@link io.mlwb.core.series.GrowableSeries}),
 * largest-triangle-three-buckets downsampling ({@link io.mlwb.core.series.Lttb}), TensorBoard-style smoothing
 * ({@link io.mlwb.core.series.Ema}) and the headless model that turns a growing series into the few points a chart
 * draws ({@link io.mlwb.core.series.SeriesRenderModel}). No JavaFX: benchmarks and tests call it without a display.
 */
package io.mlwb.core.series;
