package io.mlwb.data.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.job.Progress;
import io.mlwb.data.profile.AlertThresholds;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.Profiler;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.ReadResult;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.CategoricalColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A quote that is never closed is reported alike by the in-memory reader and the streaming profile. */
class UnclosedQuoteTest {
    @TempDir
    Path dir;

    private record Both(ReadResult exact, DatasetProfile streamed, List<String> streamedWarnings) {
    }

    private Both readBoth(String name, String content, int blockBytes) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        ReadResult exact = new TableReader().read(f, ReadOptions.defaults().withChunkBytes(64), Progress.NONE);
        List<String> warnings = new ArrayList<>();
        DatasetProfile streamed = new StreamingProfiler(AlertThresholds.DEFAULTS,
                StreamingOptions.defaults().withBlockBytes(blockBytes))
                .profile(f, ReadOptions.defaults(), ProfileOptions.defaults(), Progress.NONE, warnings::add);
        return new Both(exact, streamed, warnings);
    }

    private static String rows(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(i).append(",v").append(i % 7).append('\n');
        }
        return sb.toString();
    }

    @Test
    void inADataRowOfAFileOfManyBlocks() throws IOException {
        Both b = readBoth("mid.csv", "id,text\n" + rows(0, 500) + "500,\"open\n" + rows(501, 600), 1024);
        String unclosed = "A quote in mid.csv is never closed; everything after it was read as one cell.";
        assertEquals(List.of(unclosed), b.exact().warnings());
        assertEquals(b.exact().warnings(), b.streamedWarnings());
        assertEquals(501, b.exact().table().rowCount());
        assertEquals(b.exact().table().rowCount(), b.streamed().rows());
    }

    @Test
    void inTheHeaderRow() throws IOException {
        Both b = readBoth("head.csv", "id,\"text\n" + rows(0, 50), 1024);
        assertTrue(b.exact().warnings().contains(
                "A quote in head.csv is never closed; everything after it was read as one cell."),
                b.exact().warnings()::toString);
        assertEquals(b.exact().warnings(), b.streamedWarnings());
        assertEquals(0, b.streamed().rows());
    }

    @Test
    void quotedDelimitersLineBreaksAndDoubledQuotesRaiseNothing() throws IOException {
        Both b = readBoth("ok.csv", "id,text\n" + rows(0, 200) + "200,\"a,\"\"b\"\"\nc\"\n" + rows(201, 400), 1024);
        assertEquals(List.of(), b.exact().warnings());
        assertEquals(List.of(), b.streamedWarnings());
        assertEquals(400, b.streamed().rows());
        CategoricalColumn text = (CategoricalColumn) b.exact().table().column("text").orElseThrow();
        assertEquals("a,\"b\"\nc", text.value(200));
        assertEquals(new Profiler().profile(b.exact().table(), ProfileOptions.defaults(), Progress.NONE)
                .column("text").orElseThrow().text(), b.streamed().column("text").orElseThrow().text());
    }
}
