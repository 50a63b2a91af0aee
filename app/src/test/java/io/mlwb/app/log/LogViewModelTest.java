package io.mlwb.app.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring buffer and the Log pane's filters, without a toolkit. */
class LogViewModelTest {
    private static LogLine line(LogLevel level, String logger, String message) {
        return new LogLine(0, Instant.parse("2026-01-02T03:04:05.678Z"), level, logger, "main", message, "");
    }

    @Test
    void bufferKeepsTheLastLinesAndHandsOutOnlyNewOnes() {
        LogBuffer buffer = new LogBuffer(3);
        for (int i = 1; i <= 5; i++) {
            buffer.add(line(LogLevel.INFO, "a.B", "m" + i));
        }
        assertEquals(3, buffer.size());
        assertEquals(List.of("m3", "m4", "m5"), buffer.since(0).stream().map(LogLine::message).toList());
        assertEquals(List.of("m5"), buffer.since(4).stream().map(LogLine::message).toList());
        assertTrue(buffer.since(5).isEmpty());
    }

    @Test
    void pollAppendsNewLinesAndFiltersByLevelAndText() {
        LogBuffer buffer = new LogBuffer(100);
        LogViewModel vm = new LogViewModel(buffer, ZoneOffset.UTC);
        buffer.add(line(LogLevel.DEBUG, "io.mlwb.x.Quiet", "detail"));
        buffer.add(line(LogLevel.INFO, "io.mlwb.catalog.Catalog", "Opened catalog demo"));
        buffer.add(line(LogLevel.ERROR, "io.mlwb.vcs.GitRepo", "Push failed"));

        assertEquals(3, vm.poll());
        assertEquals(0, vm.poll(), "each line is drained once");
        assertEquals(List.of("Opened catalog demo", "Push failed"), messages(vm), "INFO and up by default");

        vm.minLevelProperty().set(LogLevel.ERROR);
        assertEquals(List.of("Push failed"), messages(vm));

        vm.minLevelProperty().set(LogLevel.TRACE);
        vm.filterTextProperty().set("CATALOG");
        assertEquals(List.of("Opened catalog demo"), messages(vm), "case-insensitive, logger names match too");

        vm.filterTextProperty().set("");
        vm.clearView();
        assertTrue(vm.lines().isEmpty());
        buffer.add(line(LogLevel.WARN, "a.B", "later"));
        vm.poll();
        assertEquals(List.of("later"), messages(vm), "after Clear view only newer lines appear");
    }

    @Test
    void lineFormatShowsTimeLevelShortLoggerAndException() {
        LogViewModel vm = new LogViewModel(new LogBuffer(), ZoneOffset.UTC);
        LogLine l = new LogLine(1, Instant.parse("2026-01-02T03:04:05.678Z"), LogLevel.WARN, "io.mlwb.vcs.GitRepo",
                "t", "Push failed", "java.io.IOException: no route");
        assertEquals("03:04:05.678 WARN  GitRepo - Push failed — java.io.IOException: no route", vm.format(l));
        assertEquals(vm.format(l) + System.lineSeparator() + vm.format(l), vm.copyText(List.of(l, l)));
    }

    private static List<String> messages(LogViewModel vm) {
        return vm.lines().stream().map(LogLine::message).toList();
    }
}
