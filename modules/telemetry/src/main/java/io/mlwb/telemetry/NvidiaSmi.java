package io.mlwb.telemetry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Asks {@code nvidia-smi} (the one on the PATH, or the binary given) what the NVIDIA GPUs report, with a timeout.
 * Never throws: a missing binary, a non-zero exit ("NVIDIA-SMI has failed because it couldn't communicate with the
 * NVIDIA driver"), a timeout or output without a GPU line give {@link GpuStatus#none(String)} with the reason, which
 * is a normal state. Thread-safe; each call starts one process.
 */
public final class NvidiaSmi {
    /** The fields asked for, in order (also the columns of {@code noheader} output). */
    public static final String QUERY = "index,name,uuid,driver_version,utilization.gpu,utilization.memory,"
            + "memory.used,memory.total,temperature.gpu,power.draw,power.limit";
    /** How long one call may take before it is stopped. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Runs a command and returns its exit code and output; injectable for tests. */
    public interface Runner {
        /**
         * @param command the command and its arguments
         * @return exit code and standard output (with standard error); {@link Result#TIMED_OUT} when stopped
         * @throws IOException when it cannot start (e.g. no such binary)
         */
        Result run(List<String> command) throws IOException;
    }

    /**
     * A finished command.
     *
     * @param exit   its exit code, or {@link #TIMED_OUT}
     * @param output what it printed (standard output and error together)
     */
    public record Result(int exit, String output) {
        /** The exit code given to a command stopped at its timeout (or interrupted). */
        public static final int TIMED_OUT = -1;
    }

    private final String binary;
    private final Runner runner;

    /** The {@code nvidia-smi} on the PATH, run as a process with {@link #DEFAULT_TIMEOUT}. */
    public NvidiaSmi() {
        this("nvidia-smi", processRunner(DEFAULT_TIMEOUT));
    }

    /**
     * @param binary  the binary (a name looked up on the PATH, or a path)
     * @param timeout how long one call may take
     */
    public NvidiaSmi(String binary, Duration timeout) {
        this(binary, processRunner(timeout));
    }

    /**
     * @param binary the binary
     * @param runner how to run it
     */
    public NvidiaSmi(String binary, Runner runner) {
        this.binary = Objects.requireNonNull(binary, "binary");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** @return the GPUs now (one reading each), or none with the reason */
    public GpuStatus query() {
        Result r;
        try {
            r = runner.run(List.of(binary, "--query-gpu=" + QUERY, "--format=csv,nounits"));
        } catch (IOException | RuntimeException e) {
            return GpuStatus.none("no nvidia-smi on this machine (" + e.getMessage() + ")");
        }
        if (r.exit() == Result.TIMED_OUT) {
            return GpuStatus.none("nvidia-smi did not answer (" + firstLine(r.output()) + ")");
        }
        if (r.exit() != 0) {
            return GpuStatus.none("nvidia-smi failed (exit " + r.exit() + "): " + firstLine(r.output()));
        }
        List<GpuReading> gpus = NvidiaSmiParser.parse(r.output());
        return gpus.isEmpty() ? GpuStatus.none("nvidia-smi lists no GPU") : new GpuStatus(gpus, null, null);
    }

    /**
     * {@link #query()} plus the CUDA version of the driver, read from the header of plain {@code nvidia-smi} output
     * ("CUDA Version: 12.4"); one more call, made only when there is a GPU.
     *
     * @return the GPUs with the CUDA version (null when the header has none), or none with the reason
     */
    public GpuStatus describe() {
        GpuStatus s = query();
        if (!s.present()) {
            return s;
        }
        try {
            Result r = runner.run(List.of(binary));
            return new GpuStatus(s.gpus(), null, r.exit() == 0 ? NvidiaSmiParser.cudaVersion(r.output()) : null);
        } catch (IOException | RuntimeException e) {
            return s;
        }
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).strip();
    }

    /**
     * Runs commands as processes. Output is read on a helper thread while the process runs, so a tool that hangs
     * (a wedged driver) is stopped at the timeout instead of blocking the caller.
     *
     * @param timeout how long one command may take
     * @return the runner
     */
    public static Runner processRunner(Duration timeout) {
        long timeoutMs = Math.max(1, timeout.toMillis());
        return command -> {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // the process was stopped; what was read so far is kept
                }
            }, "mlwb-nvidia-smi-output");
            reader.setDaemon(true);
            reader.start();
            try {
                if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return new Result(Result.TIMED_OUT, "no answer within " + timeoutMs + " ms");
                }
                reader.join(timeoutMs);
                return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                return new Result(Result.TIMED_OUT, "interrupted");
            }
        };
    }
}
