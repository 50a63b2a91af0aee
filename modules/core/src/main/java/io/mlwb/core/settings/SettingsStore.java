package io.mlwb.core.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code settings.json} in one folder (STYLE.md rule 15).
 *
 * <p>{@link #save} writes a temporary file in the same folder, forces it to disk, copies the previous file to
 * {@code settings.json.bak}, then moves the new file into place atomically, so a crash at any moment leaves a
 * whole file behind. {@link #load} never throws: a missing or invalid field takes its default, and a file that
 * will not parse is moved aside as {@code settings.json.corrupt-<timestamp>} and replaced by the backup, or by
 * the defaults. Each such decision comes back as a warning. Holds no state besides its folder; callers
 * serialise saves (as {@link SettingsService} does).
 */
public final class SettingsStore {
    /** The settings file's name. */
    public static final String FILE_NAME = "settings.json";
    /** The backup's name: the file as it was before the last save. */
    public static final String BACKUP_NAME = FILE_NAME + ".bak";
    /** Start of the name a file that would not parse is kept under; a UTC timestamp follows. */
    public static final String CORRUPT_PREFIX = FILE_NAME + ".corrupt-";

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Clock clock;

    /** @param configDir the folder holding {@code settings.json}; created on the first save */
    public SettingsStore(Path configDir) {
        this(configDir, Clock.systemUTC());
    }

    SettingsStore(Path configDir, Clock clock) {
        this.dir = configDir.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return {@link #defaultDir(Map)} for this process's environment */
    public static Path defaultDir() {
        return defaultDir(System.getenv());
    }

    /**
     * Follows the XDG base directory rule.
     *
     * @param env environment variables
     * @return {@code $XDG_CONFIG_HOME/mlwb} when that variable holds an absolute path, otherwise
     *         {@code ~/.config/mlwb} (the home folder from the {@code user.home} system property)
     */
    public static Path defaultDir(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            try {
                Path p = Path.of(xdg);
                // the XDG spec says relative values are invalid and must be ignored
                if (p.isAbsolute()) {
                    return p.normalize().resolve("mlwb");
                }
            } catch (InvalidPathException e) {
                LOG.debug("Ignoring XDG_CONFIG_HOME {}: {}", xdg, e.getMessage());
            }
        }
        return Path.of(System.getProperty("user.home"), ".config", "mlwb");
    }

    /** @return the settings file, absolute; it may not exist yet */
    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    /** @return the backup of the previous settings file, absolute; it may not exist */
    public Path backupFile() {
        return dir.resolve(BACKUP_NAME);
    }

    /**
     * Reads the settings. Never throws and never refuses: the worst case is the defaults plus a warning.
     * Each warning is also logged at WARN. Moves a file that will not parse aside (see the class comment),
     * so the next save cannot make it the backup.
     *
     * @return the settings, and one warning per problem found; no warnings when there is no file yet
     */
    public LoadResult load() {
        List<String> warnings = new ArrayList<>();
        Settings settings;
        try {
            settings = load(warnings);
        } catch (RuntimeException e) {
            // a bug of ours must not stop the workbench starting either
            LOG.error("Unexpected failure reading {}", file(), e);
            warnings.add("Settings file " + display(file()) + " could not be read (" + e
                    + "); using the default settings");
            settings = Settings.defaults();
        }
        for (String w : warnings) {
            LOG.warn("{}", w);
        }
        return new LoadResult(settings, warnings);
    }

    private Settings load(List<String> warnings) {
        String name = "Settings file " + display(file());
        Read main = read(file());
        if (main.tree != null) {
            Settings s = parse(main.tree, name, warnings);
            if (s != null) {
                LOG.debug("Read {}", file());
                return s;
            }
            main = new Read(null, "a value has an unexpected shape");
        }
        String kept = "";
        if (!main.absent) {
            Path copy = setAside();
            kept = copy == null ? " (the damaged file could not be set aside)"
                    : " (the damaged file was kept as " + copy.getFileName() + ")";
        }
        Read bak = read(backupFile());
        Settings fromBackup = null;
        List<String> backupWarnings = new ArrayList<>();
        if (bak.tree != null) {
            fromBackup = parse(bak.tree, "Settings backup " + display(backupFile()), backupWarnings);
        }
        String problem = main.absent ? "was missing" : "was corrupt (" + main.problem + ")";
        if (fromBackup != null) {
            warnings.add(name + " " + problem + "; restored from the backup" + kept);
            warnings.addAll(backupWarnings);
            return fromBackup;
        }
        if (main.absent && bak.absent) {
            return Settings.defaults(); // first start
        }
        String backupState = bak.absent ? "there is no backup" : "the backup was corrupt too";
        warnings.add(name + " " + problem + " and " + backupState + "; using the default settings" + kept);
        return Settings.defaults();
    }

    /** @return the settings in {@code tree}, or null when reading it failed unexpectedly */
    private static Settings parse(ObjectNode tree, String name, List<String> warnings) {
        List<String> fieldWarnings = new ArrayList<>();
        try {
            Settings s = SettingsJson.read(tree, fieldWarnings);
            fieldWarnings.forEach(w -> warnings.add(name + ": " + w));
            return s;
        } catch (RuntimeException e) {
            LOG.debug("Could not read settings tree", e);
            return null;
        }
    }

    /** The outcome of reading one file: a tree, or absent, or a problem. */
    private record Read(ObjectNode tree, String problem, boolean absent) {
        Read(ObjectNode tree, String problem) {
            this(tree, problem, false);
        }
    }

    private static Read read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Read(null, "missing", true);
        } catch (IOException e) {
            return new Read(null, "cannot read it: " + e.getMessage());
        }
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            if (tree instanceof ObjectNode object) {
                return new Read(object, null);
            }
            return new Read(null, tree == null || tree.isMissingNode() ? "it is empty" : "it is not a JSON object");
        } catch (JsonProcessingException e) {
            return new Read(null, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            return new Read(null, "not valid JSON: " + e.getMessage());
        }
    }

    /** Moves the unparsable file aside (copies it when it cannot be moved); @return where, or null on failure */
    private Path setAside() {
        String stamp = STAMP.format(clock.instant());
        for (int i = 0; i < 100; i++) {
            Path target = dir.resolve(CORRUPT_PREFIX + stamp + (i == 0 ? "" : "-" + i));
            try {
                Files.move(file(), target);
                return target;
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (IOException e) {
                try {
                    Files.copy(file(), target);
                    return target;
                } catch (FileAlreadyExistsException e2) {
                    continue;
                } catch (IOException e2) {
                    LOG.warn("Could not keep a copy of the corrupt settings file {}", file(), e2);
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * Writes {@code settings} atomically: temp file, {@code force}, previous file to {@code .bak}, atomic move.
     * Creates the folder when needed. On failure the previous file is untouched and no temp file is left.
     *
     * @throws IOException when the folder or file cannot be written
     */
    public void save(Settings settings) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(SettingsJson.write(settings));
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, FILE_NAME + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            if (Files.isRegularFile(file())) {
                backUp();
            }
            try {
                Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.debug("Atomic move not supported in {}; replacing the file non-atomically", dir);
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncDir();
        LOG.debug("Saved {} ({} bytes)", file(), bytes.length);
    }

    private void backUp() throws IOException {
        Files.copy(file(), backupFile(), StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(backupFile(), StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Forces the folder entry of the renamed file to disk where the platform allows it (not on Windows). */
    private void syncDir() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.trace("Cannot force folder {}: {}", dir, e.toString());
        }
    }

    /** @return {@code path} with the home folder written as {@code ~}, for messages */
    static String display(Path path) {
        String home = System.getProperty("user.home");
        if (home != null && !home.isEmpty()) {
            Path h = Path.of(home).toAbsolutePath().normalize();
            if (path.startsWith(h) && !path.equals(h)) {
                return "~/" + h.relativize(path).toString().replace('\\', '/');
            }
        }
        return path.toString();
    }
}
