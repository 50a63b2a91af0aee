package io.mlwb.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A part of the work reports onto its share of the whole, and cancellation reaches it. */
class ProgressTest {
    @Test
    void aPartMapsOntoItsShareAndCancellationPassesThrough() {
        List<Double> seen = new ArrayList<>();
        boolean[] cancel = {false};
        Progress whole = new Progress() {
            @Override
            public void report(double fraction, String message) {
                seen.add(fraction);
            }

            @Override
            public boolean cancelled() {
                return cancel[0];
            }
        };
        Progress part = whole.scaled(0.25, 0.75);
        part.report(0, "start");
        part.report(0.5, "half");
        part.report(1, "done");
        part.report(1.5, "past the end");
        part.report(-1, "unknown");
        assertEquals(List.of(0.25, 0.5, 0.75, 0.75, -1.0), seen);
        assertFalse(part.cancelled());
        cancel[0] = true;
        assertTrue(part.cancelled());
        assertThrows(Cancelled.class, part::checkCancelled);
    }
}
