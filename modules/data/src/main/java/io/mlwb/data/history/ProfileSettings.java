package io.mlwb.data.history;

import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link ProfileService} chooses between the exact profile (the whole table in memory) and the streaming one
 * (one pass in bounded memory). The CLI and the app both build it with {@link #current()}, so the threshold is
 * decided in this one place.
 *
 * @param streamingThresholdBytes a file larger than this many bytes is profiled in streaming mode
 */
public record ProfileSettings(long streamingThresholdBytes) {
    /** The system property that overrides the threshold, in bytes (e.g. {@code -Dmlwb.streaming.thresholdBytes=0}). */
    public static final String THRESHOLD_PROPERTY = "mlwb.streaming.thresholdBytes";

    private static final Logger LOG = LoggerFactory.getLogger(ProfileSettings.class);

    /** Rejects a negative threshold. */
    public ProfileSettings {
        if (streamingThresholdBytes < 0) {
            throw new IllegalArgumentException("streamingThresholdBytes must not be negative, not "
                    + streamingThresholdBytes);
        }
    }

    /**
     * The settings of this process: a third of the maximum heap (the exact mode holds the table, several times
     * the file's size in the worst case, next to its parse buffers), unless the system property
     * {@value #THRESHOLD_PROPERTY} says otherwise.
     *
     * @return the settings
     */
    public static ProfileSettings current() {
        return from(System.getProperties(), Runtime.getRuntime().maxMemory());
    }

    /**
     * The settings given some system properties and a maximum heap; {@link #current()} with its inputs made
     * explicit. A property that is not a non-negative whole number is ignored (logged).
     *
     * @param properties   where {@value #THRESHOLD_PROPERTY} is looked up
     * @param maxHeapBytes the maximum heap, as {@link Runtime#maxMemory()} gives it
     * @return the settings
     */
    public static ProfileSettings from(Properties properties, long maxHeapBytes) {
        long fallback = Math.max(0, maxHeapBytes / 3);
        String value = properties.getProperty(THRESHOLD_PROPERTY);
        if (value == null || value.isBlank()) {
            return new ProfileSettings(fallback);
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= 0) {
                return new ProfileSettings(parsed);
            }
        } catch (NumberFormatException e) {
            // falls through to the default
        }
        LOG.warn("Ignoring {}={}: not a non-negative number of bytes; using {}", THRESHOLD_PROPERTY, value, fallback);
        return new ProfileSettings(fallback);
    }

    /**
     * @param fileBytes the size of the file to profile
     * @return true when a file of this size is profiled in streaming mode
     */
    public boolean streams(long fileBytes) {
        return fileBytes > streamingThresholdBytes;
    }
}
