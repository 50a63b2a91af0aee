package io.mlwb.serving;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * API keys the server accepts, held only as SHA-256 hashes: a presented key is hashed and compared with every stored
 * hash in constant time ({@link MessageDigest#isEqual}), so neither the keys nor the timing of a comparison leak.
 * Keys come from a file (one per line; blank lines and {@code #} comments skipped) or an environment variable
 * (comma-separated); they are never written anywhere.
 */
public final class ApiKeys {
    /** The environment variable read by {@link #fromEnv}. */
    public static final String ENV = "MLWB_API_KEYS";

    private final List<byte[]> hashes;

    private ApiKeys(List<byte[]> hashes) {
        this.hashes = List.copyOf(hashes);
    }

    /**
     * @param keys the keys in clear (hashed at once, not kept)
     * @return the key set
     * @throws UserError when there is no key or a key is shorter than 16 characters
     */
    public static ApiKeys of(List<String> keys, String source) {
        List<byte[]> h = new ArrayList<>();
        for (String k : keys) {
            String key = k.strip();
            if (key.isEmpty() || key.startsWith("#")) {
                continue;
            }
            if (key.length() < 16) {
                throw new UserError("An API key in " + source + " is shorter than 16 characters.",
                        "Use long random keys, e.g. `openssl rand -hex 32`.", ExitCode.BAD_INPUT, null);
            }
            h.add(sha256(key));
        }
        if (h.isEmpty()) {
            throw new UserError(source + " holds no API key.", "Put one key per line (or unset the option).",
                    ExitCode.BAD_INPUT, null);
        }
        return new ApiKeys(h);
    }

    /**
     * @param file a file with one key per line
     * @return the key set
     * @throws UserError when the file cannot be read or holds no key
     */
    public static ApiKeys fromFile(Path file) {
        try {
            return of(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UserError("Cannot read the API key file " + file + ": " + e.getMessage(),
                    "Check the path given to --api-key-file.", ExitCode.BAD_INPUT, e);
        }
    }

    /**
     * @param value the value of {@value #ENV} (comma-separated keys)
     * @return the key set
     */
    public static ApiKeys fromEnv(String value) {
        return of(List.of(value.split(",")), "$" + ENV);
    }

    /**
     * @param presented the key a request presented, or null
     * @return whether it is one of the keys
     */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] h = sha256(presented.strip());
        boolean ok = false;
        for (byte[] stored : hashes) {
            ok |= MessageDigest.isEqual(stored, h); // no early exit: every hash is compared
        }
        return ok;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
