package io.mlwb.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsServiceTest {

    /** Runs scheduled saves only when the test says so, so debouncing is checked without timing. */
    private static final class ManualScheduler implements SettingsService.Scheduler {
        private final List<Runnable> live = new ArrayList<>();
        private int scheduled;
        private boolean shutdown;

        @Override
        public synchronized Runnable schedule(Runnable task) {
            scheduled++;
            live.add(task);
            return () -> {
                synchronized (this) {
                    live.remove(task);
                }
            };
        }

        @Override
        public synchronized void shutdown() {
            shutdown = true;
        }

        /** Runs the tasks not cancelled, as if the delay had passed. */
        void elapse() {
            List<Runnable> due;
            synchronized (this) {
                due = List.copyOf(live);
                live.clear();
            }
            due.forEach(Runnable::run);
        }

        synchronized int pending() {
            return live.size();
        }
    }

    /** Records every save. */
    private static final class CountingSaver implements SettingsService.Saver {
        final List<Settings> saved = new CopyOnWriteArrayList<>();

        @Override
        public void save(Settings settings) {
            saved.add(settings);
        }
    }

    private static Settings withWidth(Settings s, double width) {
        WindowLayout w = s.window();
        return s.withWindow(w.withBounds(w.x(), w.y(), width, w.height()));
    }

    @Test
    void manyUpdatesCoalesceIntoOneWriteOfTheLastState() {
        var saver = new CountingSaver();
        var scheduler = new ManualScheduler();
        var service = new SettingsService(saver, Settings.defaults(), e -> { }, scheduler);
        for (int i = 1; i <= 50; i++) {
            int width = 500 + i;
            service.update(s -> withWidth(s, width));
        }
        assertEquals(50, scheduler.scheduled, "each change restarts the delay");
        assertEquals(1, scheduler.pending(), "earlier delayed saves were cancelled");
        assertEquals(List.of(), saver.saved, "nothing is written before the delay passes");
        scheduler.elapse();
        assertEquals(List.of(withWidth(Settings.defaults(), 550)), saver.saved);
        assertTrue(service.flush());
        assertEquals(1, saver.saved.size(), "nothing dirty, nothing written");
    }

    @Test
    void flushWritesImmediatelyAndCancelsTheDelayedSave() {
        var saver = new CountingSaver();
        var scheduler = new ManualScheduler();
        var service = new SettingsService(saver, Settings.defaults(), e -> { }, scheduler);
        service.update(s -> s.withAppearance(s.appearance().withTheme(Theme.DARK)));
        assertTrue(service.flush());
        assertEquals(List.of(service.current()), saver.saved);
        assertEquals(0, scheduler.pending());
        scheduler.elapse();
        assertEquals(1, saver.saved.size());
    }

    @Test
    void closeSavesPendingChangesStopsTheThreadAndRejectsLaterUpdates() {
        var saver = new CountingSaver();
        var scheduler = new ManualScheduler();
        var service = new SettingsService(saver, Settings.defaults(), e -> { }, scheduler);
        service.update(s -> withWidth(s, 900));
        service.close();
        assertEquals(List.of(withWidth(Settings.defaults(), 900)), saver.saved);
        assertTrue(scheduler.shutdown);
        assertThrows(IllegalStateException.class, () -> service.update(s -> withWidth(s, 901)));
        service.close(); // a second close is harmless
        assertEquals(1, saver.saved.size());
    }

    @Test
    void listenersHearEachChangeUntilRemovedAndNoOpUpdatesAreIgnored() {
        var saver = new CountingSaver();
        var scheduler = new ManualScheduler();
        var service = new SettingsService(saver, Settings.defaults(), e -> { }, scheduler);
        List<Settings> heard = new ArrayList<>();
        Consumer<Settings> listener = heard::add;
        service.addListener(listener);
        service.addListener(s -> {
            throw new IllegalStateException("a broken listener does not stop the others");
        });
        service.update(s -> withWidth(s, 1000));
        service.update(s -> s); // no change: no event, no save
        assertEquals(List.of(withWidth(Settings.defaults(), 1000)), heard);
        assertEquals(1, scheduler.scheduled);
        service.removeListener(listener);
        service.update(s -> withWidth(s, 1001));
        assertEquals(1, heard.size());
        assertEquals(withWidth(Settings.defaults(), 1001), service.current());
    }

    @Test
    void failedSaveIsReportedNotThrownAndRetriedOnFlush(@TempDir Path tmp) throws IOException {
        Path notAFolder = Files.writeString(tmp.resolve("cfg"), "a file where the folder should be");
        SettingsStore store = new SettingsStore(notAFolder);
        List<Exception> errors = new CopyOnWriteArrayList<>();
        var scheduler = new ManualScheduler();
        var service = new SettingsService(store::save, Settings.defaults(), errors::add, scheduler);
        service.update(s -> withWidth(s, 1111));
        scheduler.elapse(); // the background save: must not throw
        assertEquals(1, errors.size());
        assertInstanceOf(IOException.class, errors.get(0));
        assertFalse(service.flush(), "still failing, still dirty");
        assertEquals(2, errors.size());

        Files.delete(notAFolder);
        assertTrue(service.flush(), "the change was kept for the retry");
        assertEquals(withWidth(Settings.defaults(), 1111), store.load().settings());
    }

    @Test
    void concurrentUpdatesAreNotLost() throws InterruptedException {
        var service = new SettingsService(new CountingSaver(), Settings.defaults(), e -> { }, new ManualScheduler());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    service.update(s -> withWidth(s, s.window().width() + 1));
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(1280 + 800, service.current().window().width());
    }

    @Test
    void realDebounceThreadSavesTheLastStateToDisk(@TempDir Path tmp) throws InterruptedException {
        SettingsStore store = new SettingsStore(tmp);
        List<Exception> errors = new CopyOnWriteArrayList<>();
        try (var service = new SettingsService(store, Settings.defaults(), errors::add)) {
            for (int i = 0; i < 20; i++) {
                int width = 700 + i;
                service.update(s -> withWidth(s, width));
            }
            Settings expected = withWidth(Settings.defaults(), 719);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(Files.exists(store.file()) && store.load().settings().equals(expected))
                    && System.nanoTime() < deadline) {
                Thread.sleep(25);
            }
            assertEquals(expected, store.load().settings(), "saved without flush or close");
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void realDebounceThreadReportsSaveFailures(@TempDir Path tmp) throws IOException, InterruptedException {
        Path notAFolder = Files.writeString(tmp.resolve("cfg"), "x");
        CountDownLatch failed = new CountDownLatch(1);
        try (var service = new SettingsService(new SettingsStore(notAFolder), Settings.defaults(), e -> failed.countDown())) {
            service.update(s -> withWidth(s, 1234));
            assertTrue(failed.await(20, TimeUnit.SECONDS), "the failure reached the callback");
            assertEquals(1234, service.current().window().width());
        }
    }
}
