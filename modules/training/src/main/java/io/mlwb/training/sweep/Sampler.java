package io.mlwb.training.sweep;

import java.util.List;
import java.util.Map;

/** Chooses the next trial's parameters from the trials so far. */
public interface Sampler {

    /**
     * Proposes the parameters of trial number {@code history.size()}. Implementations are deterministic: the same
     * seed and history give the same proposal.
     *
     * @param history every trial started so far, in start order (any status)
     * @return sampled values by dotted key path in the sweep's parameter order, or null when the search space is
     *         used up (a grid after its last point)
     */
    Map<String, Object> next(List<Trial> history);

    /**
     * The sampler a sweep file asks for.
     *
     * @param spec the sweep
     * @return a new {@link GridSampler}, {@link RandomSampler} or {@link TpeSampler} (default settings)
     */
    static Sampler forSpec(SweepSpec spec) {
        return switch (spec.sampler()) {
            case GRID -> new GridSampler(spec.parameters());
            case RANDOM -> new RandomSampler(spec.parameters(), spec.seed());
            case TPE -> new TpeSampler(spec.parameters(), spec.mode(), spec.seed());
        };
    }
}
