package io.mlwb.training.sweep;

import io.mlwb.core.project.MetricMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A validated sweep file: which training spec to vary, what to optimise, how to sample, and when to stop.
 *
 * @param file       the sweep file as named to the loader
 * @param baseSpec   the base training spec, resolved against the sweep file's folder
 * @param metric     the metric to optimise, e.g. {@code val_auc}; the executor reports it per epoch and at the end
 * @param mode       whether larger ({@code max}) or smaller ({@code min}) is better
 * @param sampler    how parameters are chosen
 * @param seed       the sampler's seed; the same seed and history give the same trials
 * @param budget     when to stop
 * @param halving    successive halving settings, or null for none
 * @param parameters the swept spec fields by dotted key path, in file order
 */
public record SweepSpec(String file, Path baseSpec, String metric, MetricMode mode, SamplerKind sampler, long seed,
                        Budget budget, Halving halving, Map<String, Parameter> parameters) {

    /** Checks the fields and copies the parameters, keeping their order. */
    public SweepSpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(baseSpec, "baseSpec");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(budget, "budget");
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one parameter");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * Limits on a sweep; each null limit is absent. The sweep stops before starting a trial once any limit is
     * reached; a running trial is allowed to finish.
     *
     * @param runs     the most trials to start, or null
     * @param wallTime the longest the sweep may run, or null
     * @param costUsd  the most estimated cost in US dollars, summed over finished trials, or null
     */
    public record Budget(Integer runs, Duration wallTime, Double costUsd) {
        /** Checks the limits are positive. */
        public Budget {
            if (runs != null && runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1");
            }
            if (wallTime != null && (wallTime.isNegative() || wallTime.isZero())) {
                throw new IllegalArgumentException("wallTime must be positive");
            }
            if (costUsd != null && !(costUsd > 0)) {
                throw new IllegalArgumentException("costUsd must be positive");
            }
        }

        /** @return a budget without limits (a grid sweep then ends when every point is tried) */
        public static Budget unlimited() {
            return new Budget(null, null, null);
        }

        /** @return true when no limit is set */
        public boolean isUnlimited() {
            return runs == null && wallTime == null && costUsd == null;
        }
    }

    /**
     * Successive halving: at epochs {@code minEpochs · reductionFactor^k} a trial continues only if it is among the
     * best {@code 1/reductionFactor} of the trials that reached that epoch (see {@link SuccessiveHalving}).
     *
     * @param minEpochs       the first rung, at least 1
     * @param reductionFactor η, at least 2
     */
    public record Halving(int minEpochs, int reductionFactor) {
        /** Checks the settings. */
        public Halving {
            if (minEpochs < 1 || reductionFactor < 2) {
                throw new IllegalArgumentException("need minEpochs >= 1 and reductionFactor >= 2");
            }
        }
    }
}
