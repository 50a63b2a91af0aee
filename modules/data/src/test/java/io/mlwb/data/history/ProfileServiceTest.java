package io.mlwb.data.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditEntry;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.catalog.profile.CheckStatus;
import io.mlwb.catalog.profile.QualityCheckRecord;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.QualityRule;
import io.mlwb.core.project.RuleType;
import io.mlwb.data.profile.ProfileJson;
import io.mlwb.data.quality.RuleResult;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.vcs.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profiling use case end to end over a real git repository and a real catalog. */
class ProfileServiceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    private static final ProfileSettings EXACT = new ProfileSettings(Long.MAX_VALUE);

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    private GitRepo repo;
    private Catalog catalog;
    private Path file;

    @BeforeEach
    void project() throws Exception {
        repo = GitRepo.init(dir);
        file = dir.resolve("data/d.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "id,age,y\n1,30,0\n2,41,1\n3,45,0\n4,52,1\n", StandardCharsets.UTF_8);
        catalog = Catalog.open(dir.resolve(".mlwb/catalog.db"));
    }

    @AfterEach
    void close() {
        catalog.close();
        repo.close();
    }

    private ProfileService service(ProfileSettings settings) {
        return new ProfileService(settings, CLOCK, dir, repo, catalog);
    }

    private static DatasetConfig dataset(QualityRule... rules) {
        return new DatasetConfig("d", "data/d.csv", null, null, null, null, "y", null, null, null, null,
                List.of(rules));
    }

    private ProfileRequest request(DatasetConfig d) {
        return ProfileRequest.of(file, "d", d, ReadOptions.defaults().withThreads(1));
    }

    private long profiles() {
        return catalog.read("count", c -> {
            try (var st = c.prepareStatement("SELECT COUNT(*) FROM profile"); var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static QualityRule rule(RuleType type, String column, Double min) {
        return new QualityRule(type, column, min, null, null, null, null, null);
    }

    @Test
    void theSameBytesReuseTheStoredProfileAndForceRecomputes() {
        repo.commit(List.of("data/d.csv"), "data");
        ProfileService service = service(EXACT);

        ProfileResult first = service.profile(request(dataset()), Progress.NONE);
        assertFalse(first.wasReused());
        assertNotNull(first.recorded());
        assertEquals(ProfileResult.Mode.EXACT, first.mode());
        assertFalse(first.version().dirty());
        assertEquals("data/d.csv", first.version().relativePath());
        assertEquals(repo.head().orElseThrow().sha(), first.recorded().commitSha());
        assertEquals(List.of(), first.notes());
        assertFalse(first.profile().target().isEmpty(), "the dataset's target is used");

        ProfileResult second = service.profile(request(dataset()), Progress.NONE);
        assertTrue(second.wasReused());
        assertEquals(first.recorded().profileId(), second.reused().profileId());
        assertNull(second.recorded(), "nothing new is recorded for a reused profile of committed bytes");
        assertEquals(4, second.read().table().rowCount(), "the table is still read");
        assertEquals(1, profiles());

        ProfileResult forced = service.profile(request(dataset()).withForce(true), Progress.NONE);
        assertFalse(forced.wasReused());
        assertEquals(2, profiles());
        ProfileResult otherBins = service.profile(request(dataset()).withBins(5), Progress.NONE);
        assertFalse(otherBins.wasReused(), "other options do not reuse the stored profile");
        ProfileResult noStore = service.profile(request(dataset()).withForce(true).withStore(false), Progress.NONE);
        assertNull(noStore.recorded());
        assertEquals(3, profiles());
    }

    @Test
    void aReusedProfileOfAWideFileHasTheFullMatricesOfAFreshOneThoughItsJsonListsPairs() throws Exception {
        StringBuilder b = new StringBuilder();
        java.util.Random rnd = new java.util.Random(3);
        int cols = 30;
        for (int c = 0; c < cols; c++) {
            b.append(c > 0 ? "," : "").append("g").append(c);
        }
        b.append('\n');
        for (int i = 0; i < 40; i++) {
            for (int c = 0; c < cols; c++) {
                b.append(c > 0 ? "," : "").append(rnd.nextGaussian());
            }
            b.append('\n');
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
        ProfileService service = service(EXACT);

        ProfileResult first = service.profile(request(null), Progress.NONE);
        String stored = new ProfileStore(catalog).find(first.version().fingerprint().sha256()).orElseThrow()
                .profileJson();
        assertTrue(stored.contains("\"pairs\""), "the stored JSON lists pairs");
        assertTrue(stored.length() < ProfileJson.toJson(first.profile(), ProfileJson.Options.full()).length());
        assertFalse(stored.replace(" ", "").contains("\"g0\":{"), "no matrix rows in the stored JSON");

        ProfileResult again = service.profile(request(null), Progress.NONE);
        assertTrue(again.wasReused());
        assertEquals(ProfileJson.toJson(first.profile(), ProfileJson.Options.full()),
                ProfileJson.toJson(again.profile(), ProfileJson.Options.full()),
                "every coefficient comes back from the stored matrices");
        assertEquals(cols, again.profile().correlations().spearman().columns().size());

        // a profile stored before the matrices were (full matrices in its JSON, nothing beside it) is still reused
        new ProfileStore(catalog).store("old", "data/d.csv", first.version().fingerprint(), null, true,
                ProfileJson.toJson(first.profile(), ProfileJson.Options.full()), false);
        ProfileResult old = service.profile(request(null), Progress.NONE);
        assertTrue(old.wasReused());
        assertEquals("old", old.reused().datasetName());
        assertEquals(ProfileJson.toJson(first.profile(), ProfileJson.Options.full()),
                ProfileJson.toJson(old.profile(), ProfileJson.Options.full()));
    }

    @Test
    void theOneThresholdSettingChoosesStreaming() {
        Properties none = new Properties();
        assertEquals(1000, ProfileSettings.from(none, 3000).streamingThresholdBytes(), "a third of the heap");
        Properties set = new Properties();
        set.setProperty(ProfileSettings.THRESHOLD_PROPERTY, "10");
        assertEquals(10, ProfileSettings.from(set, 3000).streamingThresholdBytes());
        set.setProperty(ProfileSettings.THRESHOLD_PROPERTY, "lots");
        assertEquals(1000, ProfileSettings.from(set, 3000).streamingThresholdBytes(), "a bad value is ignored");
        assertTrue(new ProfileSettings(10).streams(11));
        assertFalse(new ProfileSettings(10).streams(10));

        ProfileResult streamed = service(new ProfileSettings(10)).profile(request(dataset()), Progress.NONE);
        assertEquals(ProfileResult.Mode.STREAMING, streamed.mode());
        assertNull(streamed.read());
        assertTrue(streamed.profile().isApproximate());
        assertEquals(ProfileNote.Kind.STREAMED, streamed.notes().get(0).kind());
        assertNotNull(streamed.recorded(), "a streamed profile is recorded too");
        ProfileResult asked = service(EXACT).profile(request(dataset()).withStreaming(true), Progress.NONE);
        assertEquals(ProfileResult.Mode.STREAMING, asked.mode());
        assertTrue(asked.notes().isEmpty(), "no note when streaming was asked for: " + asked.notes());

        // rules that must be checked cannot be in streaming mode: an error before any work
        UserError e = assertThrows(UserError.class, () -> service(new ProfileSettings(10))
                .profile(request(dataset(rule(RuleType.NOT_NULL, "id", null))).withRules(ProfileRequest.Rules.REQUIRED),
                        Progress.NONE));
        assertTrue(e.getMessage().contains("whole table"), e.getMessage());
    }

    @Test
    void aReadOnlyOrMissingCatalogStillProfilesAndSaysSo() throws Exception {
        service(EXACT).profile(request(dataset()), Progress.NONE);
        catalog.close();
        catalog = Catalog.openReadOnly(dir.resolve(".mlwb/catalog.db"));
        ProfileResult reused = service(EXACT).profile(request(dataset()), Progress.NONE);
        assertTrue(reused.wasReused(), "a read-only catalog still serves its profiles");
        assertEquals(List.of(), reused.notes(), "nothing needed recording");
        Files.writeString(file, "id,age,y\n1,30,0\n", StandardCharsets.UTF_8);
        ProfileResult r = service(EXACT).profile(request(dataset()), Progress.NONE);
        assertEquals(1, r.profile().rows());
        assertNull(r.recorded());
        assertEquals(ProfileNote.Kind.NOT_RECORDED, r.notes().get(0).kind());
        assertTrue(r.notes().get(0).message().contains("read-only"), r.notes().toString());

        ProfileResult broken = new ProfileService(EXACT, CLOCK, dir, repo, null).profile(request(dataset()),
                Progress.NONE);
        assertEquals(ProfileNote.Kind.NOT_RECORDED, broken.notes().get(0).kind());
        assertNull(broken.version());

        // a file outside the project is profiled, not recorded; outside any project nothing is said
        Path outside = elsewhere.resolve("o.csv");
        copy(file, outside);
        ProfileRequest plain = ProfileRequest.of(outside, "o.csv", null, ReadOptions.defaults());
        assertTrue(service(EXACT).profile(plain, Progress.NONE).notes().get(0).message().contains("outside"));
        assertTrue(ProfileService.withoutProject(EXACT).profile(plain, Progress.NONE).notes().isEmpty());
    }

    @Test
    void aProfileOfUncommittedBytesGetsItsCommitWhenTheyAreCommitted() {
        ProfileService service = service(EXACT);
        ProfileResult dirty = service.profile(request(dataset()), Progress.NONE);
        assertTrue(dirty.version().dirty());
        assertTrue(dirty.recorded().dirty());

        repo.commit(List.of("data/d.csv"), "data");
        ProfileResult clean = service.profile(request(dataset()), Progress.NONE);
        assertTrue(clean.wasReused());
        assertNotNull(clean.recorded(), "the commit is filled in");
        assertEquals(repo.head().orElseThrow().sha(), clean.recorded().commitSha());
        List<StoredProfile> history = new ProfileStore(catalog).history("d");
        assertEquals(1, history.size());
        assertFalse(history.get(0).dirty());
    }

    @Test
    void rulesAreCheckedAndRecordedWithTheProfile() {
        DatasetConfig d = dataset(rule(RuleType.RANGE, "age", 35.0), rule(RuleType.NOT_NULL, "id", null));
        ProfileResult r = service(EXACT).profile(request(d), Progress.NONE);
        assertEquals(2, r.quality().results().size());
        assertEquals(RuleResult.Status.FAIL, r.quality().results().get(0).status());
        List<QualityCheckRecord> stored = new ProfileStore(catalog).quality(r.recorded().profileId());
        assertEquals(List.of(CheckStatus.FAILED, CheckStatus.PASSED), stored.stream().map(QualityCheckRecord::status)
                .toList());
        assertNull(service(EXACT).profile(request(d).withRules(ProfileRequest.Rules.SKIP), Progress.NONE).quality());
        ProfileRequest plain = ProfileRequest.of(file, "d.csv", null, ReadOptions.defaults())
                .withRules(ProfileRequest.Rules.REQUIRED);
        assertThrows(UserError.class, () -> service(EXACT).profile(plain, Progress.NONE));
    }

    @Test
    void theReadersWarningsAreTheSameInBothModes() throws Exception {
        Files.writeString(file, "id,age,y\n1,30,0\n2,\"41,1\n3,45,0\n", StandardCharsets.UTF_8);
        ProfileResult exact = service(EXACT).profile(request(null).withStore(false), Progress.NONE);
        ProfileResult streamed = service(new ProfileSettings(0)).profile(request(null).withStore(false),
                Progress.NONE);
        assertEquals(ProfileResult.Mode.STREAMING, streamed.mode());
        assertFalse(exact.warnings().isEmpty(), "an unclosed quote is reported");
        assertEquals(exact.warnings(), streamed.warnings());
        assertEquals(exact.read().warnings(), exact.warnings());
    }

    @Test
    void aRecordedProfileIsAuditedOnceAndAReusedOneNotAtAll() {
        ProfileService service = service(EXACT);
        ProfileResult first = service.profile(request(dataset()), Progress.NONE);
        ProfileResult again = service.profile(request(dataset()), Progress.NONE);
        assertNotNull(first.recorded());
        assertNotNull(again.reused(), "the same bytes are reused");
        List<AuditEntry> audit = new AuditLog(catalog).list(0, 10);
        assertEquals(1, audit.size(), "reusing a stored profile is no new fact");
        AuditEntry entry = audit.get(0);
        assertEquals(ProfileService.AUDIT_ACTION, entry.action());
        assertEquals("profile", entry.entity());
        assertEquals(Long.toString(first.recorded().profileId()), entry.entityId());
        assertTrue(entry.detailsJson().contains(first.version().fingerprint().sha256()), entry.detailsJson());
        assertTrue(new AuditLog(catalog).verify().ok());
    }

    @Test
    void approvingTheSchemaIsAuditedAndCheckedAgainstLater() throws Exception {
        DatasetConfig d = dataset(new QualityRule(RuleType.SCHEMA_EQUALS_APPROVED, null, null, null, null, null,
                null, null));
        ProfileService service = service(EXACT);
        ProfileResult approved = service.profile(request(d).withApproveSchema(true), Progress.NONE);
        assertEquals(RuleResult.Status.WARN, approved.quality().results().get(0).status(),
                "checked before the approval: none yet");
        assertEquals(3, approved.approved().schema().columns().size());
        List<AuditEntry> audit = new AuditLog(catalog).list(0, 10);
        assertEquals(List.of("approve_schema", ProfileService.AUDIT_ACTION),
                audit.stream().map(AuditEntry::action).toList(), "the approval, then the recorded profile");
        assertEquals(approved.approved().actor(), audit.get(0).actor());
        assertEquals(approved.approved().actor(), audit.get(1).actor());

        Files.writeString(file, "id,age,y,city\n1,30,0,x\n", StandardCharsets.UTF_8);
        ProfileResult changed = service.profile(request(d), Progress.NONE);
        assertEquals(RuleResult.Status.FAIL, changed.quality().results().get(0).status());
        assertThrows(UserError.class, () -> service.profile(ProfileRequest.of(file, "d.csv", null,
                ReadOptions.defaults()).withApproveSchema(true), Progress.NONE));
    }

    @Test
    void aMissingTargetIsAUserErrorAndCancellingPropagates() {
        assertThrows(UserError.class, () -> service(EXACT).profile(request(dataset()).withTarget("nope"),
                Progress.NONE));
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {
                // nobody watches
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThrows(Cancelled.class, () -> service(EXACT).profile(request(dataset()), cancelled));
        assertThrows(Cancelled.class, () -> service(new ProfileSettings(0)).profile(request(dataset()), cancelled));
        assertEquals(0, profiles());
    }

    @Test
    void comparesARevisionWithTheWorkingTree() throws Exception {
        repo.commit(List.of("data/d.csv"), "first");
        String first = repo.head().orElseThrow().sha();
        Files.writeString(file, "id,age,city\n1,30,x\n2,40,y\n", StandardCharsets.UTF_8);
        repo.commit(List.of("data/d.csv"), "second");
        repo.tag("v2", "second version");
        Files.writeString(file, "id,age,city\n1,30,x\n2,40,y\n3,50,z\n", StandardCharsets.UTF_8);
        ProfileService service = service(EXACT);

        Comparison c = service.compare(CompareRequest.withWorkingTree(file, "d", ReadOptions.defaults(), "HEAD~1"),
                Progress.NONE);
        assertEquals("HEAD~1", c.base().rev());
        assertEquals(first, c.base().commit());
        assertEquals(ComparedVersion.WORKING_TREE, c.current().rev());
        assertNull(c.current().commit(), "the working tree differs from HEAD");
        assertEquals(4, c.diff().rowsBefore());
        assertEquals(3, c.diff().rowsAfter());
        assertEquals(List.of("city"), c.diff().added());
        assertEquals(List.of("y"), c.diff().removed());
        assertTrue(c.diff().delta("age", "mean").isPresent());
        assertEquals("data/d.csv", c.relativePath());

        Comparison tags = service.compare(new CompareRequest(file, "d", ReadOptions.defaults(), first, "v2", 50),
                Progress.NONE);
        assertEquals(2, tags.diff().rowsAfter());
        assertEquals(2, service.versions(file, 10).stream().filter(v -> !v.workingTree()).count());

        UserError unknown = assertThrows(UserError.class, () -> service.compare(
                CompareRequest.withWorkingTree(file, "d", ReadOptions.defaults(), "no-such-rev"), Progress.NONE));
        assertTrue(unknown.getMessage().contains("no-such-rev"), unknown.getMessage());
        Path later = dir.resolve("data/later.csv");
        Files.writeString(later, "a\n1\n", StandardCharsets.UTF_8);
        repo.commit(List.of("data/later.csv"), "later");
        UserError absent = assertThrows(UserError.class, () -> service.compare(
                CompareRequest.withWorkingTree(later, "later", ReadOptions.defaults(), first), Progress.NONE));
        assertTrue(absent.getMessage().contains("is not in revision"), absent.getMessage());
        assertThrows(UserError.class, () -> ProfileService.withoutProject(EXACT).compare(
                CompareRequest.withWorkingTree(file, "d", ReadOptions.defaults(), "HEAD"), Progress.NONE));
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
