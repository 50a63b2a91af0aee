/**
 * Project-level operations that compose the engines (core's project model, vcs, catalog), shared by the CLI and
 * the workbench so that neither depends on the other.
 */
package io.mlwb.workspace;
