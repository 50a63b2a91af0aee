package io.mlwb.training.sweep;

import io.mlwb.core.project.MetricMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tree-structured Parzen estimator (Bergstra et al. 2011) in the form Optuna's default {@code TPESampler} uses
 * (univariate). The first {@link #DEFAULT_STARTUP_TRIALS} trials are random. After that the ranked trials (complete
 * ones by value, then pruned ones by how far they got and their last value, as Optuna orders them) are split into
 * the best {@link #gamma(int)} = {@code min(ceil(0.1·n), 25)} ("below") and the rest ("above"). For each parameter
 * independently it fits a Parzen estimator to each group — a mixture of truncated Gaussians, one per observation plus
 * a wide prior, bandwidth the distance to the farther neighbour clipped to {@code [range/min(100, 1+n), range]}, in
 * log space for log ranges; for choices a categorical distribution with a prior weight of 1 spread over the choices —
 * draws {@link #DEFAULT_EI_CANDIDATES} candidates from l(x) and keeps the one with the largest l(x)/g(x). Older
 * trials get lower weights once there are more than 25 (Optuna's {@code default_weights}). Failed and cancelled
 * trials are ignored. Deterministic: trial {@code n} draws from a generator seeded with {@code (seed, n)}.
 */
public final class TpeSampler implements Sampler {
    /** Trials sampled at random before the model is used (Optuna's {@code n_startup_trials}). */
    public static final int DEFAULT_STARTUP_TRIALS = 10;
    /** Candidates drawn from l(x) per parameter (Optuna's {@code n_ei_candidates}). */
    public static final int DEFAULT_EI_CANDIDATES = 24;

    private static final double PRIOR_WEIGHT = 1.0;
    private static final double LOG_FLOOR = -700;

    private final Map<String, Parameter> parameters;
    private final MetricMode mode;
    private final long seed;
    private final int startupTrials;
    private final int eiCandidates;

    /**
     * A sampler with Optuna's defaults.
     *
     * @param parameters the search space
     * @param mode       whether larger or smaller values are better
     * @param seed       the sweep's seed
     */
    public TpeSampler(Map<String, Parameter> parameters, MetricMode mode, long seed) {
        this(parameters, mode, seed, DEFAULT_STARTUP_TRIALS, DEFAULT_EI_CANDIDATES);
    }

    /**
     * @param parameters    the search space
     * @param mode          whether larger or smaller values are better
     * @param seed          the sweep's seed
     * @param startupTrials ranked trials needed before the model is used, at least 1
     * @param eiCandidates  candidates drawn per parameter, at least 1
     */
    public TpeSampler(Map<String, Parameter> parameters, MetricMode mode, long seed, int startupTrials,
                      int eiCandidates) {
        if (startupTrials < 1 || eiCandidates < 1) {
            throw new IllegalArgumentException("startupTrials and eiCandidates must be at least 1");
        }
        this.parameters = new LinkedHashMap<>(parameters);
        this.mode = mode;
        this.seed = seed;
        this.startupTrials = startupTrials;
        this.eiCandidates = eiCandidates;
    }

    /**
     * How many of {@code n} ranked trials count as good ("below"): Optuna's default {@code min(ceil(0.1·n), 25)}.
     *
     * @param n the number of ranked trials
     * @return the size of the good group
     */
    public static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    @Override
    public Map<String, Object> next(List<Trial> history) {
        SplittableRandom rng = RandomSampler.rng(seed, history.size());
        List<Trial> ranked = rank(history);
        if (ranked.size() < startupTrials) {
            return RandomSampler.sample(parameters, rng);
        }
        int nBelow = gamma(ranked.size());
        List<Trial> below = byNumber(ranked.subList(0, nBelow));
        List<Trial> above = byNumber(ranked.subList(nBelow, ranked.size()));
        Map<String, Object> result = new LinkedHashMap<>();
        parameters.forEach((key, p) -> result.put(key, p instanceof Parameter.Choice c
                ? sampleChoice(key, c, below, above, rng) : sampleNumber(key, p, below, above, rng)));
        return Collections.unmodifiableMap(result);
    }

    /** Best first: complete by value, then pruned by last epoch (later first) and value. */
    private List<Trial> rank(List<Trial> history) {
        Comparator<Double> better = mode == MetricMode.MAX ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Comparator<Trial> order = Comparator.<Trial, Boolean>comparing(t -> t.status() != TrialStatus.COMPLETE)
                .thenComparing(t -> t.status() == TrialStatus.COMPLETE ? 0 : -t.epochs())
                .thenComparing(Trial::value, better)
                .thenComparingInt(Trial::number);
        return history.stream().filter(Trial::ranked).sorted(order).toList();
    }

    private static List<Trial> byNumber(List<Trial> trials) {
        return trials.stream().sorted(Comparator.comparingInt(Trial::number)).toList();
    }

    /**
     * Optuna's {@code default_weights}: equal weights up to 25 observations; beyond that the oldest ramp up
     * linearly from {@code 1/n} and the newest 25 weigh 1.
     */
    static double[] weights(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        if (n > 25) {
            int ramp = n - 25;
            for (int i = 0; i < ramp; i++) {
                w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
            }
        }
        return w;
    }

    // ---- choices --------------------------------------------------------------------------------------------

    private Object sampleChoice(String key, Parameter.Choice c, List<Trial> below, List<Trial> above,
                                SplittableRandom rng) {
        double[] l = categorical(key, c, below);
        double[] g = categorical(key, c, above);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < eiCandidates; i++) {
            int candidate = draw(l, rng);
            double score = Math.log(l[candidate]) - Math.log(g[candidate]);
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return c.values().get(best);
    }

    private static double[] categorical(String key, Parameter.Choice c, List<Trial> trials) {
        int k = c.values().size();
        double[] p = new double[k];
        Arrays.fill(p, PRIOR_WEIGHT / k);
        List<Integer> seen = new ArrayList<>();
        for (Trial t : trials) {
            int at = c.values().indexOf(t.params().get(key));
            if (at >= 0) {
                seen.add(at);
            }
        }
        double[] w = weights(seen.size());
        for (int i = 0; i < seen.size(); i++) {
            p[seen.get(i)] += w[i];
        }
        double sum = Arrays.stream(p).sum();
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static int draw(double[] p, SplittableRandom rng) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (u < acc) {
                return i;
            }
        }
        return p.length - 1;
    }

    // ---- numbers --------------------------------------------------------------------------------------------

    private Object sampleNumber(String key, Parameter p, List<Trial> below, List<Trial> above,
                                SplittableRandom rng) {
        Space s = Space.of(p);
        Parzen l = Parzen.fit(s, observations(key, s, below));
        Parzen g = Parzen.fit(s, observations(key, s, above));
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < eiCandidates; i++) {
            double x = s.snap(l.sample(rng));
            double score = l.logDensity(x) - g.logDensity(x);
            if (Double.isNaN(best) || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        return s.value(best);
    }

    private static double[] observations(String key, Space s, List<Trial> trials) {
        return trials.stream().map(t -> t.params().get(key)).filter(v -> v instanceof Number)
                .mapToDouble(v -> s.internal(((Number) v).doubleValue())).filter(Double::isFinite)
                .filter(x -> x >= s.low && x <= s.high).toArray();
    }

    /** A numeric range in the space the estimator works in (the log for log ranges; ints widened by ½). */
    private static final class Space {
        final double low;
        final double high;
        final boolean log;
        final boolean integer;
        final Parameter parameter;

        Space(Parameter parameter, double low, double high, boolean log, boolean integer) {
            this.parameter = parameter;
            this.low = low;
            this.high = high;
            this.log = log;
            this.integer = integer;
        }

        static Space of(Parameter p) {
            if (p instanceof Parameter.Uniform u) {
                return new Space(p, u.low(), u.high(), false, false);
            }
            if (p instanceof Parameter.LogUniform l) {
                return new Space(p, Math.log(l.low()), Math.log(l.high()), true, false);
            }
            Parameter.IntUniform i = (Parameter.IntUniform) p;
            return new Space(p, i.low() - 0.5, i.high() + 0.5, false, true);
        }

        double internal(double v) {
            return log ? Math.log(v) : v;
        }

        /** Integers are rounded to their bin's centre; others stay. */
        double snap(double x) {
            if (integer) {
                return Math.min(high - 0.5, Math.max(low + 0.5, Math.rint(x)));
            }
            return Math.min(high, Math.max(low, x));
        }

        Object value(double x) {
            if (integer) {
                return (long) x;
            }
            if (log) {
                Parameter.LogUniform l = (Parameter.LogUniform) parameter;
                return Math.min(l.high(), Math.max(l.low(), Math.exp(x)));
            }
            return x;
        }
    }

    /** A weighted mixture of Gaussians truncated to the space, the last component the prior. */
    private static final class Parzen {
        final Space space;
        final double[] mus;
        final double[] sigmas;
        final double[] weights;
        final double[] logNorm;

        private Parzen(Space space, double[] mus, double[] sigmas, double[] weights) {
            this.space = space;
            this.mus = mus;
            this.sigmas = sigmas;
            this.weights = weights;
            this.logNorm = new double[mus.length];
            for (int k = 0; k < mus.length; k++) {
                double z = Gaussian.cdf((space.high - mus[k]) / sigmas[k]) - Gaussian.cdf((space.low - mus[k])
                        / sigmas[k]);
                logNorm[k] = Math.log(Math.max(z, Double.MIN_NORMAL));
            }
        }

        /** Optuna's univariate estimator: observations in trial order, the prior inserted among them by value. */
        static Parzen fit(Space s, double[] observations) {
            int n = observations.length;
            double range = s.high - s.low;
            double[] obsWeights = weights(n);
            // Sort the observations plus the prior mean; the prior keeps its own sigma.
            Integer[] order = new Integer[n + 1];
            double[] all = Arrays.copyOf(observations, n + 1);
            all[n] = 0.5 * (s.low + s.high);
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> all[i]));
            double[] mus = new double[n + 1];
            double[] sigmas = new double[n + 1];
            double[] w = new double[n + 1];
            for (int r = 0; r <= n; r++) {
                int i = order[r];
                mus[r] = all[i];
                double left = r == 0 ? s.low : all[order[r - 1]];
                double right = r == n ? s.high : all[order[r + 1]];
                double sigma = Math.max(mus[r] - left, right - mus[r]);
                // consider_endpoints=False: the outermost use their inner neighbour only
                if (n + 1 >= 2 && r == 0) {
                    sigma = all[order[1]] - mus[0];
                } else if (n + 1 >= 2 && r == n) {
                    sigma = mus[n] - all[order[n - 1]];
                }
                sigmas[r] = i == n ? range : sigma;
                w[r] = i == n ? PRIOR_WEIGHT : obsWeights[i];
            }
            double minSigma = range / Math.min(100.0, 1.0 + (n + 1));
            double sum = 0;
            for (int r = 0; r <= n; r++) {
                sigmas[r] = Math.min(range, Math.max(minSigma, sigmas[r]));
                sum += w[r];
            }
            for (int r = 0; r <= n; r++) {
                w[r] /= sum;
            }
            return new Parzen(s, mus, sigmas, w);
        }

        double sample(SplittableRandom rng) {
            int k = draw(weights, rng);
            for (int tries = 0; tries < 100; tries++) {
                double x = mus[k] + sigmas[k] * Gaussian.next(rng);
                if (x >= space.low && x <= space.high) {
                    return x;
                }
            }
            return Math.min(space.high, Math.max(space.low, mus[k]));
        }

        /** Log density at {@code x}; for integers the log probability of x's unit bin. */
        double logDensity(double x) {
            double[] terms = new double[mus.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < mus.length; k++) {
                double t;
                if (space.integer) {
                    double mass = Gaussian.cdf((x + 0.5 - mus[k]) / sigmas[k])
                            - Gaussian.cdf((x - 0.5 - mus[k]) / sigmas[k]);
                    t = Math.log(weights[k]) + Math.max(LOG_FLOOR, Math.log(Math.max(mass, 0))) - logNorm[k];
                } else {
                    double z = (x - mus[k]) / sigmas[k];
                    t = Math.log(weights[k]) - 0.5 * z * z - Math.log(sigmas[k]) - Gaussian.LOG_SQRT_2PI
                            - logNorm[k];
                }
                terms[k] = t;
                max = Math.max(max, t);
            }
            double sum = 0;
            for (double t : terms) {
                sum += Math.exp(t - max);
            }
            return max + Math.log(sum);
        }
    }

    /** The standard normal distribution. */
    static final class Gaussian {
        static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

        private Gaussian() {
        }

        /** A standard normal draw (Box–Muller; one of the pair is dropped to keep draws stateless). */
        static double next(SplittableRandom rng) {
            double u = 1.0 - rng.nextDouble();
            double v = rng.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }

        /** The standard normal CDF, through {@link #erfc}. */
        static double cdf(double z) {
            return 0.5 * erfc(-z / Math.sqrt(2));
        }

        /** The complementary error function, fractional error below 1.2e-7 (Numerical Recipes' erfcc). */
        static double erfc(double x) {
            double z = Math.abs(x);
            double t = 1.0 / (1.0 + 0.5 * z);
            double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                    + t * (-0.82215223 + t * 0.17087277)))))))));
            return x >= 0 ? r : 2.0 - r;
        }
    }
}
