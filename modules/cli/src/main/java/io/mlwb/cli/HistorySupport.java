package io.mlwb.cli;

import io.mlwb.catalog.Catalog;
import io.mlwb.core.error.UserError;
import io.mlwb.data.history.ProfileStore;
import io.mlwb.data.history.StoredProfile;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileJson;
import io.mlwb.data.quality.QualityReport;
import io.mlwb.vcs.GitRepo;
import io.mlwb.vcs.WorkTreeState;
import io.mlwb.vcs.fingerprint.FileFingerprint;
import io.mlwb.vcs.fingerprint.Fingerprints;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a profile in the project's catalog with the file's fingerprint (SHA-256 and git blob id) and the commit it
 * was read at, so the Dataset pane's history shows it and the same file version is not profiled again there.
 */
final class HistorySupport {
    private static final Logger LOG = LoggerFactory.getLogger(HistorySupport.class);

    private HistorySupport() {
    }

    static void store(ProfileCommand.Resolved r, Catalog catalog, DatasetProfile profile, QualityReport report,
                      PrintWriter err) {
        try {
            Path root = r.project().root();
            String rel = root.relativize(r.file()).toString().replace('\\', '/');
            FileFingerprint fp = Fingerprints.fingerprint(r.file());
            String commit = null;
            boolean dirty = true;
            try (GitRepo repo = GitRepo.open(root)) {
                WorkTreeState state = repo.workTreeState();
                commit = state.commitSha();
                String repoRel = repo.root().relativize(r.file()).toString().replace('\\', '/');
                Optional<String> committedBlob = commit == null ? Optional.empty() : repo.blobId(commit, repoRel);
                dirty = committedBlob.isEmpty() || !committedBlob.get().equals(fp.gitBlobId());
            }
            String name = r.dataset() != null ? r.dataset().name() : rel;
            catalog.inTransaction("record profile", c -> null); // fail fast on a read-only catalog
            StoredProfile stored = new ProfileStore(catalog).store(name, rel, fp, commit, dirty,
                    ProfileJson.toJson(profile), false);
            if (report != null) {
                new ProfileStore(catalog).storeQuality(stored.profileId(), report);
            }
            LOG.info("Recorded profile {} of {} ({})", stored.profileId(), name, fp.sha256());
        } catch (UserError e) {
            err.println("warning: the profile is not recorded in the catalog: " + e.getMessage());
        }
    }
}
