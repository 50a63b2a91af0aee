package io.mlwb.training.sweep;

import io.mlwb.core.project.MetricMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020), as Optuna's {@code SuccessiveHalvingPruner} applies it to
 * trials that run one after another and cannot be paused. Rungs sit at epochs {@code minEpochs · η^k}
 * (k = 0, 1, ...). When a trial first reports at or past a rung, its value joins that rung's record and the trial
 * continues only if it is among the best {@code ⌊m/η⌋} of the {@code m} values recorded there so far, itself
 * included; while {@code m < η} only a value at least as good as every earlier one at the rung continues (so the
 * first trial always does). A trial is never judged twice at one rung, and a NaN value stops it. Nothing waits for
 * other trials, which is what makes it asynchronous: early trials are judged against few peers. Thread-safe.
 */
public final class SuccessiveHalving {
    private final int minEpochs;
    private final int reductionFactor;
    private final MetricMode mode;
    /** Per rung index, the values recorded there. */
    private final Map<Integer, List<Double>> rungs = new HashMap<>();
    /** Per trial, the highest rung index it was judged at. */
    private final Map<Long, Integer> judged = new HashMap<>();

    /**
     * @param minEpochs       the first rung's epoch, at least 1
     * @param reductionFactor η, at least 2: one trial in η goes on at each rung
     * @param mode            whether larger or smaller values are better
     */
    public SuccessiveHalving(int minEpochs, int reductionFactor, MetricMode mode) {
        if (minEpochs < 1 || reductionFactor < 2) {
            throw new IllegalArgumentException("need minEpochs >= 1 and reductionFactor >= 2");
        }
        this.minEpochs = minEpochs;
        this.reductionFactor = reductionFactor;
        this.mode = mode;
    }

    /**
     * @param halving the sweep file's settings
     * @param mode    whether larger or smaller values are better
     */
    public SuccessiveHalving(SweepSpec.Halving halving, MetricMode mode) {
        this(halving.minEpochs(), halving.reductionFactor(), mode);
    }

    /**
     * The epoch of rung {@code k}.
     *
     * @param k the rung index, from 0
     * @return {@code minEpochs · η^k}, saturating at {@code Integer.MAX_VALUE}
     */
    public int rungEpoch(int k) {
        long e = minEpochs;
        for (int i = 0; i < k && e < Integer.MAX_VALUE; i++) {
            e *= reductionFactor;
        }
        return (int) Math.min(e, Integer.MAX_VALUE);
    }

    /**
     * Records a trial's metric after an epoch and says whether it should stop.
     *
     * @param trialId the trial (its number in a sweep)
     * @param epoch   the epoch just finished, from 1
     * @param value   the sweep metric after that epoch
     * @return true when the trial should stop now
     */
    public synchronized boolean shouldStop(long trialId, int epoch, double value) {
        if (Double.isNaN(value)) {
            return true;
        }
        int rung = -1;
        for (int k = 0; rungEpoch(k) <= epoch; k++) {
            rung = k;
            if (rungEpoch(k) == Integer.MAX_VALUE) {
                break;
            }
        }
        int last = judged.getOrDefault(trialId, -1);
        if (rung <= last) {
            return false;
        }
        judged.put(trialId, rung);
        List<Double> values = rungs.computeIfAbsent(rung, k -> new ArrayList<>());
        values.add(value);
        return !promotable(value, values);
    }

    private boolean promotable(double value, List<Double> competing) {
        List<Double> sorted = new ArrayList<>(competing);
        sorted.sort(mode == MetricMode.MAX ? java.util.Comparator.reverseOrder() : java.util.Comparator.naturalOrder());
        int keep = Math.max(1, competing.size() / reductionFactor);
        double threshold = sorted.get(keep - 1);
        return mode == MetricMode.MAX ? value >= threshold : value <= threshold;
    }
}
