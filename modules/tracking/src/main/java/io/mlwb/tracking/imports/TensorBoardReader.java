package io.mlwb.tracking.imports;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a TensorBoard log dir, read-only and streaming, without TensorFlow or a protobuf library: the TFRecord framing
 * (both CRC32C checksums verified) and the few Event/Summary/Tensor/hparams messages are decoded by hand.
 *
 * <p>A run is every directory at or below the log dir that directly holds files whose name contains
 * {@code tfevents}, as TensorBoard itself sees them. Its source id is that directory's path relative to the log dir
 * ({@code /} separators, {@code .} for the log dir itself), its name the same (the log dir's folder name for
 * {@code .}), its experiment the log dir's folder name. Its event files are read in file-name order and concatenated;
 * every scalar point is kept as stored (repeated steps, NaN and infinities included; no orphan purging).
 *
 * <p>Scalars are {@code Summary.Value.simple_value} (float32, widened exactly) and TF2 tensor summaries whose tag
 * declared the {@code scalars} plugin (the metadata comes with a tag's first event only). Histograms, images, audio,
 * text and other plugins' values are skipped and counted in the log. A point's time is
 * {@code (long) (wall_time * 1000)}, its step {@code Event.step}; a run's start and end are its earliest and latest
 * event. Params come from an hparams summary's session_start_info (tensorboardX/PyTorch {@code add_hparams}, which
 * writes into a child directory of its own), printed as Python's {@code str()} would ({@code 0.001}, {@code 32.0},
 * {@code True}). Runs are finished, not deleted, without parent or tags; artifacts are the event files' paths.
 */
public final class TensorBoardReader implements SourceReader {
    private static final Logger LOG = LoggerFactory.getLogger(TensorBoardReader.class);
    private static final String HINT = "Name the folder you give 'tensorboard --logdir', the one that holds the "
            + "events.out.tfevents.* files or their run folders.";

    /** Creates a reader; it holds no state between reads. */
    public TensorBoardReader() {
    }

    /** @return {@code tensorboard} */
    @Override
    public String kind() {
        return "tensorboard";
    }

    /**
     * @param path the log dir
     * @return its runs, the log dir itself first (when it holds event files), then by relative path
     * @throws UserError when the path is missing or not a directory, holds no event file, or an event file is damaged
     *                   in the middle (the file and byte offset are named) or of a newer format; a last record cut
     *                   short by a stopped writer is not an error (what comes before it is read, and a warning logged)
     */
    @Override
    public List<ImportedRun> read(Path path) {
        Path root = path.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new UserError("There is no TensorBoard log dir at %s.".formatted(path), HINT);
        }
        if (!Files.isDirectory(root)) {
            throw new UserError("%s is a file, not a TensorBoard log dir.".formatted(path), HINT);
        }
        Map<String, List<Path>> runs = discover(root);
        if (runs.isEmpty()) {
            throw new UserError("There are no TensorBoard event files (names containing 'tfevents') under %s."
                    .formatted(path), HINT);
        }
        String experiment = root.getFileName() == null ? root.toString() : root.getFileName().toString();
        List<ImportedRun> out = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (Map.Entry<String, List<Path>> e : runs.entrySet()) {
            String id = e.getKey();
            out.add(readRun(id, ".".equals(id) ? experiment : id, experiment, e.getValue(), skipped));
        }
        LOG.info("Read TensorBoard log dir {}: {} runs; non-scalar values skipped: {}", root, out.size(),
                skipped.isEmpty() ? "none" : skipped);
        return out;
    }

    /** @return event files by run source id: "." first, then by relative path; files in file-name order */
    private static Map<String, List<Path>> discover(Path root) {
        Map<String, List<Path>> runs = new TreeMap<>(Comparator.comparing((String id) -> !".".equals(id))
                .thenComparing(Comparator.naturalOrder()));
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.getFileName() != null && p.getFileName().toString().contains("tfevents"))
                    .filter(Files::isRegularFile)
                    .forEach(f -> runs.computeIfAbsent(sourceId(root, f.getParent()), k -> new ArrayList<>()).add(f));
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new UserError("Could not list the log dir %s: %s.".formatted(root, io.getMessage()),
                    "Check that the folder and its subfolders are readable.", ExitCode.BAD_INPUT, io);
        }
        runs.values().forEach(files -> files.sort(Comparator.comparing(f -> f.getFileName().toString())));
        return runs;
    }

    private static String sourceId(Path root, Path dir) {
        Path rel = root.relativize(dir);
        if (rel.toString().isEmpty()) {
            return ".";
        }
        List<String> parts = new ArrayList<>();
        rel.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static ImportedRun readRun(String id, String name, String experiment, List<Path> files,
                                       Map<String, Integer> skipped) {
        TbRun run = new TbRun();
        for (Path file : files) {
            run.addArtifact(file.toString());
            try (TfRecordReader records = new TfRecordReader(file)) {
                for (byte[] r = records.next(); r != null; r = records.next()) {
                    run.event(r, file.toString(), records.recordOffset());
                }
                if (records.truncatedAt() >= 0) {
                    LOG.warn("{} ends inside a record at byte offset {} (its writer was probably stopped "
                            + "mid-write); read what came before it", file, records.truncatedAt());
                }
            } catch (IOException e) {
                throw new UserError("Could not read %s: %s.".formatted(file, e.getMessage()),
                        "Check that the file is readable.", ExitCode.BAD_INPUT, e);
            }
        }
        ImportedRun out = run.toRun(id, name, experiment);
        run.skipped().forEach((kind, n) -> skipped.merge(kind, n, Integer::sum));
        LOG.debug("TensorBoard run {}: {} files, {} series, {} points, {} params; skipped {}", id, files.size(),
                out.series().size(), run.points(), out.params().size(), run.skipped());
        return out;
    }
}
