package io.mlwb.training.sweep;

import static io.mlwb.training.sweep.SweepTestSupport.params;
import static io.mlwb.training.sweep.SweepTestSupport.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.project.MetricMode;
import io.mlwb.training.sweep.SweepTestSupport.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SweepRunnerTest {

    private static final Map<String, Parameter> SPACE = params(
            "optimizer.learning_rate", new Parameter.LogUniform(1e-4, 1e-2),
            "model.dropout", new Parameter.Uniform(0, 0.5),
            "model.layers", new Parameter.Choice(List.of(List.of(64L, 32L), List.of(32L))));
    private static final int EPOCHS = 9;

    /**
     * Stands in for training: the final "AUC" is a fixed function of the overrides it is given (as text), and each
     * epoch reports a value that rises towards it. It stops when the reporter says so.
     */
    private static final class FakeTraining implements TrialExecutor {
        final List<Map<String, String>> seen = new ArrayList<>();
        final List<Integer> epochsRun = new ArrayList<>();
        double costPerTrial;
        ManualClock clock;
        Duration perTrial = Duration.ZERO;
        int failOn = -1;

        static double auc(Map<String, String> o) {
            double lr = Math.log10(Double.parseDouble(o.get("optimizer.learning_rate")));
            double dropout = Double.parseDouble(o.get("model.dropout"));
            double layers = o.get("model.layers").equals("[64, 32]") ? 0.02 : 0;
            return 0.85 - 0.05 * (lr + 3) * (lr + 3) - (dropout - 0.2) * (dropout - 0.2) + layers;
        }

        @Override
        public TrialResult run(int trialNumber, Map<String, String> overrides, EpochReporter reporter) {
            seen.add(overrides);
            if (clock != null) {
                clock.advance(perTrial);
            }
            if (trialNumber == failOn) {
                throw new UserError("out of memory at batch 3", "Lower batch_size.");
            }
            double target = auc(overrides);
            double value = 0;
            int epoch = 0;
            while (epoch < EPOCHS) {
                epoch++;
                value = target * (1 - Math.pow(0.5, epoch));
                if (!reporter.report(epoch, value)) {
                    break;
                }
            }
            epochsRun.add(epoch);
            return new TrialResult("run-" + trialNumber, value, costPerTrial);
        }
    }

    private static SweepSpec sweep(SamplerKind sampler, SweepSpec.Budget budget, SweepSpec.Halving halving) {
        return spec(sampler, MetricMode.MAX, budget, halving, SPACE);
    }

    @Test
    void runsTheBudgetedTrialsAndSortsThemBestFirst() {
        FakeTraining training = new FakeTraining();
        SweepResult r = new SweepRunner(sweep(SamplerKind.RANDOM, new SweepSpec.Budget(8, null, null), null),
                training, new ManualClock()).run(() -> false);
        assertEquals(StopReason.RUNS, r.stopReason());
        assertEquals(8, r.trials().size());
        assertEquals(8, training.seen.size());
        for (int i = 1; i < 8; i++) {
            assertTrue(r.trials().get(i - 1).value() >= r.trials().get(i).value());
        }
        Trial best = r.best().orElseThrow();
        assertEquals(r.trials().get(0), best);
        assertTrue(best.best());
        assertEquals(1, r.trials().stream().filter(Trial::best).count());
        assertEquals("run-" + best.number(), best.runId());
        assertEquals(FakeTraining.auc(best.overrides()) * (1 - Math.pow(0.5, EPOCHS)), best.value(), 1e-12);
        assertTrue(r.trials().stream().allMatch(t -> t.status() == TrialStatus.COMPLETE && t.epochs() == EPOCHS));
    }

    @Test
    void overridesAreTheRenderedParameters() {
        FakeTraining training = new FakeTraining();
        SweepResult r = new SweepRunner(sweep(SamplerKind.TPE, new SweepSpec.Budget(3, null, null), null),
                training, new ManualClock()).run(() -> false);
        for (Trial t : r.trials()) {
            assertEquals(Overrides.of(t.params()), t.overrides());
            assertEquals(t.overrides(), training.seen.get(t.number()));
        }
    }

    @Test
    void minimisingSortsSmallestFirst() {
        SweepSpec s = spec(SamplerKind.RANDOM, MetricMode.MIN, new SweepSpec.Budget(6, null, null), null, SPACE);
        SweepResult r = new SweepRunner(s, new FakeTraining(), new ManualClock()).run(() -> false);
        for (int i = 1; i < 6; i++) {
            assertTrue(r.trials().get(i - 1).value() <= r.trials().get(i).value());
        }
        assertEquals(r.trials().get(0), r.best().orElseThrow());
    }

    @Test
    void aFailingTrialIsRecordedAndTheSweepGoesOn() {
        FakeTraining training = new FakeTraining();
        training.failOn = 2;
        SweepResult r = new SweepRunner(sweep(SamplerKind.RANDOM, new SweepSpec.Budget(5, null, null), null),
                training, new ManualClock()).run(() -> false);
        assertEquals(5, r.trials().size());
        Trial failed = r.trials().get(4);
        assertEquals(2, failed.number());
        assertEquals(TrialStatus.FAILED, failed.status());
        assertNull(failed.value());
        assertNull(failed.runId());
        assertTrue(failed.error().startsWith("out of memory at batch 3"), failed.error());
        assertFalse(failed.best());
        assertTrue(r.best().isPresent());
    }

    @Test
    void aTrialWithoutTheMetricFails() {
        TrialExecutor noMetric = (n, o, rep) -> new TrialResult("run-" + n, n == 0 ? null : 0.5, 0);
        SweepResult r = new SweepRunner(sweep(SamplerKind.RANDOM, new SweepSpec.Budget(2, null, null), null),
                noMetric, new ManualClock()).run(() -> false);
        assertEquals(TrialStatus.COMPLETE, r.trials().get(0).status());
        assertEquals(TrialStatus.FAILED, r.trials().get(1).status());
        assertEquals("run-0", r.trials().get(1).runId());
        assertTrue(r.trials().get(1).error().contains("without a finite val_auc"));
    }

    @Test
    void wallTimeBudgetStopsBeforeTheNextTrial() {
        ManualClock clock = new ManualClock();
        FakeTraining training = new FakeTraining();
        training.clock = clock;
        training.perTrial = Duration.ofMinutes(10);
        SweepResult r = new SweepRunner(sweep(SamplerKind.TPE, new SweepSpec.Budget(100, Duration.ofMinutes(25),
                null), null), training, clock).run(() -> false);
        assertEquals(StopReason.TIME, r.stopReason());
        assertEquals(3, r.trials().size(), "trials start at 0, 10 and 20 minutes; the third may finish");
        assertEquals(Duration.ofMinutes(30), r.elapsed());
    }

    @Test
    void costBudgetStopsOnceTheSpendReachesIt() {
        FakeTraining training = new FakeTraining();
        training.costPerTrial = 2.0;
        SweepResult r = new SweepRunner(sweep(SamplerKind.RANDOM, new SweepSpec.Budget(null, null, 5.0), null),
                training, new ManualClock()).run(() -> false);
        assertEquals(StopReason.COST, r.stopReason());
        assertEquals(3, r.trials().size());
        assertEquals(6.0, r.costUsd(), 1e-12);
        assertEquals(2.0, r.trials().get(0).costUsd(), 1e-12);
    }

    @Test
    void gridEndsWhenEveryPointIsTried() {
        Map<String, Parameter> grid = params(
                "optimizer.learning_rate", new Parameter.Choice(List.of(0.001, 0.003)),
                "model.dropout", new Parameter.Choice(List.of(0.1, 0.2)),
                "model.layers", new Parameter.Choice(List.of(List.of(64L, 32L))));
        FakeTraining training = new FakeTraining();
        SweepResult r = new SweepRunner(spec(SamplerKind.GRID, MetricMode.MAX, SweepSpec.Budget.unlimited(), null,
                grid), training, new ManualClock()).run(() -> false);
        assertEquals(StopReason.EXHAUSTED, r.stopReason());
        assertEquals(4, r.trials().size());
        assertEquals(Map.of("optimizer.learning_rate", "0.001", "model.dropout", "0.1", "model.layers", "[64, 32]"),
                training.seen.get(0));
        Trial best = r.best().orElseThrow();
        assertEquals("0.001", best.overrides().get("optimizer.learning_rate"));
        assertEquals("0.2", best.overrides().get("model.dropout"));
    }

    @Test
    void successiveHalvingStopsWeakTrialsEarly() {
        FakeTraining training = new FakeTraining();
        SweepResult r = new SweepRunner(sweep(SamplerKind.RANDOM, new SweepSpec.Budget(20, null, null),
                new SweepSpec.Halving(1, 3)), training, new ManualClock()).run(() -> false);
        long pruned = r.trials().stream().filter(t -> t.status() == TrialStatus.PRUNED).count();
        assertTrue(pruned >= 10, "pruned " + pruned);
        assertTrue(r.trials().stream().filter(t -> t.status() == TrialStatus.PRUNED)
                .allMatch(t -> t.epochs() < EPOCHS && t.value() != null));
        // the executor honoured the stop: the pruned trials trained fewer epochs
        assertEquals(pruned, training.epochsRun.stream().filter(e -> e < EPOCHS).count());
        // complete trials come first, and the best is the best complete one
        Trial best = r.best().orElseThrow();
        assertEquals(TrialStatus.COMPLETE, best.status());
        double bestComplete = r.trials().stream().filter(t -> t.status() == TrialStatus.COMPLETE)
                .mapToDouble(Trial::value).max().orElseThrow();
        assertEquals(bestComplete, best.value());
        int firstPruned = 0;
        while (r.trials().get(firstPruned).status() == TrialStatus.COMPLETE) {
            firstPruned++;
        }
        int finalFirstPruned = firstPruned;
        assertTrue(r.trials().subList(finalFirstPruned, r.trials().size()).stream()
                .allMatch(t -> t.status() == TrialStatus.PRUNED));
    }

    @Test
    void cancellingStopsTheRunningTrialAndTheSweep() {
        AtomicInteger polls = new AtomicInteger();
        FakeTraining training = new FakeTraining();
        // one poll before trial 0, 9 epochs; one before trial 1, then cancel at its 3rd epoch
        SweepResult r = new SweepRunner(sweep(SamplerKind.RANDOM, new SweepSpec.Budget(10, null, null), null),
                training, new ManualClock()).run(() -> polls.incrementAndGet() > 13);
        assertEquals(StopReason.CANCELLED, r.stopReason());
        assertEquals(2, r.trials().size());
        Trial cancelled = r.trials().get(1);
        assertEquals(TrialStatus.CANCELLED, cancelled.status());
        assertEquals(3, cancelled.epochs());
        assertEquals(List.of(EPOCHS, 3), training.epochsRun);
    }

    @Test
    void cancelledBeforeTheFirstTrialRunsNothing() {
        FakeTraining training = new FakeTraining();
        SweepResult r = new SweepRunner(sweep(SamplerKind.TPE, new SweepSpec.Budget(10, null, null), null),
                training, new ManualClock()).run(() -> true);
        assertEquals(StopReason.CANCELLED, r.stopReason());
        assertTrue(r.trials().isEmpty());
        assertTrue(r.best().isEmpty());
        assertTrue(training.seen.isEmpty());
    }

    @Test
    void anExecutorThatThrowsCancelledEndsTheSweep() {
        TrialExecutor executor = (n, o, rep) -> {
            if (n == 1) {
                throw new Cancelled();
            }
            return new TrialResult("run-" + n, 0.5, 0);
        };
        List<String> events = new ArrayList<>();
        SweepObserver observer = new SweepObserver() {
            @Override
            public void trialStarted(int trialNumber, Map<String, String> overrides) {
                events.add("start " + trialNumber);
            }

            @Override
            public void trialFinished(Trial trial) {
                events.add("end " + trial.number() + " " + trial.status());
            }
        };
        SweepResult r = new SweepRunner(sweep(SamplerKind.RANDOM, new SweepSpec.Budget(5, null, null), null),
                executor, new ManualClock()).run(() -> false, observer);
        assertEquals(StopReason.CANCELLED, r.stopReason());
        assertEquals(List.of("start 0", "end 0 COMPLETE", "start 1", "end 1 CANCELLED"), events);
    }

    @Test
    void tpeFindsABetterTrialThanRandomOnTheFakeTraining() {
        double tpe = 0;
        double random = 0;
        for (long seed = 1; seed <= 5; seed++) {
            SweepSpec t = new SweepSpec("s", java.nio.file.Path.of("m"), "val_auc", MetricMode.MAX, SamplerKind.TPE,
                    seed, new SweepSpec.Budget(30, null, null), null, SPACE);
            SweepSpec u = new SweepSpec("s", java.nio.file.Path.of("m"), "val_auc", MetricMode.MAX,
                    SamplerKind.RANDOM, seed, new SweepSpec.Budget(30, null, null), null, SPACE);
            tpe += new SweepRunner(t, new FakeTraining(), new ManualClock()).run(() -> false).best().orElseThrow()
                    .value();
            random += new SweepRunner(u, new FakeTraining(), new ManualClock()).run(() -> false).best()
                    .orElseThrow().value();
        }
        assertTrue(tpe > random, "TPE " + tpe / 5 + " vs random " + random / 5);
    }
}
