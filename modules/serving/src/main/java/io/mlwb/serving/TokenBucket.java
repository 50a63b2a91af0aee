package io.mlwb.serving;

/**
 * Rate limiting for the whole server: a bucket of {@code burst} tokens refilled at {@code ratePerSecond}; a request
 * takes one token or is refused with 429. Thread-safe.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    /**
     * @param ratePerSecond tokens added per second (more than 0)
     * @param burst         the most tokens held (at least 1)
     */
    public TokenBucket(double ratePerSecond, double burst) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    /** @return whether a token was taken */
    public synchronized boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** @return whole seconds until a token is there (for {@code Retry-After}), at least 1 */
    public synchronized long secondsUntilToken() {
        double missing = 1 - tokens;
        return Math.max(1, (long) Math.ceil(missing / ratePerNano / 1e9));
    }
}
