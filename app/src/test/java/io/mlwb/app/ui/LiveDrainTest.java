package io.mlwb.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LiveDrainTest {
    private StackPane pane;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        pane = new StackPane();
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @Test
    void valuesFromManyThreadsArriveInBatchesOnTheFxThread() throws Exception {
        List<List<Integer>> batches = new ArrayList<>();
        List<Boolean> onFx = new ArrayList<>();
        LiveDrain<Integer> drain = LiveDrain.of(batch -> {
            batches.add(batch);
            onFx.add(Platform.isFxApplicationThread());
        });
        int threads = 4;
        int each = 2_500;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    drain.offer(base + i);
                }
                done.countDown();
            }).start();
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.asyncFx(drain::drainNow).get();
        int total = batches.stream().mapToInt(List::size).sum();
        assertEquals(threads * each, total);
        assertEquals(1, batches.size(), "everything queued before a tick arrives as one batch");
        assertTrue(onFx.stream().allMatch(b -> b));
    }

    @Test
    void anEmptyQueueCallsNoSinkButAPollingDrainTicks() throws Exception {
        List<List<String>> batches = new ArrayList<>();
        LiveDrain<String> drain = LiveDrain.of(batches::add);
        int[] ticks = {0};
        LiveDrain<Void> poll = LiveDrain.polling(() -> ticks[0]++, LiveDrain.DEFAULT_PERIOD);
        WaitForAsyncUtils.asyncFx(() -> {
            drain.drainNow();
            poll.drainNow();
        }).get();
        assertTrue(batches.isEmpty());
        assertEquals(1, ticks[0]);
    }

    @Test
    void runsOnlyWhileItsNodeIsShown() throws Exception {
        LiveDrain<String> drain = LiveDrain.of(b -> { });
        WaitForAsyncUtils.asyncFx(() -> drain.whileShowing(pane)).get();
        assertFalse(drain.running());
        WaitForAsyncUtils.asyncFx(() -> ((StackPane) stage.getScene().getRoot()).getChildren().add(pane)).get();
        assertTrue(drain.running());
        WaitForAsyncUtils.asyncFx(() -> ((StackPane) stage.getScene().getRoot()).getChildren().clear()).get();
        assertFalse(drain.running());
    }

    @Test
    void refusesToTickFasterThanTenTimesASecond() {
        assertThrows(IllegalArgumentException.class, () -> LiveDrain.of(b -> { }, Duration.millis(20)));
    }
}
