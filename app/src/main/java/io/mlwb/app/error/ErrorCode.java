package io.mlwb.app.error;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A short, stable code for an exception, so two bug reports of the same failure can be matched: the first 8 hex
 * characters of SHA-256 over the exception's class and its top 5 stack frames (class and method, without line
 * numbers, so a rebuild does not change it). The message is left out: it often names files.
 */
public final class ErrorCode {
    /** How many stack frames go into the code. */
    static final int FRAMES = 5;

    private ErrorCode() {
    }

    /** @return an 8-character upper-case hex code for {@code error} */
    public static String of(Throwable error) {
        StringBuilder text = new StringBuilder(error.getClass().getName());
        StackTraceElement[] trace = error.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, trace.length); i++) {
            text.append('\n').append(trace[i].getClassName()).append('#').append(trace[i].getMethodName());
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
