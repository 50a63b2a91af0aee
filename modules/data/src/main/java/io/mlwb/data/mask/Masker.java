package io.mlwb.data.mask;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Progress;
import io.mlwb.data.read.ReadOptions;
import io.mlwb.data.read.TableReader;
import io.mlwb.data.table.BooleanColumn;
import io.mlwb.data.table.CategoricalColumn;
import io.mlwb.data.table.Column;
import io.mlwb.data.table.DataTable;
import io.mlwb.data.table.DateTimeColumn;
import io.mlwb.data.table.NumericColumn;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A copy of a data file for development and testing with personal columns masked: {@code token} replaces each value
 * by a keyed HMAC-SHA256 token (the same value gives the same token, so joins still work; the key is kept outside the
 * project and the mapping is never written), {@code age_band} generalizes ages to bands (under 18, 18-24, 25-34, …,
 * 65+), {@code postcode} keeps a postcode's outward part (the text before the space, else its first 3 characters),
 * {@code year} keeps a date's year, {@code drop} blanks the column. The copy is CSV; other columns are written as read.
 */
public final class Masker {
    /** How a column is masked. */
    public enum Method {
        /** A keyed HMAC token. */
        TOKEN,
        /** Age bands. */
        AGE_BAND,
        /** A postcode's outward part. */
        POSTCODE,
        /** A date's year. */
        YEAR,
        /** Blank. */
        DROP
    }

    private final byte[] key;

    /** @param key the HMAC key (at least 16 bytes) */
    public Masker(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("a masking key has at least 16 bytes");
        }
        this.key = key.clone();
    }

    /**
     * @param file the key file (made with 32 random bytes, owner-only, when missing)
     * @return a masker with that key
     */
    public static Masker withKey(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                byte[] k = new byte[32];
                new SecureRandom().nextBytes(k);
                Files.createDirectories(file.getParent());
                Files.write(file, k);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not POSIX: the folder's protection applies
                }
            }
            return new Masker(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UserError("Cannot read or make the masking key " + file + ": " + e.getMessage(),
                    "Check the file.", ExitCode.BAD_INPUT, e);
        }
    }

    /** @return where a person's masking key lives ({@code $XDG_DATA_HOME/mlwb/mask-key}, else ~/.local/share) */
    public static Path defaultKeyFile() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local",
                "share");
        return base.resolve("mlwb").resolve("mask-key");
    }

    /**
     * Parses {@code col[:method],col[:method]…} (method token by default).
     *
     * @param spec the text
     * @return column → method, in order
     */
    public static Map<String, Method> parse(List<String> spec) {
        Map<String, Method> out = new LinkedHashMap<>();
        for (String s : spec) {
            String t = s.strip();
            int colon = t.lastIndexOf(':');
            String col = colon < 0 ? t : t.substring(0, colon);
            String m = colon < 0 ? "token" : t.substring(colon + 1);
            try {
                out.put(col, Method.valueOf(m.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new UserError("'" + m + "' is not a masking method (for column " + col + ").",
                        "Use token, age_band, postcode, year or drop.", ExitCode.BAD_INPUT, e);
            }
        }
        if (out.isEmpty()) {
            throw new UserError("No column to mask.", "Name them with --columns email:token,age:age_band.");
        }
        return out;
    }

    /**
     * Reads a file and writes its masked copy as CSV.
     *
     * @param in      the data file
     * @param options how to read it
     * @param columns column → method
     * @param out     the copy
     * @return the rows written
     * @throws UserError naming a column that is missing, or a method that does not fit it
     */
    public int mask(Path in, ReadOptions options, Map<String, Method> columns, Path out) {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new UserError("The masked copy would overwrite " + in + ".", "Write it to another file.");
        }
        DataTable t = new TableReader().read(in, options, Progress.NONE).table();
        for (Map.Entry<String, Method> e : columns.entrySet()) {
            Column c = t.column(e.getKey()).orElseThrow(() -> new UserError("The data has no column '" + e.getKey()
                    + "'.", "Columns: " + String.join(", ", t.names()) + "."));
            if (e.getValue() == Method.AGE_BAND && !(c instanceof NumericColumn)) {
                throw new UserError("age_band needs a numeric column; '" + c.name() + "' is " + c.type().yamlName()
                        + ".", "Use token or drop for it.");
            }
            if (e.getValue() == Method.YEAR && !(c instanceof DateTimeColumn)) {
                throw new UserError("year needs a date column; '" + c.name() + "' is " + c.type().yamlName() + ".",
                        "Use token or drop for it.");
            }
        }
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp),
                    StandardCharsets.UTF_8), 1 << 16)) {
                w.write(String.join(",", t.names().stream().map(Masker::csv).toList()));
                w.write('\n');
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < t.rowCount(); i++) {
                    line.setLength(0);
                    for (int j = 0; j < t.columns().size(); j++) {
                        Column c = t.columns().get(j);
                        if (j > 0) {
                            line.append(',');
                        }
                        String v = text(c, i);
                        Method m = columns.get(c.name());
                        if (v != null && m != null) {
                            v = apply(m, c, i, v, mac);
                        }
                        line.append(v == null ? "" : csv(v));
                    }
                    w.append(line).append('\n');
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("Cannot write " + out + ": " + e.getMessage(), "Check the path.", ExitCode.BAD_INPUT,
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
        return t.rowCount();
    }

    private static String apply(Method m, Column c, int i, String v, Mac mac) {
        return switch (m) {
            case TOKEN -> "tok_" + HexFormat.of().formatHex(mac.doFinal(v.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 20);
            case AGE_BAND -> band(((NumericColumn) c).values()[i]);
            case POSTCODE -> {
                String s = v.strip().toUpperCase(Locale.ROOT);
                int space = s.indexOf(' ');
                yield space > 0 ? s.substring(0, space) : s.substring(0, Math.min(3, s.length()));
            }
            case YEAR -> Integer.toString(Instant.ofEpochMilli(((DateTimeColumn) c).millis()[i]).atZone(ZoneOffset.UTC)
                    .getYear());
            case DROP -> "";
        };
    }

    /**
     * @param value a value
     * @return its token under this masker's key (what {@link Method#TOKEN} writes)
     */
    public String maskedToken(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return apply(Method.TOKEN, null, 0, value, mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    static String band(double age) {
        if (age < 18) {
            return "under 18";
        }
        if (age >= 65) {
            return "65+";
        }
        if (age < 25) {
            return "18-24";
        }
        int lo = (int) (Math.floor((age - 25) / 10) * 10 + 25);
        return lo + "-" + (lo + 9);
    }

    private static String text(Column c, int i) {
        if (c.isMissing(i)) {
            return null;
        }
        if (c instanceof NumericColumn n) {
            double v = n.values()[i];
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        if (c instanceof CategoricalColumn k) {
            return k.value(i);
        }
        if (c instanceof BooleanColumn b) {
            return b.values()[i] == 1 ? "true" : "false";
        }
        return ((DateTimeColumn) c).text(i);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
