package io.mlwb.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** The Jobs pane's state, without a toolkit. */
class JobsViewModelTest {
    private final AtomicInteger cancels = new AtomicInteger();

    private JobEntry entry(String title) {
        return new JobEntry(title, Instant.EPOCH, cancels::incrementAndGet);
    }

    @Test
    void clearFinishedKeepsRunningJobsAndTracksWhetherAnyFinished() {
        JobEntry running = entry("running");
        JobEntry done = entry("done");
        ObservableList<JobEntry> list = FXCollections.observableArrayList(running, done);
        JobsViewModel vm = new JobsViewModel(list);
        assertFalse(vm.hasFinishedProperty().get());

        done.setState(JobState.SUCCEEDED);
        assertTrue(vm.hasFinishedProperty().get());

        vm.clearFinished();
        assertEquals(java.util.List.of(running), vm.jobs());
        assertFalse(vm.hasFinishedProperty().get());
    }

    @Test
    void cancelReachesARunningJobOnly() {
        JobEntry running = entry("running");
        JobEntry failed = entry("failed");
        failed.setState(JobState.FAILED);
        JobsViewModel vm = new JobsViewModel(FXCollections.observableArrayList(running, failed));
        vm.cancel(running);
        vm.cancel(failed);
        assertEquals(1, cancels.get());
    }

    @Test
    void elapsedIsMinutesAndSeconds() {
        assertEquals("0:07", JobsViewModel.formatElapsed(Duration.ofMillis(7_900)));
        assertEquals("12:30", JobsViewModel.formatElapsed(Duration.ofSeconds(750)));
        assertEquals("61:01", JobsViewModel.formatElapsed(Duration.ofSeconds(3661)));
        assertEquals("", JobsViewModel.formatElapsed(null));
    }

    @Test
    void progressIsClampedAndNegativeMeansIndeterminate() {
        JobEntry e = entry("p");
        e.setProgress(-0.3);
        assertEquals(-1, e.progressProperty().get());
        e.setProgress(1.7);
        assertEquals(1, e.progressProperty().get());
    }
}
