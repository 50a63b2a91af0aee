package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.UserError;
import io.mlwb.data.history.ProfileStore;
import io.mlwb.data.history.StoredProfile;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileJson;
import io.mlwb.data.profile.ProfileJsonReader;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.ProfileReuse;
import io.mlwb.data.quality.QualityReport;
import io.mlwb.data.table.DataTable;
import io.mlwb.vcs.CommitInfo;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.fingerprint.FileFingerprint;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties profiles to file versions in the project's catalog: records a profile with the file's fingerprint (SHA-256
 * and git blob id) and the commit it was read at, so the Dataset pane's history shows it, and finds the stored
 * profile of a file version so the same bytes are not profiled twice unless asked ({@code --force}).
 */
final class HistorySupport {
    private static final Logger LOG = LoggerFactory.getLogger(HistorySupport.class);

    private HistorySupport() {
    }

    /**
     * A file version as read now.
     *
     * @param name   the dataset's name, or the file's project-relative path for a file not in mlwb.yaml
     * @param rel    the file, relative to the project root
     * @param fp     its fingerprint
     * @param commit HEAD when it was read, or null on an unborn branch
     * @param dirty  whether its bytes differ from HEAD's (or it is untracked)
     */
    record Version(String name, String rel, FileFingerprint fp, String commit, boolean dirty) {
    }

    /**
     * Fingerprints the file and finds where it stands in git.
     *
     * @return the version, or empty (with a warning on {@code err}) when the file or the repository cannot be read
     */
    static Optional<Version> version(ProfileCommand.Resolved r, PrintWriter err) {
        try {
            Path root = r.project().root();
            String rel = root.relativize(r.file()).toString().replace('\\', '/');
            FileFingerprint fp = Fingerprints.fingerprint(r.file());
            String commit;
            boolean dirty;
            try (GitRepo repo = GitRepo.open(root)) {
                // HEAD alone: the file's own blob decides whether it is dirty (no status of the whole work tree)
                commit = repo.head().map(CommitInfo::sha).orElse(null);
                String repoRel = repo.root().relativize(r.file()).toString().replace('\\', '/');
                Optional<String> committedBlob = commit == null ? Optional.empty() : repo.blobId(commit, repoRel);
                dirty = committedBlob.isEmpty() || !committedBlob.get().equals(fp.gitBlobId());
            }
            String name = r.dataset() != null ? r.dataset().name() : rel;
            return Optional.of(new Version(name, rel, fp, commit, dirty));
        } catch (UserError e) {
            err.println("warning: the profile is not recorded in the catalog: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A stored profile that stands for the one that would be computed now. */
    record Cached(StoredProfile stored, DatasetProfile profile) {
    }

    /**
     * The cache: the stored profile of these bytes, when one was made from the same table with the same options.
     * A catalog that cannot be read or a payload that cannot be parsed is a miss (logged), never an error.
     */
    static Optional<Cached> cached(Catalog catalog, Version v, DataTable table, ProfileOptions options) {
        try {
            Optional<StoredProfile> found = new ProfileStore(catalog).find(v.fp().sha256());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            DatasetProfile profile = ProfileJsonReader.read(found.get().profileJson());
            Optional<String> mismatch = ProfileReuse.mismatch(profile, table, options);
            if (mismatch.isPresent()) {
                LOG.debug("Stored profile {} of {} does not fit ({}); profiling again", found.get().profileId(),
                        v.name(), mismatch.get());
                return Optional.empty();
            }
            return Optional.of(new Cached(found.get(), profile));
        } catch (UserError | IllegalArgumentException e) {
            LOG.warn("Could not use a stored profile of {}: {}", v.name(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Records a freshly computed profile (and the quality report, if any) for the version. A read-only or failing
     * catalog only gives a warning on {@code err}.
     */
    static void store(Catalog catalog, Version v, DatasetProfile profile, QualityReport report, PrintWriter err) {
        store(catalog, v, ProfileJson.toJson(profile), profile.isApproximate(), report, err);
    }

    /**
     * Records that a reused profile's bytes are now committed: a profile stored while the file had uncommitted
     * changes has no commit, and the same bytes read from a clean checkout fill it in.
     */
    static void recordCommit(Catalog catalog, Version v, Cached cached, PrintWriter err) {
        if (cached.stored().dirty() && !v.dirty() && v.commit() != null && !catalog.readOnly()) {
            store(catalog, v, cached.stored().profileJson(), cached.stored().approximate(), null, err);
        }
    }

    private static void store(Catalog catalog, Version v, String json, boolean approximate, QualityReport report,
                              PrintWriter err) {
        try {
            catalog.inTransaction("record profile", c -> null); // fail fast on a read-only catalog
            ProfileStore store = new ProfileStore(catalog);
            StoredProfile stored = store.store(v.name(), v.rel(), v.fp(), v.commit(), v.dirty(), json, approximate);
            if (report != null) {
                store.storeQuality(stored.profileId(), report);
            }
            LOG.info("Recorded profile {} of {} ({})", stored.profileId(), v.name(), v.fp().sha256());
        } catch (UserError e) {
            err.println("warning: the profile is not recorded in the catalog: " + e.getMessage());
        }
    }
}
