/**
 * Dataset profiles, the quality checks run on them and approved schema snapshots, stored against dataset
 * versions ({@code profile}, {@code quality_check}, {@code schema_snapshot} tables). Payloads are JSON text the
 * data module writes and reads; this package does not interpret them.
 */
package io.mlwb.catalog.profile;
