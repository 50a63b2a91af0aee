package io.mlwb.training.sweep;

import io.mlwb.core.project.MetricMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the sweep tests. */
final class SweepTestSupport {
    private SweepTestSupport() {
    }

    static SweepSpec spec(SamplerKind sampler, MetricMode mode, SweepSpec.Budget budget, SweepSpec.Halving halving,
                          Map<String, Parameter> parameters) {
        return new SweepSpec("sweep.yaml", Path.of("mlp.yaml"), "val_auc", mode, sampler, 7, budget, halving,
                parameters);
    }

    static Map<String, Parameter> params(Object... keysAndParams) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndParams.length; i += 2) {
            m.put((String) keysAndParams[i], (Parameter) keysAndParams[i + 1]);
        }
        return m;
    }

    /** Runs a sampler against an objective for {@code n} trials, as the runner would, and returns the trials. */
    static List<Trial> drive(Sampler sampler, int n, java.util.function.ToDoubleFunction<Map<String, Object>> f) {
        List<Trial> history = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = sampler.next(List.copyOf(history));
            history.add(new Trial(i, p, Overrides.of(p), TrialStatus.COMPLETE, f.applyAsDouble(p), 0, "run-" + i,
                    0, null, false));
        }
        return history;
    }

    /** A clock that moves only when told to. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2024-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
