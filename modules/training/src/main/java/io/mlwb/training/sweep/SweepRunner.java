package io.mlwb.training.sweep;

import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep: asks the sampler for parameters, trains each trial through the {@link TrialExecutor} one after
 * another, prunes through {@link SuccessiveHalving} when the sweep has {@code halving:}, and stops before starting
 * a trial once the budget (runs started, wall time by the given clock, summed cost of finished trials) is reached,
 * the grid is used up, or {@code cancelled} says so. A running trial is allowed to finish unless cancelled; a trial
 * that throws is recorded as {@link TrialStatus#FAILED} and the sweep goes on. One runner runs one sweep.
 */
public final class SweepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

    private final SweepSpec spec;
    private final Sampler sampler;
    private final TrialExecutor executor;
    private final Clock clock;

    /**
     * A runner with the sampler the sweep file asks for ({@link Sampler#forSpec}).
     *
     * @param spec     the sweep
     * @param executor trains one trial
     * @param clock    measures the wall-time budget
     */
    public SweepRunner(SweepSpec spec, TrialExecutor executor, Clock clock) {
        this(spec, Sampler.forSpec(spec), executor, clock);
    }

    /**
     * @param spec     the sweep
     * @param sampler  chooses each trial's parameters
     * @param executor trains one trial
     * @param clock    measures the wall-time budget
     */
    public SweepRunner(SweepSpec spec, Sampler sampler, TrialExecutor executor, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs the sweep without an observer.
     *
     * @param cancelled polled before each trial and after each epoch; true ends the sweep
     * @return the trials, sorted best first, the best marked
     */
    public SweepResult run(BooleanSupplier cancelled) {
        return run(cancelled, SweepObserver.NONE);
    }

    /**
     * Runs the sweep.
     *
     * @param cancelled polled before each trial and after each epoch; true stops the running trial (recorded as
     *                  {@link TrialStatus#CANCELLED}) and ends the sweep
     * @param observer  hears of each trial's start and end
     * @return the trials, sorted best first, the best marked
     */
    public SweepResult run(BooleanSupplier cancelled, SweepObserver observer) {
        Instant start = clock.instant();
        SuccessiveHalving halving = spec.halving() == null ? null : new SuccessiveHalving(spec.halving(), spec.mode());
        List<Trial> history = new ArrayList<>();
        List<Trial> view = Collections.unmodifiableList(history);
        double cost = 0;
        StopReason reason;
        LOG.info("Sweep {} started: {} sampler over {} parameters, metric {} ({})", spec.file(),
                spec.sampler().yamlName(), spec.parameters().size(), spec.metric(), spec.mode().yamlName());
        while (true) {
            reason = budgetReached(history.size(), Duration.between(start, clock.instant()), cost);
            if (reason == null && cancelled.getAsBoolean()) {
                reason = StopReason.CANCELLED;
            }
            if (reason != null) {
                break;
            }
            Map<String, Object> params = sampler.next(view);
            if (params == null) {
                reason = StopReason.EXHAUSTED;
                break;
            }
            Trial trial = runTrial(history.size(), params, halving, cancelled, observer);
            history.add(trial);
            cost += trial.costUsd();
            observer.trialFinished(trial);
            if (trial.status() == TrialStatus.CANCELLED) {
                reason = StopReason.CANCELLED;
                break;
            }
        }
        Duration elapsed = Duration.between(start, clock.instant());
        List<Trial> sorted = new ArrayList<>(history);
        sorted.sort(SweepResult.order(spec.mode()));
        if (!sorted.isEmpty() && sorted.get(0).status() == TrialStatus.COMPLETE) {
            sorted.set(0, sorted.get(0).withBest(true));
        }
        SweepResult result = new SweepResult(sorted, reason, elapsed, cost);
        LOG.info("Sweep {} stopped ({}) after {} trials; best: {}", spec.file(), reason, history.size(),
                result.best().map(t -> "trial " + t.number() + " " + spec.metric() + "=" + t.value()).orElse("none"));
        return result;
    }

    private StopReason budgetReached(int started, Duration elapsed, double cost) {
        SweepSpec.Budget b = spec.budget();
        if (b.runs() != null && started >= b.runs()) {
            return StopReason.RUNS;
        }
        if (b.wallTime() != null && elapsed.compareTo(b.wallTime()) >= 0) {
            return StopReason.TIME;
        }
        if (b.costUsd() != null && cost >= b.costUsd()) {
            return StopReason.COST;
        }
        return null;
    }

    private Trial runTrial(int number, Map<String, Object> params, SuccessiveHalving halving,
                           BooleanSupplier cancelled, SweepObserver observer) {
        Map<String, String> overrides = Overrides.of(params);
        observer.trialStarted(number, overrides);
        LOG.debug("Trial {} started with {}", number, overrides);
        Reporter reporter = new Reporter(number, halving, cancelled);
        TrialResult result;
        try {
            result = executor.run(number, overrides, reporter);
        } catch (Cancelled e) {
            return new Trial(number, params, overrides, TrialStatus.CANCELLED, reporter.lastValue(),
                    reporter.lastEpoch, null, 0, null, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Trial(number, params, overrides, TrialStatus.CANCELLED, reporter.lastValue(),
                    reporter.lastEpoch, null, 0, null, false);
        } catch (Exception e) {
            String message = UserError.find(e).map(UserError::describe).orElseGet(e::toString);
            LOG.warn("Sweep {}: trial {} failed with {}", spec.file(), number, overrides, e);
            return new Trial(number, params, overrides, TrialStatus.FAILED, reporter.lastValue(), reporter.lastEpoch,
                    null, 0, message, false);
        }
        Double value = result.value() != null && Double.isFinite(result.value()) ? result.value()
                : reporter.lastValue();
        TrialStatus status;
        String error = null;
        if (reporter.cancelled) {
            status = TrialStatus.CANCELLED;
        } else if (reporter.pruned) {
            status = TrialStatus.PRUNED;
            value = reporter.lastValue();
        } else if (result.value() == null || !Double.isFinite(result.value())) {
            status = TrialStatus.FAILED;
            error = "the trial finished without a finite " + spec.metric() + " (got " + result.value() + ")";
            LOG.warn("Sweep {}: trial {} {}", spec.file(), number, error);
        } else {
            status = TrialStatus.COMPLETE;
        }
        LOG.debug("Trial {} {}: {}={}", number, status, spec.metric(), value);
        return new Trial(number, params, overrides, status, value, reporter.lastEpoch, result.runId(),
                result.costUsd(), error, false);
    }

    /** Records what a trial reports and says when it should stop. */
    private static final class Reporter implements EpochReporter {
        private final int number;
        private final SuccessiveHalving halving;
        private final BooleanSupplier cancelledFlag;
        private int lastEpoch;
        private double last = Double.NaN;
        private boolean pruned;
        private boolean cancelled;

        Reporter(int number, SuccessiveHalving halving, BooleanSupplier cancelledFlag) {
            this.number = number;
            this.halving = halving;
            this.cancelledFlag = cancelledFlag;
        }

        @Override
        public boolean report(int epoch, double value) {
            if (pruned || cancelled) {
                return false;
            }
            lastEpoch = epoch;
            last = value;
            if (cancelledFlag.getAsBoolean()) {
                cancelled = true;
                return false;
            }
            if (halving != null && halving.shouldStop(number, epoch, value)) {
                pruned = true;
                return false;
            }
            return true;
        }

        Double lastValue() {
            return Double.isFinite(last) ? last : null;
        }
    }
}
