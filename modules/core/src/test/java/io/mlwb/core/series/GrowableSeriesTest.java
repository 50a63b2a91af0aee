package io.mlwb.core.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GrowableSeriesTest {
    @Test
    void aReaderCopyingWhileAWriterAppendsSeesOnlyWholePoints() throws Exception {
        GrowableSeries s = new GrowableSeries(1);
        int total = 300_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                s.append(i, 2.0 * i);
            }
        });
        writer.start();
        int read = 0;
        double[] x = new double[total];
        double[] y = new double[total];
        while (read < total) {
            int n = s.size();
            s.copy(read, n, x, y, read);
            read = n;
        }
        writer.join();
        for (int i = 0; i < total; i++) {
            assertEquals(i, x[i]);
            assertEquals(2.0 * i, y[i]);
        }
        assertEquals(total, s.size());
        assertTrue(s.sortedByX());
        assertEquals(1000, s.lowerBound(999.5));
        assertEquals(total, s.lowerBound(1e9));
        assertEquals(null, failure.get());
    }

    @Test
    void snapshotCopiesAndXGoingBackIsNoticed() {
        GrowableSeries s = new GrowableSeries();
        s.append(1, 10);
        s.append(2, 20);
        double[][] snap = s.snapshot();
        s.append(1.5, 15);
        assertEquals(2, snap[0].length);
        assertEquals(3, s.size());
        assertFalse(s.sortedByX());
    }
}
