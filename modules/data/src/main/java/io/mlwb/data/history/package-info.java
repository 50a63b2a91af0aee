/**
 * Profile history tied to git: profiles stored in the catalog by file fingerprint ({@link
 * io.mlwb.data.history.ProfileStore}), a dataset file's versions over git history ({@link
 * io.mlwb.data.history.DatasetVersions}), and the difference between two profiles ({@link
 * io.mlwb.data.history.ProfileDiff}).
 */
package io.mlwb.data.history;
