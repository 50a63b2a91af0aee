package io.mlwb.app.drift;

import io.mlwb.vcs.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A git-backed project with dated, labelled data: {@code ref} (data/ref.csv, 2023, twelve months of {@value #PER_MONTH}
 * rows), {@code cur} (data/cur.csv, January to August 2024, whose {@code income} moves up month by month from April)
 * and {@code cur_unlabelled} (the same rows without the target). Columns: id, applied (the declared time column),
 * income, plan, sex (the declared sensitive attribute) and defaulted (the target, more likely at low income).
 * {@link #logs} writes current rows as request logs (docs/request-log.md).
 */
final class TimeProjects {
    static final int PER_MONTH = 150;
    static final int CURRENT_MONTHS = 8;

    private TimeProjects() {
    }

    static Path create(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        String declared = """
                  - name: %s
                    path: data/%s.csv
                    id_column: id
                    time_column: applied
                    sensitive_attributes: [sex]
                    column_types:
                      applied: datetime
                """;
        Files.writeString(dir.resolve("mlwb.yaml"), "schema_version: 1\nname: dated\ndatasets:\n"
                + declared.formatted("ref", "ref") + "    target: defaulted\n"
                + declared.formatted("cur", "cur") + "    target: defaulted\n"
                + declared.formatted("cur_unlabelled", "cur_unlabelled"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(".gitignore"), ".mlwb/\n");
        Files.writeString(dir.resolve("data/ref.csv"), csv(1, 2023, 12, false, true));
        Files.writeString(dir.resolve("data/cur.csv"), csv(2, 2024, CURRENT_MONTHS, true, true));
        Files.writeString(dir.resolve("data/cur_unlabelled.csv"), csv(2, 2024, CURRENT_MONTHS, true, false));
        try (GitRepo git = GitRepo.init(dir)) {
            git.commit(List.of("mlwb.yaml", ".gitignore", "data"), "data");
        }
        return dir;
    }

    /** The income shift of month {@code m} (0-based) of the current data: none for three months, then growing. */
    static double shift(int m) {
        return m < 3 ? 0 : 4.0 * (m - 2);
    }

    static String csv(long seed, int year, int months, boolean shifted, boolean labelled) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("id,applied,income,plan,sex" + (labelled ? ",defaulted" : "") + "\n");
        String[] plans = {"basic", "plus", "pro"};
        int id = 0;
        for (int m = 0; m < months; m++) {
            for (int i = 0; i < PER_MONTH; i++) {
                double income = 50 + 10 * r.nextGaussian() + (shifted ? shift(m) : 0);
                String sex = r.nextBoolean() ? "F" : "M";
                double z = -0.15 * (income - 50) + (sex.equals("M") ? 0.3 : 0);
                int y = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
                sb.append(id++).append(',').append(String.format(Locale.ROOT, "%d-%02d-%02d", year, m + 1, 1 + i % 28))
                        .append(',').append(String.format(Locale.ROOT, "%.2f", income)).append(',')
                        .append(plans[r.nextInt(plans.length)]).append(',').append(sex);
                if (labelled) {
                    sb.append(',').append(y);
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Writes the current rows (income, plan, sex) as request logs in {@code folder}: one request per row at its
     * application day, months before the last in a rotated gzip-free file, the last month in the active file.
     */
    static void logs(Path folder) throws Exception {
        Files.createDirectories(folder);
        List<String> rows = csv(2, 2024, CURRENT_MONTHS, true, false).lines().skip(1).toList();
        StringBuilder rotated = new StringBuilder();
        StringBuilder active = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",");
            String line = String.format(Locale.ROOT, "{\"v\": 1, \"ts\": \"%sT10:00:00.000Z\", \"model\": \"m\", "
                    + "\"version\": 1, \"request_id\": \"r%d\", \"traceparent\": null, \"route\": \"/invocations\", "
                    + "\"status\": 200, \"latency_ms\": 2.5, \"cached\": false, \"inputs\": [{\"income\": %s, "
                    + "\"plan\": \"%s\", \"sex\": \"%s\"}], \"predictions\": [{\"probability\": 0.2, \"label\": \"0\"}], "
                    + "\"error\": null}\n", f[1], i, f[2], f[3], f[4]);
            (i < (CURRENT_MONTHS - 1) * PER_MONTH ? rotated : active).append(line);
        }
        Files.writeString(folder.resolve("requests-20240801T000000Z-1.jsonl"), rotated);
        Files.writeString(folder.resolve("requests.jsonl"), active);
    }
}
