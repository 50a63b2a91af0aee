package io.mlwb.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a predictor never leaves the process's PyTorch thread settings changed: the app loads models next to
 * training, which must keep its threads. The server's one-thread-per-replica request is explicit.
 */
class EngineThreadsTest {
    @TempDir
    Path root;

    @AfterEach
    void clear() {
        System.clearProperty(EngineThreads.INTRA_OP);
        System.clearProperty(EngineThreads.INTER_OP);
    }

    @Test
    void loadingForTheAppLeavesTheThreadSettingsAlone() throws Exception {
        TinyModel m = TinyModel.train(root);
        System.clearProperty(EngineThreads.INTRA_OP);
        try (Predictor p = Predictor.load(m.model(), 2)) {
            assertEquals(2, p.replicas());
        }
        assertNull(System.getProperty(EngineThreads.INTRA_OP), "the app's training would read it");
        assertNull(System.getProperty(EngineThreads.INTER_OP));
    }

    @Test
    void servingThreadsAreAskedForOnlyWhileLoading() throws Exception {
        TinyModel m = TinyModel.train(root);
        try (Predictor p = Predictor.load(m.model(), 1, EngineThreads.perReplica())) {
            assertEquals(1, p.replicas());
        }
        assertNull(System.getProperty(EngineThreads.INTRA_OP), "restored after the load");
        assertNull(System.getProperty(EngineThreads.INTER_OP));
        // a setting the process made itself is kept as it was
        System.setProperty(EngineThreads.INTRA_OP, "3");
        try (Predictor p = Predictor.load(m.model(), 1, EngineThreads.perReplica())) {
            assertTrue(p.replicas() == 1);
        }
        assertEquals("3", System.getProperty(EngineThreads.INTRA_OP));
    }

    @Test
    void negativeCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EngineThreads(-1, 0));
        assertTrue(EngineThreads.inherit().inherits());
        assertEquals(new EngineThreads(1, 1), EngineThreads.perReplica());
    }
}
