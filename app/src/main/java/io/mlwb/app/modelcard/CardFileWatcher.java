package io.mlwb.app.modelcard;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one card file ({@code model-cards/NAME.md}) with {@link WatchService} on its own daemon thread and, once the
 * file has been quiet for the debounce time after a change, reads it there and hands its text (null when it is gone)
 * to the listener. It watches the card's folder and the folder above it, so a checkout that removes and makes the
 * folder again is noticed too. Every report is a fresh read: the listener compares it with what it holds, which makes
 * duplicate and own-write reports harmless. Knows nothing of JavaFX; the listener hands reports to the FX thread.
 */
final class CardFileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CardFileWatcher.class);

    private final Path file;
    private final Path folder;
    private final Path parent;
    private final long debounceMillis;
    private final Consumer<String> listener;
    private volatile boolean closed;
    private volatile WatchService service;
    private WatchKey folderKey;
    private Thread thread;

    /**
     * @param file     the card file
     * @param debounce how long the file must be quiet before a report
     * @param listener gets the file's text, or null when it no longer exists; called on the watcher's thread
     */
    CardFileWatcher(Path file, Duration debounce, Consumer<String> listener) {
        this.file = file.toAbsolutePath().normalize();
        this.folder = this.file.getParent();
        this.parent = folder.getParent();
        this.debounceMillis = Math.max(1, debounce.toMillis());
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Starts the watcher thread; the folders are registered there, off the caller's (FX) thread. */
    synchronized void start() {
        if (thread != null || closed) {
            throw new IllegalStateException("CardFileWatcher can be started once");
        }
        thread = new Thread(this::run, "mlwb-card-watcher-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops watching; idempotent. Reports already handed on may still arrive. */
    @Override
    public void close() {
        closed = true;
        WatchService s = service;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("Closing the watch service of {} failed", file, e);
            }
        }
    }

    private void run() {
        try (WatchService s = file.getFileSystem().newWatchService()) {
            service = s;
            if (closed) {
                return;
            }
            if (parent != null && Files.isDirectory(parent)) {
                parent.register(s, ENTRY_CREATE, ENTRY_DELETE);
            }
            registerFolder(s);
            LOG.debug("Watching {}", file);
            boolean pending = false;
            while (!closed) {
                WatchKey key = pending ? s.poll(debounceMillis, TimeUnit.MILLISECONDS) : s.take();
                if (key == null) {
                    pending = false;
                    report();
                    continue;
                }
                pending |= changed(s, key);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed: the normal way out
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot watch {}: changes made outside the editor are not noticed", file, e);
        }
    }

    private void registerFolder(WatchService s) throws IOException {
        if (Files.isDirectory(folder)) {
            folderKey = folder.register(s, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        }
    }

    private boolean changed(WatchService s, WatchKey key) throws IOException {
        boolean ours = false;
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                ours = true;
                continue;
            }
            Path child = dir.resolve((Path) event.context());
            if (child.equals(file)) {
                ours = true;
            } else if (child.equals(folder)) {
                ours = true;
                if (event.kind() == ENTRY_CREATE) {
                    registerFolder(s); // the folder is back (a checkout): watch it again
                }
            }
        }
        if (!key.reset() && key == folderKey) {
            folderKey = null;
            ours = true;
        }
        return ours;
    }

    private void report() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            text = null;
        } catch (IOException e) {
            LOG.debug("Cannot read {} after a change", file, e);
            return; // a half-written file: the write's own event comes next
        }
        try {
            listener.accept(text);
        } catch (RuntimeException e) {
            LOG.warn("Card watcher listener failed", e);
        }
    }
}
