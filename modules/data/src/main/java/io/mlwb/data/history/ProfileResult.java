package io.mlwb.data.history;

import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.quality.QualityReport;
import io.mlwb.data.read.Detected;
import io.mlwb.data.read.ReadResult;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ProfileService#profile} did.
 *
 * @param read     the table as read, with the reader's warnings; null in streaming mode (no table in memory)
 * @param profile  the profile: computed now, or the stored one when {@code reused} is set
 * @param mode     exact or streaming
 * @param quality  the quality rules' results; null when they were not checked
 * @param reused   the catalog's profile shown instead of computing one; null when computed now
 * @param recorded the profile as recorded in the catalog now; null when nothing was recorded
 * @param version  the file version read (fingerprint, commit, dirty); null outside a project or git
 * @param approved the schema approved with this run; null when none was
 * @param notes    what the person should know: streamed because of the size, not recorded and why
 * @param warnings what the reader said about the data (an unclosed quote, ragged rows, ...), worded the same in
 *                 both modes; in exact mode the same as {@code read.warnings()}
 * @param detected what the reader detected about the file (format, charset, delimiter, gzip): in exact mode
 *                 {@code read.detected()} (filled in when null), in streaming mode what the first block's read found;
 *                 null only when neither is known
 */
public record ProfileResult(ReadResult read, DatasetProfile profile, Mode mode, QualityReport quality,
                            StoredProfile reused, StoredProfile recorded, ProfiledVersion version,
                            ApprovedSchema approved, List<ProfileNote> notes, List<String> warnings,
                            Detected detected) {
    /** How the profile was made. */
    public enum Mode {
        /** The whole table in memory: exact figures. */
        EXACT,
        /** One pass in bounded memory: some figures from sketches. */
        STREAMING
    }

    /** Rejects a null profile or mode; copies the notes and warnings. */
    public ProfileResult {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(mode, "mode");
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
        if (detected == null && read != null) {
            detected = read.detected();
        }
    }

    /**
     * A result whose detected format is the read's ({@code read.detected()}), or unknown without a read.
     *
     * @param read     the table as read; null in streaming mode
     * @param profile  the profile
     * @param mode     exact or streaming
     * @param quality  the quality rules' results; null when not checked
     * @param reused   the catalog's profile shown instead of computing one; null when computed now
     * @param recorded the profile as recorded now; null when nothing was recorded
     * @param version  the file version read; null outside a project or git
     * @param approved the schema approved with this run; null when none was
     * @param notes    what the person should know
     * @param warnings what the reader said about the data
     */
    public ProfileResult(ReadResult read, DatasetProfile profile, Mode mode, QualityReport quality,
                         StoredProfile reused, StoredProfile recorded, ProfiledVersion version,
                         ApprovedSchema approved, List<ProfileNote> notes, List<String> warnings) {
        this(read, profile, mode, quality, reused, recorded, version, approved, notes, warnings, null);
    }

    /** @return true when the profile is the catalog's, not computed now */
    public boolean wasReused() {
        return reused != null;
    }
}
