package io.mlwb.app.log;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A thread-safe ring buffer of the last {@code capacity} log lines. Writers (any thread) {@link #add}; readers
 * ask for the lines after the last sequence number they saw, so several views can drain it independently.
 */
public final class LogBuffer {
    /** How many lines the app keeps in memory. */
    public static final int DEFAULT_CAPACITY = 5_000;

    private final int capacity;
    private final ArrayDeque<LogLine> lines;
    private long nextSeq = 1;

    /** A buffer of {@link #DEFAULT_CAPACITY} lines. */
    public LogBuffer() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity how many lines to keep (at least 1) */
    public LogBuffer(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.lines = new ArrayDeque<>(Math.min(this.capacity, 1024));
    }

    /**
     * Appends a line, dropping the oldest once full; the sequence number given is replaced by the next one.
     *
     * @return the line as stored (with its sequence number)
     */
    public synchronized LogLine add(LogLine line) {
        LogLine stored = new LogLine(nextSeq++, line.time(), line.level(), line.logger(), line.thread(),
                line.message(), line.exception());
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(stored);
        return stored;
    }

    /** @return the buffered lines whose sequence number is greater than {@code seq}, oldest first */
    public synchronized List<LogLine> since(long seq) {
        List<LogLine> out = new ArrayList<>();
        var it = lines.descendingIterator();
        while (it.hasNext()) {
            LogLine l = it.next();
            if (l.seq() <= seq) {
                break;
            }
            out.add(l);
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** @return how many lines are buffered */
    public synchronized int size() {
        return lines.size();
    }

    /** @return the most lines kept */
    public int capacity() {
        return capacity;
    }
}
