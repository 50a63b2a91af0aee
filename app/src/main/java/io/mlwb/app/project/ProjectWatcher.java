package io.mlwb.app.project;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a project folder and its subfolders (new ones included; {@code .git} and {@code .mlwb} skipped) and reports
 * which folders changed, debounced: one report once no event came for the debounce time (or at the latest after ten
 * debounce times of steady changes). Lifecycle: {@link #start()} once, {@link #close()} to stop; a closed watcher
 * cannot be restarted. Reports come on the watcher's own daemon thread, so the listener must hand them on (e.g. to
 * the FX thread). Knows nothing of JavaFX.
 */
public final class ProjectWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectWatcher.class);
    private static final Set<String> SKIPPED = Set.of(".git", ".mlwb");

    private final Path root;
    private final long debounceMillis;
    private final Consumer<Set<String>> listener;
    private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
    private WatchService service;
    private Thread thread;
    private volatile boolean closed;

    /**
     * @param root     the project folder
     * @param debounce how long the folder must be quiet before a report
     * @param listener gets the changed folders, project-relative with {@code /} ({@code ""} for the root itself)
     */
    public ProjectWatcher(Path root, Duration debounce, Consumer<Set<String>> listener) {
        this.root = root.toAbsolutePath().normalize();
        this.debounceMillis = Math.max(1, debounce.toMillis());
        this.listener = Objects.requireNonNull(listener);
    }

    /**
     * Registers every folder and starts the watcher thread.
     *
     * @throws IOException           if the file system cannot watch the folder
     * @throws IllegalStateException if already started or closed
     */
    public synchronized void start() throws IOException {
        if (thread != null || closed) {
            throw new IllegalStateException("ProjectWatcher can be started once");
        }
        service = root.getFileSystem().newWatchService();
        registerAll(root);
        thread = new Thread(this::loop, "mlwb-project-watcher");
        thread.setDaemon(true);
        thread.start();
        LOG.debug("Watching {} ({} folders)", root, keys.size());
    }

    /** @return true between {@link #start()} and {@link #close()} */
    public boolean running() {
        return thread != null && !closed;
    }

    /** Stops watching and waits briefly for the thread to end. Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
            try {
                if (service != null) {
                    service.close();
                }
            } catch (IOException e) {
                LOG.debug("Closing the watch service of {} failed", root, e);
            }
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.debug("Stopped watching {}", root);
    }

    private void registerAll(Path start) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root) && SKIPPED.contains(String.valueOf(dir.getFileName()))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    keys.put(dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    // a folder deleted while we walk, or one we may not read: nothing to watch there
                    LOG.debug("Cannot watch {}", file, exc);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | ClosedWatchServiceException e) {
            LOG.debug("Cannot watch {}", start, e);
        }
    }

    private void loop() {
        Set<String> pending = new HashSet<>();
        long firstPending = 0;
        try {
            while (!closed) {
                WatchKey key = pending.isEmpty() ? service.take() : service.poll(debounceMillis, TimeUnit.MILLISECONDS);
                if (key != null) {
                    if (pending.isEmpty()) {
                        firstPending = System.nanoTime();
                    }
                    collect(key, pending);
                }
                boolean overdue = System.nanoTime() - firstPending > TimeUnit.MILLISECONDS.toNanos(10 * debounceMillis);
                if (!pending.isEmpty() && (key == null || overdue)) {
                    Set<String> changed = Set.copyOf(pending);
                    pending.clear();
                    report(changed);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed: the normal way out
        }
    }

    private void collect(WatchKey key, Set<String> pending) {
        Path dir = keys.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (dir == null) {
                continue;
            }
            if (event.kind() == OVERFLOW) {
                pending.add("");
                continue;
            }
            Path child = dir.resolve((Path) event.context());
            String name = String.valueOf(child.getFileName());
            if (SKIPPED.contains(name)) {
                continue;
            }
            pending.add(relative(dir));
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(child)) {
                // files may have appeared in it before it was registered: report it too
                registerAll(child);
                pending.add(relative(child));
            }
        }
        if (!key.reset()) {
            keys.remove(key);
        }
    }

    private void report(Set<String> changed) {
        try {
            listener.accept(changed);
        } catch (RuntimeException e) {
            LOG.warn("Project watcher listener failed", e);
        }
    }

    private String relative(Path dir) {
        return root.relativize(dir).toString().replace('\\', '/');
    }
}
