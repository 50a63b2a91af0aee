package io.mlwb.training.engine;

import io.mlwb.training.spec.TrainingSpec.Schedule;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The learning rate per step. Constant, step (× gamma every {@code step_size} epochs), cosine (from the base rate to
 * zero over the run, per step), one-cycle (PyTorch's defaults: 30 % warm-up from {@code max_lr/25} to {@code max_lr},
 * then cosine down to {@code max_lr/1e4}) and reduce-on-plateau (× factor after {@code patience} epochs without
 * improvement of the validation loss). Its state is checkpointed with the run.
 */
final class LrSchedule {
    private final Schedule spec;
    private final double base;
    private final long totalSteps;
    private final int stepsPerEpoch;
    private double plateauLr;
    private double plateauBest = Double.POSITIVE_INFINITY;
    private int plateauBad;

    LrSchedule(Schedule spec, double base, int epochs, int stepsPerEpoch) {
        this.spec = spec;
        this.base = base;
        this.stepsPerEpoch = stepsPerEpoch;
        this.totalSteps = (long) epochs * stepsPerEpoch;
        this.plateauLr = base;
    }

    /**
     * @param step the step about to run, counted from 0 over the whole run
     * @return its learning rate
     */
    double at(long step) {
        int epoch = (int) (step / Math.max(1, stepsPerEpoch));
        double frac = totalSteps <= 1 ? 0 : (double) step / (totalSteps - 1);
        return switch (spec.type()) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(spec.gamma(), epoch / Math.max(1, spec.stepSize()));
            case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * frac));
            case ONE_CYCLE -> oneCycle(frac);
            case REDUCE_ON_PLATEAU -> plateauLr;
        };
    }

    private double oneCycle(double frac) {
        double max = spec.maxLr() > 0 ? spec.maxLr() : base;
        double start = max / 25;
        double end = start / 1e4;
        double warm = 0.3;
        if (frac < warm) {
            return start + (max - start) * 0.5 * (1 - Math.cos(Math.PI * frac / warm));
        }
        double f = (frac - warm) / (1 - warm);
        return end + (max - end) * 0.5 * (1 + Math.cos(Math.PI * f));
    }

    /**
     * Tells the schedule how an epoch ended (only reduce-on-plateau listens; it watches the early-stopping metric,
     * with PyTorch's relative threshold of 1e-4).
     *
     * @param value the epoch's early-stopping metric
     * @param max   whether larger is better
     */
    void endOfEpoch(double value, boolean max) {
        if (spec.type() != io.mlwb.training.spec.TrainingSpec.ScheduleType.REDUCE_ON_PLATEAU) {
            return;
        }
        double v = max ? -value : value;
        if (Double.isInfinite(plateauBest) || v < plateauBest - Math.abs(plateauBest) * 1e-4) {
            plateauBest = v;
            plateauBad = 0;
        } else if (++plateauBad > spec.patience()) {
            plateauLr *= spec.factor();
            plateauBad = 0;
        }
    }

    void save(DataOutputStream out) throws IOException {
        out.writeDouble(plateauLr);
        out.writeDouble(plateauBest);
        out.writeInt(plateauBad);
    }

    void load(DataInputStream in) throws IOException {
        plateauLr = in.readDouble();
        plateauBest = in.readDouble();
        plateauBad = in.readInt();
    }
}
