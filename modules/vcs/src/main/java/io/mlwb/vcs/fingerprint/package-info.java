/**
 * Content fingerprints of data and model files (SHA-256 and the git blob id, computed in one streaming
 * read) and detection of Git LFS pointer files that stand in for content not yet pulled.
 */
package io.mlwb.vcs.fingerprint;
