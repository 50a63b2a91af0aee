package io.mlwb.training.sweep;

import static io.mlwb.training.sweep.SweepTestSupport.drive;
import static io.mlwb.training.sweep.SweepTestSupport.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridAndRandomSamplerTest {

    @Test
    void gridIsTheCartesianProductLastKeyFastest() {
        GridSampler grid = new GridSampler(params(
                "a", new Parameter.Choice(List.of(1L, 2L)),
                "b", new Parameter.Choice(List.of("x", "y", "z"))));
        assertEquals(6, grid.size());
        List<Trial> trials = drive(grid, 6, p -> 0);
        List<String> seen = new ArrayList<>();
        for (Trial t : trials) {
            seen.add(t.params().get("a") + "" + t.params().get("b"));
        }
        assertEquals(List.of("1x", "1y", "1z", "2x", "2y", "2z"), seen);
        assertNull(grid.next(trials));
    }

    @Test
    void gridRefusesContinuousRanges() {
        assertThrows(IllegalArgumentException.class,
                () -> new GridSampler(params("d", new Parameter.Uniform(0, 1))));
    }

    @Test
    void randomIsSeededAndStaysInRange() {
        Map<String, Parameter> space = params(
                "lr", new Parameter.LogUniform(1e-4, 1e-2),
                "e", new Parameter.IntUniform(5, 30),
                "act", new Parameter.Choice(List.of("relu", "tanh", "gelu")));
        List<Trial> a = drive(new RandomSampler(space, 1), 200, p -> 0);
        List<Trial> b = drive(new RandomSampler(space, 1), 200, p -> 0);
        List<Trial> c = drive(new RandomSampler(space, 2), 200, p -> 0);
        assertEquals(a.stream().map(Trial::params).toList(), b.stream().map(Trial::params).toList());
        assertNotEquals(a.stream().map(Trial::params).toList(), c.stream().map(Trial::params).toList());
        long lowDecade = a.stream().filter(t -> (Double) t.params().get("lr") < 1e-3).count();
        assertTrue(lowDecade > 70 && lowDecade < 130, "log-uniform puts half the draws below 1e-3: " + lowDecade);
        assertTrue(a.stream().allMatch(t -> (Long) t.params().get("e") >= 5 && (Long) t.params().get("e") <= 30));
        assertEquals(26, a.stream().map(t -> t.params().get("e")).distinct().count());
        assertEquals(3, a.stream().map(t -> t.params().get("act")).distinct().count());
    }

    @Test
    void forSpecPicksTheSamplerTheFileAsksFor() {
        Map<String, Parameter> space = params("b", new Parameter.Choice(List.of(1L, 2L)));
        SweepSpec.Budget budget = new SweepSpec.Budget(3, null, null);
        var mode = io.mlwb.core.project.MetricMode.MAX;
        assertTrue(Sampler.forSpec(SweepTestSupport.spec(SamplerKind.GRID, mode, budget, null, space))
                instanceof GridSampler);
        assertTrue(Sampler.forSpec(SweepTestSupport.spec(SamplerKind.RANDOM, mode, budget, null, space))
                instanceof RandomSampler);
        assertTrue(Sampler.forSpec(SweepTestSupport.spec(SamplerKind.TPE, mode, budget, null, space))
                instanceof TpeSampler);
    }
}
