package io.mlwb.training.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nvidia-smi} (found on the PATH, or the binary given) with a timeout and parses its answer. A missing
 * binary, a non-zero exit ("couldn't communicate with the NVIDIA driver") or a timeout give
 * {@link GpuStatus#none(String)}.
 */
public final class NvidiaSmi {
    /** The fields asked for, in order. */
    public static final String QUERY = "index,name,uuid,driver_version,utilization.gpu,utilization.memory,"
            + "memory.used,memory.total,temperature.gpu,power.draw,power.limit";

    /** Runs a command and returns its exit code and output; injectable for tests. */
    public interface Runner {
        /**
         * @param command the command and its arguments
         * @return exit code and standard output (with standard error)
         * @throws IOException when it cannot start (e.g. no such binary)
         */
        Result run(List<String> command) throws IOException;
    }

    /**
     * A finished command.
     *
     * @param exit   its exit code (-1 on timeout)
     * @param output what it printed
     */
    public record Result(int exit, String output) {
    }

    private final String binary;
    private final Runner runner;

    /** The {@code nvidia-smi} on the PATH, run as a process. */
    public NvidiaSmi() {
        this("nvidia-smi", NvidiaSmi::exec);
    }

    /**
     * @param binary the binary
     * @param runner how to run it
     */
    public NvidiaSmi(String binary, Runner runner) {
        this.binary = binary;
        this.runner = runner;
    }

    /** @return the GPUs now, or none with the reason */
    public GpuStatus query() {
        try {
            Result r = runner.run(List.of(binary, "--query-gpu=" + QUERY, "--format=csv,nounits"));
            if (r.exit() != 0) {
                return GpuStatus.none("nvidia-smi failed (exit " + r.exit() + "): " + firstLine(r.output()));
            }
            List<GpuReading> gpus = NvidiaSmiParser.parse(r.output());
            return gpus.isEmpty() ? GpuStatus.none("nvidia-smi lists no GPU") : new GpuStatus(gpus, null, null);
        } catch (IOException e) {
            return GpuStatus.none("no nvidia-smi on this machine (" + e.getMessage() + ")");
        }
    }

    /** @return the GPUs with the CUDA version of the driver (one more call), or none with the reason */
    public GpuStatus describe() {
        GpuStatus s = query();
        if (!s.present()) {
            return s;
        }
        try {
            Result r = runner.run(List.of(binary));
            return new GpuStatus(s.gpus(), null, r.exit() == 0 ? NvidiaSmiParser.cudaVersion(r.output()) : null);
        } catch (IOException e) {
            return s;
        }
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static Result exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(-1, "interrupted");
        }
    }
}
