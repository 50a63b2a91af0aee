package io.mlwb.serving;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The W3C Trace Context of one request (https://www.w3.org/TR/trace-context/): the {@code traceparent} received,
 * or one the server starts when none (or an invalid one) came. The response carries the same trace id with the
 * server's own span id, so a caller can follow the request across services; the request log records the header
 * received, or the one started.
 *
 * @param traceId  32 lower-case hex digits, not all zero
 * @param parentId the caller's span id (16 hex digits), or the server's when it started the trace
 * @param flags    two hex digits (01 = sampled)
 * @param spanId   the server's span id for this request
 * @param received whether the trace came from the caller
 */
public record TraceContext(String traceId, String parentId, String flags, String spanId, boolean received) {
    private static final Pattern HEADER = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    /**
     * @param header the {@code traceparent} header, or null
     * @return the context received, or a new trace when the header is absent or invalid
     */
    public static TraceContext of(String header) {
        if (header != null) {
            String h = header.strip();
            var m = HEADER.matcher(h.length() > 55 ? h.substring(0, 55) : h);
            // version ff is invalid; a future version may append fields after the 55 characters of version 00
            if (m.matches() && !m.group(1).equals("ff") && (h.length() == 55 || !m.group(1).equals("00"))
                    && !m.group(2).equals("0".repeat(32)) && !m.group(3).equals("0".repeat(16))) {
                return new TraceContext(m.group(2), m.group(3), m.group(4), hex(16), true);
            }
        }
        String span = hex(16);
        return new TraceContext(hex(32), span, "01", span, false);
    }

    private static String hex(int digits) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(digits);
        while (sb.length() < digits) {
            String s = Long.toHexString(r.nextLong());
            sb.append("0".repeat(16 - s.length())).append(s);
        }
        String out = sb.substring(0, digits);
        return out.chars().allMatch(c -> c == '0') ? hex(digits) : out;
    }

    /** @return the header as received, or the one the server started */
    public String logged() {
        return "00-" + traceId + "-" + parentId + "-" + flags;
    }

    /** @return the header the response carries: the same trace, the server's span */
    public String response() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }
}
