package io.canvass.protection;

/**
 * A token bucket: holds up to {@code capacity} tokens, gains {@code perMinute} a minute, and
 * each request takes one. Time is passed in (System.nanoTime()) so the rule is testable.
 */
final class TokenBucket {

    private static final double NANOS_PER_MINUTE = 60e9;

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedAt;
    private boolean refusing;

    TokenBucket(int capacity, int perMinute, long now) {
        this.capacity = Math.max(1, capacity);
        this.tokensPerNano = Math.max(1, perMinute) / NANOS_PER_MINUTE;
        this.tokens = this.capacity;
        this.updatedAt = now;
    }

    /** Takes a token if there is one. */
    synchronized Outcome take(long now) {
        tokens = Math.min(capacity, tokens + Math.max(0, now - updatedAt) * tokensPerNano);
        updatedAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            refusing = false;
            return Outcome.ALLOWED;
        }
        boolean first = !refusing;
        refusing = true;
        return new Outcome((long) Math.ceil((1 - tokens) / tokensPerNano), first);
    }

    /** How long an idle bucket takes to fill up: after that it is no different from a new one. */
    static long fullRefillNanos(int capacity, int perMinute) {
        return (long) Math.ceil(Math.max(1, capacity) * NANOS_PER_MINUTE / Math.max(1, perMinute));
    }

    /**
     * What became of a request: {@code waitNanos} is 0 when it may go ahead, otherwise the time
     * until the next token; {@code firstRefusal} marks the first refusal after an allowed request.
     */
    record Outcome(long waitNanos, boolean firstRefusal) {
        static final Outcome ALLOWED = new Outcome(0, false);

        boolean allowed() {
            return waitNanos == 0;
        }

        /** Whole seconds for Retry-After, never 0. */
        long retryAfterSeconds() {
            return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        }
    }
}
