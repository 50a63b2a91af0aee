package io.mlwb.data.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.job.Progress;
import io.mlwb.data.profile.Alert;
import io.mlwb.data.profile.AlertThresholds;
import io.mlwb.data.profile.AlertType;
import io.mlwb.data.profile.DatasetProfile;
import io.mlwb.data.profile.ProfileOptions;
import io.mlwb.data.profile.Profiler;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact and the streaming profile of one file raise the same alerts, because they share the rules. */
class SameAlertsInBothModesTest {
    private static final int ROWS = 8_000; // below the streaming exact-distinct limit, so both modes know every distinct count

    @TempDir
    static Path dir;
    static DatasetProfile exact;
    static DatasetProfile streamed;

    @BeforeAll
    static void profileBoth() throws IOException {
        Path file = dir.resolve("alerts.csv");
        write(file);
        exact = new Profiler().profile(
                new TableReader().read(file, ReadOptions.defaults(), Progress.NONE).table(),
                ProfileOptions.defaults(), Progress.NONE);
        // Small blocks, so the streamed alerts come from merged figures.
        streamed = new StreamingProfiler(AlertThresholds.DEFAULTS,
                StreamingOptions.defaults().withBlockBytes(64 * 1024))
                .profile(file, ReadOptions.defaults(), ProfileOptions.defaults(), Progress.NONE);
    }

    /**
     * Columns: a row id, a 0/1 label (70 % zeros), a constant, one with 30 % missing, a skewed spike, x and y
     * (Pearson ≈ 1), a zeros-heavy count with values 0..5, and a categorical column dominated by one value.
     */
    private static void write(Path f) throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("id,label,constant,sparse,spike,x,y,counts,color\n");
            for (int i = 0; i < ROWS; i++) {
                int label = r.nextDouble() < 0.3 ? 1 : 0;
                String sparse = r.nextDouble() < 0.3 ? "" : Integer.toString(r.nextInt(1000));
                int spike = i % 1000 == 0 ? 1000 : 1 + r.nextInt(2);
                double x = r.nextDouble() * 100;
                double y = 2 * x + r.nextDouble();
                int counts = r.nextDouble() < 0.5 ? 0 : 1 + r.nextInt(5);
                String color = r.nextDouble() < 0.97 ? "red" : "blue";
                w.write(String.format(Locale.ROOT, "%d,%d,7,%s,%d,%.6f,%.6f,%d,%s%n", i, label, sparse, spike, x, y,
                        counts, color));
            }
        }
    }

    private static List<String> keys(DatasetProfile p) {
        return p.alerts().stream().map(a -> a.type() + " " + a.column() + " " + a.otherColumn()).toList();
    }

    @Test
    void bothModesRaiseTheSameAlertsInTheSameOrder() {
        assertEquals(keys(exact), keys(streamed));
    }

    @Test
    void theSharedAlertsAreTheExpectedOnes() {
        List<String> k = keys(exact);
        assertTrue(k.contains("UNIQUE id null"), k::toString);
        assertTrue(k.contains("CONSTANT constant null"), k::toString);
        assertTrue(k.contains("HIGH_MISSING sparse null"), k::toString);
        assertTrue(k.contains("SKEWED spike null"), k::toString);
        assertTrue(k.contains("ZEROS counts null"), k::toString);
        assertTrue(k.contains("IMBALANCED color null"), k::toString);
        assertTrue(k.contains("HIGH_CORRELATION x y"), k::toString);
        assertFalse(k.stream().anyMatch(s -> s.startsWith("ZEROS label")), "a 0/1 label is not a zeros problem");
    }

    @Test
    void messagesAndFiguresAgreeWhereBothModesHaveTheFigure() {
        assertEquals(exact.alerts().size(), streamed.alerts().size());
        for (int i = 0; i < exact.alerts().size(); i++) {
            Alert e = exact.alerts().get(i);
            Alert s = streamed.alerts().get(i);
            if (e.type() == AlertType.HIGH_CORRELATION || e.type() == AlertType.SKEWED) {
                continue; // exact Pearson and merged moments agree to rounding, not to the last digit
            }
            assertEquals(e.message(), s.message());
        }
    }
}
