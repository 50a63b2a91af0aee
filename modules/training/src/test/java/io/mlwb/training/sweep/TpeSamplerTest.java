package io.mlwb.training.sweep;

import static io.mlwb.training.sweep.SweepTestSupport.drive;
import static io.mlwb.training.sweep.SweepTestSupport.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.project.MetricMode;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {

    private static final Map<String, Parameter> XY = params(
            "x", new Parameter.Uniform(0, 1),
            "y", new Parameter.Uniform(0, 1));
    private static final ToDoubleFunction<Map<String, Object>> BOWL = p -> {
        double x = (Double) p.get("x");
        double y = (Double) p.get("y");
        return (x - 0.3) * (x - 0.3) + (y - 0.7) * (y - 0.7);
    };

    private static double best(List<Trial> trials, MetricMode mode) {
        return trials.stream().mapToDouble(Trial::value).reduce(mode == MetricMode.MIN ? Math::min : Math::max)
                .orElseThrow();
    }

    @Test
    void beatsRandomOnAToyObjectiveWithTheSameBudget() {
        int budget = 40;
        double tpeSum = 0;
        double randomSum = 0;
        int tpeWins = 0;
        int seeds = 12;
        for (long seed = 1; seed <= seeds; seed++) {
            double tpe = best(drive(new TpeSampler(XY, MetricMode.MIN, seed), budget, BOWL), MetricMode.MIN);
            double random = best(drive(new RandomSampler(XY, seed), budget, BOWL), MetricMode.MIN);
            tpeSum += tpe;
            randomSum += random;
            tpeWins += tpe < random ? 1 : 0;
        }
        assertTrue(tpeSum < 0.5 * randomSum, "TPE mean best " + tpeSum / seeds + " vs random " + randomSum / seeds);
        assertTrue(tpeWins >= seeds * 2 / 3, "TPE won " + tpeWins + " of " + seeds);
    }

    @Test
    void beatsRandomWhenMaximisingOverLogIntAndChoiceParameters() {
        Map<String, Parameter> space = params(
                "lr", new Parameter.LogUniform(1e-5, 1e-1),
                "epochs", new Parameter.IntUniform(1, 50),
                "layers", new Parameter.Choice(List.of(List.of(32L), List.of(64L, 32L), List.of(128L, 64L))));
        ToDoubleFunction<Map<String, Object>> score = p -> {
            double lr = Math.log10((Double) p.get("lr"));
            long epochs = (Long) p.get("epochs");
            double layers = p.get("layers").equals(List.of(64L, 32L)) ? 0 : 0.3;
            return 1 - (lr + 3) * (lr + 3) / 4 - Math.abs(epochs - 20) / 50.0 - layers;
        };
        double tpeSum = 0;
        double randomSum = 0;
        for (long seed = 1; seed <= 10; seed++) {
            tpeSum += best(drive(new TpeSampler(space, MetricMode.MAX, seed), 40, score), MetricMode.MAX);
            randomSum += best(drive(new RandomSampler(space, seed), 40, score), MetricMode.MAX);
        }
        // regret against the optimum of 1
        assertTrue(10 - tpeSum < 10 - randomSum, "TPE " + tpeSum / 10 + " vs random " + randomSum / 10);
    }

    @Test
    void sameSeedAndHistoryGiveTheSameTrials() {
        List<Trial> a = drive(new TpeSampler(XY, MetricMode.MIN, 3), 25, BOWL);
        List<Trial> b = drive(new TpeSampler(XY, MetricMode.MIN, 3), 25, BOWL);
        assertEquals(a.stream().map(Trial::params).toList(), b.stream().map(Trial::params).toList());
    }

    @Test
    void valuesStayInsideTheirRanges() {
        Map<String, Parameter> space = params(
                "lr", new Parameter.LogUniform(1e-4, 1e-2),
                "n", new Parameter.IntUniform(5, 8),
                "d", new Parameter.Uniform(0, 0.5),
                "act", new Parameter.Choice(List.of("relu", "tanh")));
        List<Trial> trials = drive(new TpeSampler(space, MetricMode.MAX, 1), 40,
                p -> (Double) p.get("d") + ((Long) p.get("n")) / 10.0);
        for (Trial t : trials) {
            double lr = (Double) t.params().get("lr");
            long n = (Long) t.params().get("n");
            double d = (Double) t.params().get("d");
            assertTrue(lr >= 1e-4 && lr <= 1e-2, "lr " + lr);
            assertTrue(n >= 5 && n <= 8, "n " + n);
            assertTrue(d >= 0 && d <= 0.5, "d " + d);
            assertTrue(List.of("relu", "tanh").contains(t.params().get("act")));
        }
        // after the random start it concentrates on the good end of a monotone objective
        double lateMeanD = trials.subList(25, 40).stream().mapToDouble(t -> (Double) t.params().get("d"))
                .average().orElseThrow();
        assertTrue(lateMeanD > 0.3, "late mean d " + lateMeanD);
    }

    @Test
    void startupTrialsAreTheRandomSamplersDraws() {
        List<Trial> tpe = drive(new TpeSampler(XY, MetricMode.MIN, 9), 10, BOWL);
        List<Trial> random = drive(new RandomSampler(XY, 9), 10, BOWL);
        assertEquals(random.stream().map(Trial::params).toList(), tpe.stream().map(Trial::params).toList());
    }

    @Test
    void failedTrialsDoNotCountTowardTheStartup() {
        Sampler tpe = new TpeSampler(XY, MetricMode.MIN, 4, 2, 24);
        List<Trial> failed = List.of(
                new Trial(0, Map.of("x", 0.1, "y", 0.1), Map.of(), TrialStatus.FAILED, null, 0, null, 0, "x", false),
                new Trial(1, Map.of("x", 0.2, "y", 0.2), Map.of(), TrialStatus.FAILED, null, 0, null, 0, "x", false));
        assertEquals(new RandomSampler(XY, 4).next(failed), tpe.next(failed));
    }

    @Test
    void gammaAndWeightsFollowOptunasDefaults() {
        assertEquals(1, TpeSampler.gamma(10));
        assertEquals(2, TpeSampler.gamma(11));
        assertEquals(25, TpeSampler.gamma(1000));
        double[] w = TpeSampler.weights(30);
        assertEquals(1.0 / 30, w[0], 1e-12);
        assertEquals(1.0, w[4], 1e-12);
        assertEquals(1.0, w[29], 1e-12);
        assertTrue(w[1] > w[0] && w[2] > w[1]);
    }

    @Test
    void normalCdfIsAccurate() {
        assertEquals(0.5, TpeSampler.Gaussian.cdf(0), 1e-7);
        assertEquals(0.8413447460685429, TpeSampler.Gaussian.cdf(1), 1e-7);
        assertEquals(0.022750131948179195, TpeSampler.Gaussian.cdf(-2), 1e-8);
        assertEquals(2.866515718791939e-7, TpeSampler.Gaussian.cdf(-5), 1e-13);
    }
}
