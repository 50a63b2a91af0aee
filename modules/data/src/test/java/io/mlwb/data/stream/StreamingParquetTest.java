package io.mlwb.data.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.job.Cancelled;
import io.mlwb.core.job.Progress;
import io.mlwb.core.project.DataFormat;
import io.mlwb.data.history.ProfileRequest;
import io.mlwb.data.history.ProfileResult;
import io.mlwb.data.history.ProfileService;
import io.mlwb.data.history.ProfileSettings;
import io.mlwb.data.profile.ColumnProfile;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.Profiler;
import io.mlwb.data.read.Detected;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.ReadResult;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Parquet file above the streaming threshold is streamed one row group at a time. */
class StreamingParquetTest {
    @TempDir
    Path dir;

    /** flat_snappy.parquet: 60 rows in 3 row groups of 25, 25 and 10 rows (see make_parquet.py). */
    private Path fixture(String name) throws IOException {
        return fixture("flat_snappy.parquet", name);
    }

    private Path fixture(String resource, String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/parquet/" + resource)) {
            assertNotNull(in, "fixture");
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void rowGroupsComeOneAtATimeWithTheWholeReadsColumns() throws IOException {
        Path file = fixture("flat.parquet");
        ReadResult whole = new TableReader().read(file, ReadOptions.defaults(), Progress.NONE);
        List<Integer> sizes = new ArrayList<>();
        List<DataTable> tables = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        new TableReader().readRowGroups(file, ReadOptions.defaults(), Progress.NONE, t -> {
            sizes.add(t.rowCount());
            tables.add(t);
        }, warnings::add);
        assertEquals(List.of(25, 25, 10), sizes);
        for (DataTable t : tables) {
            assertEquals(whole.table().names(), t.names());
            for (int c = 0; c < t.columns().size(); c++) {
                assertEquals(whole.table().columns().get(c).type(), t.columns().get(c).type(), t.names().get(c));
            }
        }
        assertEquals(whole.warnings(), warnings, "the same warnings, counted over the whole file");
    }

    @Test
    void warningsCountTheWholeFileOnceAsTheWholeReadWordsThem() throws IOException {
        Path file = fixture("decimal_wide_groups.parquet", "wide.parquet");
        ReadResult whole = new TableReader().read(file, ReadOptions.defaults(), Progress.NONE);
        assertTrue(whole.warnings().stream().anyMatch(w -> w.contains("3 values have more digits")),
                whole.warnings().toString());
        assertTrue(whole.warnings().stream().anyMatch(w -> w.contains("3 values lost finer digits")),
                whole.warnings().toString());
        List<Integer> sizes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        new TableReader().readRowGroups(file, ReadOptions.defaults(), Progress.NONE, t -> sizes.add(t.rowCount()),
                warnings::add);
        assertEquals(List.of(2, 2, 2), sizes);
        assertEquals(whole.warnings(), warnings);
        List<String> streamed = new ArrayList<>();
        new StreamingProfiler().profile(file, ReadOptions.defaults(), ProfileOptions.defaults(), Progress.NONE,
                streamed::add);
        assertEquals(whole.warnings(), streamed);
    }

    @Test
    void theStreamedProfileHasTheExactProfilesCountsMomentsAndAlerts() throws IOException {
        Path file = fixture("flat.parquet");
        ReadResult read = new TableReader().read(file, ReadOptions.defaults(), Progress.NONE);
        DatasetProfile exact = new Profiler().profile(read.table(), ProfileOptions.defaults(), Progress.NONE);
        List<Detected> detected = new ArrayList<>();
        DatasetProfile streamed = new StreamingProfiler().profile(file, ReadOptions.defaults(),
                ProfileOptions.defaults(), Progress.NONE, w -> { }, detected::add);

        assertEquals(1, detected.size());
        assertEquals(DataFormat.PARQUET, detected.get(0).format());
        assertEquals(60, streamed.rows());
        assertEquals(exact.rows(), streamed.rows());
        assertEquals(exact.missingCells(), streamed.missingCells());
        assertEquals(exact.columns().size(), streamed.columns().size());
        for (int i = 0; i < exact.columns().size(); i++) {
            ColumnProfile e = exact.columns().get(i);
            ColumnProfile s = streamed.columns().get(i);
            assertEquals(e.name(), s.name());
            assertEquals(e.type(), s.type(), e.name());
            assertEquals(e.count(), s.count(), e.name());
            assertEquals(e.missing(), s.missing(), e.name());
            assertEquals(e.distinct(), s.distinct(), e.name());
            if (e.numeric() != null) {
                assertEquals(e.numeric().min(), s.numeric().min(), e.name());
                assertEquals(e.numeric().max(), s.numeric().max(), e.name());
                assertEquals(e.numeric().sum(), s.numeric().sum(), 1e-9 * Math.max(1, Math.abs(e.numeric().sum())),
                        e.name());
                assertEquals(e.numeric().mean(), s.numeric().mean(), 1e-9 * Math.max(1, Math.abs(e.numeric().mean())),
                        e.name());
                assertEquals(e.numeric().std(), s.numeric().std(), 1e-9 * Math.max(1, e.numeric().std()), e.name());
                assertEquals(e.numeric().zeros(), s.numeric().zeros(), e.name());
                assertEquals(e.numeric().negatives(), s.numeric().negatives(), e.name());
            }
            if (e.bool() != null) {
                assertEquals(e.bool(), s.bool(), e.name());
            }
            if (e.date() != null) {
                assertEquals(e.date().min(), s.date().min(), e.name());
                assertEquals(e.date().max(), s.date().max(), e.name());
            }
        }
        assertTrue(!keys(exact).isEmpty(), "the fixture raises alerts");
        assertEquals(keys(exact), keys(streamed));
    }

    private static List<String> keys(DatasetProfile p) {
        return p.alerts().stream()
                .filter(a -> !a.type().name().startsWith("DUPLICATE"))
                .map(a -> a.type() + " " + a.column() + " " + a.otherColumn()).toList();
    }

    @Test
    void theServiceStreamsAParquetFileAboveTheThreshold() throws IOException {
        Path file = fixture("big.parquet");
        ProfileResult r = ProfileService.withoutProject(new ProfileSettings(0))
                .profile(ProfileRequest.of(file, "big.parquet", null, ReadOptions.defaults()), Progress.NONE);
        assertEquals(ProfileResult.Mode.STREAMING, r.mode());
        assertEquals(60, r.profile().rows());
        assertEquals(DataFormat.PARQUET, r.detected().format());
        assertTrue(r.profile().approximate().containsKey("mode"), r.profile().approximate().toString());
    }

    @Test
    void aParquetFileNamedOtherwiseIsStreamedByItsMagic() throws IOException {
        Path file = fixture("data.bin");
        DatasetProfile p = new StreamingProfiler().profile(file, ReadOptions.defaults(), ProfileOptions.defaults(),
                Progress.NONE);
        assertEquals(60, p.rows());
    }

    @Test
    void cancellingStopsBetweenRowGroups() throws IOException {
        Path file = fixture("big.parquet");
        AtomicInteger reports = new AtomicInteger();
        Progress cancelAfterFirstGroup = new Progress() {
            @Override
            public void report(double fraction, String message) {
                if (fraction > 0) {
                    reports.incrementAndGet();
                }
            }

            @Override
            public boolean cancelled() {
                return reports.get() >= 1;
            }
        };
        assertThrows(Cancelled.class, () -> new StreamingProfiler().profile(file, ReadOptions.defaults(),
                ProfileOptions.defaults(), cancelAfterFirstGroup));
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {
                // nothing
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThrows(Cancelled.class, () -> ProfileService.withoutProject(new ProfileSettings(0))
                .profile(ProfileRequest.of(file, "big.parquet", null, ReadOptions.defaults()), cancelled));
    }
}
