/**
 * Hyperparameter sweeps: a sweep file ({@link io.mlwb.training.sweep.SweepSpecLoader}), samplers (grid, random and a
 * tree-structured Parzen estimator), successive halving, and {@link io.mlwb.training.sweep.SweepRunner}, which drives
 * trials through a {@link io.mlwb.training.sweep.TrialExecutor} within a budget. Headless; training itself is the
 * executor's business. See docs/sweeps.md.
 */
package io.mlwb.training.sweep;
