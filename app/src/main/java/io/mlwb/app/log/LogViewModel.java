package io.mlwb.app.log;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State of the Log tool window: the lines drained from a {@link LogBuffer} so far, filtered by minimum level and by
 * text (case-insensitive, over logger, message and exception). {@link #poll()} is called by the view's timer; it
 * appends everything new in one change, so the list is redrawn at most once per tick. FX thread.
 */
public final class LogViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final LogBuffer buffer;
    private final ZoneId zone;
    private final ObservableList<LogLine> all = FXCollections.observableArrayList();
    private final FilteredList<LogLine> visible = new FilteredList<>(all);
    private final ObjectProperty<LogLevel> minLevel = new SimpleObjectProperty<>(this, "minLevel", LogLevel.INFO);
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private long lastSeq;

    /** @param buffer where the appender puts events (e.g. {@code UiLogAppender.install().buffer()}) */
    public LogViewModel(LogBuffer buffer) {
        this(buffer, ZoneId.systemDefault());
    }

    /** @param buffer where the appender puts events; @param zone the time zone for the time column */
    public LogViewModel(LogBuffer buffer, ZoneId zone) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.zone = Objects.requireNonNull(zone, "zone");
        visible.predicateProperty().bind(Bindings.createObjectBinding(this::predicate, minLevel, filterText));
    }

    private Predicate<LogLine> predicate() {
        LogLevel min = minLevel.get() == null ? LogLevel.TRACE : minLevel.get();
        String text = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        return line -> line.level().atLeast(min) && (text.isEmpty()
                || line.message().toLowerCase(Locale.ROOT).contains(text)
                || line.logger().toLowerCase(Locale.ROOT).contains(text)
                || line.exception().toLowerCase(Locale.ROOT).contains(text));
    }

    /**
     * Moves the lines logged since the last poll into the list (oldest dropped beyond the buffer's capacity).
     *
     * @return how many lines were added
     */
    public int poll() {
        List<LogLine> fresh = buffer.since(lastSeq);
        if (fresh.isEmpty()) {
            return 0;
        }
        lastSeq = fresh.get(fresh.size() - 1).seq();
        int overflow = all.size() + fresh.size() - buffer.capacity();
        if (overflow > 0) {
            all.remove(0, Math.min(overflow, all.size()));
        }
        all.addAll(fresh.size() > buffer.capacity() ? fresh.subList(fresh.size() - buffer.capacity(), fresh.size())
                : fresh);
        return fresh.size();
    }

    /** @return the lines passing the filters, oldest first */
    public ObservableList<LogLine> lines() {
        return visible;
    }

    /** @return the lowest level shown (INFO at first) */
    public ObjectProperty<LogLevel> minLevelProperty() {
        return minLevel;
    }

    /** @return text a shown line must contain (case-insensitive); empty shows all */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** Empties the view; the buffer keeps its lines and only newer ones appear. */
    public void clearView() {
        all.clear();
    }

    /** @return {@code line} as one line of text: time, level, logger, message (and exception) */
    public String format(LogLine line) {
        return "%s %-5s %s - %s".formatted(formatTime(line), line.level(), line.loggerShortName(), line.fullMessage());
    }

    /** @return the time column's text for {@code line} */
    public String formatTime(LogLine line) {
        return TIME.format(line.time().atZone(zone));
    }

    /** @return the given lines as text, one per line (for Copy) */
    public String copyText(List<LogLine> lines) {
        return lines.stream().map(this::format).collect(Collectors.joining(System.lineSeparator()));
    }
}
