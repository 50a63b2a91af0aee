package io.mlwb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import org.junit.jupiter.api.Test;

/** The estimator on a small hand-checkable table and on the shipped one. */
class CostEstimatorTest {
    private static final PriceTable TABLE = PriceTable.parse("""
            cloud,instance_type,kind,vcpus,memory_gib,accelerator,unit,on_demand_usd,commit_1y_usd,as_of,source
            sagemaker,small,cpu,2,8,,hour,0.10,0.06,2025-06-01,https://example.com/a
            sagemaker,big,cpu,8,32,,hour,0.50,,2025-06-01,https://example.com/b
            sagemaker,serverless,serverless,,,,gb-second,0.00002,,2025-06-01,https://example.com/c
            """, "test table");

    @Test
    void costPerThousandAndCheapestMeetingTheTarget() {
        // 100 predictions/s on 2 cores: 20 ms of one core each; "small" serves 100/s, "big" 400/s
        var q = new CostEstimator.Query(100, 2, 730 * 3600 * 50.0, 50.0, 10.0, 2, 1, null, 2048);
        var e = new CostEstimator(TABLE).estimate(q);
        // peak 100/s; p99 10 ms at low load and 50 ms target allow 70% utilization (the cap): small needs 2
        var small = e.options().stream().filter(o -> o.instanceType().equals("small")).findFirst().orElseThrow();
        assertEquals(2, small.replicas());
        assertEquals(2 * 0.10 * 730, small.monthlyUsd(), 1e-9);
        assertEquals(small.monthlyUsd() / (q.trafficPerMonth() / 1000), small.per1000Usd(), 1e-12);
        assertEquals(2 * 0.06 * 730, small.monthlyCommitUsd(), 1e-9);
        assertEquals("small", e.cheapest().instanceType());
        // serverless: 20 ms (one core's share) x 2 GB x 0.00002 per prediction
        assertEquals(0.020 * 2 * 0.00002 * q.trafficPerMonth(), e.serverless().monthlyUsd(), 1e-6);
        assertFalse(e.assumptions().isEmpty());
        assertTrue(e.staleNote().contains("stale"));
    }

    @Test
    void aTargetBelowTheMeasuredLatencyIsMetByNone() {
        var e = new CostEstimator(TABLE).estimate(new CostEstimator.Query(100, 2, 1e6, 5.0, 10.0, 3, 1,
                "sagemaker", 2048));
        assertNull(e.cheapest());
        assertTrue(e.options().stream().noneMatch(CostEstimator.Option::meetsLatency));
    }

    @Test
    void shippedTableHasDatedSourcedRowsForEveryCloud() {
        PriceTable t = PriceTable.builtin();
        for (String cloud : new String[] {"sagemaker", "vertex", "azureml", "kubernetes"}) {
            assertTrue(t.instances(cloud).size() >= 3, cloud);
        }
        assertTrue(t.rows().stream().allMatch(p -> p.sourceUrl().startsWith("https://") && p.asOf() != null));
        assertTrue(t.rows().stream().anyMatch(p -> p.kind().equals("gpu")));
        assertTrue(t.rows().stream().anyMatch(p -> p.kind().equals("accelerator")));
        assertThrows(UserError.class, () -> new CostEstimator.Query(0, 2, 1, null, null, 3, 1, null, 2048));
    }
}
