/**
 * Git for a workbench project, through JGit (no git binary needed): {@link io.mlwb.vcs.GitRepo} opens or
 * initialises the repository, reports status and the dirty diff a run records, commits chosen files, and
 * reads history and tags. Problems a person can fix (not a repository, detached HEAD, a stale index lock)
 * surface as {@link io.mlwb.core.error.UserError}. File fingerprints and Git LFS pointers live in
 * {@link io.mlwb.vcs.fingerprint}.
 */
package io.mlwb.vcs;
