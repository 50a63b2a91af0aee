package io.mlwb.training.sweep;

import io.mlwb.core.project.MetricMode;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished sweep.
 *
 * @param trials     every trial, best first: complete ones by the metric (mode-aware), then pruned ones (furthest
 *                   first, then by their last value), then cancelled, then failed; ties in start order. The best
 *                   complete trial has {@link Trial#best()} set.
 * @param stopReason why no further trial was started
 * @param elapsed    how long the sweep ran, by the runner's clock
 * @param costUsd    the trials' summed estimated cost in US dollars
 */
public record SweepResult(List<Trial> trials, StopReason stopReason, Duration elapsed, double costUsd) {

    /** Copies the trials. */
    public SweepResult {
        trials = List.copyOf(trials);
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** @return the best complete trial, or empty when none completed */
    public Optional<Trial> best() {
        return trials.stream().filter(Trial::best).findFirst();
    }

    /**
     * The order of a results table.
     *
     * @param mode whether larger or smaller values are better
     * @return best first, as {@link #trials()} describes
     */
    public static Comparator<Trial> order(MetricMode mode) {
        Comparator<Double> better = mode == MetricMode.MAX ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Comparator<Double> values = Comparator.nullsLast(better);
        return Comparator.<Trial>comparingInt(t -> rank(t.status()))
                .thenComparingInt(t -> t.status() == TrialStatus.PRUNED ? -t.epochs() : 0)
                .thenComparing(t -> t.ranked() ? t.value() : null, values)
                .thenComparingInt(Trial::number);
    }

    private static int rank(TrialStatus status) {
        return switch (status) {
            case COMPLETE -> 0;
            case PRUNED -> 1;
            case CANCELLED -> 2;
            case FAILED -> 3;
        };
    }
}
