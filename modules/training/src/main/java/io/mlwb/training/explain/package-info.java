/**
 * Model-agnostic explainability on plain arrays: permutation importance, partial dependence and per-prediction
 * Shapley attributions, all over {@link io.mlwb.training.explain.FeatureGroup feature groups} so that the one-hot
 * columns of one source column are explained as that column.
 *
 * <p>The model is a {@link io.mlwb.training.explain.Predictor}: rows of preprocessed feature vectors in, one
 * score or probability per row out. Everything is seeded and deterministic.
 */
package io.mlwb.training.explain;
