package io.mlwb.data.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.job.Progress;
import io.mlwb.core.project.ColumnType;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.DataTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored profile stands for a new one only when the table read now and the options agree. */
class ProfileReuseTest {
    @TempDir
    Path dir;

    @Test
    void aProfileFitsOnlyTheTableAndOptionsItWasMadeWith() throws Exception {
        StringBuilder b = new StringBuilder("id,x,flag,city,y\n");
        for (int i = 0; i < 40; i++) {
            b.append(i).append(',').append(i % 9 == 0 ? "NA" : String.valueOf(i * 0.5)).append(',')
                    .append(i % 3 == 0).append(',').append(i % 4 == 0 ? "a" : "b").append(',').append(i % 2)
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("t.csv"), b, StandardCharsets.UTF_8);
        DataTable table = new TableReader().read(file, ReadOptions.defaults(), Progress.NONE).table();
        ProfileOptions options = ProfileOptions.defaults().withTarget("y");
        DatasetProfile stored = ProfileJsonReader.read(ProfileJson.toJson(
                new Profiler().profile(table, options, Progress.NONE)));

        assertEquals(Optional.empty(), ProfileReuse.mismatch(stored, table, options));
        assertTrue(ProfileReuse.mismatch(stored, table, ProfileOptions.defaults()).isPresent(), "no target");
        assertTrue(ProfileReuse.mismatch(stored, table, options.withTarget("x")).isPresent(), "other target");
        assertTrue(ProfileReuse.mismatch(stored, table,
                new ProfileOptions(20, 10, Optional.of("y"), true, 0)).isPresent(), "other bins");
        assertTrue(ProfileReuse.mismatch(stored, table,
                new ProfileOptions(50, 1, Optional.of("y"), true, 0)).isPresent(), "other top-k");
        assertTrue(ProfileReuse.mismatch(stored, table,
                new ProfileOptions(50, 10, Optional.of("y"), false, 0)).isPresent(), "no correlations");
        DataTable otherMissing = new TableReader().read(file, ReadOptions.defaults().withMissingMarkers(Set.of("")),
                Progress.NONE).table();
        assertTrue(ProfileReuse.mismatch(stored, otherMissing, options).isPresent(), "NA not missing");
        DataTable otherTypes = new TableReader().read(file,
                ReadOptions.defaults().withColumnTypes(Map.of("y", ColumnType.CATEGORICAL)), Progress.NONE).table();
        assertTrue(ProfileReuse.mismatch(stored, otherTypes, options).isPresent(), "y as categorical");
    }
}
