package io.mlwb.tracking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunQueryTest {
    private static final RunQuery.Fields RUN = RunQuery.of(Map.of("metrics.val_auc", 0.83, "params.optimizer", "adam",
            "tags.stage", "candidate", "status", "finished", "name", "MLP baseline", "id", 12.0, "params.epochs", "30"));

    @Test
    void theIssuesExampleAndFriends() {
        assertTrue(RunQuery.parse("metrics.val_auc > 0.8 and params.optimizer = \"adam\" and tags.stage = "
                + "\"candidate\"").matches(RUN));
        assertFalse(RunQuery.parse("metrics.val_auc > 0.9").matches(RUN));
        assertTrue(RunQuery.parse("metrics.val_auc > 0.9 or status = finished").matches(RUN));
        assertTrue(RunQuery.parse("not (status = failed) and name ~ 'baseline'").matches(RUN));
        assertTrue(RunQuery.parse("params.epochs >= 30 and params.epochs < 100").matches(RUN), "numbers as numbers");
        assertTrue(RunQuery.parse("tags.absent != x").matches(RUN), "a missing field is not equal");
        assertFalse(RunQuery.parse("tags.absent = x").matches(RUN));
        assertTrue(RunQuery.parse("  ").matches(RUN));
        assertTrue(RunQuery.parse("id = 12 AND metrics.val_auc <= 0.83").matches(RUN), "keywords in any case");
    }

    @Test
    void aNanMetricIsNotOrderedButCanBeFound() {
        RunQuery.Fields nan = RunQuery.of(Map.<String, Object>of("metrics.loss", Double.NaN));
        assertFalse(RunQuery.parse("metrics.loss > 0.5").matches(nan));
        assertFalse(RunQuery.parse("metrics.loss <= 0.5").matches(nan));
        assertTrue(RunQuery.parse("metrics.loss = NaN").matches(nan));
        assertTrue(RunQuery.parse("metrics.loss != 0.5").matches(nan));
        assertFalse(RunQuery.parse("metrics.loss != NaN").matches(nan));
    }

    @Test
    void errorsPointAtThePosition() {
        UserError a = assertThrows(UserError.class, () -> RunQuery.parse("metrics.val_auc >"));
        assertTrue(a.getMessage().startsWith("filter error at 18: expected a value after '>'"), a.getMessage());
        UserError b = assertThrows(UserError.class, () -> RunQuery.parse("metric.val_auc > 1"));
        assertTrue(b.getMessage().contains("at 1: unknown field 'metric.val_auc'"), b.getMessage());
        UserError c = assertThrows(UserError.class, () -> RunQuery.parse("(status = x"));
        assertTrue(c.getMessage().contains("expected ')'"), c.getMessage());
        UserError d = assertThrows(UserError.class, () -> RunQuery.parse("status = 'open"));
        assertTrue(d.getMessage().contains("not closed"), d.getMessage());
        UserError e = assertThrows(UserError.class, () -> RunQuery.parse("status = a status = b"));
        assertTrue(e.getMessage().contains("expected 'and', 'or' or the end"), e.getMessage());
    }
}
