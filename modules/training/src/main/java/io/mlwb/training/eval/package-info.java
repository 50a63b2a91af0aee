/**
 * Evaluation, fairness and mitigation math on plain arrays: classification and regression metrics, the
 * cost-minimizing threshold, per-group fairness metrics, reweighing and per-group thresholds.
 *
 * <p>Everything here is deterministic and free of DJL, so the training engine, the CLI, the pane and the drift
 * module can share it. Inputs are validated eagerly: NaN or infinite values and mismatched lengths are rejected
 * with an {@link java.lang.IllegalArgumentException} that says which array and which row. A metric that is
 * undefined for valid input (ROC AUC with one class, precision with no predicted positive) is NaN, and its reason
 * is recorded next to it; it never throws.
 */
package io.mlwb.training.eval;
