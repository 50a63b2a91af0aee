package io.mlwb.data.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.job.Progress;
import io.mlwb.core.project.DataFormat;
import io.mlwb.data.history.ProfileRequest;
import io.mlwb.data.history.ProfileResult;
import io.mlwb.data.history.ProfileService;
import io.mlwb.data.history.ProfileSettings;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.read.Detected;
import io.mlwb.data.read.ReadOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming profile says what it detected about the file, as the in-memory read does. */
class StreamingDetectedTest {
    @TempDir
    Path dir;

    @Test
    void semicolonTextIsReportedWithItsDelimiter() throws IOException {
        Path f = dir.resolve("semi.txt");
        Files.writeString(f, "a;b\n1;x\n2;y\n3;z\n");
        List<Detected> seen = new ArrayList<>();
        new StreamingProfiler().profile(f, ReadOptions.defaults(), ProfileOptions.defaults(), Progress.NONE,
                w -> { }, seen::add);
        assertEquals(1, seen.size());
        assertEquals(DataFormat.CSV, seen.get(0).format());
        assertEquals(Optional.of(';'), seen.get(0).delimiter());
        assertFalse(seen.get(0).gzip());
    }

    @Test
    void gzippedJsonLinesAreReportedAsSuchThroughTheService() throws IOException {
        Path f = dir.resolve("rows.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            for (int i = 0; i < 50; i++) {
                out.write(("{\"a\": " + i + ", \"b\": \"v" + (i % 3) + "\"}\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        ProfileResult r = ProfileService.withoutProject(ProfileSettings.current())
                .profile(ProfileRequest.of(f, "rows", null, ReadOptions.defaults()).withStreaming(true), Progress.NONE);
        assertEquals(ProfileResult.Mode.STREAMING, r.mode());
        assertNotNull(r.detected());
        assertEquals(DataFormat.JSONL, r.detected().format());
        assertTrue(r.detected().gzip());
        assertTrue(r.detected().delimiter().isEmpty());
    }
}
