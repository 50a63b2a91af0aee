package io.mlwb.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.mlwb.catalog.metrics.MetricKind;
import io.mlwb.catalog.metrics.MetricSeries;
import org.junit.jupiter.api.Test;

/** Step and epoch series line up on either axis through steps_per_epoch; system series are drawn by time. */
class MetricAxisTest {
    private static final MetricSeries STEPS = new MetricSeries(1, "train/loss", MetricKind.TRAIN,
            new long[] {5, 10, 20}, new double[] {0.9, 0.8, 0.7}, new long[] {1500, 2000, 4000});
    private static final MetricSeries EPOCHS = new MetricSeries(1, "epoch/val_loss", MetricKind.EVAL,
            new long[] {1, 2}, new double[] {0.85, 0.75}, new long[] {2100, 4100});

    @Test
    void stepAxisPutsEpochsWhereTheyEnded() {
        assertArrayEquals(new double[] {5, 10, 20}, MetricAxis.STEP.points(STEPS, 10, 1000L)[0]);
        assertArrayEquals(new double[] {10, 20}, MetricAxis.STEP.points(EPOCHS, 10, 1000L)[0]);
        assertArrayEquals(new double[] {1, 2}, MetricAxis.STEP.points(EPOCHS, 0, 1000L)[0], "unknown: as recorded");
    }

    @Test
    void epochAxisDividesSteps() {
        assertArrayEquals(new double[] {0.5, 1, 2}, MetricAxis.EPOCH.points(STEPS, 10, 1000L)[0]);
        assertArrayEquals(new double[] {1, 2}, MetricAxis.EPOCH.points(EPOCHS, 10, 1000L)[0]);
        assertArrayEquals(new double[] {5, 10, 20}, MetricAxis.EPOCH.points(STEPS, 0, 1000L)[0]);
    }

    @Test
    void timeIsSecondsSinceTheStartAndSortsOutOfOrderPoints() {
        assertArrayEquals(new double[] {0.5, 1, 3}, MetricAxis.TIME.points(STEPS, 10, 1000L)[0]);
        assertArrayEquals(new double[] {0, 0.5, 2.5}, MetricAxis.TIME.points(STEPS, 10, null)[0],
                "without a start, from the first point");
        MetricSeries resumed = new MetricSeries(1, "train/loss", MetricKind.TRAIN, new long[] {1, 2, 3},
                new double[] {1, 2, 3}, new long[] {3000, 1000, 2000});
        double[][] p = MetricAxis.TIME.points(resumed, 0, 0L);
        assertArrayEquals(new double[] {1, 2, 3}, p[0]);
        assertArrayEquals(new double[] {2, 3, 1}, p[1], "the values follow their points");
    }

    @Test
    void systemSeriesAreAlwaysByTime() {
        MetricSeries cpu = new MetricSeries(1, "sys/cpu_percent", MetricKind.SYSTEM, new long[] {1, 2},
                new double[] {10, 20}, new long[] {2000, 3000});
        assertArrayEquals(new double[] {1, 2}, MetricAxis.STEP.points(cpu, 10, 1000L)[0]);
    }
}
