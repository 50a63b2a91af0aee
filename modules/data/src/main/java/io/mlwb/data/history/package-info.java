/**
 * Profiling as a use case, and profile history tied to git: {@link io.mlwb.data.history.ProfileService} (the one
 * service the CLI and the Dataset pane both call: version, reuse, exact or streaming, rules, record, approve,
 * compare), its requests, results and settings; profiles stored in the catalog by file fingerprint ({@link
 * io.mlwb.data.history.ProfileStore}), a dataset file's versions over git history ({@link
 * io.mlwb.data.history.DatasetVersions}), and the difference between two profiles ({@link
 * io.mlwb.data.history.ProfileDiff}).
 */
package io.mlwb.data.history;
