package io.mlwb.app.git;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the git panes write times: local time, to the minute, sortable. */
final class GitFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private GitFormat() {
    }

    /** @return {@code time} in the local zone, e.g. 2024-05-01 14:03 */
    static String time(Instant time) {
        return time == null ? "" : TIME.format(time.atZone(ZoneId.systemDefault()));
    }

    /** @return the URL of the git panes' stylesheet */
    static String stylesheet() {
        return GitFormat.class.getResource("git.css").toExternalForm();
    }
}
