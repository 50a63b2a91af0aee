package io.mlwb.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The nvidia-smi output recorded on a real H200 (docs/hardware) and the synthetic cases (test resources). */
final class Fixtures {
    private Fixtures() {
    }

    /** @return a file recorded on the H200, found from the module or the repository root */
    static String recorded(String file) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/hardware/nvidia-smi-h200"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/hardware/nvidia-smi-h200 not found above the working directory");
        }
        try {
            return Files.readString(dir.resolve("docs/hardware/nvidia-smi-h200").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a synthetic case from src/test/resources/nvidia-smi */
    static String synthetic(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/nvidia-smi/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no test resource nvidia-smi/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
