package io.mlwb.app.dataset;

import io.mlwb.core.error.UserError;
import io.mlwb.core.project.DatasetConfig;
import io.mlwb.core.project.QualityRule;
import io.mlwb.data.read.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Dataset pane profiles: a file and how to read it, or why it cannot be opened.
 *
 * @param title   the tab's title (the dataset's name or the file's name)
 * @param file    the file, absolute; null when {@code problem} is set
 * @param options how to read it (from mlwb.yaml for a declared dataset, else detected)
 * @param config  the dataset's entry in mlwb.yaml (target, rules), or null for a plain data file
 * @param problem why the dataset cannot be opened (not in mlwb.yaml, path outside the project), or null
 */
public record DatasetSource(String title, Path file, ReadOptions options, DatasetConfig config, UserError problem) {
    /** Validates the parts. */
    public DatasetSource {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(options, "options");
        if (file == null && problem == null) {
            throw new IllegalArgumentException("A dataset source needs a file or a problem");
        }
    }

    /** @return a plain data file read with detected options */
    public static DatasetSource ofFile(Path file) {
        return new DatasetSource(String.valueOf(file.getFileName()), file.toAbsolutePath(), ReadOptions.defaults(),
                null, null);
    }

    /** @return a source that cannot be opened, for {@code problem} */
    public static DatasetSource unavailable(String title, UserError problem) {
        return new DatasetSource(title, null, ReadOptions.defaults(), null, Objects.requireNonNull(problem, "problem"));
    }

    /** @return the declared target column, if any */
    public Optional<String> target() {
        return config == null ? Optional.empty() : Optional.ofNullable(config.target());
    }

    /** @return the declared quality rules (empty for a plain file) */
    public List<QualityRule> rules() {
        return config == null ? List.of() : config.rules();
    }
}
