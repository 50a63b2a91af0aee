package io.mlwb.drift.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Chi-square, Wasserstein, Jensen-Shannon, quantile bins, PSI and KL against the scipy/numpy fixtures. */
class OtherStatsTest {
    @Test
    void chiSquareMatchesScipyChisquare() {
        JsonNode f = Fixtures.load("chisquare.json");
        for (JsonNode c : f.get("tests")) {
            long[] ref = Fixtures.longs(c.get("ref"));
            long[] cur = Fixtures.longs(c.get("cur"));
            double[] exp = expected(ref, cur);
            ChiSquare.Result r = ChiSquare.test(cur, exp);
            Fixtures.close(Fixtures.num(c.get("statistic")), r.statistic(), "chi2 " + c.get("ref"));
            Fixtures.close(Fixtures.num(c.get("pvalue")), r.pValue(), "chi2 p " + c.get("ref"));
        }
        for (JsonNode c : f.get("sf")) {
            double x = c.get("x").asDouble();
            int df = c.get("df").asInt();
            Fixtures.close(Fixtures.num(c.get("sf")), ChiSquare.sf(x, df), "chi2.sf(" + x + ", " + df + ")");
        }
    }

    /** expected = reference proportion × current total, as the generator computes it. */
    private static double[] expected(long[] ref, long[] cur) {
        long rt = Arrays.stream(ref).sum();
        long ct = Arrays.stream(cur).sum();
        double[] e = new double[ref.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = (double) ref[i] / rt * ct;
        }
        return e;
    }

    @Test
    void chiSquareWithAnEmptyReferenceCategoryIsInfiniteWithPZero() {
        ChiSquare.Result r = ChiSquare.test(new long[] {5, 3}, new double[] {8, 0});
        assertEquals(Double.POSITIVE_INFINITY, r.statistic());
        assertEquals(0.0, r.pValue());
    }

    @Test
    void chiSquareOfOneCategoryIsZeroWithPOne() {
        ChiSquare.Result r = ChiSquare.test(new long[] {5}, new double[] {5});
        assertEquals(0.0, r.statistic());
        assertEquals(1.0, r.pValue());
        assertEquals(0, r.df());
    }

    @Test
    void wassersteinMatchesScipyAndNumpyStd() {
        for (JsonNode c : Fixtures.load("wasserstein.json").get("cases")) {
            double[] a = Lcg.sample(c.get("a"));
            double[] b = Lcg.sample(c.get("b"));
            String what = "wasserstein n1=" + a.length + " n2=" + b.length;
            double w = Wasserstein.distance(a, b);
            Fixtures.close(Fixtures.num(c.get("distance")), w, what);
            double std = Wasserstein.populationStd(a, a.length);
            if (Fixtures.num(c.get("refStd")) == 0) {
                assertEquals(0.0, std, what + " std");
            } else {
                Fixtures.close(Fixtures.num(c.get("refStd")), std, what + " std");
            }
            Fixtures.close(Fixtures.num(c.get("normalised")), Wasserstein.normalised(w, std), what + " normalised");
        }
    }

    @Test
    void jensenShannonMatchesScipy() {
        for (JsonNode c : Fixtures.load("jensenshannon.json").get("cases")) {
            long[] p = Fixtures.longs(c.get("p"));
            long[] q = Fixtures.longs(c.get("q"));
            double expected = Fixtures.num(c.get("distance"));
            double actual = JensenShannon.distance(p, q);
            if (Double.isNaN(expected)) {
                assertEquals(0.0, actual, 1e-7, "scipy NaN from a rounding-negative sum: " + c);
            } else {
                Fixtures.close(expected, actual, "js " + c.get("p") + " " + c.get("q"));
            }
        }
        assertEquals(Math.sqrt(Math.log(2)), JensenShannon.distance(new long[] {4, 0}, new long[] {0, 9}), 1e-15);
    }

    @Test
    void quantileBinsCountsPsiAndKlMatchNumpy() {
        JsonNode f = Fixtures.load("psi.json");
        for (JsonNode c : f.get("numeric")) {
            double[] a = Lcg.sample(c.get("a"));
            double[] b = Lcg.sample(c.get("b"));
            int bins = c.get("bins").asInt();
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            double[] edges = c.get("strategy").asText().equals("quantile")
                    ? Bins.quantileEdges(sorted, sorted.length, bins)
                    : Bins.equalWidthEdges(sorted[0], sorted[sorted.length - 1], bins);
            double[] expectedEdges = new double[edges.length];
            for (int i = 0; i < edges.length; i++) {
                expectedEdges[i] = Fixtures.num(c.get("edges").get(i));
            }
            String what = "psi n1=" + a.length + " " + c.get("strategy");
            assertArrayEquals(expectedEdges, edges, what + " edges (bit for bit)");
            long[] rc = Bins.counts(a, a.length, edges);
            long[] cc = Bins.counts(b, b.length, edges);
            assertArrayEquals(Fixtures.longs(c.get("refCounts")), rc, what + " reference counts");
            assertArrayEquals(Fixtures.longs(c.get("curCounts")), cc, what + " current counts");
            double[] sortedB = b.clone();
            Arrays.sort(sortedB);
            assertArrayEquals(rc, Bins.countsSorted(sorted, sorted.length, edges), what + " reference, from sorted");
            assertArrayEquals(cc, Bins.countsSorted(sortedB, sortedB.length, edges), what + " current, from sorted");
            PopulationStability.Result r = PopulationStability.compute(rc, cc);
            Fixtures.close(c.get("psi").asDouble(), r.psi(), what + " psi");
            Fixtures.close(c.get("kl").asDouble(), r.kl(), what + " kl");
        }
        for (JsonNode c : f.get("categorical")) {
            PopulationStability.Result r = PopulationStability.compute(Fixtures.longs(c.get("refCounts")),
                    Fixtures.longs(c.get("curCounts")));
            Fixtures.close(c.get("psi").asDouble(), r.psi(), "categorical psi " + c);
            Fixtures.close(c.get("kl").asDouble(), r.kl(), "categorical kl " + c);
        }
    }

    @Test
    void countingSortedValuesGivesWhatCountingEachValueGives() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        double[][] edgeSets = {{1, 2, 2, 3}, {}, {0}, {-1, -1, -1}, {5, 6, 7}, {Double.NEGATIVE_INFINITY, 0,
            Double.POSITIVE_INFINITY}, {Double.NaN, 2}};
        for (double[] edges : edgeSets) {
            for (int n : new int[] {0, 1, 9, 1000}) {
                double[] v = new double[n + 2];
                for (int i = 0; i < n; i++) {
                    v[i] = i % 7 == 0 ? Double.POSITIVE_INFINITY : i % 11 == 0 ? Double.NEGATIVE_INFINITY
                            : Math.rint(r.nextGaussian() * 4) / 2; // ties on the edges
                }
                v[n] = -1e9; // past n: not counted
                v[n + 1] = 1e9;
                Arrays.sort(v, 0, n);
                assertArrayEquals(Bins.counts(v, n, edges), Bins.countsSorted(v, n, edges),
                        Arrays.toString(edges) + " n=" + n);
            }
        }
    }

    @Test
    void aValueOnAnEdgeFallsInTheLowerBin() {
        double[] edges = {1, 2, 2, 3};
        assertEquals(0, Bins.binOf(1, edges));
        assertEquals(1, Bins.binOf(1.5, edges));
        assertEquals(1, Bins.binOf(2, edges));
        assertEquals(3, Bins.binOf(2.5, edges));
        assertEquals(4, Bins.binOf(Double.POSITIVE_INFINITY, edges));
        assertEquals(0, Bins.binOf(Double.NEGATIVE_INFINITY, edges));
    }

    @Test
    void psiBands() {
        assertEquals(PopulationStability.Band.STABLE, PopulationStability.Band.of(0.0999));
        assertEquals(PopulationStability.Band.MODERATE, PopulationStability.Band.of(0.1));
        assertEquals(PopulationStability.Band.MODERATE, PopulationStability.Band.of(0.25));
        assertEquals(PopulationStability.Band.SIGNIFICANT, PopulationStability.Band.of(0.2501));
    }

    @Test
    void numpyLinearQuantile() {
        double[] s = {1, 2, 3, 4};
        assertEquals(1.3, Quantiles.linear(s, 4, 0.1), 1e-15);
        assertEquals(4.0, Quantiles.linear(s, 4, 1.0));
        assertEquals(1.0, Quantiles.linear(s, 4, 0.0));
        assertEquals(7.0, Quantiles.linear(new double[] {7}, 1, 0.5));
    }
}
