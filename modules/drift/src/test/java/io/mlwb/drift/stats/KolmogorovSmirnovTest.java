package io.mlwb.drift.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovTest {
    @Test
    void matchesScipyKs2sampOnExactAndAsymptoticPaths() {
        int asymptotic = 0;
        for (JsonNode c : Fixtures.load("ks_2samp.json").get("cases")) {
            double[] a = Lcg.sample(c.get("a"));
            double[] b = Lcg.sample(c.get("b"));
            KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(a, b);
            String what = "ks_2samp n1=" + a.length + " n2=" + b.length + " " + c.get("a").get("shape") + "/"
                    + c.get("b").get("shape");
            Fixtures.close(Fixtures.num(c.get("statistic")), r.statistic(), what + " statistic");
            Fixtures.close(Fixtures.num(c.get("pvalue")), r.pValue(), what + " p");
            if (c.get("asymptotic").asBoolean()) {
                assertEquals(KolmogorovSmirnov.Method.ASYMPTOTIC, r.method(), what);
                asymptotic++;
            }
        }
        assertEquals(true, asymptotic >= 10, "asymptotic cases: " + asymptotic);
    }

    @Test
    void tiesStepTogether() {
        // F1 and F2 at 1: 2/3 and 1/3; at 2: 1 and 2/3
        var r = KolmogorovSmirnov.test(new double[] {1, 1, 2}, new double[] {1, 2, 2});
        assertEquals(1.0 / 3, r.statistic(), 1e-15);
        assertEquals(KolmogorovSmirnov.Method.EXACT, r.method());
    }

    @Test
    void identicalSamplesHavePValueOne() {
        var r = KolmogorovSmirnov.test(new double[] {3, 1, 2}, new double[] {1, 2, 3});
        assertEquals(0.0, r.statistic());
        assertEquals(1.0, r.pValue());
    }

    @Test
    void negativeZeroEqualsZero() {
        assertEquals(0.0, KolmogorovSmirnov.test(new double[] {-0.0}, new double[] {0.0}).statistic());
    }

    @Test
    void emptyOrNaNSampleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KolmogorovSmirnov.test(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> KolmogorovSmirnov.test(new double[] {Double.NaN}, new double[] {1}));
    }
}
