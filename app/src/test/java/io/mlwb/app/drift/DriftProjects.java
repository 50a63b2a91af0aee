package io.mlwb.app.drift;

import io.mlwb.vcs.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A git-backed project with two declared datasets: {@code old} (data/old.csv) and {@code new} (data/new.csv), 1,500 rows
 * each, id column {@code id}. Against old, new's {@code income} moved up by one standard deviation and its {@code plan}
 * gained the category "gold" (both drift); {@code score} did not move; new has an {@code extra} column.
 */
final class DriftProjects {
    static final int ROWS = 1500;

    private DriftProjects() {
    }

    static Path create(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("mlwb.yaml"), """
                schema_version: 1
                name: drifting
                datasets:
                  - name: old
                    path: data/old.csv
                    id_column: id
                  - name: new
                    path: data/new.csv
                    id_column: id
                """, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(".gitignore"), ".mlwb/\n");
        Files.writeString(dir.resolve("data/old.csv"), csv(1, false));
        Files.writeString(dir.resolve("data/new.csv"), csv(2, true));
        try (GitRepo git = GitRepo.init(dir)) {
            git.commit(List.of("mlwb.yaml", ".gitignore", "data"), "data");
        }
        return dir;
    }

    static String csv(long seed, boolean shifted) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("id,income,plan,score" + (shifted ? ",extra" : "") + "\n");
        String[] plans = shifted ? new String[] {"basic", "plus", "pro", "gold"} : new String[] {"basic", "plus", "pro"};
        for (int i = 0; i < ROWS; i++) {
            sb.append(i).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", 50 + 10 * r.nextGaussian() + (shifted ? 10 : 0)))
                    .append(',').append(plans[r.nextInt(plans.length)]).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", r.nextDouble()));
            if (shifted) {
                sb.append(",x");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
