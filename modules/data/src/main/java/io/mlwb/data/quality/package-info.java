/**
 * Data-quality rules of mlwb.yaml checked against a read table ({@link io.mlwb.data.quality.QualityChecker}), and
 * schema snapshots ({@link io.mlwb.data.quality.SchemaSnapshot}) that {@code schema_equals_approved} compares with.
 */
package io.mlwb.data.quality;
