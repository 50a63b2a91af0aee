package io.mlwb.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class UserErrorTest {
    @Test
    void findsTheUserErrorItself() {
        UserError e = new UserError("Bad file.", "Fix it.");
        assertSame(e, UserError.find(e).orElseThrow());
    }

    @Test
    void findsAUserErrorDeepInTheCauseChain() {
        UserError inner = new UserError("Column 'y' is missing.", "Set the target.");
        Throwable wrapped = new ExecutionException(new IllegalStateException("job failed", inner));
        assertSame(inner, UserError.find(wrapped).orElseThrow());
    }

    @Test
    void theOutermostUserErrorWins() {
        UserError inner = new UserError("inner", "");
        UserError outer = new UserError("outer", "", ExitCode.BAD_INPUT, inner);
        assertEquals("outer", UserError.find(new RuntimeException(outer)).orElseThrow().getMessage());
    }

    @Test
    void aPlainBugHasNone() {
        assertTrue(UserError.find(new UncheckedIOException(new IOException("disk"))).isEmpty());
        assertTrue(UserError.find(null).isEmpty());
    }

    @Test
    void aCyclicChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertTrue(UserError.find(a).isEmpty());
    }
}
