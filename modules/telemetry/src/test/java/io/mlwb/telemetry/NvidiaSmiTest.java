package io.mlwb.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No GPU is a normal state: a missing binary, a failing driver, a hung tool. Recorded output through the runner. */
class NvidiaSmiTest {
    @TempDir
    Path dir;

    @Test
    void missingBinaryIsNoGpuWithAReason() {
        GpuStatus fake = new NvidiaSmi("nvidia-smi", cmd -> {
            throw new IOException("Cannot run program \"nvidia-smi\": error=2, No such file or directory");
        }).query();
        assertFalse(fake.present());
        assertTrue(fake.gpus().isEmpty());
        assertTrue(fake.reason().contains("no nvidia-smi") && fake.reason().contains("No such file"), fake.reason());

        GpuStatus real = new NvidiaSmi(dir.resolve("no-such-nvidia-smi").toString(), Duration.ofSeconds(5)).query();
        assertFalse(real.present());
        assertTrue(real.reason().startsWith("no nvidia-smi"), real.reason());
        assertNull(new NvidiaSmi(dir.resolve("no-such-nvidia-smi").toString(), Duration.ofSeconds(5)).describe().cuda());
    }

    @Test
    void failingDriverAndBadFieldAreNoGpuWithTheToolsMessage() {
        GpuStatus driver = new NvidiaSmi("nvidia-smi", cmd -> new NvidiaSmi.Result(9,
                Fixtures.synthetic("synthetic-driver-failed.txt"))).query();
        assertFalse(driver.present());
        assertTrue(driver.reason().contains("exit 9") && driver.reason().contains("couldn't communicate"),
                driver.reason());
        GpuStatus badField = new NvidiaSmi("nvidia-smi", cmd -> new NvidiaSmi.Result(2,
                Fixtures.recorded("query-gpu-bad-field.txt"))).query();
        assertTrue(badField.reason().contains("is not a valid field"), badField.reason());
        GpuStatus empty = new NvidiaSmi("nvidia-smi", cmd -> new NvidiaSmi.Result(0, "")).query();
        assertEquals("nvidia-smi lists no GPU", empty.reason());
    }

    @Test
    void asksForTheQueryAndReadsTheCudaVersionFromThePlainHeader() {
        List<List<String>> calls = new ArrayList<>();
        NvidiaSmi smi = new NvidiaSmi("/opt/nvidia/nvidia-smi", cmd -> {
            calls.add(cmd);
            return new NvidiaSmi.Result(0, cmd.size() == 1 ? Fixtures.recorded("nvidia-smi-summary.txt")
                    : Fixtures.recorded("query-gpu-idle.csv"));
        });
        GpuStatus s = smi.describe();
        assertTrue(s.present());
        assertNull(s.reason());
        assertEquals("13.0", s.cuda());
        assertEquals(List.of("/opt/nvidia/nvidia-smi", "--query-gpu=" + NvidiaSmi.QUERY, "--format=csv,nounits"),
                calls.get(0));
        assertEquals(List.of("/opt/nvidia/nvidia-smi"), calls.get(1));
    }

    @Test
    void aRealProcessPrintingRecordedOutputIsRead() throws IOException {
        assumePosix();
        Files.writeString(dir.resolve("query.csv"), Fixtures.recorded("query-gpu-load.csv"));
        Path tool = script("fake-nvidia-smi", "cat '" + dir.resolve("query.csv") + "'");
        GpuStatus s = new NvidiaSmi(tool.toString(), Duration.ofSeconds(30)).query();
        assertTrue(s.present(), String.valueOf(s.reason()));
        assertEquals(6, s.gpus().size());
        assertEquals("NVIDIA H200", s.gpus().get(0).name());
    }

    @Test
    void aRealProcessFailingOrHangingIsNoGpu() throws IOException {
        assumePosix();
        Path failing = script("failing-nvidia-smi", "echo \"NVIDIA-SMI has failed because it couldn't communicate"
                + " with the NVIDIA driver.\"; exit 9");
        GpuStatus f = new NvidiaSmi(failing.toString(), Duration.ofSeconds(30)).query();
        assertTrue(f.reason().contains("exit 9") && f.reason().contains("couldn't communicate"), f.reason());
        Path hanging = script("hanging-nvidia-smi", "exec sleep 60");
        GpuStatus h = new NvidiaSmi(hanging.toString(), Duration.ofMillis(300)).query();
        assertFalse(h.present());
        assertTrue(h.reason().contains("did not answer"), h.reason());
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        assertTrue(p.toFile().setExecutable(true));
        return p;
    }

    private static void assumePosix() {
        assumeTrue(!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win"), "needs /bin/sh");
    }
}
