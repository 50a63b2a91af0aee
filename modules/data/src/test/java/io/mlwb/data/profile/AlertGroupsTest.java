package io.mlwb.data.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertGroupsTest {
    private static Alert unique(String column) {
        return new Alert(AlertType.UNIQUE, column, null, 2000, column + " has unique values");
    }

    @Test
    void manyAlertsOfOneTypeBecomeOneLineAtTheFirstOnesPlace() {
        List<Alert> alerts = new ArrayList<>();
        alerts.add(new Alert(AlertType.DUPLICATES, null, null, 3, "3 rows (0.1%) repeat an earlier row"));
        for (int i = 0; i < 2998; i++) {
            alerts.add(unique("g" + i));
            if (i == 10) {
                alerts.add(new Alert(AlertType.SKEWED, "g10", null, 25, "g10 is highly skewed (γ1 = 25.000)"));
            }
        }
        alerts.add(new Alert(AlertType.HIGH_CORRELATION, "g0", "g1", 0.97, "g0 is highly correlated with g1"));

        List<AlertGroups.Group> groups = AlertGroups.group(alerts);

        assertEquals(4, groups.size());
        assertEquals("3 rows (0.1%) repeat an earlier row", groups.get(0).text());
        AlertGroups.Group unique = groups.get(1);
        assertTrue(unique.grouped());
        assertTrue(unique.truncated());
        assertEquals(2998, unique.alerts().size());
        assertEquals("2,998 columns have unique values: g0, g1, g2, …", unique.text());
        assertEquals("g2997", unique.subjects().get(2997));
        assertEquals("g10 is highly skewed (γ1 = 25.000)", groups.get(2).text());
        assertFalse(groups.get(2).grouped());
        assertEquals(List.of("g0 – g1"), groups.get(3).subjects());
    }

    @Test
    void fewAlertsOfATypeStayOneLineEachAndAGroupNamingAllHasNoEllipsis() {
        List<Alert> three = List.of(unique("a"), unique("b"), unique("c"));
        assertEquals(3, AlertGroups.group(three).size());
        assertEquals("a has unique values", AlertGroups.group(three).get(0).text());

        List<Alert> four = List.of(unique("a"), unique("b"), unique("c"), unique("d"));
        AlertGroups.Group g = AlertGroups.group(four, 4, 4).get(0);
        assertEquals("4 columns have unique values: a, b, c, d", g.text());
        assertFalse(g.truncated());
        assertEquals(List.of(), AlertGroups.group(List.of()));
        assertThrows(IllegalArgumentException.class, () -> AlertGroups.group(four, 1, 3));
    }

    @Test
    void pairsAreNamedAsPairs() {
        List<Alert> pairs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pairs.add(new Alert(AlertType.HIGH_CORRELATION, "x" + i, "y" + i, 0.95, "x" + i + " ~ y" + i));
        }
        assertEquals("5 column pairs are highly correlated: x0 – y0, x1 – y1, x2 – y2, …",
                AlertGroups.group(pairs).get(0).text());
    }
}
