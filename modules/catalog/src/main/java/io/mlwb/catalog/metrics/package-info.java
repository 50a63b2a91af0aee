/**
 * Metric series in the catalog: scalars a training loop logs per step and telemetry samples per second.
 *
 * <p>Layout (migration {@code V002__metric_series.sql}):
 * <ul>
 *   <li>{@code metric_key(id, run_id, name, kind)}: one row per series, deleted with its run.</li>
 *   <li>{@code metric_block(key_id, seq, first_step, last_step, n, min_value, max_value, payload)}: points
 *       packed columnar (see {@code MetricBlockCodec}) into blobs of up to 4,096 points,
 *       each sorted by step. One row per block instead of one per point is what makes ingest and reads
 *       fast: SQLite's per-row cost (B-tree insert, JDBC round trip) is paid per ~1,000 points.
 *       {@code first_step/last_step/min/max} let a chart pick blocks by range or scale an axis without
 *       decoding payloads.</li>
 *   <li>{@code metric_latest(key_id, step, value, time)}: the point with the highest step per series,
 *       upserted with each batch, so the runs table (10,000 runs) reads one small row per metric.</li>
 * </ul>
 *
 * <p>Writers: {@link io.mlwb.catalog.metrics.MetricWriter}. Readers:
 * {@link io.mlwb.catalog.metrics.MetricSeriesReader}.
 */
package io.mlwb.catalog.metrics;
