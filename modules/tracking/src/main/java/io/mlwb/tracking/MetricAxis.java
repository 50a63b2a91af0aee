package io.mlwb.tracking;

import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricSeries;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The x axis of a run's metric charts: by step, by epoch or by time since the run started.
 *
 * <p>mlwb logs step series ({@code train/*}, one point per optimiser step) and epoch series ({@code epoch/*}, whose
 * "step" is the epoch number). With the run's {@code steps_per_epoch} param the two line up on either axis: on the
 * step axis epoch {@code e} sits at step {@code e × steps_per_epoch} (where it ended), on the epoch axis step
 * {@code s} sits at {@code s / steps_per_epoch}. Without it (imported runs) the recorded step is used as is. System
 * series ({@link MetricKind#SYSTEM}, sampled about once a second; their step is a sample count) are always drawn by
 * time. Time is seconds since the run's start.
 */
public enum MetricAxis {
    /** Optimiser steps. */
    STEP,
    /** Epochs (fractional for step series). */
    EPOCH,
    /** Seconds since the run started. */
    TIME;

    /**
     * @param name a metric's name
     * @return whether its steps are epochs ({@code epoch/...})
     */
    public static boolean perEpoch(String name) {
        return name.startsWith("epoch/");
    }

    /**
     * The points of a series on this axis, ordered by x (stable, so equal x keep their logged order).
     *
     * @param s             the series
     * @param stepsPerEpoch the run's steps per epoch, or 0 when unknown
     * @param startMs       the run's start (ms since the epoch); the first point's time when unknown
     * @return {@code [0]} x values, non-decreasing; {@code [1]} the values
     */
    public double[][] points(MetricSeries s, long stepsPerEpoch, Long startMs) {
        int n = s.size();
        MetricAxis axis = s.kind() == MetricKind.SYSTEM ? TIME : this;
        long start = startMs != null ? startMs : n == 0 ? 0 : Arrays.stream(s.times()).min().orElse(0);
        boolean epochs = perEpoch(s.name());
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            long step = s.steps()[i];
            x[i] = switch (axis) {
                case STEP -> epochs && stepsPerEpoch > 0 ? (double) step * stepsPerEpoch : step;
                case EPOCH -> !epochs && stepsPerEpoch > 0 ? (double) step / stepsPerEpoch : step;
                case TIME -> (s.times()[i] - start) / 1000.0;
            };
        }
        double[] y = s.values().clone();
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = x[i - 1] <= x[i];
        }
        if (!sorted) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
            double[] sx = new double[n];
            double[] sy = new double[n];
            for (int i = 0; i < n; i++) {
                sx[i] = x[order[i]];
                sy[i] = y[order[i]];
            }
            return new double[][] {sx, sy};
        }
        return new double[][] {x, y};
    }
}
