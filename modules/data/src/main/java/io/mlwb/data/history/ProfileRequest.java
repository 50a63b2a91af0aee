package io.mlwb.data.history;

import io.mlwb.core.project.DatasetConfig;
import io.mlwb.data.read.ReadOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ProfileService#profile} is asked to do. Build it with {@link #of} and the {@code with...} methods.
 *
 * @param file          the data file (absolute or relative to the working directory)
 * @param name          how the person knows the file, for messages: the dataset's name or the file's name
 * @param dataset       the dataset of mlwb.yaml the file belongs to (its rules and name), or null for a plain file
 * @param readOptions   how to read the file
 * @param target        the target column, or null for none
 * @param force         profile again even when the catalog holds a profile of these bytes
 * @param streaming     profile in streaming mode whatever the file's size
 * @param store         record the profile in the catalog (false: {@code --no-store}; the stored profile is still
 *                      reused)
 * @param bins          histogram bins, 1 to 1000
 * @param rules         whether to check the dataset's quality rules
 * @param approveSchema approve the file's schema as the dataset's reference (audited), after the rules were checked
 */
public record ProfileRequest(Path file, String name, DatasetConfig dataset, ReadOptions readOptions, String target,
                             boolean force, boolean streaming, boolean store, int bins, Rules rules,
                             boolean approveSchema) {
    /** The default number of histogram bins. */
    public static final int DEFAULT_BINS = 50;

    /** Whether the dataset's quality rules are checked. */
    public enum Rules {
        /** Not checked. */
        SKIP,
        /** Checked when the dataset declares rules and the table is in memory (the pane); skipped in streaming mode. */
        WHEN_POSSIBLE,
        /**
         * Checked, and a {@link io.mlwb.core.error.UserError} when they cannot be: no dataset, or a file that must
         * be streamed ({@code mlwb profile --check}).
         */
        REQUIRED
    }

    /** Rejects null parts and bins outside 1..1000. */
    public ProfileRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(readOptions, "readOptions");
        Objects.requireNonNull(rules, "rules");
        if (bins < 1 || bins > 1000) {
            throw new IllegalArgumentException("bins must be between 1 and 1000, not " + bins);
        }
    }

    /**
     * A request with the defaults: the dataset's target (if any), stored profile reused, exact or streaming by size,
     * recorded, {@value #DEFAULT_BINS} bins, rules checked when possible, no schema approval.
     *
     * @param file        the data file
     * @param name        how the person knows it
     * @param dataset     its dataset of mlwb.yaml, or null
     * @param readOptions how to read it
     * @return the request
     */
    public static ProfileRequest of(Path file, String name, DatasetConfig dataset, ReadOptions readOptions) {
        return new ProfileRequest(file, name, dataset, readOptions, dataset == null ? null : dataset.target(), false,
                false, true, DEFAULT_BINS, Rules.WHEN_POSSIBLE, false);
    }

    /** @param column the target column, or null for none  @return a copy with that target */
    public ProfileRequest withTarget(String column) {
        return new ProfileRequest(file, name, dataset, readOptions, column, force, streaming, store, bins, rules,
                approveSchema);
    }

    /** @param on profile again even when a stored profile fits  @return a copy */
    public ProfileRequest withForce(boolean on) {
        return new ProfileRequest(file, name, dataset, readOptions, target, on, streaming, store, bins, rules,
                approveSchema);
    }

    /** @param on stream whatever the size  @return a copy */
    public ProfileRequest withStreaming(boolean on) {
        return new ProfileRequest(file, name, dataset, readOptions, target, force, on, store, bins, rules,
                approveSchema);
    }

    /** @param on record in the catalog  @return a copy */
    public ProfileRequest withStore(boolean on) {
        return new ProfileRequest(file, name, dataset, readOptions, target, force, streaming, on, bins, rules,
                approveSchema);
    }

    /** @param n histogram bins, 1 to 1000  @return a copy */
    public ProfileRequest withBins(int n) {
        return new ProfileRequest(file, name, dataset, readOptions, target, force, streaming, store, n, rules,
                approveSchema);
    }

    /** @param check whether to check the rules  @return a copy */
    public ProfileRequest withRules(Rules check) {
        return new ProfileRequest(file, name, dataset, readOptions, target, force, streaming, store, bins, check,
                approveSchema);
    }

    /** @param on approve the file's schema  @return a copy */
    public ProfileRequest withApproveSchema(boolean on) {
        return new ProfileRequest(file, name, dataset, readOptions, target, force, streaming, store, bins, rules, on);
    }
}
