package io.mlwb.app.dataset;

import io.mlwb.vcs.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A git-backed project with one declared dataset, "loans" at data/loans.csv (target "defaulted"). */
final class DatasetProjects {
    static final String YAML = """
            schema_version: 1
            name: demo
            datasets:
              - name: loans
                path: data/loans.csv
                target: defaulted
                rules:
                  - type: not_null
                    column: id
            """;

    private DatasetProjects() {
    }

    static Path create(Path dir, int rows) throws Exception {
        GitRepo.init(dir).close();
        Files.writeString(dir.resolve("mlwb.yaml"), YAML, StandardCharsets.UTF_8);
        SampleData.loans(dir, "data/loans.csv", rows);
        return dir;
    }
}
